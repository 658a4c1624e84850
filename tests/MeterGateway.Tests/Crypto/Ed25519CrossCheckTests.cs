using System.Numerics;
using MeterGateway.Crypto;
using Xunit;
using BcEd25519 = Org.BouncyCastle.Math.EC.Rfc8032.Ed25519;

namespace MeterGateway.Tests.Crypto
{
    /// <summary>
    /// The core's Ed25519 verification against BouncyCastle's (Org.BouncyCastle.Math.EC.Rfc8032.Ed25519) on seeded
    /// random keys and messages: BouncyCastle signs, both verify, and both must agree on every tampered variant.
    /// </summary>
    public class Ed25519CrossCheckTests
    {
        [Fact]
        public void AcceptsWhatBouncyCastleSignsAndAgreesOnTampering()
        {
            var rng = new Random(8032);
            var ed = new Ed25519();
            for (int n = 0; n < 150; n++)
            {
                var secret = new byte[32];
                rng.NextBytes(secret);
                var publicKey = new byte[32];
                BcEd25519.GeneratePublicKey(secret, 0, publicKey, 0);
                var message = new byte[n < 10 ? n : rng.Next(0, 3000)];
                rng.NextBytes(message);
                var signature = new byte[64];
                BcEd25519.Sign(secret, 0, message, 0, message.Length, signature, 0);

                Xunit.Assert.True(ed.Verify(publicKey, 0, message, 0, message.Length, signature, 0), "case " + n);

                // One flipped bit in the key, the message or the signature.
                int part = message.Length == 0 ? rng.Next(2) * 2 : rng.Next(3);
                byte[] target = part == 0 ? publicKey : part == 1 ? message : signature;
                int bit = rng.Next(target.Length * 8);
                target[bit >> 3] ^= (byte)(1 << (bit & 7));
                bool reference = BcEd25519.Verify(signature, 0, publicKey, 0, message, 0, message.Length);
                Xunit.Assert.False(reference, "case " + n);
                Xunit.Assert.Equal(reference, ed.Verify(publicKey, 0, message, 0, message.Length, signature, 0));
            }
        }

        [Fact]
        public void ScalarReductionMatchesBigInteger()
        {
            var order = BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493");
            var rng = new Random(252);
            var ed = new Ed25519();
            var input = new byte[64];
            var output = new byte[32];
            for (int n = 0; n < 2000; n++)
            {
                rng.NextBytes(input);
                if (n == 0) Array.Fill(input, (byte)0xFF);
                if (n == 1) Array.Clear(input);
                ed.ReduceModOrder(input, 0, output, 0);
                Xunit.Assert.Equal(new BigInteger(input, isUnsigned: true) % order, new BigInteger(output, isUnsigned: true));
            }
        }
    }
}
