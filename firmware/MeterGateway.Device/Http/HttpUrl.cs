using MeterGateway.Readings;

namespace MeterGateway.Http
{
    /// <summary>
    /// An absolute <c>http</c> or <c>https</c> URL split for a request (RFC 9110 §4.2): scheme, host, port (80 or 443
    /// unless given) and the path with its query (origin form, RFC 9112 §3.2.1). No user info, no IPv6 literals.
    /// </summary>
    public sealed class HttpUrl
    {
        /// <summary>True for https: the connection is TLS.</summary>
        public readonly bool Secure;
        /// <summary>The host name or IPv4 address.</summary>
        public readonly string Host;
        /// <summary>The TCP port.</summary>
        public readonly int Port;
        /// <summary>The path and query, "/" when the URL has none.</summary>
        public readonly string PathAndQuery;

        private HttpUrl(bool secure, string host, int port, string pathAndQuery)
        {
            Secure = secure;
            Host = host;
            Port = port;
            PathAndQuery = pathAndQuery;
        }

        /// <summary>
        /// <paramref name="url"/> split, or null when it is not an absolute http(s) URL with a host (and, if given, a
        /// port of 1–65535).
        /// </summary>
        public static HttpUrl Parse(string url)
        {
            if (url == null) return null;
            bool secure;
            int start;
            if (StartsWith(url, "https://")) { secure = true; start = 8; }
            else if (StartsWith(url, "http://")) { secure = false; start = 7; }
            else return null;
            int end = start;
            while (end < url.Length && url[end] != '/' && url[end] != '?' && url[end] != '#') end++;
            int colon = url.IndexOf(':', start);
            int port = secure ? 443 : 80;
            int hostEnd = end;
            if (colon >= 0 && colon < end)
            {
                hostEnd = colon;
                byte[] digits = Ascii.GetBytes(url.Substring(colon + 1, end - colon - 1));
                long value = HttpHead.Decimal(digits, 0, digits.Length);
                if (value < 1 || value > 65535) return null;
                port = (int)value;
            }
            if (hostEnd == start || url.IndexOf('@', start, end - start) >= 0) return null;
            int fragment = url.IndexOf('#', end);
            string path = url.Substring(end, (fragment < 0 ? url.Length : fragment) - end);
            if (path.Length == 0 || path[0] != '/') path = "/" + path;
            return new HttpUrl(secure, url.Substring(start, hostEnd - start), port, path);
        }

        /// <summary>
        /// The URL a redirect's Location names (RFC 9110 §10.2.2), taken against this one: an absolute URL as it is, a
        /// path from "/" on this scheme, host and port; null for anything else.
        /// </summary>
        public HttpUrl Resolve(string location)
        {
            if (location == null || location.Length == 0) return null;
            if (location[0] == '/' && (location.Length == 1 || location[1] != '/')) return new HttpUrl(Secure, Host, Port, location);
            return Parse(location);
        }

        /// <summary>
        /// Writes a GET of this URL into <paramref name="buffer"/> from 0 (RFC 9112 §3, a Host field, <c>Connection:
        /// close</c>, and <c>Range: bytes=N-</c> when <paramref name="from"/> &gt; 0, RFC 9110 §14.2) and returns its
        /// length. The buffer must hold the path and host and 120 bytes more.
        /// </summary>
        public int WriteGet(byte[] buffer, int from)
        {
            int p = Ascii.Write("GET ", buffer, 0);
            p += Ascii.Write(PathAndQuery, buffer, p);
            p += Ascii.Write(" HTTP/1.1\r\nHost: ", buffer, p);
            p += Ascii.Write(Host, buffer, p);
            if (Port != (Secure ? 443 : 80))
            {
                buffer[p++] = (byte)':';
                p += Ascii.WriteInt(Port, buffer, p);
            }
            if (from > 0)
            {
                p += Ascii.Write("\r\nRange: bytes=", buffer, p);
                p += Ascii.WriteInt(from, buffer, p);
                buffer[p++] = (byte)'-';
            }
            p += Ascii.Write("\r\nUser-Agent: MeterGateway\r\nConnection: close\r\n\r\n", buffer, p);
            return p;
        }

        private static bool StartsWith(string text, string prefix)
        {
            if (text.Length < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                char c = text[i];
                if (c >= 'A' && c <= 'Z') c = (char)(c + 32);
                if (c != prefix[i]) return false;
            }
            return true;
        }
    }
}
