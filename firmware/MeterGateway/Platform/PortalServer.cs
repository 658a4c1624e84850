using MeterGateway.Device;
using MeterGateway.Link;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The provisioning portal's web server: <see cref="HttpServerSocket"/> on port 80, one request at a time on its own
    /// thread, each copied into <see cref="ProvisioningPortal.Handle"/> and its
    /// <see cref="PortalResponse"/> copied out. Nothing here decides anything.
    /// </summary>
    public sealed class PortalServer : IHttpAnswer
    {
        private readonly ProvisioningPortal _portal;
        private readonly IClock _clock;
        private const int Port = 80;

        /// <summary>A server for <paramref name="portal"/>.</summary>
        public PortalServer(ProvisioningPortal portal, IClock clock)
        {
            _portal = portal;
            _clock = clock;
        }

        /// <summary>Starts listening on a thread of its own. Throws a <c>SocketException</c> when the port cannot be bound.</summary>
        public void Start()
        {
            HttpServerSocket.ServeOnThread(Port, this);
        }

        /// <summary>Answers one request: its body (at most <see cref="ProvisioningPortal.MaxBodyLength"/> + 1 bytes) through <see cref="ProvisioningPortal.Handle"/>.</summary>
        public void Answer(HttpServerSocket socket)
        {
            // at most one byte more than the portal accepts: enough for it to answer 413 to a larger form
            int length = socket.Request.ContentLength;
            byte[] body = new byte[length > ProvisioningPortal.MaxBodyLength ? ProvisioningPortal.MaxBodyLength + 1 : length];
            int read = socket.ReadBody(body, body.Length);
            PortalResponse answer = _portal.Handle(socket.Request.Method, socket.Request.Target, body, 0, read, _clock.MonotonicMs);
            socket.Answer(answer.Status, answer.ContentType, answer.Body, answer.Body.Length, socket.Request.Method != "HEAD", answer.Location, null);
        }
    }
}
