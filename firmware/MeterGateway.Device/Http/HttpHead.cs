namespace MeterGateway.Http
{
    /// <summary>
    /// The parts of an HTTP/1.1 message head (RFC 9112 §2.1: start line, header field lines, an empty line) as bytes:
    /// where the head ends, its lines, a header field's value and a decimal number. Allocates nothing. Shared by the
    /// box's request reader (<see cref="HttpRequest"/>) and response reader (<see cref="HttpResponseHead"/>).
    /// </summary>
    public static class HttpHead
    {
        /// <summary>
        /// Length of the head at the start of <paramref name="buffer"/>[0..<paramref name="count"/>), the empty line that
        /// ends it included (CRLF CRLF, or LF LF: RFC 9112 §2.2 lets a recipient take a bare LF as a line end); 0 while
        /// the empty line has not come.
        /// </summary>
        public static int Length(byte[] buffer, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (buffer[i] != '\n') continue;
                if (i + 1 < count && buffer[i + 1] == '\n') return i + 2;
                if (i + 2 < count && buffer[i + 1] == '\r' && buffer[i + 2] == '\n') return i + 3;
            }
            return 0;
        }

        /// <summary>Index of the LF that ends the line starting at <paramref name="start"/>, or <paramref name="end"/> when none does before it.</summary>
        public static int LineEnd(byte[] buffer, int start, int end)
        {
            int lf = IndexOf(buffer, '\n', start, end);
            return lf < 0 ? end : lf;
        }

        /// <summary>Index of the first byte <paramref name="value"/> in [<paramref name="start"/>, <paramref name="end"/>), or −1.</summary>
        public static int IndexOf(byte[] buffer, int value, int start, int end)
        {
            for (int i = start; i < end; i++)
            {
                if (buffer[i] == value) return i;
            }
            return -1;
        }

        /// <summary>
        /// Where the value of the field line [<paramref name="start"/>, <paramref name="lineEnd"/>) begins (after the colon
        /// and blanks) when the field's name is <paramref name="name"/> (given in lower case; field names are
        /// case-insensitive, RFC 9110 §5.1), or −1 for another field.
        /// </summary>
        public static int Value(byte[] buffer, int start, int lineEnd, string name)
        {
            int colon = start + name.Length;
            if (colon >= lineEnd || buffer[colon] != ':' || !EqualsIgnoringCase(buffer, start, name)) return -1;
            int value = colon + 1;
            while (value < lineEnd && (buffer[value] == ' ' || buffer[value] == '\t')) value++;
            return value;
        }

        /// <summary>
        /// True when the bytes at <paramref name="offset"/> are <paramref name="lower"/> (lower-case ASCII) in any case; the
        /// caller makes sure they are in the buffer.
        /// </summary>
        public static bool EqualsIgnoringCase(byte[] buffer, int offset, string lower)
        {
            for (int i = 0; i < lower.Length; i++)
            {
                int c = buffer[offset + i];
                if (c >= 'A' && c <= 'Z') c += 32;
                if (c != lower[i]) return false;
            }
            return true;
        }

        /// <summary>The end of a field value starting at <paramref name="value"/>: before the line's CR and trailing blanks.</summary>
        public static int ValueEnd(byte[] buffer, int value, int lineEnd)
        {
            int end = lineEnd;
            while (end > value && (buffer[end - 1] == '\r' || buffer[end - 1] == ' ' || buffer[end - 1] == '\t')) end--;
            return end;
        }

        /// <summary>The decimal number in [<paramref name="start"/>, <paramref name="end"/>), or −1 when it is empty, holds another character or exceeds 2³¹ − 1.</summary>
        public static long Decimal(byte[] buffer, int start, int end)
        {
            if (start >= end) return -1;
            long value = 0;
            for (int i = start; i < end; i++)
            {
                int digit = buffer[i] - '0';
                if (digit < 0 || digit > 9) return -1;
                value = value * 10 + digit;
                if (value > int.MaxValue) return -1;
            }
            return value;
        }
    }
}
