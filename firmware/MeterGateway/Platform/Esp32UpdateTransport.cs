using System;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using MeterGateway.Http;
using MeterGateway.Update;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IUpdateTransport"/> over a nanoFramework socket, through <c>SslStream</c> for https (TLS 1.2, the server's
    /// certificate required and checked against the update server's root CA: PEM, e.g. <c>[MQTT] ca_file</c>'s when
    /// broker and update server share a CA; null: the CA stored in the device's configuration): a GET with
    /// <c>Range: bytes=N-</c> to resume (<see cref="HttpUrl.WriteGet"/>), the response head read by
    /// <see cref="HttpResponseHead"/>, redirects followed (at most <see cref="MaxRedirects"/>), a chunked body undone
    /// (<see cref="HttpChunkedDecoder"/>). As on the host (HttpUpdateTransport): a 206 must start at N
    /// (<c>Content-Range</c>), a 200 is read from the start and N bytes skipped; any other status or an exception is a
    /// failed <see cref="Open"/>, an exception while reading is −1. Blocking, one request at a time, as the core's step
    /// loop expects. Our own few lines instead of nanoFramework's <c>HttpWebRequest</c>: the nanoFramework.System.Net.Http
    /// assembly holds about 10 KB of the ESP32's managed heap from the start (docs/firmware.md, "Memory budget").
    /// </summary>
    public sealed class Esp32UpdateTransport : IUpdateTransport
    {
        /// <summary>Redirects followed for one request (a release host sends a download to its storage host).</summary>
        public const int MaxRedirects = 5;
        private const int TimeoutMs = 30000;
        // a response head's bytes (a storage host's run to 1–2 KB); the request is written into the same buffer
        private const int HeadBytes = 4096;

        private readonly X509Certificate _rootCa;
        private readonly HttpResponseHead _head = new HttpResponseHead();
        private readonly HttpChunkedDecoder _chunks = new HttpChunkedDecoder();
        private byte[] _buffer;
        private Socket _socket;
        private NetworkStream _stream;
        private int _pending;
        private int _pendingAt;
        private long _remaining;

        /// <summary>
        /// A transport trusting <paramref name="rootCa"/> (or the device's stored CA when null): the box's one certificate
        /// of <c>[MQTT] ca_file</c>, which the broker connection trusts too.
        /// </summary>
        public Esp32UpdateTransport(X509Certificate rootCa)
        {
            _rootCa = rootCa;
        }

        /// <inheritdoc/>
        public bool Open(string url, int offset)
        {
            Close();
            try
            {
                _buffer = new byte[HeadBytes];
                HttpUrl target = HttpUrl.Parse(url);
                for (int redirects = 0; target != null && redirects <= MaxRedirects; redirects++)
                {
                    if (!Request(target, offset)) break;
                    int status = _head.Status;
                    if (status == 301 || status == 302 || status == 303 || status == 307 || status == 308)
                    {
                        target = target.Resolve(_head.Location);
                        Disconnect();
                        continue;
                    }
                    if (status == 206 && offset > 0 && _head.RangeStart == offset) return true;
                    if (status == 200 && Skip(offset)) return true;
                    break;
                }
            }
            catch (Exception)
            {
                // SocketException, TLS failures, DNS: a failed open, retried by the core after its backoff
            }
            Close();
            return false;
        }

        // Connects, sends the GET and reads the response head; the body's first bytes stay in the buffer.
        private bool Request(HttpUrl url, int offset)
        {
            IPAddress address = Dns.GetHostEntry(url.Host).AddressList[0];
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _socket.ReceiveTimeout = TimeoutMs;
            _socket.SendTimeout = TimeoutMs;
            _socket.Connect(new IPEndPoint(address, url.Port));
            if (url.Secure)
            {
                SslStream tls = new SslStream(_socket);
                tls.SslVerification = SslVerification.CertificateRequired;
                tls.AuthenticateAsClient(url.Host, null, _rootCa, SslProtocols.Tls12);
                _stream = tls;
            }
            else _stream = new NetworkStream(_socket, true);
            _stream.Write(_buffer, 0, url.WriteGet(_buffer, offset));
            int received = 0;
            while (true)
            {
                int parsed = _head.Parse(_buffer, received);
                if (parsed < 0) return false;
                if (parsed > 0) break;
                int n = _stream.Read(_buffer, received, _buffer.Length - received);
                if (n <= 0) return false;
                received += n;
            }
            _pendingAt = _head.HeadLength;
            _pending = received - _head.HeadLength;
            _remaining = _head.ContentLength;
            _chunks.Reset();
            return true;
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count)
        {
            if (_stream == null) return -1;
            try
            {
                while (true)
                {
                    if (_remaining == 0 || (_head.Chunked && _chunks.Done)) return 0;
                    int n;
                    if (_pending > 0)
                    {
                        n = _pending < count ? _pending : count;
                        Array.Copy(_buffer, _pendingAt, buffer, offset, n);
                        _pendingAt += n;
                        _pending -= n;
                    }
                    else
                    {
                        n = _stream.Read(buffer, offset, _remaining > 0 && _remaining < count ? (int)_remaining : count);
                        if (n <= 0) return _remaining < 0 && !_head.Chunked ? 0 : -1; // a body delimited by the close ends there
                    }
                    if (_head.Chunked)
                    {
                        n = _chunks.Decode(buffer, offset, n);
                        if (n < 0) return -1;
                        if (n == 0) continue; // only chunk framing in this piece
                    }
                    else if (_remaining > 0)
                    {
                        if (n > _remaining) n = (int)_remaining;
                        _remaining -= n;
                    }
                    return n;
                }
            }
            catch (Exception)
            {
                return -1;
            }
        }

        /// <inheritdoc/>
        public void Close()
        {
            Disconnect();
            _buffer = null;
        }

        private void Disconnect()
        {
            try
            {
                if (_stream != null) _stream.Dispose(); // an SslStream does not own its socket, a NetworkStream here does
            }
            catch (Exception)
            {
                // closing a broken connection
            }
            try
            {
                if (_socket != null) _socket.Close();
            }
            catch (Exception)
            {
                // already closed with its stream
            }
            _stream = null;
            _socket = null;
            _pending = 0;
        }

        // Reads and drops the first count bytes of the body (a 200 to a request for a later range).
        private bool Skip(int count)
        {
            byte[] scratch = new byte[512];
            while (count > 0)
            {
                int n = Read(scratch, 0, count < scratch.Length ? count : scratch.Length);
                if (n <= 0) return false;
                count -= n;
            }
            return true;
        }
    }
}
