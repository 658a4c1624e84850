using nanoFramework.TestFramework;
using MeterGateway.Crypto;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// Ed25519 verification against RFC 8032 §7.1 test vectors (TEST 1, 2, 3 and TEST SHA(abc)), and the refusals of
    /// RFC 8032 §5.1.7: any changed bit, S ≥ L, a public key that is not a curve point or not canonical.
    /// </summary>
    [TestClass]
    public class Ed25519VectorTests
    {
        private const string Public1 = "D75A980182B10AB7D54BFED3C964073A0EE172F3DAA62325AF021A68F707511A";
        private const string Signature1 =
            "E5564300C360AC729086E2CC806E828A84877F1EB8E5D974D873E065224901555FB8821590A33BACC61E39701CF9B46BD25BF5F0595BBE24655141438E7A100B";
        private const string Public2 = "3D4017C3E843895A92B70AA74D1B7EBC9C982CCF2EC4968CC0CD55F12AF4660C";
        private const string Signature2 =
            "92A009A9F0D4CAB8720E820B5F642540A2B27B5416503F8FB3762223EBDB69DA085AC1E43E15996E458F3613D0F11D8C387B2EAEB4302AEEB00D291612BB0C00";
        private const string Public3 = "FC51CD8E6218A1A38DA47ED00230F0580816ED13BA3303AC5DEB911548908025";
        private const string Signature3 =
            "6291D657DEEC24024827E69C3ABE01A30CE548A284743A445E3680D7DB5AC3AC18FF9B538D16F290AE67F760984DC6594A7C15E9716ED28DC027BECEEA1EC40A";
        private const string PublicAbc = "EC172B93AD5E563BF4932C70E1245034C35467EF2EFD4D64EBF819683467E2BF";
        private const string MessageAbc =
            "DDAF35A193617ABACC417349AE20413112E6FA4E89A97EA20A9EEEE64B55D39A2192992A274FC1A836BA3C23A3FEEBBD454D4423643CE80E2A9AC94FA54CA49F";
        private const string SignatureAbc =
            "DC2A4459E7369633A52B1BF277839A00201009A3EFBF3ECB69BEA2186C26B58909351FC9AC90B3ECFDFBC7C66431E0303DCA179C138AC17AD9BEF1177331A704";

        [TestMethod]
        public void Rfc8032Test1EmptyMessage()
        {
            Assert.IsTrue(Verify(Public1, "", Signature1));
        }

        [TestMethod]
        public void Rfc8032Test2OneByte()
        {
            Assert.IsTrue(Verify(Public2, "72", Signature2));
        }

        [TestMethod]
        public void Rfc8032Test3TwoBytes()
        {
            Assert.IsTrue(Verify(Public3, "AF82", Signature3));
        }

        [TestMethod]
        public void Rfc8032TestShaAbc()
        {
            Assert.IsTrue(Verify(PublicAbc, MessageAbc, SignatureAbc));
        }

        [TestMethod]
        public void SignatureOfAnotherMessageOrKeyIsRefused()
        {
            Assert.IsFalse(Verify(Public2, "73", Signature2));
            Assert.IsFalse(Verify(Public2, "", Signature2));
            Assert.IsFalse(Verify(Public3, "72", Signature2));
            Assert.IsFalse(Verify(Public1, "AF82", Signature3));
        }

        [TestMethod]
        public void EveryFlippedSignatureBitIsRefused()
        {
            var ed = new Ed25519();
            byte[] key = HexText.ToBytes(Public3);
            byte[] message = HexText.ToBytes("AF82");
            byte[] signature = HexText.ToBytes(Signature3);
            for (int bit = 0; bit < 512; bit += 7)
            {
                signature[bit >> 3] ^= (byte)(1 << (bit & 7));
                Assert.IsFalse(ed.Verify(key, 0, message, 0, message.Length, signature, 0), "bit " + bit);
                signature[bit >> 3] ^= (byte)(1 << (bit & 7));
            }
            Assert.IsTrue(ed.Verify(key, 0, message, 0, message.Length, signature, 0));
        }

        [TestMethod]
        public void ScalarNotBelowOrderIsRefused()
        {
            // S + L is the same point equation but a malleated signature: RFC 8032 §5.1.7 step 1 refuses S ≥ L.
            byte[] signature = HexText.ToBytes(Signature1);
            byte[] order = HexText.ToBytes("EDD3F55C1A631258D69CF7A2DEF9DE1400000000000000000000000000000010");
            int carry = 0;
            for (int i = 0; i < 32; i++)
            {
                int sum = signature[32 + i] + order[i] + carry;
                signature[32 + i] = (byte)sum;
                carry = sum >> 8;
            }
            Assert.AreEqual(0, carry);
            byte[] key = HexText.ToBytes(Public1);
            Assert.IsFalse(new Ed25519().Verify(key, 0, new byte[0], 0, 0, signature, 0));
        }

        [TestMethod]
        public void PublicKeyThatIsNoPointOrNotCanonicalIsRefused()
        {
            var ed = new Ed25519();
            byte[] signature = HexText.ToBytes(Signature1);
            // y = 2: (y² − 1)/(d·y² + 1) has no square root, so no curve point has this y.
            byte[] noPoint = HexText.ToBytes("0200000000000000000000000000000000000000000000000000000000000000");
            Assert.IsFalse(ed.Verify(noPoint, 0, new byte[0], 0, 0, signature, 0));
            // y = p (≡ 0) is not canonical, though y = 0 would decode.
            byte[] notCanonical = HexText.ToBytes("EDFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF7F");
            Assert.IsFalse(ed.Verify(notCanonical, 0, new byte[0], 0, 0, signature, 0));
        }

        [TestMethod]
        public void OffsetsInsideLargerBuffers()
        {
            byte[] buffer = HexText.ToBytes("0102" + Public2 + "03" + "72" + Signature2);
            Assert.IsTrue(new Ed25519().Verify(buffer, 2, buffer, 35, 1, buffer, 36));
        }

        private static bool Verify(string publicKey, string message, string signature)
        {
            byte[] key = HexText.ToBytes(publicKey);
            byte[] m = HexText.ToBytes(message);
            byte[] s = HexText.ToBytes(signature);
            return new Ed25519().Verify(key, 0, m, 0, m.Length, s, 0);
        }
    }
}
