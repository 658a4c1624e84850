using System.Security.Cryptography;
using MeterGateway.Crypto;
using Xunit;

namespace MeterGateway.Tests.Crypto
{
    /// <summary>The core's SHA-256 and SHA-512 against .NET's on seeded random messages cut into random chunks.</summary>
    public class ShaCrossCheckTests
    {
        [Fact]
        public void Sha256MatchesDotNetOnRandomChunking()
        {
            var rng = new Random(180_4);
            var sha = new Sha256();
            var digest = new byte[Sha256.HashSize];
            for (int n = 0; n < 600; n++)
            {
                byte[] message = RandomMessage(rng, n);
                FeedInChunks(rng, message, sha.Update);
                sha.Final(digest, 0);
                Xunit.Assert.Equal(Convert.ToHexString(SHA256.HashData(message)), Convert.ToHexString(digest));
            }
        }

        [Fact]
        public void Sha512MatchesDotNetOnRandomChunking()
        {
            var rng = new Random(512);
            var sha = new Sha512();
            var digest = new byte[Sha512.HashSize];
            for (int n = 0; n < 600; n++)
            {
                byte[] message = RandomMessage(rng, n);
                FeedInChunks(rng, message, sha.Update);
                sha.Final(digest, 0);
                Xunit.Assert.Equal(Convert.ToHexString(SHA512.HashData(message)), Convert.ToHexString(digest));
            }
        }

        [Fact]
        public void Sha256OneMillionA()
        {
            // NIST FIPS 180-2 Appendix B.3: one million repetitions of 'a'.
            var chunk = new byte[1000];
            Array.Fill(chunk, (byte)'a');
            var sha = new Sha256();
            for (int i = 0; i < 1000; i++) sha.Update(chunk, 0, chunk.Length);
            var digest = new byte[32];
            sha.Final(digest, 0);
            Xunit.Assert.Equal("CDC76E5C9914FB9281A1C7E284D73E67F1809A48A497200E046D39CCC7112CD0", Convert.ToHexString(digest));
        }

        [Fact]
        public void Sha512OneMillionA()
        {
            // NIST FIPS 180-2 Appendix C.3.
            var chunk = new byte[1000];
            Array.Fill(chunk, (byte)'a');
            var sha = new Sha512();
            for (int i = 0; i < 1000; i++) sha.Update(chunk, 0, chunk.Length);
            var digest = new byte[64];
            sha.Final(digest, 0);
            Xunit.Assert.Equal("E718483D0CE769644E2E42C7BC15B4638E1F98B13B2044285632A803AFA973EBDE0FF244877EA60A4CB0432CE577C31BEB009C5C2C49AA2E4EADB217AD8CC09B", Convert.ToHexString(digest));
        }

        // Lengths cover every residue around the block and padding boundaries (0..300), then larger messages.
        private static byte[] RandomMessage(Random rng, int n)
        {
            int length = n < 300 ? n : rng.Next(300, 5000);
            var message = new byte[length];
            rng.NextBytes(message);
            return message;
        }

        private static void FeedInChunks(Random rng, byte[] message, Action<byte[], int, int> update)
        {
            // The message sits at an offset inside a larger buffer; chunks of 0..200 bytes, empty ones included.
            var buffer = new byte[message.Length + 7];
            Buffer.BlockCopy(message, 0, buffer, 7, message.Length);
            int at = 0;
            while (at < message.Length)
            {
                int count = Math.Min(rng.Next(0, 200), message.Length - at);
                update(buffer, 7 + at, count);
                at += count;
            }
        }
    }
}
