using System;

namespace MeterGateway.Crypto
{
    /// <summary>
    /// AES-128 block cipher, encrypt direction only (all that the CTR and GCM modes need). The key is expanded
    /// once, in the constructor or <see cref="SetKey"/>, into 44 round-key words; <see cref="EncryptBlock"/>
    /// allocates nothing. Source: FIPS-197 (Advanced Encryption Standard) §5.1 cipher, §5.2 key expansion,
    /// implemented with the usual 32-bit table form (one 256-word table, rotated for the other three columns)
    /// as in the reference rijndael-alg-fst.c. Like most software AES, its table look-ups depend on key and data,
    /// so it is not hardened against cache-timing attacks by code running on the same machine.
    /// Not thread-safe. Nothing in this class prints or returns the key.
    /// </summary>
    public sealed class Aes128
    {
        /// <summary>Size of a key in bytes (128 bits).</summary>
        public const int KeySize = 16;

        /// <summary>Size of a block in bytes (128 bits).</summary>
        public const int BlockSize = 16;

        private const int Rounds = 10;

        // The tables, made by the first instance (MakeTables): nanoFramework runs every static initializer at start and
        // keeps what it makes, and only a box reading an encrypted meter needs them (1.3 KB).
        // FIPS-197 Figure 7, S-box (SubBytes), indexed by the input byte.
        private static byte[] SBox;

        // FIPS-197 §5.2, Rcon[i] = x^(i-1) in GF(2^8), in the high byte of the word.
        private static uint[] Rcon;

        // SubBytes + MixColumns of one byte in column position 0: (2·S[x], S[x], S[x], 3·S[x]) big-endian.
        // Positions 1..3 are the same word rotated right by 8, 16, 24 bits.
        private static uint[] Te0;

        private readonly uint[] _roundKeys = new uint[4 * (Rounds + 1)];

        /// <summary>Expands a 16-byte key (FIPS-197 §5.2). Throws <see cref="ArgumentException"/> when fewer than 16 bytes are given.</summary>
        public Aes128(byte[] key, int offset)
        {
            if (Te0 == null) MakeTables();
            SetKey(key, offset);
        }

        /// <summary>Replaces the key: expands the 16 bytes at <paramref name="offset"/> into the round keys (FIPS-197 §5.2).</summary>
        public void SetKey(byte[] key, int offset)
        {
            if (key == null || offset < 0 || offset + KeySize > key.Length)
            {
                throw new ArgumentException("AES-128 needs a 16-byte key");
            }
            uint[] w = _roundKeys;
            for (int i = 0; i < 4; i++)
            {
                w[i] = ReadWord(key, offset + 4 * i);
            }
            for (int i = 4; i < w.Length; i++)
            {
                uint t = w[i - 1];
                if ((i & 3) == 0)
                {
                    t = SubWord((t << 8) | (t >> 24)) ^ Rcon[(i >> 2) - 1];
                }
                w[i] = w[i - 4] ^ t;
            }
        }

        /// <summary>
        /// Encrypts one 16-byte block from <paramref name="input"/> at <paramref name="inOffset"/> into
        /// <paramref name="output"/> at <paramref name="outOffset"/> (FIPS-197 §5.1). Input and output may be the same bytes.
        /// </summary>
        public void EncryptBlock(byte[] input, int inOffset, byte[] output, int outOffset)
        {
            uint[] rk = _roundKeys;
            uint s0 = ReadWord(input, inOffset) ^ rk[0];
            uint s1 = ReadWord(input, inOffset + 4) ^ rk[1];
            uint s2 = ReadWord(input, inOffset + 8) ^ rk[2];
            uint s3 = ReadWord(input, inOffset + 12) ^ rk[3];
            int k = 4;
            for (int round = 1; round < Rounds; round++)
            {
                uint t0 = Column(s0, s1, s2, s3) ^ rk[k];
                uint t1 = Column(s1, s2, s3, s0) ^ rk[k + 1];
                uint t2 = Column(s2, s3, s0, s1) ^ rk[k + 2];
                uint t3 = Column(s3, s0, s1, s2) ^ rk[k + 3];
                s0 = t0; s1 = t1; s2 = t2; s3 = t3;
                k += 4;
            }
            // Last round: SubBytes, ShiftRows, AddRoundKey (no MixColumns).
            WriteWord(output, outOffset, LastColumn(s0, s1, s2, s3) ^ rk[k]);
            WriteWord(output, outOffset + 4, LastColumn(s1, s2, s3, s0) ^ rk[k + 1]);
            WriteWord(output, outOffset + 8, LastColumn(s2, s3, s0, s1) ^ rk[k + 2]);
            WriteWord(output, outOffset + 12, LastColumn(s3, s0, s1, s2) ^ rk[k + 3]);
        }

        // One output column of a full round: row r of the column comes from state column (c + r) mod 4 (ShiftRows).
        private static uint Column(uint a, uint b, uint c, uint d)
        {
            return Te0[a >> 24]
                ^ RotateRight(Te0[(b >> 16) & 0xFF], 8)
                ^ RotateRight(Te0[(c >> 8) & 0xFF], 16)
                ^ RotateRight(Te0[d & 0xFF], 24);
        }

