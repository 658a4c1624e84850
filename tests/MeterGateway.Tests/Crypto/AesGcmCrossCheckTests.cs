using MeterGateway.Crypto;
using Xunit;
using NetAesGcm = System.Security.Cryptography.AesGcm;

namespace MeterGateway.Tests.Crypto
{
    /// <summary>The core's AES-128-GCM against .NET's System.Security.Cryptography.AesGcm on seeded random inputs.</summary>
    public class AesGcmCrossCheckTests
    {
        private const int Cases = 400;

        [Fact]
        public void EncryptMatchesDotNetOnRandomInputs()
        {
            var rng = new Random(20240901);
            for (int n = 0; n < Cases; n++)
            {
                var c = RandomCase.Next(rng, n);
                var expectedCipher = new byte[c.Plain.Length];
                var expectedTag = new byte[c.TagLength];
                using (var reference = new NetAesGcm(c.Key, c.TagLength))
                {
                    reference.Encrypt(c.Nonce, c.Plain, expectedCipher, expectedTag, c.Aad);
                }

                // Data placed at odd offsets inside larger buffers, to exercise the offset arithmetic.
                var gcm = new AesGcm128(Pad(c.Key, 3), 3);
                var input = Pad(c.Plain, 5);
                var output = new byte[c.Plain.Length + 9];
                var tag = new byte[c.TagLength + 2];
                gcm.Encrypt(Pad(c.Nonce, 1), 1, Pad(c.Aad, 7), 7, c.Aad.Length, input, 5, c.Plain.Length, output, 9, tag, 2, c.TagLength);

                Xunit.Assert.Equal(Convert.ToHexString(expectedCipher), Convert.ToHexString(output, 9, c.Plain.Length));
                Xunit.Assert.Equal(Convert.ToHexString(expectedTag), Convert.ToHexString(tag, 2, c.TagLength));
            }
        }

        [Fact]
        public void DecryptAcceptsDotNetOutputAndRejectsAnyTamperedByte()
        {
            var rng = new Random(77);
            for (int n = 0; n < Cases; n++)
            {
                var c = RandomCase.Next(rng, n);
                var cipher = new byte[c.Plain.Length];
                var tag = new byte[c.TagLength];
                using (var reference = new NetAesGcm(c.Key, c.TagLength))
                {
                    reference.Encrypt(c.Nonce, c.Plain, cipher, tag, c.Aad);
                }
                var gcm = new AesGcm128(c.Key, 0);
                var plain = new byte[c.Plain.Length];
                Xunit.Assert.True(gcm.Decrypt(c.Nonce, 0, c.Aad, 0, c.Aad.Length, cipher, 0, cipher.Length, tag, 0, c.TagLength, plain, 0), "case " + n);
                Xunit.Assert.Equal(Convert.ToHexString(c.Plain), Convert.ToHexString(plain));

                // One flipped bit in the ciphertext, the AAD, the IV or the tag must fail and leave the output alone.
                int part = rng.Next(4);
                byte[] target = part == 0 ? cipher : part == 1 ? c.Aad : part == 2 ? c.Nonce : tag;
                if (target.Length == 0) target = tag;
                int at = rng.Next(target.Length);
                byte bit = (byte)(1 << rng.Next(8));
                target[at] ^= bit;
                var untouched = new byte[plain.Length];
                Xunit.Assert.False(gcm.Decrypt(c.Nonce, 0, c.Aad, 0, c.Aad.Length, cipher, 0, cipher.Length, tag, 0, c.TagLength, untouched, 0), "tampered case " + n);
                Xunit.Assert.Equal(new byte[plain.Length], untouched);
                target[at] ^= bit;
            }
        }

        [Fact]
        public void DecryptInPlaceWithTwelveByteTag()
        {
            var rng = new Random(5);
            for (int n = 0; n < 50; n++)
            {
                var c = RandomCase.Next(rng, n);
                var buffer = new byte[c.Plain.Length];
                var tag = new byte[12];
                using (var reference = new NetAesGcm(c.Key, 12))
                {
                    reference.Encrypt(c.Nonce, c.Plain, buffer, tag, c.Aad);
                }
                var gcm = new AesGcm128(c.Key, 0);
                Xunit.Assert.True(gcm.Decrypt(c.Nonce, 0, c.Aad, 0, c.Aad.Length, buffer, 0, buffer.Length, tag, 0, 12, buffer, 0));
                Xunit.Assert.Equal(c.Plain, buffer);
            }
        }

        [Fact]
        public void TagLengthsOutsideTwelveToSixteenAreRefused()
        {
            var gcm = new AesGcm128(new byte[16], 0);
            var b = new byte[16];
            Xunit.Assert.Throws<ArgumentException>(() => gcm.Encrypt(b, 0, b, 0, 0, b, 0, 0, b, 0, b, 0, 8));
            Xunit.Assert.Throws<ArgumentException>(() => gcm.Decrypt(b, 0, b, 0, 0, b, 0, 0, b, 0, 17, b, 0));
            Xunit.Assert.Throws<ArgumentException>(() => new AesGcm128(new byte[15], 0));
        }

        private static byte[] Pad(byte[] data, int before)
        {
            var padded = new byte[before + data.Length + 4];
            for (int i = 0; i < padded.Length; i++) padded[i] = 0xA5;
            Array.Copy(data, 0, padded, before, data.Length);
            return padded;
        }

        private sealed class RandomCase
        {
            public byte[] Key = Array.Empty<byte>(), Nonce = Array.Empty<byte>(), Aad = Array.Empty<byte>(), Plain = Array.Empty<byte>();
            public int TagLength;

            // Lengths cover 0, block multiples and their neighbours, and random sizes up to 2000 bytes.
            public static RandomCase Next(Random rng, int n)
            {
                int[] edges = { 0, 1, 15, 16, 17, 31, 32, 33, 47, 48, 64, 681, 1999, 2000 };
                int length = n < edges.Length ? edges[n] : rng.Next(2001);
                int aadLength = n % 5 == 0 ? 0 : n % 5 == 1 ? 17 : rng.Next(70);
                var c = new RandomCase
                {
                    Key = Bytes(rng, 16),
                    Nonce = Bytes(rng, 12),
                    Aad = Bytes(rng, aadLength),
                    Plain = Bytes(rng, length),
                    TagLength = 12 + rng.Next(5),
                };
                return c;
            }

            private static byte[] Bytes(Random rng, int count)
            {
                var b = new byte[count];
                rng.NextBytes(b);
                return b;
            }
        }
    }
}
