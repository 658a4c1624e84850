using System.Net;
using System.Net.Sockets;
using System.Text;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.Readings;

namespace MeterGateway.Host.Status;

/// <summary>
/// The read-only status page of <c>metergateway run --http ADDRESS:PORT</c>: <c>GET /</c> serves
/// <see cref="StatusPage.Html"/>, <c>GET /status.json</c> the last status JSON (<see cref="StatusJson"/>), <c>GET /power.svg</c>
/// the chart of the loop's <see cref="GatewayLoop.Power"/> (<see cref="PowerChart"/>, drawn per request); HEAD is
/// answered too, any other method gets 405 (on every path), any other path 404. There are no handlers that change anything.
/// <para>
/// Built on <see cref="HttpListener"/> rather than ASP.NET Core: three fixed GET routes need no middleware pipeline, it
/// keeps the program on the base runtime (a Raspberry Pi install needs no ASP.NET Core shared framework and the
/// self-contained build stays small), and nanoFramework's HTTP server on the box has the same HttpListener shape, so
/// both serve the page the same way.
/// </para>
/// The JSON is rendered on the gateway loop's thread (<see cref="Update"/>, at most twice a second) and handed over as
/// an immutable copy; the listener's threads only read that copy.
/// </summary>
public sealed class StatusPageServer : IDisposable
{
    private static readonly byte[] Page = Encoding.UTF8.GetBytes(StatusPage.Html);
    private static readonly byte[] NotYet = Encoding.UTF8.GetBytes("{\"error\":\"starting\"}");

    private readonly HttpListener _listener;
    private readonly Task _serving;
    private volatile byte[]? _json;
    private volatile PowerHistory? _power;
    private readonly object _chartLock = new();
    private readonly byte[] _chart = new byte[PowerChart.MaxLength(PowerHistory.DefaultMinutes)];
    private readonly ChartWriter _chartWriter = new();
    private long _renderedMs;
    private bool _rendered;

    private StatusPageServer(HttpListener listener, Uri url)
    {
        _listener = listener;
        Url = url;
        _serving = Task.Run(ServeAsync);
    }

    /// <summary>The page's address, e.g. <c>http://127.0.0.1:8080/</c>.</summary>
    public Uri Url { get; }

    /// <summary>
    /// Listens on <paramref name="address"/> (<c>HOST:PORT</c>; <c>0.0.0.0</c> or <c>*</c> for every interface). A
    /// malformed address is a <see cref="Cli.UsageException"/>; an address that cannot be bound an <see cref="IOException"/>.
    /// </summary>
    public static StatusPageServer Start(string address)
    {
        int colon = address.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(address.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port)
            || port < 1 || port > 65535)
            throw new Cli.UsageException($"--http {address}: expected HOST:PORT, e.g. 127.0.0.1:8080");
        string host = address.Substring(0, colon);
        string prefixHost = host is "0.0.0.0" or "*" or "+" ? "+" : host;
        var listener = new HttpListener();
        listener.Prefixes.Add($"http://{prefixHost}:{port}/");
        try
        {
            listener.Start();
        }
        catch (Exception e) when (e is HttpListenerException or SocketException)
        {
            listener.Close();
            throw new IOException($"--http {address}: cannot listen there ({e.Message})", e);
        }
        string shown = prefixHost == "+" ? "0.0.0.0" : host;
        return new StatusPageServer(listener, new Uri($"http://{shown}:{port}/"));
    }

    /// <summary>
    /// On the gateway loop's thread: renders the loop's status (at most every 500 ms of its clock) for the next
    /// requests.
    /// </summary>
    public void Update(GatewayLoop loop)
    {
        _power = loop.Power;
        long now = loop.Clock.MonotonicMs;
        if (_rendered && now - _renderedMs < 500) return;
        _rendered = true;
        _renderedMs = now;
        int length = loop.WriteStatus();
        if (length > 0) _json = loop.StatusBuffer.AsSpan(0, length).ToArray();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }
            try
            {
                Answer(context);
            }
            catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
            {
                // the client went away; nothing to do
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or UriFormatException)
            {
                // A request the listener could not make sense of: drop it, keep serving the next ones.
                try { context.Response.Abort(); } catch (ObjectDisposedException) { }
            }
        }
    }

    private void Answer(HttpListenerContext context)
    {
        HttpListenerRequest request = context.Request;
        HttpListenerResponse response = context.Response;
        response.Headers["Cache-Control"] = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        if (request.HttpMethod != "GET" && request.HttpMethod != "HEAD")
        {
            response.Headers["Allow"] = "GET, HEAD";
            Finish(response, 405, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("read-only: GET only\n"), true);
            return;
        }
        string path = request.Url?.AbsolutePath ?? "/";
        if (path == "/power.svg")
        {
            Finish(response, 200, "image/svg+xml", Chart(), request.HttpMethod == "GET");
            return;
        }
        byte[]? body = path switch
        {
            "/" or "/index.html" => Page,
            "/status.json" => _json ?? NotYet,
            _ => null,
        };
        if (body == null)
        {
            Finish(response, 404, "text/plain; charset=utf-8", Encoding.UTF8.GetBytes("not found\n"), request.HttpMethod != "HEAD");
            return;
        }
        string type = ReferenceEquals(body, Page) ? "text/html; charset=utf-8" : "application/json";
        Finish(response, ReferenceEquals(body, NotYet) ? 503 : 200, type, body, request.HttpMethod == "GET");
    }

    // The chart as the box sends it, drawn whole into one buffer shared by the listener's threads (a ring larger than the
    // default gets a buffer of its own size).
    private byte[] Chart()
    {
        PowerHistory? power = _power;
        int minutes = power?.Minutes ?? PowerHistory.DefaultMinutes;
        lock (_chartLock)
        {
            _chartWriter.Reset(minutes <= PowerHistory.DefaultMinutes ? _chart : new byte[PowerChart.MaxLength(minutes)], 0, null);
            PowerChart.Write(power, _chartWriter);
            return _chartWriter.Buffer.AsSpan(0, _chartWriter.Length).ToArray();
        }
    }

    private static void Finish(HttpListenerResponse response, int status, string type, byte[] body, bool withBody)
    {
        response.StatusCode = status;
        response.ContentType = type;
        response.ContentLength64 = body.Length;
        if (withBody) response.OutputStream.Write(body, 0, body.Length);
        response.Close();
    }

    /// <summary>Stops listening and waits for the accept loop to end.</summary>
    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the loop ended with the listener
        }
    }
}
