namespace MeterGateway.Crypto
{
    /// <summary>
    /// Arithmetic in GF(p), p = 2^255 − 19, the field of Curve25519 and Ed25519. An element is an int[10] in radix
    /// 2^25.5: limb i holds bits ⌈25.5·i⌉ … (26 bits for even i, 25 for odd i), signed, so the value is
    /// Σ limb[i]·2^⌈25.5·i⌉ modulo p. This is the representation and the multiplication/squaring/carry formulas of
    /// the public-domain ref10 implementation (SUPERCOP crypto_sign/ed25519/ref10, fe_mul.c, fe_sq.c, fe_tobytes.c,
    /// fe_invert.c, fe_pow22523.c): products of 32-bit limbs summed in 64 bits, written out (no inner loops) because
    /// the nanoFramework interpreter pays per IL instruction.
    /// <para>Bounds, as in ref10: <see cref="Mul"/> and <see cref="Square"/> accept limbs up to about 1.65·2^26 (even)
    /// and 1.65·2^25 (odd), i.e. the sum or difference of at most three reduced elements, and return reduced
    /// elements (|limb| ≤ about 2^25 / 2^24). <see cref="Add"/> and <see cref="Sub"/> do not carry.</para>
    /// Outputs may alias inputs. Allocates nothing after construction (the instance owns its temporaries);
    /// not thread-safe. Variable-time in <see cref="IsZero"/>/<see cref="IsNegative"/>: meant for verification,
    /// where every input is public.
    /// </summary>
    public sealed class Field25519
    {
        /// <summary>Limbs per element.</summary>
        public const int Limbs = 10;

        // Bit position of limb i in the 255-bit little-endian encoding: 0, 26, 51, 77, 102, 128, 153, 179, 204, 230 (limbs
        // of 26 and 25 bits in turn, ceil(25.5 i)); computed, not a static table kept on nanoFramework's heap.
        private static int Position(int i)
        {
            return (51 * i + 1) >> 1;
        }

        private readonly int[] _t0 = new int[Limbs];
        private readonly int[] _t1 = new int[Limbs];
        private readonly int[] _t2 = new int[Limbs];
        private readonly int[] _t3 = new int[Limbs];
        private readonly byte[] _bytes = new byte[32];
        private readonly byte[] _bytes2 = new byte[32];

        /// <summary>A new element (zero).</summary>
        public static int[] Create()
        {
            return new int[Limbs];
        }

        /// <summary>h = 0.</summary>
        public static void Zero(int[] h)
        {
            for (int i = 0; i < Limbs; i++) h[i] = 0;
        }

        /// <summary>h = 1.</summary>
        public static void One(int[] h)
        {
            Zero(h);
            h[0] = 1;
        }

        /// <summary>h = f.</summary>
        public static void Copy(int[] h, int[] f)
        {
            for (int i = 0; i < Limbs; i++) h[i] = f[i];
        }

        /// <summary>h = f + g, limb by limb (no carry).</summary>
        public static void Add(int[] h, int[] f, int[] g)
        {
            for (int i = 0; i < Limbs; i++) h[i] = f[i] + g[i];
        }

        /// <summary>h = f − g, limb by limb (no carry).</summary>
        public static void Sub(int[] h, int[] f, int[] g)
        {
            for (int i = 0; i < Limbs; i++) h[i] = f[i] - g[i];
        }

        /// <summary>h = −f, limb by limb.</summary>
        public static void Negate(int[] h, int[] f)
        {
            for (int i = 0; i < Limbs; i++) h[i] = -f[i];
        }

        /// <summary>
        /// Reads 32 little-endian bytes at <paramref name="offset"/> as an element; bit 255 is ignored (it is the sign
        /// of x in a point encoding). The value is taken modulo p: check <see cref="IsCanonical"/> to refuse y ≥ p.
        /// </summary>
        public static void FromBytes(int[] h, byte[] s, int offset)
        {
            for (int i = 0; i < Limbs; i++)
            {
                int position = Position(i);
                int first = position >> 3;
                long window = 0;
                for (int k = 0; k < 5 && first + k < 32; k++) window |= (long)s[offset + first + k] << (8 * k);
                int width = (i & 1) == 0 ? 26 : 25;
                h[i] = (int)((window >> (position & 7)) & ((1L << width) - 1));
            }
        }

