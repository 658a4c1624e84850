using System;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using MeterGateway.Update;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IUpdateTransport"/> over nanoFramework's <c>HttpWebRequest</c> (nanoFramework.System.Net.Http): GET
    /// with a <c>Range: bytes=N-</c> header to resume, TLS 1.2 checked against the update server's root CA (PEM, e.g.
    /// <c>[MQTT] ca_file</c>'s when broker and update server share a CA; null: the CA stored in the device's
    /// configuration). As on the host (HttpUpdateTransport): a 206 must start at N (<c>Content-Range</c>), a 200
    /// is read from the start and N bytes skipped; any other status or an exception is a failed <see cref="Open"/>,
    /// an exception while reading is −1. Blocking, one request at a time, as the core's step loop expects.
    /// </summary>
    public sealed class Esp32UpdateTransport : IUpdateTransport
    {
        private const int TimeoutMs = 30000;
        private readonly X509Certificate _rootCa;
        private readonly byte[] _skip = new byte[512];
        private HttpWebResponse _response;
        private Stream _body;

        /// <summary>A transport trusting <paramref name="rootCaPem"/> (or the device's stored CA when null).</summary>
        public Esp32UpdateTransport(string rootCaPem)
        {
            _rootCa = rootCaPem == null ? null : new X509Certificate(rootCaPem);
        }

        /// <inheritdoc/>
        public bool Open(string url, int offset)
        {
            Close();
            try
            {
                HttpWebRequest request = (HttpWebRequest)WebRequest.Create(url);
                request.Method = "GET";
                request.Timeout = TimeoutMs;
                request.ReadWriteTimeout = TimeoutMs;
                request.SslProtocols = SslProtocols.Tls12;
                if (_rootCa != null) request.HttpsAuthentCert = _rootCa;
                if (offset > 0) request.Headers.Add("Range", "bytes=" + offset.ToString() + "-");
                _response = (HttpWebResponse)request.GetResponse();
                _body = _response.GetResponseStream();
                if (_response.StatusCode == HttpStatusCode.PartialContent && offset > 0 && StartsAt(_response.Headers["Content-Range"], offset)) return true;
                if (_response.StatusCode == HttpStatusCode.OK && Skip(offset)) return true;
            }
            catch (Exception)
            {
                // WebException, SocketException, TLS failures: a failed open, retried by the core after its backoff
            }
            Close();
            return false;
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count)
        {
            if (_body == null) return -1;
            try
            {
                return _body.Read(buffer, offset, count);
            }
            catch (Exception)
            {
                return -1;
            }
        }

        /// <inheritdoc/>
        public void Close()
        {
            try
            {
                if (_body != null) _body.Dispose();
                if (_response != null) _response.Dispose();
            }
            catch (Exception)
            {
                // closing a broken connection
            }
            _body = null;
            _response = null;
        }

        // "bytes 1024-4095/4096" starts at 1024.
        private static bool StartsAt(string contentRange, int offset)
        {
            if (contentRange == null) return false;
            string expected = "bytes " + offset.ToString() + "-";
            return contentRange.Length > expected.Length && contentRange.Substring(0, expected.Length) == expected;
        }

        private bool Skip(int count)
        {
            while (count > 0)
            {
                int n = _body.Read(_skip, 0, count < _skip.Length ? count : _skip.Length);
                if (n <= 0) return false;
                count -= n;
            }
            return true;
        }
    }
}
