using System.Net;
using System.Text;
using System.Threading;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.Readings;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The box's read-only status page (docs/status-page.md) on port 80, nanoFramework's <c>HttpListener</c> on a
    /// thread of its own: <c>GET /</c> serves <see cref="StatusPage.Html"/>, <c>GET /status.json</c> the last status
    /// JSON (<see cref="StatusJson"/>), <c>GET /power.svg</c> the power chart (<see cref="PowerChart"/>, drawn from the
    /// loop's <see cref="PowerHistory"/>, under the ring's lock); HEAD too; any other method 405, any other path 404. Nothing can be changed
    /// through it. The server has no answer buffer of its own: the main loop renders the JSON into its status buffer
    /// (<see cref="GatewayLoop.WriteStatus"/>, under a lock), and a request borrows that buffer while it sends
    /// (<see cref="GatewayLoop.LendStatus"/>, <see cref="GatewayLoop.ReturnStatus"/>): the JSON is sent from it as the
    /// loop rendered it, the chart is drawn into it. Meanwhile the loop renders nothing there and postpones its status
    /// message, so a client never sees half a document and a slow client holds up only the status message, never the
    /// meter. After a chart the buffer holds no document until the main loop renders one again (once a second):
    /// a <c>/status.json</c> request then waits for it (at most <see cref="RenderWaitMs"/>).
    /// Runs in normal work only: the provisioning portal (<see cref="PortalServer"/>) has port 80 in portal mode.
    /// </summary>
    public sealed class StatusHttpServer
    {
        private const int Port = 80;
        private static readonly byte[] NotFound = Encoding.UTF8.GetBytes("not found\n");
        private static readonly byte[] ReadOnly = Encoding.UTF8.GetBytes("read-only: GET only\n");
        private static readonly byte[] Starting = Encoding.UTF8.GetBytes("{\"error\":\"starting\"}");

        /// <summary>How long a <c>/status.json</c> request waits for the main loop to render the document again after a chart was drawn over it, in ms.</summary>
        public const int RenderWaitMs = 2000;
        private const int WaitStepMs = 50;

        private readonly HttpListener _listener = new HttpListener("http", Port);
        private readonly JsonWriter _chart = new JsonWriter(1);
        private readonly GatewayLoop _loop;
        private bool _chartDrawn;

        /// <summary>
        /// A server of <paramref name="loop"/>'s status (rendered on the loop's thread by <see cref="GatewayLoop.WriteStatus"/>)
        /// and power chart (its <see cref="GatewayLoop.Power"/>, set before).
        /// </summary>
        public StatusHttpServer(GatewayLoop loop)
        {
            _loop = loop;
        }

        /// <summary>Starts listening on port 80 on a thread of its own.</summary>
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
            HttpListenerResponse response = context.Response;
            string path = request.RawUrl;
            int query = path.IndexOf('?');
            if (query >= 0) path = path.Substring(0, query);
            bool head = request.HttpMethod == "HEAD";
            bool json = path == "/status.json";
            bool chart = path == "/power.svg";
            if (!json && !chart && path != "/" && path != "/index.html")
            {
                Finish(response, 404, "text/plain; charset=utf-8", NotFound, NotFound.Length, !head);
                return;
            }
            if (!head && request.HttpMethod != "GET")
            {
                response.Headers.Add("Allow", "GET, HEAD");
                Finish(response, 405, "text/plain; charset=utf-8", ReadOnly, ReadOnly.Length, true);
                return;
            }
            if (chart)
            {
                _loop.LendStatus();
                try
                {
                    // the buffer holds StatusCapacity bytes, more than PowerChart.MaxLength(PowerHistory.DefaultMinutes)
                    _chart.Reset(_loop.StatusBuffer, 0);
                    _chartDrawn = true;
                    PowerChart.Write(_loop.Power, _chart);
                    Finish(response, 200, "image/svg+xml", _loop.StatusBuffer, _chart.Length, !head);
                }
                finally
                {
                    _loop.ReturnStatus(true);
                }
                return;
            }
            if (!json)
            {
                // encoded per request (someone opening the page; its script then asks for /status.json): 3.4 KB that a
                // static field would hold for good
                byte[] page = Encoding.UTF8.GetBytes(StatusPage.Html);
                Finish(response, 200, "text/html; charset=utf-8", page, page.Length, !head);
                return;
            }
            int length = LendDocument();
            try
            {
                if (length == 0) Finish(response, 200, "application/json", Starting, Starting.Length, !head);
                else Finish(response, 200, "application/json", _loop.StatusBuffer, length, !head);
            }
            finally
            {
                _loop.ReturnStatus(false);
            }
        }

        // Borrows the loop's status buffer; after a chart drawn over the document, first waits for the main loop to render it again.
        private int LendDocument()
        {
            for (int waited = 0; ; waited += WaitStepMs)
            {
                int length = _loop.LendStatus();
                if (length > 0) _chartDrawn = false;
                if (length > 0 || !_chartDrawn || waited >= RenderWaitMs) return length;
                _loop.ReturnStatus(false);
                Thread.Sleep(WaitStepMs);
            }
        }

        private static void Finish(HttpListenerResponse response, int status, string contentType, byte[] body, int length, bool withBody)
        {
            response.StatusCode = status;
            response.ContentType = contentType;
            response.Headers.Add("Cache-Control", "no-store");
            response.Headers.Add("X-Content-Type-Options", "nosniff");
            response.ContentLength64 = length;
            if (withBody) response.OutputStream.Write(body, 0, length);
            response.Close();
        }
    }
}