        /// <summary>Writes the canonical 32-byte little-endian encoding of f (0 ≤ value &lt; p; bit 255 clear). Source: ref10 fe_tobytes.c.</summary>
        public void ToBytes(byte[] s, int offset, int[] f)
        {
            int[] h = _t0;
            Copy(h, f);
            Carry(h);
            // q = floor(h / p), 0 or 1 for a carried element (ref10 fe_tobytes).
            int q = (19 * h[9] + (1 << 24)) >> 25;
            for (int i = 0; i < Limbs; i++) q = (h[i] + q) >> ((i & 1) == 0 ? 26 : 25);
            h[0] += 19 * q;
            for (int i = 0; i < Limbs - 1; i++)
            {
                int bits = (i & 1) == 0 ? 26 : 25;
                int carry = h[i] >> bits;
                h[i + 1] += carry;
                h[i] -= carry << bits;
            }
            h[9] &= (1 << 25) - 1;
            for (int i = 0; i < 32; i++) s[offset + i] = 0;
            for (int i = 0; i < Limbs; i++)
            {
                int position = Position(i);
                long v = (long)h[i] << (position & 7);
                for (int at = position >> 3; v != 0; at++)
                {
                    s[offset + at] |= (byte)v;
                    v >>= 8;
                }
            }
        }

        /// <summary>True when the 32 bytes at <paramref name="offset"/>, bit 255 ignored, encode a value below p (RFC 8032 §5.1.3 step 1).</summary>
        public bool IsCanonical(byte[] s, int offset)
        {
            int[] h = _t1;
            FromBytes(h, s, offset);
            ToBytes(_bytes, 0, h);
            for (int i = 0; i < 31; i++)
            {
                if (_bytes[i] != s[offset + i]) return false;
            }
            return _bytes[31] == (s[offset + 31] & 0x7F);
        }

        /// <summary>True when f ≡ 0 (mod p).</summary>
        public bool IsZero(int[] f)
        {
            ToBytes(_bytes, 0, f);
            for (int i = 0; i < 32; i++)
            {
                if (_bytes[i] != 0) return false;
            }
            return true;
        }

        /// <summary>True when f ≡ g (mod p).</summary>
        public bool AreEqual(int[] f, int[] g)
        {
            ToBytes(_bytes, 0, f);
            ToBytes(_bytes2, 0, g);
            for (int i = 0; i < 32; i++)
            {
                if (_bytes[i] != _bytes2[i]) return false;
            }
            return true;
        }

        /// <summary>True when the canonical value of f is odd (the "negative" x of RFC 8032 §5.1.2).</summary>
        public bool IsNegative(int[] f)
        {
            ToBytes(_bytes, 0, f);
            return (_bytes[0] & 1) != 0;
        }

        /// <summary>h = f · g (mod p). Source: ref10 fe_mul.c.</summary>
        public static void Mul(int[] h, int[] f, int[] g)
        {
            int f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
            long g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3], g4 = g[4], g5 = g[5], g6 = g[6], g7 = g[7], g8 = g[8], g9 = g[9];
            // Limb products that land at or past 2^255 wrap around times 19 (2^255 ≡ 19); odd × odd limb products are
            // doubled because ⌈25.5·i⌉ + ⌈25.5·j⌉ = 25.5·(i + j) + 1 when i and j are both odd.
            long g1x19 = 19 * g1, g2x19 = 19 * g2, g3x19 = 19 * g3, g4x19 = 19 * g4, g5x19 = 19 * g5;
            long g6x19 = 19 * g6, g7x19 = 19 * g7, g8x19 = 19 * g8, g9x19 = 19 * g9;
            long f1x2 = 2L * f1, f3x2 = 2L * f3, f5x2 = 2L * f5, f7x2 = 2L * f7, f9x2 = 2L * f9;
            long h0 = f0 * g0 + f1x2 * g9x19 + f2 * g8x19 + f3x2 * g7x19 + f4 * g6x19 + f5x2 * g5x19 + f6 * g4x19 + f7x2 * g3x19 + f8 * g2x19 + f9x2 * g1x19;
            long h1 = f0 * g1 + f1 * g0 + f2 * g9x19 + f3 * g8x19 + f4 * g7x19 + f5 * g6x19 + f6 * g5x19 + f7 * g4x19 + f8 * g3x19 + f9 * g2x19;
            long h2 = f0 * g2 + f1x2 * g1 + f2 * g0 + f3x2 * g9x19 + f4 * g8x19 + f5x2 * g7x19 + f6 * g6x19 + f7x2 * g5x19 + f8 * g4x19 + f9x2 * g3x19;
            long h3 = f0 * g3 + f1 * g2 + f2 * g1 + f3 * g0 + f4 * g9x19 + f5 * g8x19 + f6 * g7x19 + f7 * g6x19 + f8 * g5x19 + f9 * g4x19;
            long h4 = f0 * g4 + f1x2 * g3 + f2 * g2 + f3x2 * g1 + f4 * g0 + f5x2 * g9x19 + f6 * g8x19 + f7x2 * g7x19 + f8 * g6x19 + f9x2 * g5x19;
            long h5 = f0 * g5 + f1 * g4 + f2 * g3 + f3 * g2 + f4 * g1 + f5 * g0 + f6 * g9x19 + f7 * g8x19 + f8 * g7x19 + f9 * g6x19;
            long h6 = f0 * g6 + f1x2 * g5 + f2 * g4 + f3x2 * g3 + f4 * g2 + f5x2 * g1 + f6 * g0 + f7x2 * g9x19 + f8 * g8x19 + f9x2 * g7x19;
            long h7 = f0 * g7 + f1 * g6 + f2 * g5 + f3 * g4 + f4 * g3 + f5 * g2 + f6 * g1 + f7 * g0 + f8 * g9x19 + f9 * g8x19;
            long h8 = f0 * g8 + f1x2 * g7 + f2 * g6 + f3x2 * g5 + f4 * g4 + f5x2 * g3 + f6 * g2 + f7x2 * g1 + f8 * g0 + f9x2 * g9x19;
            long h9 = f0 * g9 + f1 * g8 + f2 * g7 + f3 * g6 + f4 * g5 + f5 * g4 + f6 * g3 + f7 * g2 + f8 * g1 + f9 * g0;
            CarryWide(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
        }

