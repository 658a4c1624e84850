using MeterGateway.Readings;

namespace MeterGateway.Http
{
    /// <summary>
    /// The head of an HTTP/1.1 request as the box's web servers read it (RFC 9112 §3 request line, §6 message body
    /// length): the method, the request target, the body's length. <see cref="Parse"/> answers with the HTTP status the
    /// server gives: 0 while the head is incomplete, 200 when it is whole, 400 when it is malformed, 431 when it does not
    /// fit the server's buffer, 501 for a body in a transfer coding (the box's forms come with a Content-Length).
    /// </summary>
    public sealed class HttpRequest
    {
        /// <summary>The head is not whole yet: read more.</summary>
        public const int Incomplete = 0;
        /// <summary>The head is whole and well formed.</summary>
        public const int Complete = 200;

        /// <summary>The method (<c>GET</c>, <c>HEAD</c>, <c>POST</c>, …), set when <see cref="Parse"/> answers <see cref="Complete"/>.</summary>
        public string Method;
        /// <summary>The request target as sent (origin form: a path with its query, e.g. <c>/status.json?x=1</c>).</summary>
        public string Target;
        /// <summary>The target's path: <see cref="Target"/> without its query.</summary>
        public string Path;
        /// <summary>Bytes of the body (Content-Length; 0 without one).</summary>
        public int ContentLength;
        /// <summary>Bytes of the head, its empty line included: the body starts there.</summary>
        public int HeadLength;

        /// <summary>
        /// Reads the head from <paramref name="buffer"/>[0..<paramref name="count"/>): <see cref="Incomplete"/>,
        /// <see cref="Complete"/>, or the error status to answer with (400, 431 when the buffer is full without the
        /// head's end, 501 for a Transfer-Encoding). Allocates the method, target and path strings when complete.
        /// </summary>
        public int Parse(byte[] buffer, int count)
        {
            int head = HttpHead.Length(buffer, count);
            if (head == 0) return count >= buffer.Length ? 431 : Incomplete;
            int lineEnd = HttpHead.LineEnd(buffer, 0, head);
            int space = HttpHead.IndexOf(buffer, ' ', 0, lineEnd);
            if (space <= 0) return 400;
            int targetEnd = HttpHead.IndexOf(buffer, ' ', space + 1, lineEnd);
            if (targetEnd < 0 || targetEnd + 8 > lineEnd || buffer[space + 1] != '/' || !Ascii.Equals(buffer, targetEnd + 1, 7, "HTTP/1.")) return 400;
            for (int i = 0; i < space; i++)
            {
                if (buffer[i] < 'A' || buffer[i] > 'Z') return 400;
            }
            long length = 0;
            for (int line = lineEnd + 1; line < head; line = lineEnd + 1)
            {
                lineEnd = HttpHead.LineEnd(buffer, line, head);
                int value = HttpHead.Value(buffer, line, lineEnd, "content-length");
                if (value >= 0)
                {
                    length = HttpHead.Decimal(buffer, value, HttpHead.ValueEnd(buffer, value, lineEnd));
                    if (length < 0) return 400;
                }
                else if (HttpHead.Value(buffer, line, lineEnd, "transfer-encoding") >= 0) return 501;
            }
            Method = Ascii.Equals(buffer, 0, space, "GET") ? "GET" : Ascii.Equals(buffer, 0, space, "HEAD") ? "HEAD"
                : Ascii.Equals(buffer, 0, space, "POST") ? "POST" : Ascii.ToString(buffer, 0, space);
            Target = Ascii.ToString(buffer, space + 1, targetEnd - space - 1);
            int query = Target.IndexOf('?');
            Path = query < 0 ? Target : Target.Substring(0, query);
            ContentLength = (int)length;
            HeadLength = head;
            return Complete;
        }
    }
}
