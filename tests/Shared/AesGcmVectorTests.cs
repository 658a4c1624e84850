using nanoFramework.TestFramework;
using MeterGateway.Crypto;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// Published vectors: FIPS-197 Appendix C.1 (AES-128 block) and the AES-128 test cases 1–4 of McGrew and Viega,
    /// "The Galois/Counter Mode of Operation (GCM)", Appendix B (also in NIST's GCM validation suite).
    /// </summary>
    [TestClass]
    public class AesGcmVectorTests
    {
        private const string Key3 = "FEFFE9928665731C6D6A8F9467308308";
        private const string Iv3 = "CAFEBABEFACEDBADDECAF888";
        private const string Plain3 =
            "D9313225F88406E5A55909C5AFF5269A86A7A9531534F7DA2E4C303D8A318A72" +
            "1C3C0C95956809532FCF0E2449A6B525B16AEDF5AA0DE657BA637B391AAFD255";
        private const string Cipher3 =
            "42831EC2217774244B7221B784D0D49CE3AA212F2C02A4E035C17E2329ACA12E" +
            "21D514B25466931C7D8F6A5AAC84AA051BA30B396A0AAC973D58E091473F5985";
        private const string Aad4 = "FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2";

        [TestMethod]
        public void Fips197AppendixC1()
        {
            var aes = new Aes128(HexText.ToBytes("000102030405060708090A0B0C0D0E0F"), 0);
            byte[] block = HexText.ToBytes("00112233445566778899AABBCCDDEEFF");
            aes.EncryptBlock(block, 0, block, 0);
            CollectionAssert.AreEqual(HexText.ToBytes("69C4E0D86A7B0430D8CDB78070B4C55A"), block);
        }

        [TestMethod]
        public void GcmTestCase1EmptyText()
        {
            Check("00000000000000000000000000000000", "000000000000000000000000", "", "", "", "58E2FCCEFA7E3061367F1D57A4E7455A");
        }

        [TestMethod]
        public void GcmTestCase2OneZeroBlock()
        {
            Check("00000000000000000000000000000000", "000000000000000000000000", "",
                "00000000000000000000000000000000", "0388DACE60B6A392F328C2B971B2FE78", "AB6E47D42CEC13BDF53A67B21257BDDF");
        }

        [TestMethod]
        public void GcmTestCase3FourBlocks()
        {
            Check(Key3, Iv3, "", Plain3, Cipher3, "4D5C2AF327CD64A62CF35ABD2BA6FAB4");
        }

        [TestMethod]
        public void GcmTestCase4AadAndPartialBlock()
        {
            // 60 bytes of text (3.75 blocks) and 20 bytes of AAD (1.25 blocks).
            Check(Key3, Iv3, Aad4, Plain3.Substring(0, 120), Cipher3.Substring(0, 120), "5BC94FBC3221A5DB94FAE95AE7121A47");
        }

        [TestMethod]
        public void GcmTestCase4TruncatedTwelveByteTag()
        {
            // DLMS uses the first 96 bits of the same tag (SP 800-38D §5.2.1.2 MSB_t).
            Check(Key3, Iv3, Aad4, Plain3.Substring(0, 120), Cipher3.Substring(0, 120), "5BC94FBC3221A5DB94FAE95A");
        }

        [TestMethod]
        public void GcmRejectsAFlippedBitAndWritesNothing()
        {
            var gcm = new AesGcm128(HexText.ToBytes(Key3), 0);
            byte[] iv = HexText.ToBytes(Iv3);
            byte[] aad = HexText.ToBytes(Aad4);
            byte[] cipher = HexText.ToBytes(Cipher3.Substring(0, 120));
            byte[] tag = HexText.ToBytes("5BC94FBC3221A5DB94FAE95AE7121A47");
            byte[] output = new byte[60];
            for (int bit = 0; bit < 8 * 60; bit += 37)
            {
                cipher[bit / 8] ^= (byte)(1 << (bit % 8));
                Assert.IsFalse(gcm.Decrypt(iv, 0, aad, 0, aad.Length, cipher, 0, 60, tag, 0, 16, output, 0));
                cipher[bit / 8] ^= (byte)(1 << (bit % 8));
            }
            aad[19] ^= 1;
            Assert.IsFalse(gcm.Decrypt(iv, 0, aad, 0, aad.Length, cipher, 0, 60, tag, 0, 16, output, 0));
            aad[19] ^= 1;
            tag[11] ^= 0x80;
            Assert.IsFalse(gcm.Decrypt(iv, 0, aad, 0, aad.Length, cipher, 0, 60, tag, 0, 12, output, 0));
            CollectionAssert.AreEqual(new byte[60], output);
            tag[11] ^= 0x80;
            Assert.IsTrue(gcm.Decrypt(iv, 0, aad, 0, aad.Length, cipher, 0, 60, tag, 0, 16, output, 0));
            CollectionAssert.AreEqual(HexText.ToBytes(Plain3.Substring(0, 120)), output);
        }

        [TestMethod]
        public void HexTextRejectsOddLengthAndNonHex()
        {
            CollectionAssert.AreEqual(new byte[] { 0xD4, 0x91, 0x0A }, HexText.ToBytes("d4910A"));
            Assert.IsNull(HexText.ToBytes("D49"));
            Assert.IsNull(HexText.ToBytes("D4 1"));
            Assert.IsNull(HexText.ToBytes("0x12"));
            Assert.AreEqual(0, HexText.ToBytes("").Length);
        }

        // Encrypts and decrypts one vector; the expected tag may be truncated (its length is the tag length).
        private static void Check(string key, string iv, string aad, string plain, string cipher, string tag)
        {
            var gcm = new AesGcm128(HexText.ToBytes(key), 0);
            byte[] ivBytes = HexText.ToBytes(iv);
            byte[] aadBytes = HexText.ToBytes(aad);
            byte[] plainBytes = HexText.ToBytes(plain);
            byte[] expectedTag = HexText.ToBytes(tag);
            byte[] outCipher = new byte[plainBytes.Length];
            byte[] outTag = new byte[expectedTag.Length];
            gcm.Encrypt(ivBytes, 0, aadBytes, 0, aadBytes.Length, plainBytes, 0, plainBytes.Length, outCipher, 0, outTag, 0, outTag.Length);
            CollectionAssert.AreEqual(HexText.ToBytes(cipher), outCipher);
            CollectionAssert.AreEqual(expectedTag, outTag);

            byte[] outPlain = new byte[plainBytes.Length];
            Assert.IsTrue(gcm.Decrypt(ivBytes, 0, aadBytes, 0, aadBytes.Length, outCipher, 0, outCipher.Length, expectedTag, 0, expectedTag.Length, outPlain, 0));
            CollectionAssert.AreEqual(plainBytes, outPlain);
        }
    }
}