        /// <summary>h = f² (mod p). Source: ref10 fe_sq.c (the products of <see cref="Mul"/> with the symmetric ones merged).</summary>
        public static void Square(int[] h, int[] f)
        {
            SquareTimes(h, f, 1);
        }

        /// <summary>h = 2·f² (mod p). Source: ref10 fe_sq2.c.</summary>
        public static void SquareDouble(int[] h, int[] f)
        {
            SquareTimes(h, f, 2);
        }

        /// <summary>Reduces the limbs of h into the reduced bounds (the carry chain of ref10 fe_mul.c) without changing its value mod p.</summary>
        public static void Carry(int[] h)
        {
            CarryWide(h, h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9]);
        }

        /// <summary>h = z^(p − 2) = 1/z (mod p), 0 for z = 0 (Fermat). Source: the addition chain of ref10 fe_invert.c.</summary>
        public void Invert(int[] h, int[] z)
        {
            PowTwo250MinusOne(_t1, _t2, z);
            SquareRepeat(_t1, _t1, 5);
            Mul(h, _t1, _t2);           // z^(2^255 − 32) · z^11 = z^(p − 2)
        }

        /// <summary>h = z^((p − 5) / 8) = z^(2^252 − 3), the power in RFC 8032 §5.1.3's square root. Source: ref10 fe_pow22523.c.</summary>
        public void PowP58(int[] h, int[] z)
        {
            PowTwo250MinusOne(_t1, _t2, z);
            SquareRepeat(_t1, _t1, 2);
            Mul(h, _t1, z);             // z^(2^252 − 4) · z
        }

        // r = z^(2^250 − 1) and z11 = z^11: the common part of the chains of fe_invert and fe_pow22523.
        // Uses _t0 and _t3; eN below stands for z^(2^N − 1).
        private void PowTwo250MinusOne(int[] r, int[] z11, int[] z)
        {
            int[] e10 = _t0;
            int[] e50 = _t3;
            Square(r, z);               // z^2
            SquareRepeat(e10, r, 2);    // z^8
            Mul(e10, z, e10);           // z^9
            Mul(z11, r, e10);           // z^11
            Square(r, z11);             // z^22
            Mul(r, e10, r);             // e5
            SquareMul(e10, r, 5, r);    // e10
            SquareMul(r, e10, 10, e10); // e20
            SquareMul(e50, r, 20, r);   // e40
            SquareMul(e50, e50, 10, e10); // e50
            SquareMul(r, e50, 50, e50); // e100
            SquareMul(e10, r, 100, r);  // e200
            SquareMul(r, e10, 50, e50); // e250
        }

        // output = x^(2^n) · y; output must not be y.
        private static void SquareMul(int[] output, int[] x, int n, int[] y)
        {
            SquareRepeat(output, x, n);
            Mul(output, output, y);
        }

        // output = f^(2^n), n ≥ 1.
        private static void SquareRepeat(int[] output, int[] f, int n)
        {
            Square(output, f);
            for (int i = 1; i < n; i++) Square(output, output);
        }

