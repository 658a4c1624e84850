using System;
using System.Globalization;
using System.Numerics;
using MeterGateway.Readings;
using MeterGateway.Vscp;
using Xunit;

namespace MeterGateway.Tests
{
    /// <summary>
    /// The core's integer-only IEEE-754 conversion agrees bit for bit with .NET's correctly rounded parsing
    /// (double.Parse / float.Parse of the same decimal text, IEEE 754-2008 round-half-even) on many decimals of the
    /// shapes meters send and on random ones.
    /// </summary>
    public class Ieee754PropertyTests
    {
        [Fact]
        public void AgreesWithDotNetParsing()
        {
            Random random = new Random(20240229);
            int checkedValues = 0;
            for (int i = 0; i < 200000; i++)
            {
                long mantissa;
                switch (i % 4)
                {
                    case 0: mantissa = random.Next(0, 100000000); break;                        // meter registers, 8.3
                    case 1: mantissa = random.NextInt64(-999999999999999999, 999999999999999999); break;
                    case 2: mantissa = (1L << random.Next(1, 62)) + random.Next(-3, 4); break; // near powers of two: ties
                    default: mantissa = random.Next(-100000, 100000); break;
                }
                int exponent = random.Next(-20, 12);
                string text = FixedPoint.ToText(mantissa, exponent);

                long bits;
                bool inRange = WithinLimits(mantissa, exponent);
                Xunit.Assert.Equal(inRange, Ieee754.TryDoubleBits(mantissa, exponent, out bits));
                if (!inRange) continue;
                Xunit.Assert.Equal(BitConverter.DoubleToInt64Bits(double.Parse(text, CultureInfo.InvariantCulture)), bits);
                Xunit.Assert.True(Ieee754.TrySingleBits(mantissa, exponent, out bits), text);
                Xunit.Assert.Equal((long)(uint)BitConverter.SingleToInt32Bits(float.Parse(text, CultureInfo.InvariantCulture)), bits);
                checkedValues++;
            }
            // refusals are exactly the values outside the limits (asserted above): 18-digit mantissas or large powers of
            // two with a positive exponent, about one in eleven of these draws
            Xunit.Assert.True(checkedValues > 170000, checkedValues.ToString());
        }

        /// <summary>The documented domain: after removing trailing zeros, |exponent| ≤ 27 and |mantissa|·5^exponent &lt; 2^64.</summary>
        private static bool WithinLimits(long mantissa, int exponent)
        {
            BigInteger a = BigInteger.Abs(mantissa);
            if (a.IsZero) return true;
            while (a % 10 == 0)
            {
                a /= 10;
                exponent++;
            }
            if (exponent > 27 || exponent < -27) return false;
            return exponent < 0 || a * BigInteger.Pow(5, exponent) <= ulong.MaxValue;
        }
    }
}
