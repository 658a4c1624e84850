using MeterGateway.Readings;

namespace MeterGateway.Http
{
    /// <summary>
    /// The head of an HTTP/1.1 response as the update client reads it (RFC 9112 §4 status line, §6.3 body length):
    /// the status, how the body ends (Content-Length, chunked, or the connection's close), where a 206's range starts
    /// (RFC 9110 §14.4 Content-Range) and a redirect's Location.
    /// </summary>
    public sealed class HttpResponseHead
    {
        /// <summary>The status code (200, 206, 302, …).</summary>
        public int Status;
        /// <summary>Bytes of the body from Content-Length, or −1 without one.</summary>
        public long ContentLength;
        /// <summary>True when the body is chunked (Transfer-Encoding ending in <c>chunked</c>): read it through <see cref="HttpChunkedDecoder"/>.</summary>
        public bool Chunked;
        /// <summary>The first byte of a <c>Content-Range: bytes N-M/L</c>, or −1 without one.</summary>
        public long RangeStart;
        /// <summary>The Location field's value, or null.</summary>
        public string Location;
        /// <summary>Bytes of the head, its empty line included: the body starts there.</summary>
        public int HeadLength;

        /// <summary>
        /// Reads the head from <paramref name="buffer"/>[0..<paramref name="count"/>): 0 while it is incomplete (and the
        /// buffer not full), 1 when it is read, −1 when it is malformed or does not fit the buffer. Allocates the Location only.
        /// </summary>
        public int Parse(byte[] buffer, int count)
        {
            int head = HttpHead.Length(buffer, count);
            if (head == 0) return count >= buffer.Length ? -1 : 0;
            int lineEnd = HttpHead.LineEnd(buffer, 0, head);
            // "HTTP/1.1 200 OK": the version, a space, three digits, then a space or the line's end
            if (lineEnd < 12 || !Ascii.Equals(buffer, 0, 7, "HTTP/1.") || buffer[8] != ' ') return -1;
            int status = (int)HttpHead.Decimal(buffer, 9, 12);
            if (status < 100 || (12 < lineEnd && buffer[12] != ' ' && buffer[12] != '\r')) return -1;
            Status = status;
            ContentLength = -1;
            Chunked = false;
            RangeStart = -1;
            Location = null;
            for (int line = lineEnd + 1; line < head; line = lineEnd + 1)
            {
                lineEnd = HttpHead.LineEnd(buffer, line, head);
                int value = HttpHead.Value(buffer, line, lineEnd, "content-length");
                if (value >= 0)
                {
                    ContentLength = HttpHead.Decimal(buffer, value, HttpHead.ValueEnd(buffer, value, lineEnd));
                    if (ContentLength < 0) return -1;
                    continue;
                }
                value = HttpHead.Value(buffer, line, lineEnd, "transfer-encoding");
                if (value >= 0)
                {
                    int end = HttpHead.ValueEnd(buffer, value, lineEnd);
                    Chunked = end - value >= 7 && HttpHead.EqualsIgnoringCase(buffer, end - 7, "chunked");
                    if (!Chunked) return -1; // a coding the client cannot undo
                    continue;
                }
                value = HttpHead.Value(buffer, line, lineEnd, "content-range");
                if (value >= 0)
                {
                    int end = HttpHead.ValueEnd(buffer, value, lineEnd);
                    if (end - value < 7 || !HttpHead.EqualsIgnoringCase(buffer, value, "bytes ")) return -1;
                    int dash = HttpHead.IndexOf(buffer, '-', value + 6, end);
                    RangeStart = dash < 0 ? -1 : HttpHead.Decimal(buffer, value + 6, dash);
                    if (RangeStart < 0) return -1;
                    continue;
                }
                value = HttpHead.Value(buffer, line, lineEnd, "location");
                if (value >= 0) Location = Ascii.ToString(buffer, value, HttpHead.ValueEnd(buffer, value, lineEnd) - value);
            }
            if (Chunked) ContentLength = -1; // RFC 9112 §6.3: chunked wins over a Content-Length
            HeadLength = head;
            return 1;
        }
    }
}
