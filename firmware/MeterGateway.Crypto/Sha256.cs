namespace MeterGateway.Crypto
{
    /// <summary>
    /// SHA-256, incremental: <see cref="Reset"/>, any number of <see cref="BlockHash.Update"/> calls with byte[] + offset + count,
    /// then <see cref="Final"/> writes the 32-byte digest. Allocates nothing after construction (one 64-word message
    /// schedule and one 64-byte block buffer are reused). Used for the SHA-256 of update files (hashed as they download)
    /// and of public keys. Source: NIST FIPS 180-4, Secure Hash Standard, §4.1.2 functions, §4.2.2 constants,
    /// §5.1.1 padding, §5.3.3 initial hash value, §6.2.2 computation. Not thread-safe.
    /// </summary>
    public sealed class Sha256 : BlockHash
    {
        /// <summary>Size of a digest in bytes.</summary>
        public const int HashSize = 32;

        /// <summary>Size of a message block in bytes.</summary>
        public const int BlockSize = 64;

        // FIPS 180-4 §4.2.2: first 32 bits of the fractional parts of the cube roots of the first 64 primes. Made by the
        // first instance: only updates hash (their files, the fleet key's id), and static initializers run at start.
        private static uint[] K;

        private readonly uint[] _state = new uint[8];
        private readonly uint[] _w = new uint[64];

        /// <summary>A hasher ready for the first <see cref="BlockHash.Update"/>.</summary>
        public Sha256()
            : base(BlockSize, 8)
        {
            if (K == null)
            {
                K = new uint[]
                {
                    0x428A2F98, 0x71374491, 0xB5C0FBCF, 0xE9B5DBA5, 0x3956C25B, 0x59F111F1, 0x923F82A4, 0xAB1C5ED5,
                    0xD807AA98, 0x12835B01, 0x243185BE, 0x550C7DC3, 0x72BE5D74, 0x80DEB1FE, 0x9BDC06A7, 0xC19BF174,
                    0xE49B69C1, 0xEFBE4786, 0x0FC19DC6, 0x240CA1CC, 0x2DE92C6F, 0x4A7484AA, 0x5CB0A9DC, 0x76F988DA,
                    0x983E5152, 0xA831C66D, 0xB00327C8, 0xBF597FC7, 0xC6E00BF3, 0xD5A79147, 0x06CA6351, 0x14292967,
                    0x27B70A85, 0x2E1B2138, 0x4D2C6DFC, 0x53380D13, 0x650A7354, 0x766A0ABB, 0x81C2C92E, 0x92722C85,
                    0xA2BFE8A1, 0xA81A664B, 0xC24B8B70, 0xC76C51A3, 0xD192E819, 0xD6990624, 0xF40E3585, 0x106AA070,
                    0x19A4C116, 0x1E376C08, 0x2748774C, 0x34B0BCB5, 0x391C0CB3, 0x4ED8AA4A, 0x5B9CCA4F, 0x682E6FF3,
                    0x748F82EE, 0x78A5636F, 0x84C87814, 0x8CC70208, 0x90BEFFFA, 0xA4506CEB, 0xBEF9A3F7, 0xC67178F2,
                };
            }
            Reset();
        }

        /// <summary>Starts a new message (FIPS 180-4 §5.3.3 initial hash value).</summary>
        public void Reset()
        {
            // FIPS 180-4 §5.3.3: first 32 bits of the fractional parts of the square roots of the first 8 primes (constants
            // in the code: a static table would stay on nanoFramework's heap for good)
            uint[] state = _state;
            state[0] = 0x6A09E667; state[1] = 0xBB67AE85; state[2] = 0x3C6EF372; state[3] = 0xA54FF53A;
            state[4] = 0x510E527F; state[5] = 0x9B05688C; state[6] = 0x1F83D9AB; state[7] = 0x5BE0CD19;
            ResetBlocks();
        }

        /// <summary>
        /// Pads the message (FIPS 180-4 §5.1.1), writes the 32-byte digest at <paramref name="offset"/> of
        /// <paramref name="output"/>, and resets for the next message.
        /// </summary>
        public void Final(byte[] output, int offset)
        {
            Pad();
            for (int i = 0; i < 8; i++)
            {
                uint s = _state[i];
                output[offset + 4 * i] = (byte)(s >> 24);
                output[offset + 4 * i + 1] = (byte)(s >> 16);
                output[offset + 4 * i + 2] = (byte)(s >> 8);
                output[offset + 4 * i + 3] = (byte)s;
            }
            Reset();
        }

        /// <summary>The digest of one whole message: <see cref="Reset"/>, <see cref="BlockHash.Update"/>, <see cref="Final"/>.</summary>
        public void Compute(byte[] data, int offset, int count, byte[] output, int outputOffset)
        {
            Reset();
            Update(data, offset, count);
            Final(output, outputOffset);
        }

        // FIPS 180-4 §6.2.2 steps 1–4 on the 64 bytes at offset.
        /// <inheritdoc/>
        protected override void Compress(byte[] data, int offset)
        {
            uint[] w = _w;
            for (int t = 0; t < 16; t++)
            {
                int p = offset + 4 * t;
                w[t] = ((uint)data[p] << 24) | ((uint)data[p + 1] << 16) | ((uint)data[p + 2] << 8) | data[p + 3];
            }
            for (int t = 16; t < 64; t++)
            {
                uint x = w[t - 15];
                uint y = w[t - 2];
                uint sigma0 = ((x >> 7) | (x << 25)) ^ ((x >> 18) | (x << 14)) ^ (x >> 3);
                uint sigma1 = ((y >> 17) | (y << 15)) ^ ((y >> 19) | (y << 13)) ^ (y >> 10);
                w[t] = sigma1 + w[t - 7] + sigma0 + w[t - 16];
            }
            uint a = _state[0], b = _state[1], c = _state[2], d = _state[3];
            uint e = _state[4], f = _state[5], g = _state[6], h = _state[7];
            for (int t = 0; t < 64; t++)
            {
                uint bigSigma1 = ((e >> 6) | (e << 26)) ^ ((e >> 11) | (e << 21)) ^ ((e >> 25) | (e << 7));
                uint ch = (e & f) ^ (~e & g);
                uint t1 = h + bigSigma1 + ch + K[t] + w[t];
                uint bigSigma0 = ((a >> 2) | (a << 30)) ^ ((a >> 13) | (a << 19)) ^ ((a >> 22) | (a << 10));
                uint maj = (a & b) ^ (a & c) ^ (b & c);
                uint t2 = bigSigma0 + maj;
                h = g;
                g = f;
                f = e;
                e = d + t1;
                d = c;
                c = b;
                b = a;
                a = t1 + t2;
            }
            _state[0] += a;
            _state[1] += b;
            _state[2] += c;
            _state[3] += d;
            _state[4] += e;
            _state[5] += f;
            _state[6] += g;
            _state[7] += h;
        }
    }
}
