namespace MeterGateway.Readings
{
    /// <summary>
    /// OBIS codes (IEC 62056-61) packed into one <see cref="long"/>: the six value groups A-B:C.D.E*F
    /// as bytes, A in bits 47..40 down to F in bits 7..0. A code written without F (the reduced ID of
    /// DSMR P1, DSMR 5.0.2 §6.4) gets F = 255, so <c>1-0:1.8.1</c> and <c>1-0:1.8.1*255</c> are the same code.
    /// </summary>
    public static class Obis
    {
        /// <summary>No OBIS code (for example before a line's code is read).</summary>
        public const long None = -1;

        /// <summary>Packs the six value groups (each 0..255) into one code.</summary>
        public static long Pack(int a, int b, int c, int d, int e, int f)
        {
            return ((long)(a & 0xFF) << 40) | ((long)(b & 0xFF) << 32) | ((long)(c & 0xFF) << 24)
                | ((long)(d & 0xFF) << 16) | ((long)(e & 0xFF) << 8) | (long)(f & 0xFF);
        }

        /// <summary>Packs A-B:C.D.E with F = 255.</summary>
        public static long Pack(int a, int b, int c, int d, int e)
        {
            return Pack(a, b, c, d, e, 255);
        }

        /// <summary>Value group A (medium: 0 abstract, 1 electricity, 6 heat, 7 gas, 8 water).</summary>
        public static int A(long code) { return (int)((code >> 40) & 0xFF); }

        /// <summary>Value group B (channel; the M-Bus channel 1..4 in DSMR).</summary>
        public static int B(long code) { return (int)((code >> 32) & 0xFF); }

        /// <summary>Value group C (quantity, e.g. 1 = active power +, 32 = voltage L1).</summary>
        public static int C(long code) { return (int)((code >> 24) & 0xFF); }

        /// <summary>Value group D (processing, e.g. 8 = time integral, 7 = instantaneous).</summary>
        public static int D(long code) { return (int)((code >> 16) & 0xFF); }

        /// <summary>Value group E (tariff or further classification).</summary>
        public static int E(long code) { return (int)((code >> 8) & 0xFF); }

        /// <summary>Value group F (historical value; 255 = current).</summary>
        public static int F(long code) { return (int)(code & 0xFF); }

        /// <summary>The same code with value group B set to <paramref name="b"/> (used to match any M-Bus channel).</summary>
        public static long WithB(long code, int b)
        {
            return (code & ~(0xFFL << 32)) | ((long)(b & 0xFF) << 32);
        }

        /// <summary>
        /// Parses <c>A-B:C.D.E</c> optionally followed by <c>.F</c> or <c>*F</c> from ASCII bytes.
        /// Returns the number of bytes consumed (0 when the bytes do not start with such a code) and the code in
        /// <paramref name="code"/>. Each group is 0..255.
        /// </summary>
        public static int Parse(byte[] buffer, int offset, int count, out long code)
        {
            // Group by group, its 1..3 digits unrolled, the byte after them tested once as a digit and then as the group's
            // separator ('-' after A, ':' after B, '.' after C and D); E ends at anything else or after its third digit.
            // Shaped for an interpreter, which pays for each IL instruction: no digit count, no loop per digit.
            code = None;
            int end = offset + count;
            int p = offset;
            long packed = 0;
            int next; // the byte after a group's last digit, as a digit (-1: no byte)
            int g = 0;
            // The usual start, A and B of one digit each ("1-0:"), taken at once; any other start goes through the loop
            // from A. Shaped for an interpreter as the loop is.
            if (count >= 4 && buffer[offset + 1] == (byte)'-' && buffer[offset + 3] == (byte)':')
            {
                int a = buffer[offset] - '0', b = buffer[offset + 2] - '0';
                if ((uint)a <= 9 && (uint)b <= 9)
                {
                    packed = (a << 8) | b;
                    p += 4;
                    g = 2;
                }
            }
            for (; ; g++)
            {
                if (p >= end) return 0;
                int value = buffer[p] - '0';
                if ((uint)value > 9) return 0;
                next = ++p < end ? buffer[p] - '0' : -1;
                if ((uint)next <= 9)
                {
                    value = value * 10 + next;
                    next = ++p < end ? buffer[p] - '0' : -1;
                    if ((uint)next <= 9)
                    {
                        value = value * 10 + next;
                        next = ++p < end ? buffer[p] - '0' : -1;
                    }
                }
                if (value > 255) return 0;
                packed = (packed << 8) | (long)value;
                if (g == 4) break;
                if (next != (g == 0 ? '-' - '0' : g == 1 ? ':' - '0' : '.' - '0')) return 0;
                p++;
            }
            // F after '*' or '.' (next is the byte after E, as a digit): parsed apart, its locals only when it is there
            int f = 255;
            if ((next == '*' - '0' || next == '.' - '0') && p + 1 < end) p = ParseF(buffer, p, end, ref f);
            code = (packed << 8) | (long)f;
            return p - offset;
        }

        // The 1..3 digits of F after the '*' or '.' at p (value 0..255): returns the position after them with F in f, or p
        // (F not there: the '*' or '.' is not the code's) with f unchanged.
        private static int ParseF(byte[] buffer, int p, int end, ref int f)
        {
            int value = 0, q = p + 1;
            int limit = end - q > 3 ? q + 3 : end;
            for (; q < limit; q++)
            {
                int digit = buffer[q] - '0';
                if ((uint)digit > 9) break;
                value = value * 10 + digit;
            }
            if (q == p + 1 || value > 255) return p;
            f = value;
            return q;
        }

        /// <summary>
        /// Writes the code as ASCII, <c>A-B:C.D.E</c>, followed by <c>*F</c> only when F is not 255.
        /// Needs at most 23 bytes. Returns the number of bytes written.
        /// </summary>
        public static int Format(long code, byte[] buffer, int offset)
        {
            int p = offset;
            p += Ascii.WriteInt(A(code), buffer, p); buffer[p++] = (byte)'-';
            p += Ascii.WriteInt(B(code), buffer, p); buffer[p++] = (byte)':';
            p += Ascii.WriteInt(C(code), buffer, p); buffer[p++] = (byte)'.';
            p += Ascii.WriteInt(D(code), buffer, p); buffer[p++] = (byte)'.';
            p += Ascii.WriteInt(E(code), buffer, p);
            if (F(code) != 255)
            {
                buffer[p++] = (byte)'*';
                p += Ascii.WriteInt(F(code), buffer, p);
            }
            return p - offset;
        }

        /// <summary>The code as text (allocates; for configuration, logs and tools, not the hot path).</summary>
        public static string ToText(long code)
        {
            byte[] buffer = new byte[24];
            int n = Format(code, buffer, 0);
            return Ascii.ToString(buffer, 0, n);
        }

        /// <summary>Parses a whole string such as <c>1-0:1.8.0</c> or <c>0-1:24.2.1*255</c>; returns <see cref="None"/> when it is not one.</summary>
        public static long FromText(string text)
        {
            if (text == null) return None;
            byte[] bytes = Ascii.GetBytes(text);
            long code;
            int n = Parse(bytes, 0, bytes.Length, out code);
            return n == bytes.Length ? code : None;
        }
    }
}
