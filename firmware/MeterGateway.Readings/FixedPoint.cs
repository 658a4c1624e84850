namespace MeterGateway.Readings
{
    /// <summary>
    /// Exact decimal values as a 64-bit mantissa and a decimal exponent: value = mantissa × 10^exponent.
    /// <c>002078.645</c> is (2078645, -3) and keeps its three decimals when written back; no floating point
    /// is used between the meter's digits and the published digits.
    /// </summary>
    public static class FixedPoint
    {
        /// <summary>Most significant decimal digits a mantissa can hold without overflow.</summary>
        public const int MaxDigits = 18;

        /// <summary>
        /// Parses <c>[+|-]digits[.digits]</c> (a comma is accepted as the decimal mark, as some IEC meters write it).
        /// The whole range must be the number. Returns false when it is not a number or has more than
        /// <see cref="MaxDigits"/> digits.
        /// </summary>
        public static bool TryParse(byte[] buffer, int offset, int count, out long mantissa, out int exponent)
        {
            int n = ParseLeading(buffer, offset, count, out mantissa, out exponent);
            return n > 0 && n == count;
        }

        /// <summary>
        /// Parses the number <c>[+|-]digits[.digits]</c> at the start of the range (a comma is accepted as the decimal mark)
        /// and returns how many bytes it takes: the number ends at the first byte that is neither a digit nor the first
        /// decimal mark. Returns 0 when the range does not start with a number or the number has more than
        /// <see cref="MaxDigits"/> significant digits. Lets a parser read a value and find what follows it (a DSMR
        /// <c>*unit</c>) in one pass.
        /// </summary>
        public static int ParseLeading(byte[] buffer, int offset, int count, out long mantissa, out int exponent)
        {
            mantissa = 0;
            exponent = 0;
            if (count <= 0) return 0;
            int p = offset;
            int end = offset + count;
            bool negative = false;
            if (buffer[p] == (byte)'-' || buffer[p] == (byte)'+')
            {
                negative = buffer[p] == (byte)'-';
                p++;
            }
            // The digits before the decimal mark, then (once) those after it, in one loop body: per digit only the test
            // and the accumulation (an interpreter pays for each IL instruction); the digit count and the exponent
            // follow from the positions afterwards.
            long m = 0;
            int first = p, point = -1;
            while (true)
            {
                for (; p < end; p++)
                {
                    int digit = buffer[p] - '0';
                    if ((uint)digit > 9) break;
                    m = m * 10 + digit;
                }
                if (point >= 0 || p >= end || (buffer[p] != (byte)'.' && buffer[p] != (byte)',')) break;
                point = p++;
            }
            int digits = point < 0 ? p - first : p - first - 1;
            if (digits == 0) return 0;
            int e = point < 0 ? 0 : point + 1 - p;
            // More digits than a mantissa holds: count the significant ones (leading zeros do not count; the rare case
            // is checked after the loop, so that the loop does not pay for it on every digit).
            if (digits > MaxDigits && Significant(buffer, first, p) > MaxDigits) return 0;
            mantissa = negative ? -m : m;
            exponent = e;
            return p - offset;
        }

        // Digits of the range after its leading zeros (the decimal mark skipped).
        private static int Significant(byte[] buffer, int offset, int end)
        {
            int significant = 0;
            for (int p = offset; p < end; p++)
            {
                int ch = buffer[p];
                if (ch < '0' || ch > '9') continue;
                if (significant > 0 || ch != '0') significant++;
            }
            return significant;
        }

        /// <summary>
        /// Writes the value in plain decimal notation with exactly the digits the exponent implies:
        /// (2078645, -3) → <c>2078.645</c>, (0, -3) → <c>0.000</c>, (17, 2) → <c>1700</c>, (-5, -2) → <c>-0.05</c>.
        /// Needs at most 20 + |exponent| + 2 bytes. Returns the number of bytes written.
        /// </summary>
        public static int Format(long mantissa, int exponent, byte[] buffer, int offset)
        {
            int p = offset;
            if (exponent >= 0)
            {
                p += Ascii.WriteInt(mantissa, buffer, p);
                if (mantissa != 0)
                {
                    for (int i = 0; i < exponent; i++) buffer[p++] = (byte)'0';
                }
                return p - offset;
            }
            int decimals = -exponent;
            if (mantissa < 0)
            {
                buffer[p++] = (byte)'-';
                mantissa = -mantissa;
            }
            // The digits from the last one: the 'decimals' digits after the point (zeros once the mantissa is used up:
            // 0.05), the point, the integer digits (at least one), then reversed. No shifting, and no test per digit for
            // the point (an interpreter pays for each IL instruction).
            int start = p;
            for (int i = 0; i < decimals; i++)
            {
                buffer[p++] = (byte)('0' + (int)(mantissa % 10));
                mantissa /= 10;
            }
            buffer[p++] = (byte)'.';
            do
            {
                buffer[p++] = (byte)('0' + (int)(mantissa % 10));
                mantissa /= 10;
            } while (mantissa != 0);
            Ascii.Reverse(buffer, start, p - 1);
            return p - offset;
        }

        /// <summary>The value as text (allocates; for tools and tests).</summary>
        public static string ToText(long mantissa, int exponent)
        {
            byte[] buffer = new byte[48 + (exponent < 0 ? -exponent : exponent)];
            int n = Format(mantissa, exponent, buffer, 0);
            return Ascii.ToString(buffer, 0, n);
        }

        /// <summary>
        /// The nearest double: mantissa and the power of ten are both exact in a double for the
        /// ranges meters use, so one division or multiplication gives the correctly rounded result.
        /// </summary>
        public static double ToDouble(long mantissa, int exponent)
        {
            double m = mantissa;
            if (exponent == 0) return m;
            if (exponent > 0) return m * Pow10(exponent);
            return m / Pow10(-exponent);
        }

        /// <summary>10^n as a double, exact for n ≤ 22.</summary>
        public static double Pow10(int n)
        {
            double r = 1.0;
            for (int i = 0; i < n; i++) r *= 10.0;
            return r;
        }

        /// <summary>10^n as a long for 0 ≤ n ≤ 18.</summary>
        public static long Pow10Long(int n)
        {
            long r = 1;
            for (int i = 0; i < n; i++) r *= 10;
            return r;
        }

        /// <summary>
        /// The mantissa that expresses the same value with exponent <paramref name="targetExponent"/>, exactly;
        /// false when that would lose digits or overflow.
        /// </summary>
        public static bool Rescale(long mantissa, int exponent, int targetExponent, out long result)
        {
            result = mantissa;
            if (targetExponent == exponent) return true;
            if (targetExponent < exponent)
            {
                int k = exponent - targetExponent;
                if (k > MaxDigits) return false;
                long f = Pow10Long(k);
                long limit = long.MaxValue / f;
                if (mantissa > limit || mantissa < -limit) return false;
                result = mantissa * f;
                return true;
            }
            int d = targetExponent - exponent;
            if (d > MaxDigits) { result = 0; return mantissa == 0; }
            long div = Pow10Long(d);
            if (mantissa % div != 0) return false;
            result = mantissa / div;
            return true;
        }
    }
}
