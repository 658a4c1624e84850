using nanoFramework.TestFramework;
using MeterGateway.Crypto;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// SHA-256 and SHA-512 against the examples of NIST's "Cryptographic Standards and Guidelines: Examples with
    /// Intermediate Values" (SHA256.pdf, SHA512.pdf: "abc", the two-block messages) and the empty message.
    /// </summary>
    [TestClass]
    public class ShaVectorTests
    {
        private const string TwoBlock256 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
        private const string TwoBlock512 =
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";

        [TestMethod]
        public void Sha256Abc()
        {
            CheckSha256("abc", "BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD");
        }

        [TestMethod]
        public void Sha256Empty()
        {
            CheckSha256("", "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855");
        }

        [TestMethod]
        public void Sha256TwoBlocks()
        {
            CheckSha256(TwoBlock256, "248D6A61D20638B8E5C026930C3E6039A33CE45964FF2167F6ECEDD419DB06C1");
        }

        [TestMethod]
        public void Sha256ByteByByteEqualsOneCall()
        {
            byte[] message = Ascii.GetBytes(TwoBlock256 + TwoBlock256);
            var sha = new Sha256();
            for (int i = 0; i < message.Length; i++) sha.Update(message, i, 1);
            Assert.AreEqual(message.Length, sha.Length);
            byte[] piecewise = new byte[Sha256.HashSize];
            sha.Final(piecewise, 0);
            byte[] whole = new byte[Sha256.HashSize];
            sha.Compute(message, 0, message.Length, whole, 0);
            CollectionAssert.AreEqual(whole, piecewise);
        }

        [TestMethod]
        public void Sha512Abc()
        {
            CheckSha512("abc",
                "DDAF35A193617ABACC417349AE20413112E6FA4E89A97EA20A9EEEE64B55D39A2192992A274FC1A836BA3C23A3FEEBBD454D4423643CE80E2A9AC94FA54CA49F");
        }

        [TestMethod]
        public void Sha512Empty()
        {
            CheckSha512("",
                "CF83E1357EEFB8BDF1542850D66D8007D620E4050B5715DC83F4A921D36CE9CE47D0D13C5D85F2B0FF8318D2877EEC2F63B931BD47417A81A538327AF927DA3E");
        }

        [TestMethod]
        public void Sha512TwoBlocks()
        {
            CheckSha512(TwoBlock512,
                "8E959B75DAE313DA8CF4F72814FC143F8F7779C6EB9F7FA17299AEADB6889018501D289E4900F7E4331B99DEC4B5433AC7D329EEB6DD26545E96E55B874BE909");
        }

        private static void CheckSha256(string message, string expectedHex)
        {
            byte[] data = Ascii.GetBytes(message);
            byte[] digest = new byte[Sha256.HashSize + 3];
            new Sha256().Compute(data, 0, data.Length, digest, 3);
            byte[] expected = HexText.ToBytes(expectedHex);
            for (int i = 0; i < Sha256.HashSize; i++) Assert.AreEqual(expected[i], digest[3 + i], "byte " + i);
        }

        private static void CheckSha512(string message, string expectedHex)
        {
            byte[] data = Ascii.GetBytes(message);
            var sha = new Sha512();
            sha.Update(data, 0, data.Length);
            byte[] digest = new byte[Sha512.HashSize];
            sha.Final(digest, 0);
            CollectionAssert.AreEqual(HexText.ToBytes(expectedHex), digest);
        }
    }
}
