using System.Net;
using System.Threading;
using MeterGateway.Device;
using MeterGateway.Link;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The provisioning portal's web server: nanoFramework's <c>HttpListener</c> on port 80 (nanoFramework.System.Net.Http),
    /// one request at a time on its own thread, each copied into <see cref="ProvisioningPortal.Handle"/> and its
    /// <see cref="PortalResponse"/> copied out. Nothing here decides anything.
    /// </summary>
    public sealed class PortalServer
    {
        private readonly ProvisioningPortal _portal;
        private readonly IClock _clock;
        private readonly HttpListener _listener = new HttpListener("http");

        /// <summary>A server for <paramref name="portal"/>.</summary>
        public PortalServer(ProvisioningPortal portal, IClock clock)
        {
            _portal = portal;
            _clock = clock;
        }

        /// <summary>Starts listening on a thread of its own.</summary>
        public void Start()
        {
            _listener.Start();
            new Thread(Serve).Start();
        }

        private void Serve()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context = _listener.GetContext();
                if (context == null) continue;
                try
                {
                    Answer(context);
                }
                catch (System.Exception)
                {
                    // a client that went away mid-request: the next one is served
                }
            }
        }

        private void Answer(HttpListenerContext context)
        {
            HttpListenerRequest request = context.Request;
            // at most one byte more than the portal accepts: enough for it to answer 413 to a larger form
            long length = request.ContentLength64;
            int count = length <= 0 ? 0 : length > ProvisioningPortal.MaxBodyLength ? ProvisioningPortal.MaxBodyLength + 1 : (int)length;
            byte[] body = new byte[count];
            int read = 0;
            while (read < count)
            {
                int n = request.InputStream.Read(body, read, count - read);
                if (n <= 0) break;
                read += n;
            }
            PortalResponse answer = _portal.Handle(request.HttpMethod, request.RawUrl, body, 0, read, _clock.MonotonicMs);

            HttpListenerResponse response = context.Response;
            response.StatusCode = answer.Status;
            response.ContentType = answer.ContentType;
            if (answer.Location != null) response.RedirectLocation = answer.Location;
            response.ContentLength64 = answer.Body.Length;
            response.OutputStream.Write(answer.Body, 0, answer.Body.Length);
            response.Close();
        }
    }
}