        private static void SquareTimes(int[] h, int[] f, int factor)
        {
            int f0 = f[0], f1 = f[1], f2 = f[2], f3 = f[3], f4 = f[4], f5 = f[5], f6 = f[6], f7 = f[7], f8 = f[8], f9 = f[9];
            long f0x2 = 2L * f0, f1x2 = 2L * f1, f2x2 = 2L * f2, f3x2 = 2L * f3, f4x2 = 2L * f4, f6x2 = 2L * f6, f7x2 = 2L * f7;
            long f5x38 = 38L * f5, f6x19 = 19L * f6, f7x38 = 38L * f7, f8x19 = 19L * f8, f9x38 = 38L * f9;
            long h0 = f0 * (long)f0 + f1x2 * f9x38 + f2x2 * f8x19 + f3x2 * f7x38 + f4x2 * f6x19 + f5 * f5x38;
            long h1 = f0x2 * f1 + f2 * f9x38 + f3x2 * f8x19 + f4 * f7x38 + 2L * f5 * f6x19;
            long h2 = f0x2 * f2 + f1x2 * f1 + f3x2 * f9x38 + f4x2 * f8x19 + 2L * f5 * f7x38 + f6 * f6x19;
            long h3 = f0x2 * f3 + f1x2 * f2 + f4 * f9x38 + 2L * f5 * f8x19 + f6 * f7x38;
            long h4 = f0x2 * f4 + f1x2 * f3x2 + f2 * (long)f2 + 2L * f5 * f9x38 + f6x2 * f8x19 + f7 * f7x38;
            long h5 = f0x2 * f5 + f1x2 * f4 + f2x2 * f3 + f6 * f9x38 + f7x2 * f8x19;
            long h6 = f0x2 * f6 + 2L * f1x2 * f5 + f2x2 * f4 + f3x2 * f3 + f7x2 * f9x38 + f8 * f8x19;
            long h7 = f0x2 * f7 + f1x2 * f6 + f2x2 * f5 + f3x2 * f4 + f8 * f9x38;
            long h8 = f0x2 * f8 + f1x2 * f7x2 + f2x2 * f6 + 2L * f3x2 * f5 + f4 * (long)f4 + f9 * f9x38;
            long h9 = f0x2 * f9 + f1x2 * f8 + f2x2 * f7 + f3x2 * f6 + f4x2 * f5;
            if (factor == 2)
            {
                h0 += h0; h1 += h1; h2 += h2; h3 += h3; h4 += h4; h5 += h5; h6 += h6; h7 += h7; h8 += h8; h9 += h9;
            }
            CarryWide(h, h0, h1, h2, h3, h4, h5, h6, h7, h8, h9);
        }

        // The carry chain of ref10 fe_mul.c: rounds each limb to its 26/25-bit range, 2^255 wrapping to 19.
        private static void CarryWide(int[] h, long h0, long h1, long h2, long h3, long h4, long h5, long h6, long h7, long h8, long h9)
        {
            long c;
            c = (h0 + (1L << 25)) >> 26; h1 += c; h0 -= c << 26;
            c = (h4 + (1L << 25)) >> 26; h5 += c; h4 -= c << 26;
            c = (h1 + (1L << 24)) >> 25; h2 += c; h1 -= c << 25;
            c = (h5 + (1L << 24)) >> 25; h6 += c; h5 -= c << 25;
            c = (h2 + (1L << 25)) >> 26; h3 += c; h2 -= c << 26;
            c = (h6 + (1L << 25)) >> 26; h7 += c; h6 -= c << 26;
            c = (h3 + (1L << 24)) >> 25; h4 += c; h3 -= c << 25;
            c = (h7 + (1L << 24)) >> 25; h8 += c; h7 -= c << 25;
            c = (h4 + (1L << 25)) >> 26; h5 += c; h4 -= c << 26;
            c = (h8 + (1L << 25)) >> 26; h9 += c; h8 -= c << 26;
            c = (h9 + (1L << 24)) >> 25; h0 += c * 19; h9 -= c << 25;
            c = (h0 + (1L << 25)) >> 26; h1 += c; h0 -= c << 26;
            h[0] = (int)h0; h[1] = (int)h1; h[2] = (int)h2; h[3] = (int)h3; h[4] = (int)h4;
            h[5] = (int)h5; h[6] = (int)h6; h[7] = (int)h7; h[8] = (int)h8; h[9] = (int)h9;
        }
    }
}
