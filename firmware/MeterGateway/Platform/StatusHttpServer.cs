using System.Text;
using System.Threading;
using MeterGateway.Gateway;
using MeterGateway.Health;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The box's read-only status page (docs/status-page.md) on port 80 (<see cref="HttpServerSocket"/>) on a thread of
    /// its own, one request at a time: <c>GET /</c> serves <see cref="StatusPage.Html"/> (sent through the room after the
    /// document in the borrowed status buffer, <see cref="StatusPage.Send"/>), <c>GET /status.json</c> the last status
    /// JSON (<see cref="StatusJson"/>), <c>GET /power.svg</c> the power chart (<see cref="PowerChart"/>, drawn from the
    /// loop's <see cref="PowerHistory"/>, held meanwhile); HEAD too; any other method 405, any other path 404. Nothing can be changed
    /// through it. The server has no answer buffer of its own: a request borrows the loop's status buffer while it sends
    /// (<see cref="GatewayLoop.LendStatus"/>, <see cref="GatewayLoop.ReturnStatus"/>), which the loop makes only while it
    /// is used (<see cref="GatewayLoop.StatusOnDemand"/>). A <c>/status.json</c> request asks the main loop for the
    /// document (<see cref="GatewayLoop.WantStatus"/>), which renders it between steps, waits for it (at most
    /// <see cref="RenderWaitMs"/>) and sends it from the buffer as the loop rendered it; the chart is drawn into the
    /// buffer twice (measured for the head's length, then sent a buffer at a time, <see cref="PowerChart.Send"/>: the
    /// buffer is shorter than the longest chart). Meanwhile the loop renders nothing there and postpones its status
    /// message, so a client never sees half a document and a slow client holds up only the status message, never the
    /// meter.
    /// Runs in normal work only: the provisioning portal (<see cref="PortalServer"/>) has port 80 in portal mode.
    /// </summary>
    public sealed class StatusHttpServer : IPartSink, IHttpAnswer
    {
        private const int Port = 80;
        private static readonly byte[] NotFound = Encoding.UTF8.GetBytes("not found\n");
        private static readonly byte[] ReadOnly = Encoding.UTF8.GetBytes("read-only: GET only\n");
        private static readonly byte[] Starting = Encoding.UTF8.GetBytes("{\"error\":\"starting\"}");

        /// <summary>How long a <c>/status.json</c> request waits for the main loop to render the document, in ms.</summary>
        public const int RenderWaitMs = 2000;
        private const int WaitStepMs = 50;

        private const string TextType = "text/plain; charset=utf-8";
        private HttpServerSocket _socket; // the connection being answered (for the chart's and page's parts)
        private readonly GatewayLoop _loop;
        private bool _withBody;
        private string _contentType;
        // Least room after the status document through which the page is sent without overwriting the document.
        private const int PageRoom = 512;

        /// <summary>
        /// A server of <paramref name="loop"/>'s status (rendered on the loop's thread by <see cref="GatewayLoop.WriteStatus"/>)
        /// and power chart (its <see cref="GatewayLoop.Power"/>, set before).
        /// </summary>
        public StatusHttpServer(GatewayLoop loop)
        {
            _loop = loop;
        }

        /// <summary>Starts listening on port 80 on a thread of its own. Throws a <c>SocketException</c> when the port cannot be bound.</summary>
        public void Start()
        {
            HttpServerSocket.ServeOnThread(Port, this);
        }

        /// <summary>Answers one request (the paths and methods above).</summary>
        public void Answer(HttpServerSocket socket)
        {
            _socket = socket;
            string path = socket.Request.Path;
            string method = socket.Request.Method;
            bool head = method == "HEAD";
            bool json = path == "/status.json";
            bool chart = path == "/power.svg";
            if (!json && !chart && path != "/" && path != "/index.html")
            {
                socket.Answer(404, TextType, NotFound, NotFound.Length, !head, null, null);
                return;
            }
            if (!head && method != "GET")
            {
                socket.Answer(405, TextType, ReadOnly, ReadOnly.Length, true, null, "GET, HEAD");
                return;
            }
            if (!json)
            {
                // the chart: drawn twice into the borrowed buffer, measured for the head, then sent a buffer at a time; the
                // page: through the room after the document in the borrowed buffer (or over it, when that room is small)
                int document = _loop.LendStatus();
                bool over = chart || _loop.StatusBuffer.Length - document < PageRoom;
                _contentType = chart ? "image/svg+xml" : "text/html; charset=utf-8";
                _withBody = !head;
                try
                {
                    // a writer per request: it holds the lent buffer, which the loop drops when it comes back
                    ChartWriter writer = new ChartWriter();
                    if (chart) PowerChart.Send(_loop.Power, _loop.StatusBuffer, writer, this);
                    else StatusPage.Send(_loop.StatusBuffer, over ? 0 : document, writer, this);
                }
                finally
                {
                    _loop.ReturnStatus(over);
                    socket.End();
                }
                return;
            }
            int length = LendDocument();
            try
            {
                if (length == 0) socket.Answer(200, "application/json", Starting, Starting.Length, !head, null, null);
                else socket.Answer(200, "application/json", _loop.StatusBuffer, length, !head, null, null);
            }
            finally
            {
                _loop.ReturnStatus(false);
            }
        }

        /// <summary>The head of the chart or the page (<see cref="IPartSink"/>, for <see cref="PowerChart.Send"/> and <see cref="StatusPage.Send"/>); true when its body follows (GET).</summary>
        public bool Begin(int length)
        {
            return _socket.Head(200, _contentType, length, null, null) && _withBody;
        }

        /// <summary>A part of the chart or the page (<see cref="IPartSink"/>), to the client.</summary>
        public bool Part(byte[] buffer, int offset, int count)
        {
            return _socket.Part(buffer, offset, count);
        }

        // Asks the main loop for the document, waits for it, and borrows the loop's status buffer with it (0: none came).
        private int LendDocument()
        {
            _loop.WantStatus();
            for (int waited = 0; !_loop.HasStatus && waited < RenderWaitMs; waited += WaitStepMs) Thread.Sleep(WaitStepMs);
            return _loop.LendStatus();
        }
    }
}
