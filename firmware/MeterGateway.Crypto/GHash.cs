namespace MeterGateway.Crypto
{
    /// <summary>
    /// GHASH, the universal hash of GCM: Y = (Y xor X) · H in GF(2^128) for each 16-byte block X, with the
    /// bit order and reduction polynomial x^128 + x^7 + x^2 + x + 1 of NIST SP 800-38D §6.3–6.4. The
    /// multiplication uses Shoup's 4-bit tables (16 multiples of H, built once per key), the same method as
    /// Mbed TLS library/gcm.c (gcm_gen_table, gcm_mult). Allocates only in the constructor.
    /// </summary>
    internal sealed class GHash
    {
        // Reduction of the 4 bits shifted out at each step (Mbed TLS gcm.c "last4"), placed in bits 48..63 of the high half;
        // made by the first instance, as only a box reading an encrypted meter needs it (static initializers run at start).
        private static ulong[] Last4;

        // HH[i], HL[i] = high and low 64 bits of i·H, where the 4-bit index i is read with GCM's reflected bit order.
        private readonly ulong[] _hh = new ulong[16];
        private readonly ulong[] _hl = new ulong[16];
        private readonly byte[] _y = new byte[16];

        /// <summary>A hash without a key (<see cref="SetKey"/> gives it one).</summary>
        public GHash()
        {
            if (Last4 == null)
            {
                Last4 = new ulong[]
                {
                    0x0000, 0x1C20, 0x3840, 0x2460, 0x7080, 0x6CA0, 0x48C0, 0x54E0,
                    0xE100, 0xFD20, 0xD940, 0xC560, 0x9180, 0x8DA0, 0xA9C0, 0xB5E0,
                };
            }
        }

        /// <summary>Builds the tables for the hash subkey H (16 bytes at <paramref name="offset"/>).</summary>
        public void SetKey(byte[] h, int offset)
        {
            ulong vh = ReadLong(h, offset);
            ulong vl = ReadLong(h, offset + 8);
            // Index 8 (binary 1000) is the field's 1, so 8·H = H; index 0 is 0.
            _hh[8] = vh;
            _hl[8] = vl;
            _hh[0] = 0;
            _hl[0] = 0;
            for (int i = 4; i > 0; i >>= 1)
            {
                // Multiply by x: shift right one bit in GCM's bit order, reducing with 0xE1 << 120.
                ulong reduce = (vl & 1) != 0 ? 0xE100000000000000UL : 0UL;
                vl = (vh << 63) | (vl >> 1);
                vh = (vh >> 1) ^ reduce;
                _hh[i] = vh;
                _hl[i] = vl;
            }
            for (int i = 2; i <= 8; i *= 2)
            {
                for (int j = 1; j < i; j++)
                {
                    _hh[i + j] = _hh[i] ^ _hh[j];
                    _hl[i + j] = _hl[i] ^ _hl[j];
                }
            }
        }

        /// <summary>Starts a new hash: Y = 0.</summary>
        public void Start()
        {
            for (int i = 0; i < 16; i++)
            {
                _y[i] = 0;
            }
        }

        /// <summary>
        /// Hashes <paramref name="count"/> bytes; a last partial block is padded with zeros, so call this once per
        /// GCM section (the AAD, then the ciphertext) or with whole blocks until the last one.
        /// </summary>
        public void Update(byte[] data, int offset, int count)
        {
            while (count > 0)
            {
                int n = count < 16 ? count : 16;
                for (int i = 0; i < n; i++)
                {
                    _y[i] ^= data[offset + i];
                }
                MultiplyByH();
                offset += n;
                count -= n;
            }
        }

        /// <summary>Hashes the final block len(A) || len(C), both in bits as 64-bit big-endian (SP 800-38D §7.1 step 5), and copies Y to <paramref name="output"/>.</summary>
        public void Finish(int aadLength, int textLength, byte[] output, int offset)
        {
            XorLong(0, (ulong)aadLength << 3);
            XorLong(8, (ulong)textLength << 3);
            MultiplyByH();
            for (int i = 0; i < 16; i++)
            {
                output[offset + i] = _y[i];
            }
        }

        private void XorLong(int at, ulong value)
        {
            for (int i = 0; i < 8; i++)
            {
                _y[at + i] ^= (byte)(value >> (56 - 8 * i));
            }
        }

        // Y = Y · H, four bits at a time from the last byte to the first (Mbed TLS gcm_mult).
        private void MultiplyByH()
        {
            byte[] x = _y;
            int lo = x[15] & 0x0F;
            ulong zh = _hh[lo];
            ulong zl = _hl[lo];
            for (int i = 15; i >= 0; i--)
            {
                lo = x[i] & 0x0F;
                int hi = x[i] >> 4;
                if (i != 15)
                {
                    ShiftFour(ref zh, ref zl);
                    zh ^= _hh[lo];
                    zl ^= _hl[lo];
                }
                ShiftFour(ref zh, ref zl);
                zh ^= _hh[hi];
                zl ^= _hl[hi];
            }
            for (int i = 0; i < 8; i++)
            {
                x[i] = (byte)(zh >> (56 - 8 * i));
                x[8 + i] = (byte)(zl >> (56 - 8 * i));
            }
        }

        private static void ShiftFour(ref ulong zh, ref ulong zl)
        {
            int rem = (int)(zl & 0x0F);
            zl = (zh << 60) | (zl >> 4);
            zh = (zh >> 4) ^ (Last4[rem] << 48);
        }

        private static ulong ReadLong(byte[] b, int offset)
        {
            return ((ulong)Aes128.ReadWord(b, offset) << 32) | Aes128.ReadWord(b, offset + 4);
        }
    }
}
