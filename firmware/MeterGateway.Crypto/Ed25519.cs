namespace MeterGateway.Crypto
{
    /// <summary>
    /// Ed25519 signature verification (RFC 8032 §5.1.7), for the update manifests' signatures: the box holds only the
    /// fleet's 32-byte public key and never signs. Points are kept in extended coordinates (X:Y:Z:T) with the
    /// addition and doubling formulas of RFC 8032 §5.1.4; field arithmetic is <see cref="Field25519"/>.
    /// <para>Check: R' = [S]B − [k]A with k = SHA-512(R ‖ A ‖ M) mod L, computed in one pass (Straus/Shamir: one
    /// doubling per bit, one addition of B, −A or B − A per non-zero bit pair), then the encoding of R' is compared
    /// with R byte for byte — the cofactorless equation RFC 8032 §5.1.7 step 3 allows, as ref10 and libsodium do.
    /// Refused: S ≥ L (§5.1.7 step 1, no malleable signatures), a public key whose y is not below p or that is not
    /// a curve point (§5.1.3), and any mismatch.</para>
    /// Variable-time: the inputs are all public. Allocates nothing after construction; not thread-safe.
    /// </summary>
    public sealed class Ed25519
    {
        /// <summary>Size of a public key in bytes.</summary>
        public const int PublicKeySize = 32;

        /// <summary>Size of a signature in bytes: R (32, a point encoding) then S (32, a little-endian scalar).</summary>
        public const int SignatureSize = 64;

        // L = 2^252 + 27742317777372353535851937790883648493, the order of B (RFC 8032 §5.1), little-endian bytes; made by the
        // first instance with the constants below (only an update's signature check needs them: static initializers run at start).
        private static long[] Order;

        private readonly Field25519 _field = new Field25519();
        private readonly Sha512 _sha = new Sha512();
        private readonly int[] _d = Field25519.Create();
        private readonly int[] _d2 = Field25519.Create();
        private readonly int[] _sqrtMinusOne = Field25519.Create();
        private readonly int[] _one = Field25519.Create();
        private readonly Point _base = new Point();
        private readonly Point _minusA = new Point();
        private readonly Point _baseMinusA = new Point();
        private readonly Point _r = new Point();
        private readonly Cached _cachedBase = new Cached();
        private readonly Cached _cachedMinusA = new Cached();
        private readonly Cached _cachedBaseMinusA = new Cached();
        private readonly int[] _a = Field25519.Create();
        private readonly int[] _b = Field25519.Create();
        private readonly int[] _c = Field25519.Create();
        private readonly int[] _e = Field25519.Create();
        private readonly int[] _f = Field25519.Create();
        private readonly int[] _g = Field25519.Create();
        private readonly int[] _h = Field25519.Create();
        private readonly byte[] _digest = new byte[Sha512.HashSize];
        private readonly byte[] _k = new byte[32];
        private readonly long[] _wide = new long[64];
        private readonly byte[] _encoded = new byte[32];

        /// <summary>Prepares the constants and the base point (one decoding; about as long as a tenth of a verification).</summary>
        public Ed25519()
        {
            // d = −121665/121666 mod p (RFC 8032 §5.1), little-endian.
            byte[] encodedD = new byte[]
            {
                0xA3, 0x78, 0x59, 0x13, 0xCA, 0x4D, 0xEB, 0x75, 0xAB, 0xD8, 0x41, 0x41, 0x4D, 0x0A, 0x70, 0x00,
                0x98, 0xE8, 0x79, 0x77, 0x79, 0x40, 0xC7, 0x8C, 0x73, 0xFE, 0x6F, 0x2B, 0xEE, 0x6C, 0x03, 0x52,
            };
            // 2^((p − 1)/4) mod p, a square root of −1 (RFC 8032 §5.1.3 step 3), little-endian.
            byte[] encodedSqrtMinusOne = new byte[]
            {
                0xB0, 0xA0, 0x0E, 0x4A, 0x27, 0x1B, 0xEE, 0xC4, 0x78, 0xE4, 0x2F, 0xAD, 0x06, 0x18, 0x43, 0x2F,
                0xA7, 0xD7, 0xFB, 0x3D, 0x99, 0x00, 0x4D, 0x2B, 0x0B, 0xDF, 0xC1, 0x4F, 0x80, 0x24, 0x83, 0x2B,
            };
            // The base point B: y = 4/5, x positive (RFC 8032 §5.1), in its encoding.
            byte[] encodedBase = new byte[]
            {
                0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
                0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
            };
            if (Order == null)
            {
                Order = new long[]
                {
                    0xED, 0xD3, 0xF5, 0x5C, 0x1A, 0x63, 0x12, 0x58, 0xD6, 0x9C, 0xF7, 0xA2, 0xDE, 0xF9, 0xDE, 0x14,
                    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10,
                };
            }
            Field25519.FromBytes(_d, encodedD, 0);
            Field25519.Add(_d2, _d, _d);
            Field25519.Carry(_d2);
            Field25519.FromBytes(_sqrtMinusOne, encodedSqrtMinusOne, 0);
            Field25519.One(_one);
            Decode(_base, encodedBase, 0);
            ToCached(_cachedBase, _base);
        }

        /// <summary>
        /// True when the 64-byte <paramref name="signature"/> is a valid Ed25519 signature (RFC 8032 §5.1.7, empty
        /// context) by the 32-byte <paramref name="publicKey"/> of the <paramref name="messageLength"/> bytes of
        /// <paramref name="message"/> from <paramref name="messageOffset"/>. Never throws on bad keys or signatures.
        /// </summary>
        public bool Verify(byte[] publicKey, int publicKeyOffset, byte[] message, int messageOffset, int messageLength, byte[] signature, int signatureOffset)
        {
            if (!IsBelowOrder(signature, signatureOffset + 32)) return false;
            if (!Decode(_minusA, publicKey, publicKeyOffset)) return false;

            _sha.Reset();
            _sha.Update(signature, signatureOffset, 32);
            _sha.Update(publicKey, publicKeyOffset, 32);
            _sha.Update(message, messageOffset, messageLength);
            _sha.Final(_digest, 0);
            ReduceModOrder(_digest, 0, _k, 0);

            Field25519.Negate(_minusA.X, _minusA.X);
            Field25519.Negate(_minusA.T, _minusA.T);
            ToCached(_cachedMinusA, _minusA);
            Add(_baseMinusA, _base, _cachedMinusA);
            ToCached(_cachedBaseMinusA, _baseMinusA);

            // R' = [S]B + [k](−A), most significant bit first.
            Point r = _r;
            Field25519.Zero(r.X);
            Field25519.One(r.Y);
            Field25519.One(r.Z);
            Field25519.Zero(r.T);
            for (int i = 255; i >= 0; i--)
            {
                Double(r, r);
                int byteIndex = i >> 3;
                int bit = i & 7;
                bool s = ((signature[signatureOffset + 32 + byteIndex] >> bit) & 1) != 0;
                bool k = ((_k[byteIndex] >> bit) & 1) != 0;
                if (s && k) Add(r, r, _cachedBaseMinusA);
                else if (s) Add(r, r, _cachedBase);
                else if (k) Add(r, r, _cachedMinusA);
            }

            Encode(_encoded, r);
            for (int i = 0; i < 32; i++)
            {
                if (_encoded[i] != signature[signatureOffset + i]) return false;
            }
            return true;
        }

        /// <summary>
        /// Reduces the 64-byte little-endian number at <paramref name="inputOffset"/> (a SHA-512 digest) modulo L into 32
        /// little-endian bytes at <paramref name="outputOffset"/>. Source: modL of TweetNaCl (Bernstein et al., public
        /// domain), radix 2^8 with signed carries.
        /// </summary>
        public void ReduceModOrder(byte[] input, int inputOffset, byte[] output, int outputOffset)
        {
            long[] x = _wide;
            for (int i = 0; i < 64; i++) x[i] = input[inputOffset + i];
            for (int i = 63; i >= 32; i--)
            {
                long carry = 0;
                int j;
                for (j = i - 32; j < i - 12; j++)
                {
                    x[j] += carry - 16 * x[i] * Order[j - (i - 32)];
                    carry = (x[j] + 128) >> 8;
                    x[j] -= carry << 8;
                }
                x[j] += carry;
                x[i] = 0;
            }
            long c = 0;
            for (int j = 0; j < 32; j++)
            {
                x[j] += c - (x[31] >> 4) * Order[j];
                c = x[j] >> 8;
                x[j] &= 255;
            }
            for (int j = 0; j < 32; j++) x[j] -= c * Order[j];
            for (int i = 0; i < 32; i++)
            {
                x[i + 1] += x[i] >> 8;
                output[outputOffset + i] = (byte)(x[i] & 255);
            }
        }

        // True when the 32-byte little-endian scalar at offset is below L.
        private static bool IsBelowOrder(byte[] s, int offset)
        {
            for (int i = 31; i >= 0; i--)
            {
                if (s[offset + i] < Order[i]) return true;
                if (s[offset + i] > Order[i]) return false;
            }
            return false;
        }

        // RFC 8032 §5.1.3: the point whose encoding is the 32 bytes at offset; false when there is none.
        private bool Decode(Point point, byte[] s, int offset)
        {
            if (!_field.IsCanonical(s, offset)) return false;
            int[] y = point.Y;
            int[] u = _a;
            int[] v = _b;
            int[] v3 = _c;
            int[] x = point.X;
            int[] check = _e;
            Field25519.FromBytes(y, s, offset);
            Field25519.Square(u, y);
            Field25519.Mul(v, u, _d);
            Field25519.Sub(u, u, _one);               // u = y² − 1
            Field25519.Add(v, v, _one);               // v = d·y² + 1
            Field25519.Square(v3, v);
            Field25519.Mul(v3, v3, v);                // v³
            Field25519.Square(x, v3);
            Field25519.Mul(x, x, v);
            Field25519.Mul(x, x, u);                  // u·v⁷
            _field.PowP58(x, x);
            Field25519.Mul(x, x, v3);
            Field25519.Mul(x, x, u);                  // x = u·v³·(u·v⁷)^((p − 5)/8)
            Field25519.Square(check, x);
            Field25519.Mul(check, check, v);          // v·x²
            if (!_field.AreEqual(check, u))
            {
                Field25519.Negate(u, u);
                if (!_field.AreEqual(check, u)) return false;
                Field25519.Mul(x, x, _sqrtMinusOne);
            }
            bool sign = (s[offset + 31] & 0x80) != 0;
            if (sign && _field.IsZero(x)) return false;
            if (_field.IsNegative(x) != sign) Field25519.Negate(x, x);
            Field25519.One(point.Z);
            Field25519.Mul(point.T, x, y);
            return true;
        }

        // RFC 8032 §5.1.2: the encoding of point: y, with the low bit of x in bit 255.
        private void Encode(byte[] s, Point point)
        {
            int[] zInverse = _a;
            int[] x = _b;
            int[] y = _c;
            _field.Invert(zInverse, point.Z);
            Field25519.Mul(x, point.X, zInverse);
            Field25519.Mul(y, point.Y, zInverse);
            _field.ToBytes(s, 0, y);
            if (_field.IsNegative(x)) s[31] |= 0x80;
        }

        // RFC 8032 §5.1.4 addition, the second point in cached form: r = p + q. r may be p.
        private void Add(Point r, Point p, Cached q)
        {
            int[] a = _a, b = _b, c = _c, d = _e;
            Field25519.Sub(a, p.Y, p.X);
            Field25519.Mul(a, a, q.YMinusX);          // A = (Y1 − X1)·(Y2 − X2)
            Field25519.Add(b, p.Y, p.X);
            Field25519.Mul(b, b, q.YPlusX);           // B = (Y1 + X1)·(Y2 + X2)
            Field25519.Mul(c, p.T, q.T2d);            // C = T1·2d·T2
            Field25519.Mul(d, p.Z, q.Z2);             // D = Z1·2·Z2
            int[] e = _f, f = _g, g = _h;
            Field25519.Sub(e, b, a);                  // E = B − A
            Field25519.Sub(f, d, c);                  // F = D − C
            Field25519.Add(g, d, c);                  // G = D + C
            Field25519.Add(a, b, a);                  // H = B + A (in a)
            Field25519.Mul(r.X, e, f);
            Field25519.Mul(r.Y, g, a);
            Field25519.Mul(r.T, e, a);
            Field25519.Mul(r.Z, f, g);
        }

        // RFC 8032 §5.1.4 doubling: r = 2p. r may be p.
        private void Double(Point r, Point p)
        {
            int[] a = _a, b = _b, c = _c, h = _e, e = _f, g = _g, f = _h;
            Field25519.Square(a, p.X);                // A = X1²
            Field25519.Square(b, p.Y);                // B = Y1²
            Field25519.SquareDouble(c, p.Z);          // C = 2·Z1²
            Field25519.Add(h, a, b);                  // H = A + B
            Field25519.Add(e, p.X, p.Y);
            Field25519.Square(e, e);
            Field25519.Sub(e, h, e);                  // E = H − (X1 + Y1)²
            Field25519.Sub(g, a, b);                  // G = A − B
            Field25519.Add(f, c, g);                  // F = C + G
            Field25519.Mul(r.X, e, f);
            Field25519.Mul(r.Y, g, h);
            Field25519.Mul(r.T, e, h);
            Field25519.Mul(r.Z, f, g);
        }

        private void ToCached(Cached c, Point p)
        {
            Field25519.Add(c.YPlusX, p.Y, p.X);
            Field25519.Carry(c.YPlusX);
            Field25519.Sub(c.YMinusX, p.Y, p.X);
            Field25519.Carry(c.YMinusX);
            Field25519.Add(c.Z2, p.Z, p.Z);
            Field25519.Carry(c.Z2);
            Field25519.Mul(c.T2d, p.T, _d2);
        }

        // A point in extended coordinates: x = X/Z, y = Y/Z, x·y = T/Z (RFC 8032 §5.1.4).
        private sealed class Point
        {
            public readonly int[] X = Field25519.Create();
            public readonly int[] Y = Field25519.Create();
            public readonly int[] Z = Field25519.Create();
            public readonly int[] T = Field25519.Create();
        }

        // A point prepared for repeated addition: Y + X, Y − X, 2·Z, 2d·T.
        private sealed class Cached
        {
            public readonly int[] YPlusX = Field25519.Create();
            public readonly int[] YMinusX = Field25519.Create();
            public readonly int[] Z2 = Field25519.Create();
            public readonly int[] T2d = Field25519.Create();
        }
    }
}
