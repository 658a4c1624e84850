using System.Numerics;
using MeterGateway.Crypto;
using Xunit;

namespace MeterGateway.Tests.Crypto
{
    /// <summary>GF(2^255 − 19) arithmetic of the core against System.Numerics.BigInteger on seeded random elements.</summary>
    public class Field25519Tests
    {
        private static readonly BigInteger P = BigInteger.Pow(2, 255) - 19;
        private static readonly int[] Position = { 0, 26, 51, 77, 102, 128, 153, 179, 204, 230 };

        [Fact]
        public void MulSquareInvertAndPowMatchBigInteger()
        {
            var rng = new Random(25519);
            var field = new Field25519();
            int[] f = Field25519.Create(), g = Field25519.Create(), h = Field25519.Create();
            for (int n = 0; n < 2000; n++)
            {
                BigInteger a = RandomElement(rng, n), b = RandomElement(rng, n + 1);
                Load(f, a);
                Load(g, b);
                Field25519.Mul(h, f, g);
                Xunit.Assert.Equal(a * b % P, Value(h));
                Field25519.Square(h, f);
                Xunit.Assert.Equal(a * a % P, Value(h));
                Field25519.SquareDouble(h, f);
                Xunit.Assert.Equal(2 * a * a % P, Value(h));
                if (n % 20 == 0)
                {
                    field.Invert(h, f);
                    Xunit.Assert.Equal(BigInteger.ModPow(a, P - 2, P), Value(h));
                    field.PowP58(h, f);
                    Xunit.Assert.Equal(BigInteger.ModPow(a, (P - 5) / 8, P), Value(h));
                }
            }
        }

        [Fact]
        public void MulAcceptsSumsAndDifferencesOfThreeReducedElements()
        {
            // The point formulas feed Mul with up to A + B − C of reduced elements; the worst case is every limb at
            // its extreme. Values are checked exactly.
            var rng = new Random(3);
            int[] a = Field25519.Create(), b = Field25519.Create(), c = Field25519.Create(), s = Field25519.Create(), t = Field25519.Create(), h = Field25519.Create();
            for (int n = 0; n < 500; n++)
            {
                Extreme(a, rng, n);
                Extreme(b, rng, n + 1);
                Extreme(c, rng, n + 2);
                Field25519.Add(s, a, b);
                Field25519.Sub(s, s, c);
                Field25519.Sub(t, c, a);
                Field25519.Sub(t, t, b);
                Field25519.Mul(h, s, t);
                Xunit.Assert.Equal(Mod(Value(s) * Value(t)), Value(h));
                Field25519.Square(h, s);
                Xunit.Assert.Equal(Mod(Value(s) * Value(s)), Value(h));
            }
        }

        [Fact]
        public void BytesRoundTripIsCanonical()
        {
            var rng = new Random(8032);
            var field = new Field25519();
            int[] f = Field25519.Create();
            var bytes = new byte[32];
            for (int n = 0; n < 1000; n++)
            {
                BigInteger a = RandomElement(rng, n);
                Load(f, a);
                // Add p to a limb form so ToBytes has to reduce.
                if ((n & 1) == 1) { f[0] -= 19; f[9] += 1 << 25; }
                field.ToBytes(bytes, 0, f);
                Xunit.Assert.Equal(a, new BigInteger(bytes, isUnsigned: true));
                Xunit.Assert.True(field.IsCanonical(bytes, 0));
            }
            // p itself, and p + 1, are not canonical encodings (RFC 8032 §5.1.3 step 1).
            Xunit.Assert.False(field.IsCanonical(P.ToByteArray(isUnsigned: true), 0));
            Xunit.Assert.False(field.IsCanonical((P + 1).ToByteArray(isUnsigned: true), 0));
            Xunit.Assert.True(field.IsCanonical((P - 1).ToByteArray(isUnsigned: true), 0));
        }

        private static BigInteger RandomElement(Random rng, int n)
        {
            // Every tenth one is an edge value: 0, 1, p − 1, 2^255 − 20, or a power of two.
            switch (n % 10 == 0 ? (n / 10) % 4 : -1)
            {
                case 0: return BigInteger.Zero;
                case 1: return P - 1;
                case 2: return BigInteger.One;
                case 3: return BigInteger.Pow(2, rng.Next(255));
            }
            var bytes = new byte[33];
            rng.NextBytes(bytes);
            bytes[32] = 0;
            return new BigInteger(bytes, isUnsigned: true) % P;
        }

        // Reduced limbs at their extremes (±2^25 even, ±2^24 odd) or random within them.
        private static void Extreme(int[] h, Random rng, int n)
        {
            for (int i = 0; i < 10; i++)
            {
                int bound = (i & 1) == 0 ? 1 << 25 : 1 << 24;
                h[i] = (n % 3) switch { 0 => bound, 1 => -bound, _ => rng.Next(-bound, bound + 1) };
            }
        }

        private static void Load(int[] h, BigInteger value)
        {
            var bytes = new byte[32];
            value.TryWriteBytes(bytes, out _, isUnsigned: true);
            Field25519.FromBytes(h, bytes, 0);
        }

        private static BigInteger Value(int[] h)
        {
            BigInteger v = BigInteger.Zero;
            for (int i = 0; i < 10; i++) v += new BigInteger(h[i]) << Position[i];
            return Mod(v);
        }

        private static BigInteger Mod(BigInteger v) => ((v % P) + P) % P;
    }
}
