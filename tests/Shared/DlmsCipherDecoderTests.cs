using nanoFramework.TestFramework;
using MeterGateway.Crypto;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dlms;
using MeterGateway.Readings;
using MeterGateway.Simulators;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// DLMS general-global-ciphering framing and decryption on a small inline frame. The vector was made
    /// independently of this code (Python 'cryptography' AES-GCM): key 000102..0F, the Smarty authentication key,
    /// system title "TESTMTR1", frame counter 0x00000102, plaintext <see cref="Telegram"/> (CRC 0A6B verified).
    /// </summary>
    [TestClass]
    public class DlmsCipherDecoderTests
    {
        private const string Key = "000102030405060708090A0B0C0D0E0F";
        private const string Telegram = "/TST5\\2TEST\r\n\r\n1-0:1.8.0(000123.456*kWh)\r\n!0A6B\r\n";
        private const string Body =
            "D86C70D765B089A79FF3EAC2DED22529ABF414D576A193DD0778B73192839F2AA5C47B579A2169A6BB2C8148B4" +
            "7907226D7E9A2A8A8561067EC15C17D2";

        // Length field 0x42 = 66 = 1 + 4 + 49 + 12, in the A-XDR long form the meters use and in the short form.
        private const string LongFrame = "DB08544553544D545231" + "820042" + "3000000102" + Body;
        private const string ShortFrame = "DB08544553544D545231" + "42" + "3000000102" + Body;

        [TestMethod]
        public void LongAndShortLengthFormsDecrypt()
        {
            string[] frames = { LongFrame, ShortFrame, "DB08544553544D545231" + "8142" + "3000000102" + Body };
            for (int i = 0; i < frames.Length; i++)
            {
                var inner = new TelegramStandIn();
                var decoder = new DlmsCipherDecoder(inner, HexText.ToBytes(Key));
                byte[] frame = HexText.ToBytes(frames[i]);
                Assert.AreEqual(frame.Length, decoder.Feed(frame, 0, frame.Length));
                Assert.IsTrue(decoder.Result == FrameResult.Valid, "form " + i);
                Assert.AreEqual(Telegram, Ascii.ToString(decoder.FrameBuffer, decoder.FrameOffset, decoder.FrameLength));
                Assert.AreEqual(0x102u, decoder.FrameCounter);
                Assert.IsTrue(decoder.Parse(new ReadingSet()));
            }
        }

        [TestMethod]
        public void ByteByByteWithGarbageAroundIt()
        {
            var inner = new TelegramStandIn();
            var decoder = new DlmsCipherDecoder(inner, HexText.ToBytes(Key));
            // Garbage with lone frame-start bytes (DB, DB 08 .. with a bad length form), then the frame, then more garbage.
            byte[] stream = HexText.ToBytes("00DB41DBDB08FFFFFFFFFFFFFFFF83" + "2F5445" + LongFrame + "DBDB0800");
            int valid = 0, invalid = 0;
            for (int i = 0; i < stream.Length; i++)
            {
                Assert.AreEqual(1, decoder.Feed(stream, i, 1));
                if (decoder.Result == FrameResult.Valid) valid++;
                if (decoder.Result == FrameResult.Invalid) invalid++;
            }
            Assert.AreEqual(1, valid);
            Assert.AreEqual(0, invalid);
            Assert.AreEqual(1, inner.Frames);
        }

        [TestMethod]
        public void EveryFlippedByteFailsAndNothingReachesTheInnerDecoder()
        {
            byte[] good = HexText.ToBytes(LongFrame);
            for (int at = 0; at < good.Length; at++)
            {
                var inner = new TelegramStandIn();
                var decoder = new DlmsCipherDecoder(inner, HexText.ToBytes(Key));
                byte[] frame = HexText.ToBytes(LongFrame);
                frame[at] ^= 0x01;
                int used = 0;
                while (used < frame.Length)
                {
                    used += decoder.Feed(frame, used, frame.Length - used);
                    Assert.IsFalse(decoder.Result == FrameResult.Valid, "flipped byte " + at);
                    if (decoder.Result == FrameResult.Invalid) Assert.IsTrue(decoder.Error == FrameError.Decrypt, "flipped byte " + at);
                }
                Assert.AreEqual(0, inner.Frames);
                Assert.IsFalse(decoder.HasFrameCounter);
            }
        }

        [TestMethod]
        public void WrongKeyIsReportedAsDecryptError()
        {
            var inner = new TelegramStandIn();
            var decoder = new DlmsCipherDecoder(inner, HexText.ToBytes("000102030405060708090A0B0C0D0E0E"));
            byte[] frame = HexText.ToBytes(LongFrame);
            decoder.Feed(frame, 0, frame.Length);
            Assert.IsTrue(decoder.Result == FrameResult.Invalid);
            Assert.IsTrue(decoder.Error == FrameError.Decrypt);
            Assert.AreEqual(DlmsCipherDecoder.TagMismatchText, decoder.ErrorText);
            Assert.AreEqual(frame.Length, decoder.FrameLength);
            Assert.IsFalse(decoder.Parse(new ReadingSet()));
            Assert.AreEqual(0, inner.Frames);
        }

        [TestMethod]
        public void RepeatedFrameIsAReplay()
        {
            var decoder = new DlmsCipherDecoder(new TelegramStandIn(), HexText.ToBytes(Key));
            byte[] twice = HexText.ToBytes(LongFrame + LongFrame);
            int used = decoder.Feed(twice, 0, twice.Length);
            Assert.AreEqual(twice.Length / 2, used);
            Assert.IsTrue(decoder.Result == FrameResult.Valid);
            decoder.Reset(); // a link reset does not forget the counter
            decoder.Feed(twice, used, twice.Length - used);
            Assert.IsTrue(decoder.Result == FrameResult.Invalid);
            Assert.AreEqual(DlmsCipherDecoder.ReplayText, decoder.ErrorText);
            Assert.AreEqual(0x102u, decoder.FrameCounter);
        }

        [TestMethod]
        public void EncoderReproducesTheIndependentVector()
        {
            var encoder = new DlmsCipherEncoder(HexText.ToBytes(Key), GeneralGlobalCiphering.SmartyAuthenticationKey(), Ascii.GetBytes("TESTMTR1"));
            byte[] text = Ascii.GetBytes(Telegram);
            byte[] output = new byte[GeneralGlobalCiphering.FrameLength(text.Length) + 3];
            Assert.AreEqual(output.Length - 3, encoder.Encode(0x102, text, 0, text.Length, output, 3));
            byte[] frame = new byte[output.Length - 3];
            System.Array.Copy(output, 3, frame, 0, frame.Length);
            CollectionAssert.AreEqual(HexText.ToBytes(LongFrame), frame);
        }

        [TestMethod]
        public void BadConfigurationThrows()
        {
            var inner = new TelegramStandIn();
            Assert.ThrowsException(typeof(System.ArgumentException), () => new DlmsCipherDecoder(inner, new byte[15]));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new DlmsCipherDecoder(inner, new byte[16], new byte[17], 2048));
            Assert.ThrowsException(typeof(System.ArgumentException), () => new DlmsCipherDecoder(inner, new byte[16], new byte[16], 20));
        }
    }
}
