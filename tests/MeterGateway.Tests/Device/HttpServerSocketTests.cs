using System.Net;
using System.Net.Sockets;
using System.Text;
using MeterGateway.Platform;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Device;

/// <summary>
/// The box's web server socket (firmware/MeterGateway/Platform/HttpServerSocket.cs, compiled here as it is for the
/// ESP32: it uses only the socket calls nanoFramework and .NET share) against .NET's HttpClient and raw sockets on
/// loopback: what the status page and the portal get from a browser's request, and what the browser gets back.
/// </summary>
public sealed class HttpServerSocketTests : IHttpAnswer, IDisposable
{
    private readonly int _port = ExternalTool.FreePort();
    private readonly HttpServerSocket _server;
    private readonly List<string> _seen = new();

    public HttpServerSocketTests()
    {
        _server = HttpServerSocket.ServeOnThread(_port, this);
    }

    // As StatusHttpServer and PortalServer: answered from what the request says, on the socket's serving thread.
    void IHttpAnswer.Answer(HttpServerSocket socket)
    {
        var request = socket.Request;
        byte[] body = new byte[request.ContentLength];
        int read = socket.ReadBody(body, body.Length);
        lock (_seen) _seen.Add(request.Method + " " + request.Target + " " + Encoding.ASCII.GetString(body, 0, read));
        if (request.Path == "/status.json")
        {
            byte[] json = Encoding.ASCII.GetBytes("{\"frames_valid\":12}");
            socket.Answer(200, "application/json", json, json.Length, request.Method != "HEAD", null, null);
        }
        else if (request.Path == "/power.svg")
        {
            // as StatusHttpServer sends the chart: the head with the whole length, then the body in parts
            byte[] svg = Encoding.ASCII.GetBytes(Chart);
            if (socket.Head(200, "image/svg+xml", svg.Length, null, null) && request.Method == "GET")
            {
                for (int at = 0; at < svg.Length; at += 7) socket.Part(svg, at, Math.Min(7, svg.Length - at));
            }
            socket.End();
        }
        else if (request.Path == "/fails") throw new InvalidOperationException("an answer that fails");
        else if (request.Method == "POST")
        {
            byte[] saved = Encoding.ASCII.GetBytes("saved " + read);
            socket.Answer(302, "text/plain; charset=utf-8", saved, saved.Length, true, "http://192.168.4.1/", null);
        }
        else socket.Answer(405, "text/plain; charset=utf-8", new byte[0], 0, true, null, "GET, HEAD");
    }

    public void Dispose()
    {
        _server.Dispose();
    }

    [Fact]
    public void AnAnswerThatThrowsDropsItsConnectionAndTheNextRequestIsServed()
    {
        Assert.Equal("", Exchange("GET /fails HTTP/1.1\r\nHost: box\r\n\r\n"));
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", Exchange("GET /status.json HTTP/1.1\r\nHost: box\r\n\r\n"));
    }

    [Fact]
    public void ADisposedServerNoLongerListens()
    {
        _server.Dispose();
        using var client = new TcpClient();
        Assert.ThrowsAny<SocketException>(() => client.Connect(IPAddress.Loopback, _port));
    }

    private const string Chart = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90\" height=\"210\"></svg>\n";

    [Fact]
    public async Task AnAnswerSentInPartsIsTheAnswerSentWhole()
    {
        string parts = Exchange("GET /power.svg HTTP/1.1\r\nHost: box\r\n\r\n");
        Assert.Equal("HTTP/1.1 200 OK\r\nContent-Type: image/svg+xml\r\nContent-Length: 71\r\nCache-Control: no-store\r\n"
            + "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n" + Chart, parts);
        using var client = Client();
        Assert.Equal(Chart, await client.GetStringAsync("/power.svg"));
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/power.svg"));
        Assert.Equal(71, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    private HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };

    [Fact]
    public async Task ABrowsersGetAndHeadGetTheDocument()
    {
        using var client = Client();
        using var response = await client.GetAsync("/status.json?t=1");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"frames_valid\":12}", await response.Content.ReadAsStringAsync());
        Assert.Equal("application/json", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(19, response.Content.Headers.ContentLength);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.True(response.Headers.ConnectionClose);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());

        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/status.json"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(19, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        lock (_seen) Assert.Equal(new[] { "GET /status.json?t=1 ", "HEAD /status.json " }, _seen);
    }

    [Fact]
    public async Task AFormPostsBodyArrivesWholeAndARedirectComesBack()
    {
        using var client = Client();
        var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["ssid"] = "Home", ["password"] = "secret 123", ["host"] = "10.0.0.2" });
        using var response = await client.PostAsync("/", form);
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal("http://192.168.4.1/", response.Headers.Location!.ToString());
        Assert.Equal("saved 43", await response.Content.ReadAsStringAsync());
        lock (_seen) Assert.Equal(new[] { "POST / ssid=Home&password=secret+123&host=10.0.0.2" }, _seen);

        using var other = await client.DeleteAsync("/");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, other.StatusCode);
        Assert.Equal(new[] { "GET", "HEAD" }, other.Content.Headers.Allow);
    }

    [Fact]
    public void RequestsTheServerCannotTakeAreAnsweredByItAndNeverReachTheCaller()
    {
        string tooLong = "GET / HTTP/1.1\r\nHost: box\r\nCookie: " + new string('x', HttpServerSocket.HeadBytes) + "\r\n\r\n";
        Assert.StartsWith("HTTP/1.1 431 Request Header Fields Too Large\r\n", Exchange(tooLong));
        Assert.StartsWith("HTTP/1.1 501 Not Implemented\r\n", Exchange("POST / HTTP/1.1\r\nHost: box\r\nTransfer-Encoding: chunked\r\n\r\n"));
        Assert.StartsWith("HTTP/1.1 400 Bad Request\r\n", Exchange("GET status.json HTTP/1.1\r\n\r\n"));
        // the server goes on serving
        Assert.StartsWith("HTTP/1.1 200 OK\r\n", Exchange("GET /status.json HTTP/1.0\r\n\r\n"));
        lock (_seen) Assert.Equal(new[] { "GET /status.json " }, _seen);
    }

    // Sends a request on a raw connection and returns all the server sends until it closes.
    private string Exchange(string request)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveTimeout = 10000 };
        socket.Connect(IPAddress.Loopback, _port);
        try
        {
            socket.Send(Encoding.ASCII.GetBytes(request));
        }
        catch (SocketException)
        {
            // the server answered and closed before the whole request was taken (431): its answer is still to be read
        }
        var answer = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            for (int n; (n = socket.Receive(buffer)) > 0;) answer.Write(buffer, 0, n);
        }
        catch (SocketException)
        {
            // reset after the answer (the rest of a too-long request was never read)
        }
        return Encoding.ASCII.GetString(answer.ToArray());
    }
}
