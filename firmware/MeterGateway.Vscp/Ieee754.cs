namespace MeterGateway.Vscp
{
    /// <summary>
    /// IEEE 754-2008 binary32/binary64 bit patterns computed from an exact decimal value (mantissa × 10^exponent),
    /// correctly rounded (round half to even), with integer arithmetic only. The core may not use
    /// <c>BitConverter</c> (banned: it differs on nanoFramework 1.17), and going through a <c>double</c> would round
    /// twice for single precision; this needs neither.
    /// <para>
    /// Method: 10^e = 5^e × 2^e, so the value is N/D × 2^e with N = |mantissa|·5^e, D = 1 (e ≥ 0) or N = |mantissa|,
    /// D = 5^−e (e &lt; 0). The significand's bits come from the integer part of N/D and then from binary long
    /// division of the remainder (remainder &lt; D ≤ 5^27 &lt; 2^63, so doubling it fits in 64 bits); the first dropped
    /// bit and a sticky bit decide the rounding.
    /// </para>
    /// Limits: after trailing decimal zeros are removed, |exponent| ≤ 27 and |mantissa|·5^exponent &lt; 2^64; every meter
    /// value is far inside them (and then binary32 neither overflows nor goes subnormal).
    /// </summary>
    public static class Ieee754
    {
        private const int MaxFivePower = 27;
        private static readonly ulong[] FivePowers = MakeFivePowers();

        /// <summary>The binary64 (double) bits of mantissa × 10^exponent. False when outside the limits above.</summary>
        public static bool TryDoubleBits(long mantissa, int exponent, out long bits)
        {
            return TryBits(mantissa, exponent, 52, 11, out bits);
        }

        /// <summary>The binary32 (float) bits of mantissa × 10^exponent, in the low 32 bits. False when outside the limits above.</summary>
        public static bool TrySingleBits(long mantissa, int exponent, out long bits)
        {
            return TryBits(mantissa, exponent, 23, 8, out bits);
        }

        /// <summary>Writes the low <paramref name="count"/> bytes of <paramref name="bits"/> big-endian (most significant first).</summary>
        public static void WriteBigEndian(long bits, int count, byte[] buffer, int offset)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                buffer[offset + i] = (byte)bits;
                bits >>= 8;
            }
        }

        private static bool TryBits(long mantissa, int exponent, int fractionBits, int exponentBits, out long bits)
        {
            bits = 0;
            if (mantissa == 0) return true;
            bool negative = mantissa < 0;
            ulong a = negative ? (ulong)(-(mantissa + 1)) + 1 : (ulong)mantissa;
            while (a % 10 == 0)
            {
                a /= 10;
                exponent++;
            }
            if (exponent > MaxFivePower || exponent < -MaxFivePower) return false;
            ulong num, den;
            if (exponent >= 0)
            {
                ulong p5 = FivePowers[exponent];
                if (a > ulong.MaxValue / p5) return false;
                num = a * p5;
                den = 1;
            }
            else
            {
                num = a;
                den = FivePowers[-exponent];
            }

            int precision = fractionBits + 1;
            ulong q = num / den;
            ulong r = num % den;
            ulong sig;
            int count;
            int e2;          // binary exponent of the leading 1 bit
            bool round, sticky;
            if (q != 0)
            {
                int length = BitLength(q);
                e2 = length - 1 + exponent;
                if (length > precision)
                {
                    int drop = length - precision;
                    sig = q >> drop;
                    round = ((q >> (drop - 1)) & 1) != 0;
                    ulong below = drop > 1 ? q & ((1UL << (drop - 1)) - 1) : 0;
                    sticky = below != 0 || r != 0;
                    return Assemble(negative, sig, e2, round, sticky, fractionBits, exponentBits, out bits);
                }
                sig = q;
                count = length;
            }
            else
            {
                // value < 2^exponent: skip the leading zero bits of the fraction
                e2 = exponent;
                do
                {
                    r <<= 1;
                    e2--;
                } while (r < den);
                r -= den;
                sig = 1;
                count = 1;
            }
            while (count < precision)
            {
                r <<= 1;
                sig <<= 1;
                if (r >= den)
                {
                    sig |= 1;
                    r -= den;
                }
                count++;
            }
            r <<= 1;
            round = r >= den;
            if (round) r -= den;
            sticky = r != 0;
            return Assemble(negative, sig, e2, round, sticky, fractionBits, exponentBits, out bits);
        }

        private static bool Assemble(bool negative, ulong sig, int e2, bool round, bool sticky, int fractionBits, int exponentBits, out long bits)
        {
            bits = 0;
            if (round && (sticky || (sig & 1) != 0))
            {
                sig++;
                if (sig == 1UL << (fractionBits + 1))
                {
                    sig >>= 1;
                    e2++;
                }
            }
            int bias = (1 << (exponentBits - 1)) - 1;
            int biased = e2 + bias;
            if (biased <= 0 || biased >= (1 << exponentBits) - 1) return false;
            bits = ((long)biased << fractionBits) | (long)(sig & ((1UL << fractionBits) - 1));
            if (negative) bits |= 1L << (fractionBits + exponentBits);
            return true;
        }

        private static int BitLength(ulong v)
        {
            int n = 0;
            while (v != 0)
            {
                v >>= 1;
                n++;
            }
            return n;
        }

        private static ulong[] MakeFivePowers()
        {
            ulong[] powers = new ulong[MaxFivePower + 1];
            powers[0] = 1;
            for (int i = 1; i <= MaxFivePower; i++) powers[i] = powers[i - 1] * 5;
            return powers;
        }
    }
}
