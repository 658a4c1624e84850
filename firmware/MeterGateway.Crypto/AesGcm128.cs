using System;

namespace MeterGateway.Crypto
{
    /// <summary>
    /// AES-128-GCM authenticated encryption with a 96-bit IV (NIST SP 800-38D §7.1–7.2): J0 = IV || 00000001,
    /// the text is AES-CTR from IV || 00000002 on (32-bit big-endian counter), the tag is
    /// E(K, J0) xor GHASH(AAD, ciphertext, lengths), truncated to 12..16 bytes (DLMS security suite 0 uses 12,
    /// DLMS Green Book / LUX §3.2.5; most other users 16). Decryption checks the tag first, in constant time,
    /// and writes no plaintext when it does not match.
    /// <para>Everything is allocated in the constructor; the key is expanded once per key (<see cref="SetKey"/>).
    /// Data are byte arrays with offsets; input and output may be the same bytes (in-place). Not thread-safe.
    /// Nothing in this class prints or returns the key.</para>
    /// </summary>
    public sealed class AesGcm128
    {
        /// <summary>Size of the IV in bytes: 96 bits, the only size supported (other sizes need GHASH of the IV, SP 800-38D §7.1 step 2).</summary>
        public const int NonceSize = 12;

        /// <summary>Smallest tag size accepted, in bytes (96 bits, as DLMS uses; SP 800-38D §5.2.1.2).</summary>
        public const int MinTagSize = 12;

        /// <summary>Full tag size in bytes (128 bits).</summary>
        public const int MaxTagSize = 16;

        private readonly Aes128 _aes;
        private readonly GHash _ghash = new GHash();
        private readonly byte[] _j0 = new byte[16];
        private readonly byte[] _counter = new byte[16];
        private readonly byte[] _keystream = new byte[16];
        private readonly byte[] _tag = new byte[16];

        /// <summary>Creates the cipher for the 16-byte key at <paramref name="offset"/>. Throws <see cref="ArgumentException"/> on a short key.</summary>
        public AesGcm128(byte[] key, int offset)
        {
            _aes = new Aes128(key, offset);
            DeriveHashKey();
        }

        /// <summary>Replaces the key (16 bytes at <paramref name="offset"/>): expands it and derives the GHASH subkey H = E(K, 0^128).</summary>
        public void SetKey(byte[] key, int offset)
        {
            _aes.SetKey(key, offset);
            DeriveHashKey();
        }

        /// <summary>
        /// Encrypts <paramref name="length"/> bytes of <paramref name="plaintext"/> into <paramref name="ciphertext"/>
        /// and writes a <paramref name="tagLength"/>-byte tag (12..16) into <paramref name="tag"/>; the 12-byte IV is read
        /// at <paramref name="nonceOffset"/>, the additional authenticated data (AAD) is <paramref name="aadLength"/> bytes
        /// at <paramref name="aadOffset"/> (aad may be null when the length is 0). SP 800-38D §7.1.
        /// </summary>
        public void Encrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength,
            byte[] plaintext, int plainOffset, int length, byte[] ciphertext, int cipherOffset,
            byte[] tag, int tagOffset, int tagLength)
        {
            CheckTagLength(tagLength);
            Start(nonce, nonceOffset, aad, aadOffset, aadLength);
            for (int done = 0; done < length; done += 16)
            {
                int n = Crypt(plaintext, plainOffset + done, ciphertext, cipherOffset + done, length - done);
                _ghash.Update(ciphertext, cipherOffset + done, n);
            }
            ComputeTag(aadLength, length);
            Array.Copy(_tag, 0, tag, tagOffset, tagLength);
        }

        /// <summary>
        /// Checks the <paramref name="tagLength"/>-byte tag (12..16) of <paramref name="length"/> bytes of
        /// <paramref name="ciphertext"/> with the given IV and AAD (as in <see cref="Encrypt"/>); only when it matches
        /// decrypts them into <paramref name="plaintext"/> and returns true. On a mismatch returns false and leaves
        /// <paramref name="plaintext"/> untouched. SP 800-38D §7.2; the comparison takes the same time for any mismatch.
        /// </summary>
        public bool Decrypt(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength,
            byte[] ciphertext, int cipherOffset, int length, byte[] tag, int tagOffset, int tagLength,
            byte[] plaintext, int plainOffset)
        {
            CheckTagLength(tagLength);
            Start(nonce, nonceOffset, aad, aadOffset, aadLength);
            _ghash.Update(ciphertext, cipherOffset, length);
            ComputeTag(aadLength, length);
            int diff = 0;
            for (int i = 0; i < tagLength; i++)
            {
                diff |= _tag[i] ^ tag[tagOffset + i];
            }
            if (diff != 0)
            {
                return false;
            }
            for (int done = 0; done < length; done += 16)
            {
                Crypt(ciphertext, cipherOffset + done, plaintext, plainOffset + done, length - done);
            }
            return true;
        }

        private void DeriveHashKey()
        {
            for (int i = 0; i < 16; i++)
            {
                _keystream[i] = 0;
            }
            _aes.EncryptBlock(_keystream, 0, _keystream, 0);
            _ghash.SetKey(_keystream, 0);
        }

        // J0 = IV || 00000001; the first counter block for data is inc32(J0); GHASH starts over the AAD.
        private void Start(byte[] nonce, int nonceOffset, byte[] aad, int aadOffset, int aadLength)
        {
            Array.Copy(nonce, nonceOffset, _j0, 0, NonceSize);
            _j0[12] = 0;
            _j0[13] = 0;
            _j0[14] = 0;
            _j0[15] = 1;
            Array.Copy(_j0, 0, _counter, 0, 16);
            _ghash.Start();
            if (aadLength > 0)
            {
                _ghash.Update(aad, aadOffset, aadLength);
            }
        }

        // XORs the next keystream block onto up to 16 bytes of input; returns how many bytes were processed.
        private int Crypt(byte[] input, int inOffset, byte[] output, int outOffset, int remaining)
        {
            Increment32(_counter);
            _aes.EncryptBlock(_counter, 0, _keystream, 0);
            int n = remaining < 16 ? remaining : 16;
            for (int i = 0; i < n; i++)
            {
                output[outOffset + i] = (byte)(input[inOffset + i] ^ _keystream[i]);
            }
            return n;
        }

        private void ComputeTag(int aadLength, int textLength)
        {
            _ghash.Finish(aadLength, textLength, _tag, 0);
            _aes.EncryptBlock(_j0, 0, _keystream, 0);
            for (int i = 0; i < 16; i++)
            {
                _tag[i] ^= _keystream[i];
            }
        }

        // inc32 of SP 800-38D §6.2: the last 32 bits are a big-endian counter modulo 2^32.
        private static void Increment32(byte[] block)
        {
            for (int i = 15; i >= 12; i--)
            {
                block[i]++;
                if (block[i] != 0)
                {
                    return;
                }
            }
        }

        private static void CheckTagLength(int tagLength)
        {
            if (tagLength < MinTagSize || tagLength > MaxTagSize)
            {
                throw new ArgumentException("GCM tag length must be 12 to 16 bytes");
            }
        }
    }
}
