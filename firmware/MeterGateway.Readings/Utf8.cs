namespace MeterGateway.Readings
{
    /// <summary>
    /// UTF-8 (RFC 3629) between strings and bytes without <c>System.Text.Encoding</c>, which nanoFramework keeps in a
    /// separate assembly (nanoFramework.System.Text) that the lower assemblies must not need. Like .NET's
    /// <c>Encoding.UTF8</c>: a lone surrogate is encoded as U+FFFD, and bytes that are not valid UTF-8 (overlong forms,
    /// surrogates, values above U+10FFFF, cut sequences) decode to U+FFFD, one per maximal invalid subpart.
    /// <see cref="WriteCodePoint"/> fills the caller's buffer and allocates nothing; <see cref="ByteCount"/> and
    /// <see cref="Write"/> read the text through one <c>ToCharArray</c> (see below); <see cref="GetBytes"/> and
    /// <see cref="GetString"/> allocate their result: start-up and command code, not the per-telegram path.
    /// Note that a nanoFramework string ends at its first NUL: decoded text is cut there on the box.
    /// Strings are read with <c>ToCharArray</c>, not the indexer: nanoFramework keeps strings as UTF-8, so
    /// <c>text[i]</c> scans the string from its start on every call, and for the second unit of a surrogate pair
    /// it returns the first one again (nanoCLR's String.get_Chars), which would split the pair.
    /// </summary>
    public static class Utf8
    {
        /// <summary>The replacement character U+FFFD written for what cannot be encoded or decoded.</summary>
        public const int Replacement = 0xFFFD;

        /// <summary>Bytes that <see cref="WriteCodePoint"/> writes for <paramref name="cp"/> (0..0x10FFFF): 1 to 4.</summary>
        public static int Length(int cp)
        {
            return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }

        /// <summary>Writes the UTF-8 bytes of code point <paramref name="cp"/> (0..0x10FFFF) at <paramref name="offset"/>; returns their number (1..4).</summary>
        public static int WriteCodePoint(int cp, byte[] buffer, int offset)
        {
            if (cp < 0x80)
            {
                buffer[offset] = (byte)cp;
                return 1;
            }
            if (cp < 0x800)
            {
                buffer[offset] = (byte)(0xC0 | (cp >> 6));
                buffer[offset + 1] = (byte)(0x80 | (cp & 0x3F));
                return 2;
            }
            if (cp < 0x10000)
            {
                buffer[offset] = (byte)(0xE0 | (cp >> 12));
                buffer[offset + 1] = (byte)(0x80 | ((cp >> 6) & 0x3F));
                buffer[offset + 2] = (byte)(0x80 | (cp & 0x3F));
                return 3;
            }
            buffer[offset] = (byte)(0xF0 | (cp >> 18));
            buffer[offset + 1] = (byte)(0x80 | ((cp >> 12) & 0x3F));
            buffer[offset + 2] = (byte)(0x80 | ((cp >> 6) & 0x3F));
            buffer[offset + 3] = (byte)(0x80 | (cp & 0x3F));
            return 4;
        }

        /// <summary>Bytes the UTF-8 form of <paramref name="text"/> takes (0 for null).</summary>
        public static int ByteCount(string text)
        {
            if (text == null) return 0;
            char[] chars = text.ToCharArray();
            int n = 0;
            for (int i = 0; i < chars.Length; i++) n += Length(CodePointAt(chars, ref i));
            return n;
        }

        /// <summary>
        /// Writes the UTF-8 form of <paramref name="text"/> at <paramref name="offset"/> (room for
        /// <see cref="ByteCount"/> bytes is the caller's); returns the number of bytes written.
        /// </summary>
        public static int Write(string text, byte[] buffer, int offset)
        {
            if (text == null) return 0;
            char[] chars = text.ToCharArray();
            int p = offset;
            for (int i = 0; i < chars.Length; i++) p += WriteCodePoint(CodePointAt(chars, ref i), buffer, p);
            return p - offset;
        }

        /// <summary>The UTF-8 form of <paramref name="text"/> in a new array (empty for null).</summary>
        public static byte[] GetBytes(string text)
        {
            byte[] bytes = new byte[ByteCount(text)];
            Write(text, bytes, 0);
            return bytes;
        }

        /// <summary>Decodes <paramref name="count"/> bytes of UTF-8 at <paramref name="offset"/> into a new string.</summary>
        public static string GetString(byte[] buffer, int offset, int count)
        {
            if (count <= 0) return "";
            char[] chars = new char[count]; // UTF-16 never needs more units than UTF-8 has bytes
            int n = 0;
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = buffer[i];
                int need, cp, min;
                if (b < 0x80) { chars[n++] = (char)b; i++; continue; }
                if (b >= 0xC2 && b <= 0xDF) { need = 1; cp = b & 0x1F; min = 0x80; }
                else if (b >= 0xE0 && b <= 0xEF) { need = 2; cp = b & 0x0F; min = 0x800; }
                else if (b >= 0xF0 && b <= 0xF4) { need = 3; cp = b & 0x07; min = 0x10000; }
                else { chars[n++] = (char)Replacement; i++; continue; }
                int k = 1;
                for (; k <= need && i + k < end; k++)
                {
                    int c = buffer[i + k];
                    if ((c & 0xC0) != 0x80) break;
                    int next = (cp << 6) | (c & 0x3F);
                    // reject overlong forms, surrogates and values above U+10FFFF as early as their second byte tells
                    if (k == 1 && ((need == 2 && next < 0x20) || (need == 2 && next >= 0x360 && next <= 0x37F)
                        || (need == 3 && (next < 0x10 || next > 0x10F)))) break;
                    cp = next;
                }
                if (k <= need || cp < min)
                {
                    chars[n++] = (char)Replacement;
                    i += k > 1 ? k : 1;
                    continue;
                }
                i += k;
                if (cp >= 0x10000)
                {
                    cp -= 0x10000;
                    chars[n++] = (char)(0xD800 + (cp >> 10));
                    chars[n++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else chars[n++] = (char)cp;
            }
            return new string(chars, 0, n);
        }

        /// <summary>
        /// True when <paramref name="count"/> bytes from <paramref name="offset"/> are well-formed UTF-8 (RFC 3629 §4: no
        /// overlong forms, no surrogates, nothing above U+10FFFF). Text from outside (a command's JSON string, a posted
        /// form field) is checked with it and refused when it is not, rather than decoded with U+FFFD. Allocates nothing.
        /// </summary>
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

        // The code point at text[i]: a surrogate pair is joined (i moves to its second unit), a lone surrogate is U+FFFD.
        private static int CodePointAt(char[] text, ref int i)
        {
            int c = text[i];
            if (c < 0xD800 || c > 0xDFFF) return c;
            if (c <= 0xDBFF && i + 1 < text.Length)
            {
                int low = text[i + 1];
                if (low >= 0xDC00 && low <= 0xDFFF)
                {
                    i++;
                    return 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
                }
            }
            return Replacement;
        }
    }
}
