using MeterGateway.Readings;

namespace MeterGateway.Http
{
    /// <summary>
    /// Writes the head of the box's HTTP/1.1 responses (RFC 9112 §4 status line, RFC 9110 §8.3 Content-Type, §8.6
    /// Content-Length, §10.2.2 Location, §10.2.1 Allow): every answer is complete in one message and closes the
    /// connection (<c>Connection: close</c>), is never cached (<c>Cache-Control: no-store</c>) and is not sniffed
    /// (<c>X-Content-Type-Options: nosniff</c>).
    /// </summary>
    public static class HttpResponseWriter
    {
        /// <summary>Bytes a head needs without its Content-Type, Location and Allow values: the fixed fields and the longest status line and length.</summary>
        public const int FixedBytes = 200;

        /// <summary>
        /// Writes the head of a <paramref name="status"/> answer with a body of <paramref name="contentLength"/> bytes of
        /// <paramref name="contentType"/> into <paramref name="buffer"/> from 0; <paramref name="location"/> (a redirect's
        /// target) and <paramref name="allow"/> (the methods of a 405) are left out when null. Returns the head's length.
        /// The buffer must hold <see cref="FixedBytes"/> plus the three strings' lengths.
        /// </summary>
        public static int Write(byte[] buffer, int status, string contentType, int contentLength, string location, string allow)
        {
            int p = Ascii.Write("HTTP/1.1 ", buffer, 0);
            p += Ascii.WriteInt(status, buffer, p);
            buffer[p++] = (byte)' ';
            p += Ascii.Write(Reason(status), buffer, p);
            p += Field("Content-Type", contentType, buffer, p);
            p += Ascii.Write("\r\nContent-Length: ", buffer, p);
            p += Ascii.WriteInt(contentLength, buffer, p);
            if (location != null) p += Field("Location", location, buffer, p);
            if (allow != null) p += Field("Allow", allow, buffer, p);
            p += Ascii.Write("\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n", buffer, p);
            return p;
        }

        /// <summary>The reason phrase of a status the box answers with (RFC 9110 §15), "Error" for others.</summary>
        public static string Reason(int status)
        {
            switch (status)
            {
                case 200: return "OK";
                case 302: return "Found";
                case 400: return "Bad Request";
                case 404: return "Not Found";
                case 405: return "Method Not Allowed";
                case 408: return "Request Timeout";
                case 413: return "Content Too Large";
                case 431: return "Request Header Fields Too Large";
                case 501: return "Not Implemented";
                default: return "Error";
            }
        }

        private static int Field(string name, string value, byte[] buffer, int offset)
        {
            int p = offset + Ascii.Write("\r\n", buffer, offset);
            p += Ascii.Write(name, buffer, p);
            p += Ascii.Write(": ", buffer, p);
            p += Ascii.Write(value, buffer, p);
            return p - offset;
        }
    }
}
