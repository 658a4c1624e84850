namespace MeterGateway.Core.Device
{
    /// <summary>
    /// Whether bytes that arrived from outside (a command's JSON string, a posted form field) are well-formed UTF-8
    /// (RFC 3629 §4: no overlong forms, no surrogates, nothing above U+10FFFF), checked before they are made a string:
    /// .NET would replace bad bytes with U+FFFD and nanoFramework's decoder is not specified for them, so text from
    /// outside that is not UTF-8 is refused instead. Allocates nothing.
    /// </summary>
    public static class Utf8Check
    {
        /// <summary>True when <paramref name="count"/> bytes from <paramref name="offset"/> are well-formed UTF-8.</summary>
        public static bool IsValid(byte[] bytes, int offset, int count)
        {
            int i = offset;
            int end = offset + count;
            while (i < end)
            {
                int b = bytes[i];
                if (b < 0x80)
                {
                    i++;
                    continue;
                }
                int more;
                int min;
                int cp;
                if (b >= 0xC2 && b <= 0xDF) { more = 1; min = 0x80; cp = b & 0x1F; }
                else if (b >= 0xE0 && b <= 0xEF) { more = 2; min = 0x800; cp = b & 0x0F; }
                else if (b >= 0xF0 && b <= 0xF4) { more = 3; min = 0x10000; cp = b & 0x07; }
                else return false;
                if (i + more >= end) return false;
                for (int k = 1; k <= more; k++)
                {
                    int c = bytes[i + k];
                    if ((c & 0xC0) != 0x80) return false;
                    cp = (cp << 6) | (c & 0x3F);
                }
                if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
                i += more + 1;
            }
            return true;
        }
    }
}