        private static uint LastColumn(uint a, uint b, uint c, uint d)
        {
            return ((uint)SBox[a >> 24] << 24)
                | ((uint)SBox[(b >> 16) & 0xFF] << 16)
                | ((uint)SBox[(c >> 8) & 0xFF] << 8)
                | SBox[d & 0xFF];
        }

        private static uint SubWord(uint w)
        {
            return LastColumn(w, w, w, w);
        }

        private static uint RotateRight(uint w, int bits)
        {
            return (w >> bits) | (w << (32 - bits));
        }

        private static void MakeTables()
        {
            // FIPS-197 Figure 7
            byte[] sbox = new byte[]
            {
                0x63, 0x7C, 0x77, 0x7B, 0xF2, 0x6B, 0x6F, 0xC5, 0x30, 0x01, 0x67, 0x2B, 0xFE, 0xD7, 0xAB, 0x76,
                0xCA, 0x82, 0xC9, 0x7D, 0xFA, 0x59, 0x47, 0xF0, 0xAD, 0xD4, 0xA2, 0xAF, 0x9C, 0xA4, 0x72, 0xC0,
                0xB7, 0xFD, 0x93, 0x26, 0x36, 0x3F, 0xF7, 0xCC, 0x34, 0xA5, 0xE5, 0xF1, 0x71, 0xD8, 0x31, 0x15,
                0x04, 0xC7, 0x23, 0xC3, 0x18, 0x96, 0x05, 0x9A, 0x07, 0x12, 0x80, 0xE2, 0xEB, 0x27, 0xB2, 0x75,
                0x09, 0x83, 0x2C, 0x1A, 0x1B, 0x6E, 0x5A, 0xA0, 0x52, 0x3B, 0xD6, 0xB3, 0x29, 0xE3, 0x2F, 0x84,
                0x53, 0xD1, 0x00, 0xED, 0x20, 0xFC, 0xB1, 0x5B, 0x6A, 0xCB, 0xBE, 0x39, 0x4A, 0x4C, 0x58, 0xCF,
                0xD0, 0xEF, 0xAA, 0xFB, 0x43, 0x4D, 0x33, 0x85, 0x45, 0xF9, 0x02, 0x7F, 0x50, 0x3C, 0x9F, 0xA8,
                0x51, 0xA3, 0x40, 0x8F, 0x92, 0x9D, 0x38, 0xF5, 0xBC, 0xB6, 0xDA, 0x21, 0x10, 0xFF, 0xF3, 0xD2,
                0xCD, 0x0C, 0x13, 0xEC, 0x5F, 0x97, 0x44, 0x17, 0xC4, 0xA7, 0x7E, 0x3D, 0x64, 0x5D, 0x19, 0x73,
                0x60, 0x81, 0x4F, 0xDC, 0x22, 0x2A, 0x90, 0x88, 0x46, 0xEE, 0xB8, 0x14, 0xDE, 0x5E, 0x0B, 0xDB,
                0xE0, 0x32, 0x3A, 0x0A, 0x49, 0x06, 0x24, 0x5C, 0xC2, 0xD3, 0xAC, 0x62, 0x91, 0x95, 0xE4, 0x79,
                0xE7, 0xC8, 0x37, 0x6D, 0x8D, 0xD5, 0x4E, 0xA9, 0x6C, 0x56, 0xF4, 0xEA, 0x65, 0x7A, 0xAE, 0x08,
                0xBA, 0x78, 0x25, 0x2E, 0x1C, 0xA6, 0xB4, 0xC6, 0xE8, 0xDD, 0x74, 0x1F, 0x4B, 0xBD, 0x8B, 0x8A,
                0x70, 0x3E, 0xB5, 0x66, 0x48, 0x03, 0xF6, 0x0E, 0x61, 0x35, 0x57, 0xB9, 0x86, 0xC1, 0x1D, 0x9E,
                0xE1, 0xF8, 0x98, 0x11, 0x69, 0xD9, 0x8E, 0x94, 0x9B, 0x1E, 0x87, 0xE9, 0xCE, 0x55, 0x28, 0xDF,
                0x8C, 0xA1, 0x89, 0x0D, 0xBF, 0xE6, 0x42, 0x68, 0x41, 0x99, 0x2D, 0x0F, 0xB0, 0x54, 0xBB, 0x16,
            };
            uint[] table = new uint[256];
            for (int x = 0; x < 256; x++)
            {
                uint s = sbox[x];
                uint s2 = (s << 1) ^ ((s & 0x80) != 0 ? 0x11Bu : 0u); // xtime, FIPS-197 §4.2.1
                uint s3 = s2 ^ s;
                table[x] = (s2 << 24) | (s << 16) | (s << 8) | s3;
            }
            SBox = sbox;
            Rcon = new uint[]
            {
                0x01000000, 0x02000000, 0x04000000, 0x08000000, 0x10000000,
                0x20000000, 0x40000000, 0x80000000, 0x1B000000, 0x36000000,
            };
            Te0 = table;
        }

        internal static uint ReadWord(byte[] b, int offset)
        {
            return ((uint)b[offset] << 24) | ((uint)b[offset + 1] << 16) | ((uint)b[offset + 2] << 8) | b[offset + 3];
        }

        internal static void WriteWord(byte[] b, int offset, uint w)
        {
            b[offset] = (byte)(w >> 24);
            b[offset + 1] = (byte)(w >> 16);
            b[offset + 2] = (byte)(w >> 8);
            b[offset + 3] = (byte)w;
        }
    }
}
