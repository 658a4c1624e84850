// Also compiled into the .NET tests (tests/MeterGateway.Tests/Device/HttpServerSocketTests.cs): no nullable annotations.
#nullable disable
using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using MeterGateway.Http;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The socket side of the box's two web servers (the status page and the provisioning portal): a listening
    /// nanoFramework socket whose connections are served one at a time, each with one request read into a buffer of
    /// <see cref="HeadBytes"/> (<see cref="HttpRequest"/>) and one answer (<see cref="HttpResponseWriter"/>), then closed.
    /// What to answer is the caller's. A request that is malformed, too large or too slow (<see cref="TimeoutMs"/>) is
    /// answered here (400, 431, 501, 408) and the caller never sees it. Our own few lines instead of nanoFramework's
    /// <c>HttpListener</c>: the nanoFramework.System.Net.Http assembly holds about 10 KB of the ESP32's managed heap
    /// from the start (docs/firmware.md, "Memory budget").
    /// </summary>
    public sealed class HttpServerSocket : IDisposable
    {
        /// <summary>Bytes of a request head the server reads (a browser's GET is 300–600): a longer one is answered 431.</summary>
        public const int HeadBytes = 1024;
        /// <summary>How long a client may take to send its request, and each part of the answer to leave, in ms.</summary>
        public const int TimeoutMs = 5000;
        private const int Backlog = 2;

        private readonly Socket _listener;
        private byte[] _buffer; // the request head and the answer's head: only while a connection is served
        private Socket _client;
        private int _received;
        private IHttpAnswer _answerer;
        private bool _disposed;

        /// <summary>The request being served (valid after <see cref="Next"/> returned true).</summary>
        public readonly HttpRequest Request = new HttpRequest();

        /// <summary>
        /// Listens on <paramref name="port"/> of every address and serves its connections one at a time on a thread of its
        /// own, each request answered by <paramref name="answerer"/>; an exception while answering drops that connection and
        /// the next is served. Returns the socket: disposing it ends the thread (the box never does). Throws
        /// <see cref="SocketException"/> when the port cannot be bound.
        /// </summary>
        public static HttpServerSocket ServeOnThread(int port, IHttpAnswer answerer)
        {
            HttpServerSocket socket = new HttpServerSocket(port);
            socket._answerer = answerer;
            new Thread(socket.Serve).Start();
            return socket;
        }

        private void Serve()
        {
            while (!_disposed)
            {
                if (!Next()) continue;
                try
                {
                    _answerer.Answer(this);
                }
                catch (Exception)
                {
                    // the next request is served
                }
            }
        }

        /// <summary>Listens on <paramref name="port"/> of every address. Throws <see cref="SocketException"/> when it cannot be bound.</summary>
        public HttpServerSocket(int port)
        {
            _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(IPAddress.Any, port));
            _listener.Listen(Backlog);
        }

        /// <summary>
        /// Waits for the next connection and reads its request head: true when <see cref="Request"/> holds it (then call
        /// <see cref="Answer"/>), false when there was none to serve (a bad request answered here, a client gone).
        /// </summary>
        public bool Next()
        {
            Close();
            try
            {
                _client = _listener.Accept();
                _buffer = new byte[HeadBytes];
                _client.ReceiveTimeout = TimeoutMs;
                _client.SendTimeout = TimeoutMs;
                _received = 0;
                while (true)
                {
                    int status = Request.Parse(_buffer, _received);
                    if (status == HttpRequest.Complete) return true;
                    if (status != HttpRequest.Incomplete)
                    {
                        Answer(status, "text/plain; charset=utf-8", null, 0, false, null, null);
                        return false;
                    }
                    int n = _client.Receive(_buffer, _received, _buffer.Length - _received, SocketFlags.None);
                    if (n <= 0) break;
                    _received += n;
                }
            }
            catch (Exception)
            {
                // a receive timeout, a reset: nothing to answer
            }
            Close();
            return false;
        }

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes of the request's body into <paramref name="body"/> (those that came
        /// with the head first): how many arrived before the client stopped or <see cref="TimeoutMs"/> passed.
        /// </summary>
        public int ReadBody(byte[] body, int count)
        {
            int read = _received - Request.HeadLength;
            if (read > count) read = count;
            Array.Copy(_buffer, Request.HeadLength, body, 0, read);
            try
            {
                while (read < count)
                {
                    int n = _client.Receive(body, read, count - read, SocketFlags.None);
                    if (n <= 0) break;
                    read += n;
                }
            }
            catch (Exception)
            {
                // timed out: the portal judges the body it got
            }
            return read;
        }

        /// <summary>
        /// Sends the answer (head, then <paramref name="length"/> bytes of <paramref name="body"/> unless
        /// <paramref name="withBody"/> is false, as for HEAD) and closes the connection. <paramref name="location"/> and
        /// <paramref name="allow"/> as <see cref="HttpResponseWriter.Write"/>. A client gone meanwhile is ignored.
        /// </summary>
        public void Answer(int status, string contentType, byte[] body, int length, bool withBody, string location, string allow)
        {
            if (Head(status, contentType, length, location, allow) && withBody && length > 0) Part(body, 0, length);
            Close();
        }

        /// <summary>
        /// Sends only an answer's head, for a body of <paramref name="length"/> bytes that follows in parts
        /// (<see cref="Part"/>; the power chart sent through a buffer shorter than itself), arguments as
        /// <see cref="Answer"/>; then <see cref="End"/>. False when the client went away.
        /// </summary>
        public bool Head(int status, string contentType, int length, string location, string allow)
        {
            try
            {
                int head = HttpResponseWriter.Write(_buffer, status, contentType, length, location, allow);
                _client.Send(_buffer, 0, head, SocketFlags.None);
                return true;
            }
            catch (Exception)
            {
                return false; // the client went away
            }
        }

        /// <summary>Sends <paramref name="count"/> bytes of a body from <paramref name="buffer"/> at <paramref name="offset"/>; false when the client went away.</summary>
        public bool Part(byte[] buffer, int offset, int count)
        {
            try
            {
                _client.Send(buffer, offset, count, SocketFlags.None);
                return true;
            }
            catch (Exception)
            {
                return false; // the client went away mid-answer
            }
        }

        /// <summary>Closes the connection of an answer sent with <see cref="Head"/> and <see cref="Part"/>.</summary>
        public void End()
        {
            Close();
        }

        /// <summary>Stops listening: a <see cref="Next"/> waiting for a connection returns false, and so does every later one.</summary>
        public void Dispose()
        {
            _disposed = true;
            Close();
            _listener.Close();
        }

        private void Close()
        {
            _buffer = null;
            if (_client == null) return;
            try
            {
                _client.Close();
            }
            catch (Exception)
            {
                // already reset
            }
            _client = null;
        }
    }
}
