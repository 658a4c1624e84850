using System.Collections.Concurrent;
using System.Net;

namespace MeterGateway.Tests.Update
{
    /// <summary>
    /// A release folder served over HTTP on 127.0.0.1 (HttpListener), with <c>Range: bytes=N-</c> answered by 206, and one
    /// broken connection on demand: the first GET of <see cref="BreakFile"/> is aborted after <see cref="BreakAfter"/>
    /// bytes. Records each request as "name from-offset". Stopped when disposed.
    /// </summary>
    public sealed class ReleaseServer : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _folder;
        private readonly Thread _thread;
        private bool _broken;

        /// <summary>The URL of the folder, ending with '/'.</summary>
        public string Url { get; }
        /// <summary>The file whose first request breaks.</summary>
        public string? BreakFile { get; set; }
        /// <summary>Bytes sent before it breaks.</summary>
        public int BreakAfter { get; set; }
        /// <summary>Requests so far.</summary>
        public ConcurrentQueue<string> Requests { get; } = new();

        /// <summary>Serves <paramref name="folder"/> on a free loopback port.</summary>
        public ReleaseServer(string folder)
        {
            _folder = folder;
            int port = Fixtures.ExternalTool.FreePort();
            Url = $"http://127.0.0.1:{port}/release/";
            _listener.Prefixes.Add(Url);
            _listener.Start();
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }

        private void Serve()
        {
            while (true)
            {
                HttpListenerContext context;
                try { context = _listener.GetContext(); }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException) { return; }
                try { Answer(context); }
                catch (Exception e) when (e is HttpListenerException or IOException) { }
            }
        }

        private void Answer(HttpListenerContext context)
        {
            string name = context.Request.Url!.AbsolutePath.Substring("/release/".Length);
            string path = Path.Combine(_folder, name);
            string? range = context.Request.Headers["Range"];
            int from = range != null && range.StartsWith("bytes=") ? int.Parse(range.Substring(6).TrimEnd('-')) : 0;
            Requests.Enqueue(name + " " + from);
            var response = context.Response;
            if (name.Contains('/') || !File.Exists(path))
            {
                response.StatusCode = 404;
                response.Close();
                return;
            }
            byte[] content = File.ReadAllBytes(path);
            if (range != null)
            {
                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {from}-{content.Length - 1}/{content.Length}";
            }
            response.ContentLength64 = content.Length - from;
            if (name == BreakFile && !_broken)
            {
                _broken = true;
                response.OutputStream.Write(content, from, BreakAfter);
                response.OutputStream.Flush();
                Thread.Sleep(100);
                response.Abort();
                return;
            }
            response.OutputStream.Write(content, from, content.Length - from);
            response.Close();
        }

        /// <inheritdoc/>
        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _thread.Join(5000);
        }
    }
}
