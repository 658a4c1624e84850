namespace MeterGateway.Readings
{
    /// <summary>
    /// ASCII helpers that work on byte arrays without allocating (nanoFramework has no
    /// <c>char.IsDigit</c>, no culture-aware parsing and a garbage collector that stops the world).
    /// </summary>
    public static class Ascii
    {
        /// <summary>True for '0'..'9'.</summary>
        public static bool IsDigit(int b) { return b >= '0' && b <= '9'; }

        /// <summary>The value of a hex digit (either case), or -1.</summary>
        public static int HexValue(int b)
        {
            if (b >= '0' && b <= '9') return b - '0';
            if (b >= 'A' && b <= 'F') return b - 'A' + 10;
            if (b >= 'a' && b <= 'f') return b - 'a' + 10;
            return -1;
        }

        /// <summary>Writes a non-negative or negative integer in decimal. Returns the number of bytes written (at most 20).</summary>
        public static int WriteInt(long value, byte[] buffer, int offset)
        {
            // Small numbers (VSCP data bytes, units, indexes) first: no loop and no 64-bit division in an interpreter.
            if (value >= 0 && value < 100)
            {
                int v = (int)value;
                if (v < 10)
                {
                    buffer[offset] = (byte)('0' + v);
                    return 1;
                }
                buffer[offset] = (byte)('0' + v / 10);
                buffer[offset + 1] = (byte)('0' + v % 10);
                return 2;
            }
            int p = offset;
            if (value < 0)
            {
                buffer[p++] = (byte)'-';
                if (value == long.MinValue)
                {
                    // -9223372036854775808: its magnitude has no long; a literal (no static array on nanoFramework's heap)
                    return 1 + Write("9223372036854775808", buffer, p);
                }
                value = -value;
            }
            int start = p;
            do
            {
                buffer[p++] = (byte)('0' + (int)(value % 10));
                value /= 10;
            } while (value != 0);
            Reverse(buffer, start, p - 1);
            return p - offset;
        }

        /// <summary>Writes <paramref name="value"/> as exactly <paramref name="width"/> decimal digits, zero padded.</summary>
        public static void WritePadded(int value, int width, byte[] buffer, int offset)
        {
            for (int i = width - 1; i >= 0; i--)
            {
                buffer[offset + i] = (byte)('0' + value % 10);
                value /= 10;
            }
        }

        /// <summary>Writes two upper-case hex digits of a byte.</summary>
        public static void WriteHex2(int value, byte[] buffer, int offset)
        {
            buffer[offset] = HexDigits[(value >> 4) & 0xF];
            buffer[offset + 1] = HexDigits[value & 0xF];
        }

        /// <summary>The upper-case hex digit (ASCII) of the low four bits of <paramref name="value"/>.</summary>
        public static byte HexDigit(int value)
        {
            return HexDigits[value & 0xF];
        }

        // A table: the parsers and writers call this per byte of a telegram's hex (a computed digit costs more there).
        private static readonly byte[] HexDigits = GetBytes("0123456789ABCDEF");

        /// <summary>Copies a string's characters (assumed ASCII) into a buffer. Returns the count written.</summary>
        public static int Write(string text, byte[] buffer, int offset)
        {
            for (int i = 0; i < text.Length; i++) buffer[offset + i] = (byte)text[i];
            return text.Length;
        }

        /// <summary>Copies bytes.</summary>
        public static int Write(byte[] source, int sourceOffset, int count, byte[] buffer, int offset)
        {
            System.Array.Copy(source, sourceOffset, buffer, offset, count);
            return count;
        }

        /// <summary>The ASCII bytes of a string (allocates; for start-up and tools).</summary>
        public static byte[] GetBytes(string text)
        {
            byte[] bytes = new byte[text.Length];
            for (int i = 0; i < text.Length; i++) bytes[i] = (byte)text[i];
            return bytes;
        }

        /// <summary>A string from ASCII bytes (allocates; for tools and tests, not the hot path).</summary>
        public static string ToString(byte[] buffer, int offset, int count)
        {
            char[] chars = new char[count];
            for (int i = 0; i < count; i++) chars[i] = (char)buffer[offset + i];
            return new string(chars);
        }

        /// <summary>True when the bytes at <paramref name="offset"/> equal the ASCII string <paramref name="text"/>.</summary>
        public static bool Equals(byte[] buffer, int offset, int count, string text)
        {
            if (count != text.Length) return false;
            for (int i = 0; i < count; i++)
            {
                if (buffer[offset + i] != (byte)text[i]) return false;
            }
            return true;
        }

        /// <summary>Reverses the bytes from <paramref name="i"/> to <paramref name="j"/> (both included).</summary>
        internal static void Reverse(byte[] buffer, int i, int j)
        {
            while (i < j)
            {
                byte t = buffer[i]; buffer[i] = buffer[j]; buffer[j] = t;
                i++; j--;
            }
        }
    }
}
