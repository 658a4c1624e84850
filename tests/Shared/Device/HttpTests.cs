// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Http;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>
    /// The box's HTTP/1.1 messages (RFC 9112): requests as browsers send them to the status page and the portal,
    /// responses as update servers send them (a redirect to a download host, a 206 range, a chunked body).
    /// </summary>
    [TestClass]
    public class HttpTests
    {
        private static byte[] Bytes(string text) { return Ascii.GetBytes(text); }

        // A buffer of the reader's size with as much of the text at its start as fits.
        private static byte[] Received(string text, int size)
        {
            byte[] buffer = new byte[size];
            Ascii.Write(text.Length <= size ? text : text.Substring(0, size), buffer, 0);
            return buffer;
        }

        private const string BrowserGet = "GET /status.json?t=1733400000 HTTP/1.1\r\nHost: 192.168.1.40\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0\r\nAccept: */*\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\nAccept-Encoding: gzip, deflate\r\nConnection: keep-alive\r\n"
            + "Referer: http://192.168.1.40/\r\n\r\n";

        [TestMethod]
        public void ABrowsersGetIsReadWhenItsHeadIsWhole()
        {
            byte[] buffer = Received(BrowserGet, 1024);
            HttpRequest request = new HttpRequest();
            // the head arrives in pieces: nothing until its empty line
            Assert.AreEqual(HttpRequest.Incomplete, request.Parse(buffer, 100));
            Assert.AreEqual(HttpRequest.Incomplete, request.Parse(buffer, BrowserGet.Length - 1));
            Assert.AreEqual(HttpRequest.Complete, request.Parse(buffer, BrowserGet.Length));
            Assert.AreEqual("GET", request.Method);
            Assert.AreEqual("/status.json?t=1733400000", request.Target);
            Assert.AreEqual("/status.json", request.Path);
            Assert.AreEqual(0, request.ContentLength);
            Assert.AreEqual(BrowserGet.Length, request.HeadLength);
        }

        [TestMethod]
        public void APortalFormPostGivesItsBodysLength()
        {
            string body = "ssid=Home&password=secret123&host=10.0.0.2&protocol=dsmr";
            string post = "POST / HTTP/1.1\r\nHost: 192.168.4.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                + "content-length: " + body.Length + "\r\nOrigin: http://192.168.4.1\r\n\r\n" + body;
            byte[] buffer = Received(post, 1024);
            HttpRequest request = new HttpRequest();
            Assert.AreEqual(HttpRequest.Complete, request.Parse(buffer, post.Length));
            Assert.AreEqual("POST", request.Method);
            Assert.AreEqual("/", request.Path);
            Assert.AreEqual(body.Length, request.ContentLength);
            Assert.AreEqual(post.Length - body.Length, request.HeadLength);
            Assert.AreEqual((int)'s', (int)buffer[request.HeadLength]);
        }

        [TestMethod]
        public void BadRequestsGetTheirStatus()
        {
            HttpRequest request = new HttpRequest();
            Assert.AreEqual(400, request.Parse(Bytes("GET status.json HTTP/1.1\r\n\r\n"), 28));
            Assert.AreEqual(400, request.Parse(Bytes("get / HTTP/1.1\r\n\r\n"), 18));
            Assert.AreEqual(400, request.Parse(Bytes("GET / SPDY/3\r\n\r\n"), 16));
            Assert.AreEqual(400, request.Parse(Bytes("GET /\r\n\r\n"), 9));
            Assert.AreEqual(400, request.Parse(Bytes("POST / HTTP/1.1\r\nContent-Length: 12a\r\n\r\n"), 41));
            Assert.AreEqual(400, request.Parse(Bytes("POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n"), 48));
            Assert.AreEqual(501, request.Parse(Bytes("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"), 47));
            // a head that fills the server's buffer without ending
            byte[] full = Received("GET / HTTP/1.1\r\nCookie: " + new string('x', 200), 64);
            Assert.AreEqual(431, request.Parse(full, 64));
            // bare LF line ends (RFC 9112 §2.2)
            Assert.AreEqual(HttpRequest.Complete, request.Parse(Bytes("HEAD /power.svg HTTP/1.0\nHost: box\n\n"), 36));
            Assert.AreEqual("HEAD", request.Method);
            Assert.AreEqual("/power.svg", request.Path);
        }

        [TestMethod]
        public void AResponseHeadIsWrittenWhole()
        {
            byte[] buffer = new byte[512];
            int n = HttpResponseWriter.Write(buffer, 200, "application/json", 4975, null, null);
            Assert.AreEqual("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 4975\r\nCache-Control: no-store\r\n"
                + "X-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n", Ascii.ToString(buffer, 0, n));
            n = HttpResponseWriter.Write(buffer, 405, "text/plain; charset=utf-8", 20, null, "GET, HEAD");
            Assert.AreEqual("HTTP/1.1 405 Method Not Allowed\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 20\r\n"
                + "Allow: GET, HEAD\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
                Ascii.ToString(buffer, 0, n));
            n = HttpResponseWriter.Write(buffer, 302, "text/plain; charset=utf-8", 24, "http://192.168.4.1/", null);
            Assert.AreEqual("HTTP/1.1 302 Found\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 24\r\nLocation: http://192.168.4.1/\r\n"
                + "Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n", Ascii.ToString(buffer, 0, n));
            // what a head needs is within FixedBytes and its strings
            n = HttpResponseWriter.Write(buffer, 431, "text/plain; charset=utf-8", int.MaxValue, null, null);
            Assert.IsTrue(n <= HttpResponseWriter.FixedBytes + "text/plain; charset=utf-8".Length);
        }

        [TestMethod]
        public void UrlsAreSplitForARequest()
        {
            HttpUrl url = HttpUrl.Parse("https://updates.example.org/fleet/manifest.json?v=2#top");
            Assert.IsTrue(url.Secure);
            Assert.AreEqual("updates.example.org", url.Host);
            Assert.AreEqual(443, url.Port);
            Assert.AreEqual("/fleet/manifest.json?v=2", url.PathAndQuery);
            url = HttpUrl.Parse("HTTP://10.0.0.2:8080");
            Assert.IsFalse(url.Secure);
            Assert.AreEqual("10.0.0.2", url.Host);
            Assert.AreEqual(8080, url.Port);
            Assert.AreEqual("/", url.PathAndQuery);
            Assert.IsNull(HttpUrl.Parse("ftp://10.0.0.2/a"));
            Assert.IsNull(HttpUrl.Parse("https://:443/a"));
            Assert.IsNull(HttpUrl.Parse("https://host:0/a"));
            Assert.IsNull(HttpUrl.Parse("https://host:70000/a"));
            Assert.IsNull(HttpUrl.Parse("https://user@host/a"));
            Assert.IsNull(HttpUrl.Parse("updates.example.org/a"));
            // a redirect's Location: a path keeps scheme, host and port; an absolute URL replaces them
            HttpUrl base_ = HttpUrl.Parse("http://10.0.0.2:8080/a/b.pe");
            HttpUrl moved = base_.Resolve("/mirror/b.pe");
            Assert.AreEqual("10.0.0.2", moved.Host);
            Assert.AreEqual(8080, moved.Port);
            Assert.AreEqual("/mirror/b.pe", moved.PathAndQuery);
            moved = base_.Resolve("https://objects.example.net/b.pe?sig=abc");
            Assert.IsTrue(moved.Secure);
            Assert.AreEqual("objects.example.net", moved.Host);
            Assert.IsNull(base_.Resolve("//objects.example.net/b.pe"));
        }

        [TestMethod]
        public void AGetAsksForTheRangeToResume()
        {
            byte[] buffer = new byte[256];
            int n = HttpUrl.Parse("https://updates.example.org/fleet/a/MeterGateway.Outbox.pe").WriteGet(buffer, 4096);
            Assert.AreEqual("GET /fleet/a/MeterGateway.Outbox.pe HTTP/1.1\r\nHost: updates.example.org\r\nRange: bytes=4096-\r\n"
                + "User-Agent: MeterGateway\r\nConnection: close\r\n\r\n", Ascii.ToString(buffer, 0, n));
            n = HttpUrl.Parse("http://10.0.0.2:8080/manifest.json").WriteGet(buffer, 0);
            Assert.AreEqual("GET /manifest.json HTTP/1.1\r\nHost: 10.0.0.2:8080\r\nUser-Agent: MeterGateway\r\nConnection: close\r\n\r\n",
                Ascii.ToString(buffer, 0, n));
        }

        [TestMethod]
        public void ARedirectAndARangeAreRead()
        {
            // as a release host answers for an asset: a 302 to the storage host
            string redirect = "HTTP/1.1 302 Found\r\nServer: GitHub.com\r\nDate: Sat, 05 Dec 2026 18:00:00 GMT\r\n"
                + "Content-Type: text/html; charset=utf-8\r\nVary: X-PJAX, X-PJAX-Container, Turbo-Visit, Turbo-Frame, Accept-Encoding, Accept, X-Requested-With\r\n"
                + "Location: https://objects.example.net/12345/asset?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300\r\n"
                + "Cache-Control: no-cache\r\nContent-Length: 0\r\n\r\n";
            HttpResponseHead head = new HttpResponseHead();
            byte[] buffer = Received(redirect, 2048);
            Assert.AreEqual(0, head.Parse(buffer, redirect.Length - 2));
            Assert.AreEqual(1, head.Parse(buffer, redirect.Length));
            Assert.AreEqual(302, head.Status);
            Assert.AreEqual("https://objects.example.net/12345/asset?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=300", head.Location);
            Assert.AreEqual(0L, head.ContentLength);
            Assert.AreEqual(redirect.Length, head.HeadLength);
            // the storage host's answer to Range: bytes=4096-
            string partial = "HTTP/1.1 206 Partial Content\r\nAccept-Ranges: bytes\r\nContent-Range: bytes 4096-17551/17552\r\n"
                + "Content-Length: 13456\r\nContent-Type: application/octet-stream\r\nETag: \"0x8DCF1A2B3C4D5E6\"\r\n\r\n";
            Assert.AreEqual(1, head.Parse(Received(partial, 2048), partial.Length));
            Assert.AreEqual(206, head.Status);
            Assert.AreEqual(4096L, head.RangeStart);
            Assert.AreEqual(13456L, head.ContentLength);
            Assert.IsNull(head.Location);
            Assert.IsFalse(head.Chunked);
            // malformed, or a head larger than the buffer
            Assert.AreEqual(-1, head.Parse(Bytes("HTTP/1.1 2x0 OK\r\n\r\n"), 19));
            Assert.AreEqual(-1, head.Parse(Bytes("ICY 200 OK\r\n\r\n"), 14));
            Assert.AreEqual(-1, head.Parse(Bytes("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\n"), 44));
            Assert.AreEqual(-1, head.Parse(Received("HTTP/1.1 200 OK\r\nServer: x", 24), 24));
        }

        [TestMethod]
        public void AChunkedBodyIsUndoneInPieces()
        {
            // an nginx answer with the body chunked (RFC 9112 §7.1), a chunk extension and a trailer field
            string response = "HTTP/1.1 200 OK\r\nServer: nginx/1.26.2\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
                + "Connection: close\r\n\r\n"
                + "1a\r\n{\"version\":\"1.4.0\",\"files\"\r\n" + "B;name=value\r\n:[\"a\",\"b\"]}\r\n" + "0\r\nX-Checksum: 1\r\n\r\n";
            byte[] bytes = Bytes(response);
            HttpResponseHead head = new HttpResponseHead();
            Assert.AreEqual(1, head.Parse(bytes, bytes.Length));
            Assert.IsTrue(head.Chunked);
            Assert.AreEqual(-1L, head.ContentLength);
            string whole = "{\"version\":\"1.4.0\",\"files\":[\"a\",\"b\"]}";
            // every split of the body into two pieces gives the same data
            for (int split = head.HeadLength; split <= bytes.Length; split++)
            {
                byte[] copy = Bytes(response);
                HttpChunkedDecoder decoder = new HttpChunkedDecoder();
                decoder.Reset();
                int first = decoder.Decode(copy, head.HeadLength, split - head.HeadLength);
                string data = Ascii.ToString(copy, head.HeadLength, first);
                if (split < bytes.Length) Assert.IsFalse(decoder.Done);
                int second = decoder.Decode(copy, split, bytes.Length - split);
                data += Ascii.ToString(copy, split, second);
                Assert.AreEqual(whole, data);
                Assert.IsTrue(decoder.Done);
            }
            HttpChunkedDecoder bad = new HttpChunkedDecoder();
            bad.Reset();
            Assert.AreEqual(-1, bad.Decode(Bytes("\r\n"), 0, 2));
            bad.Reset();
            Assert.AreEqual(-1, bad.Decode(Bytes("3\r\nabcX"), 0, 7));
            bad.Reset();
            Assert.AreEqual(-1, bad.Decode(Bytes("FFFFFFFFF\r\n"), 0, 11));
        }
    }
}
