using MeterGateway.Readings;

namespace MeterGateway.Vscp
{
    /// <summary>
    /// Writes the data bytes of VSCP measurement events from an exact value (mantissa × 10^exponent) into a caller's
    /// buffer, without allocating. Sources: VSCP specification (grodansparadis/vscp-doc-spec) vscp_measurements.md
    /// (data coding byte: bits 7..5 coding, 4..3 unit, 2..0 sensor index), class1.measurement.md,
    /// class2.measurement_str.md, class2.measurement_float.md; test vectors in ARCHITECTURE.md §VSCP.
    /// Each method returns the number of bytes written, or -1 when the value cannot be coded that way (nothing is
    /// then meant to be sent; the caller counts it).
    /// </summary>
    public static class MeasurementEncoder
    {
        /// <summary>Longest decimal text of a value that is published (sign, digits, point); longer values are refused.</summary>
        public const int MaxValueChars = 40;
        /// <summary>Most data bytes any of these encodings writes (class 1040: 4 + <see cref="MaxValueChars"/> + NUL).</summary>
        public const int MaxDataLength = 4 + MaxValueChars + 1;
        /// <summary>Most data bytes of the binary codings: class 1060's 12 (class 10: at most 8).</summary>
        public const int MaxBinaryDataLength = 12;

        /// <summary>
        /// With an exponent within ± this, a value's text has at most 38 characters (sign, 19 digits, 18 zeros or a
        /// point): it always fits <see cref="MaxValueChars"/>, only other values need counting (<see cref="FitsString"/>).
        /// </summary>
        public const int MaxFastExponent = 18;
        private const int NormalizedCoding = 0x80;
        private const int FloatCoding = 0xA0;

        /// <summary>
        /// CLASS2.MEASUREMENT_STR (1040): <c>[sensor index, zone, subzone, unit, ASCII decimal…, 0x00]</c>. The decimal
        /// keeps the value's exact digits (<see cref="FixedPoint.Format"/>): 1234.567 kWh, index 1 →
        /// <c>01 00 00 01 31 32 33 34 2E 35 36 37 00</c>. -1 when the text would exceed <see cref="MaxValueChars"/>.
        /// </summary>
        public static int WriteString(int sensorIndex, int zone, int subzone, int unit, long mantissa, int exponent, byte[] buffer, int offset)
        {
            // FitsString inline (a call less per event: an interpreter pays for each)
            if ((exponent > MaxFastExponent || exponent < -MaxFastExponent) && TextLength(mantissa, exponent) > MaxValueChars) return -1;
            WriteHeader(sensorIndex, zone, subzone, unit, buffer, offset);
            int n = FixedPoint.Format(mantissa, exponent, buffer, offset + 4);
            buffer[offset + 4 + n] = 0;
            return 4 + n + 1;
        }

        /// <summary>
        /// CLASS2.MEASUREMENT_FLOAT (1060): <c>[sensor index, zone, subzone, unit, IEEE-754 double big-endian]</c>, 12 bytes;
        /// the double is the correctly rounded value (<see cref="Ieee754"/>). 1234.567 kWh, index 1 →
        /// <c>01 00 00 01 40 93 4A 44 9B A5 E3 54</c>.
        /// </summary>
        public static int WriteDouble(int sensorIndex, int zone, int subzone, int unit, long mantissa, int exponent, byte[] buffer, int offset)
        {
            long bits;
            if (!Ieee754.TryDoubleBits(mantissa, exponent, out bits)) return -1;
            WriteHeader(sensorIndex, zone, subzone, unit, buffer, offset);
            Ieee754.WriteBigEndian(bits, 8, buffer, offset + 4);
            return 12;
        }

        /// <summary>
        /// CLASS1.MEASUREMENT (10), normalized integer: <c>[0x80 | unit&lt;&lt;3 | index&amp;7, exponent, mantissa…]</c>. The
        /// exponent byte moves the decimal point: bit 7 set = left by bits 6..0, clear = right. The mantissa is the
        /// shortest two's-complement big-endian form, 1..6 bytes (trailing decimal zeros are dropped only when needed to
        /// fit). 1234.567 kWh → <c>88 83 12 D6 87</c>, 230.1 V → <c>80 81 08 FD</c>, −1234 W → <c>80 00 FB 2E</c>.
        /// -1 when the unit is above 3 or the value does not fit.
        /// </summary>
        public static int WriteNormalized(int sensorIndex, int unit, long mantissa, int exponent, byte[] buffer, int offset)
        {
            if (unit < 0 || unit > 3) return -1;
            int size = SignedSize(mantissa);
            while (size > 6 && mantissa % 10 == 0)
            {
                mantissa /= 10;
                exponent++;
                size = SignedSize(mantissa);
            }
            if (size > 6 || exponent > 127 || exponent < -127) return -1;
            buffer[offset] = (byte)(NormalizedCoding | unit << 3 | (sensorIndex & 7));
            buffer[offset + 1] = (byte)(exponent < 0 ? 0x80 | -exponent : exponent);
            Ieee754.WriteBigEndian(mantissa, size, buffer, offset + 2);
            return 2 + size;
        }

        /// <summary>
        /// CLASS1.MEASUREMENT (10), single-precision float: <c>[0xA0 | unit&lt;&lt;3 | index&amp;7, IEEE-754 float big-endian]</c>,
        /// 5 bytes. 1234.567 kWh → <c>A8 44 9A 52 25</c>, 5.25 A → <c>A0 40 A8 00 00</c>. -1 when the unit is above 3.
        /// </summary>
        public static int WriteFloat(int sensorIndex, int unit, long mantissa, int exponent, byte[] buffer, int offset)
        {
            long bits;
            if (unit < 0 || unit > 3 || !Ieee754.TrySingleBits(mantissa, exponent, out bits)) return -1;
            buffer[offset] = (byte)(FloatCoding | unit << 3 | (sensorIndex & 7));
            Ieee754.WriteBigEndian(bits, 4, buffer, offset + 1);
            return 5;
        }

        /// <summary>
        /// True when the value's text has at most <see cref="MaxValueChars"/> characters: <see cref="WriteString"/> codes
        /// it (and a <c>no_vscp</c> payload carries it).
        /// </summary>
        public static bool FitsString(long mantissa, int exponent)
        {
            return (exponent <= MaxFastExponent && exponent >= -MaxFastExponent) || TextLength(mantissa, exponent) <= MaxValueChars;
        }

        /// <summary>Characters <see cref="FixedPoint.Format"/> writes for the value.</summary>
        public static int TextLength(long mantissa, int exponent)
        {
            int digits = 1;
            long m = mantissa;
            while (m >= 10 || m <= -10)
            {
                m /= 10;
                digits++;
            }
            int sign = mantissa < 0 ? 1 : 0;
            if (exponent >= 0) return sign + digits + (mantissa != 0 ? exponent : 0);
            int decimals = -exponent;
            return sign + (digits > decimals ? digits : decimals + 1) + 1;
        }

        private static void WriteHeader(int sensorIndex, int zone, int subzone, int unit, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)sensorIndex;
            buffer[offset + 1] = (byte)zone;
            buffer[offset + 2] = (byte)subzone;
            buffer[offset + 3] = (byte)unit;
        }

        private static int SignedSize(long value)
        {
            int size = 1;
            while (size < 8)
            {
                long limit = 1L << (size * 8 - 1);
                if (value >= -limit && value < limit) break;
                size++;
            }
            return size;
        }
    }
}
