using nanoFramework.TestFramework;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Ekm
{
    /// <summary>The reply decoder: valid, refused and damaged replies, garbage, chunks, ACK.</summary>
    [TestClass]
    public class EkmReplyTests
    {
        private static EkmReplyDecoder Expect(EkmLayout layout, string address)
        {
            EkmReplyDecoder decoder = new EkmReplyDecoder();
            decoder.ExpectRead(layout, EkmRequests.Address(address));
            return decoder;
        }

        [TestMethod]
        public void RepliesArriveInChunksAfterGarbage()
        {
            byte[] reply = EkmLayoutTests.HandBuiltV4A();
            byte[] line = new byte[5 + 255 + 3];
            line[0] = 0x7F; line[1] = (byte)'x'; line[2] = 0; line[3] = 0x06; line[4] = 0x15;
            System.Array.Copy(reply, 0, line, 5, 255);
            line[260] = (byte)'/';
            EkmReplyDecoder decoder = Expect(EkmLayouts.V4A, "300001162");
            int used = 0;
            while (decoder.Result == FrameResult.None && used < line.Length)
            {
                int chunk = line.Length - used < 7 ? line.Length - used : 7;
                used += decoder.Feed(line, used, chunk);
            }
            Assert.IsTrue(decoder.Result == FrameResult.Valid, decoder.ErrorText);
            Assert.AreEqual(260, used);
            Assert.AreEqual(255, decoder.FrameLength);
            CollectionAssert.AreEqual(reply, EkmTestKit.Head(decoder.FrameBuffer, 255));
        }

        [TestMethod]
        public void DamagedReplyIsReportedNotParsed()
        {
            byte[] reply = EkmLayoutTests.HandBuiltV3A();
            reply[20] = (byte)'9';
            EkmReplyDecoder decoder = Expect(EkmLayouts.V3A, "26");
            decoder.Feed(reply, 0, 255);
            Assert.IsTrue(decoder.Result == FrameResult.Invalid);
            Assert.IsTrue(decoder.Error == FrameError.Crc);
            Assert.IsTrue(decoder.Status == EkmStatus.Crc);
            Assert.AreEqual(EkmReplyDecoder.CrcText, decoder.ErrorText);
            ReadingSet set = new ReadingSet();
            Assert.IsFalse(decoder.Parse(set));
            Assert.AreEqual(0, set.ReadingCount);

            // A flipped CRC byte is damage too.
            reply = EkmLayoutTests.HandBuiltV3A();
            reply[254] ^= 0x01;
            decoder.Reset();
            decoder.Feed(reply, 0, 255);
            Assert.IsTrue(decoder.Status == EkmStatus.Crc);
        }

        [TestMethod]
        public void ShortReplyEndsAsIncomplete()
        {
            EkmReplyDecoder decoder = Expect(EkmLayouts.V4B, "300001162");
            Assert.IsFalse(decoder.Finish());
            decoder.Feed(EkmLayoutTests.HandBuiltV4B(), 0, 200);
            Assert.IsTrue(decoder.HasPartial);
            Assert.IsTrue(decoder.Finish());
            Assert.IsTrue(decoder.Error == FrameError.Timeout);
            Assert.IsTrue(decoder.Status == EkmStatus.Incomplete);
        }

        [TestMethod]
        public void ReplyOfAnotherMeterOrTypeIsRejected()
        {
            EkmReplyDecoder decoder = Expect(EkmLayouts.V4A, "300001163");
            decoder.Feed(EkmLayoutTests.HandBuiltV4A(), 0, 255);
            Assert.IsTrue(decoder.Status == EkmStatus.WrongMeter);
            Assert.AreEqual(EkmReplyDecoder.WrongMeterText, decoder.ErrorText);

            decoder = Expect(EkmLayouts.V4B, "300001162");
            decoder.Feed(EkmLayoutTests.HandBuiltV4A(), 0, 255);
            Assert.IsTrue(decoder.Status == EkmStatus.WrongRequestType);

            // The single-meter address 999999999999 accepts whichever meter answers.
            decoder = Expect(EkmLayouts.V4A, EkmRequests.AnyMeter);
            decoder.Feed(EkmLayoutTests.HandBuiltV4A(), 0, 255);
            Assert.IsTrue(decoder.Result == FrameResult.Valid);
        }

        [TestMethod]
        public void MalformedKwhScaleIsBadContent()
        {
            byte[] reply = EkmLayoutTests.HandBuiltV4A();
            reply[230] = (byte)'7';
            EkmTestKit.Seal(reply);
            EkmReplyDecoder decoder = Expect(EkmLayouts.V4A, "300001162");
            decoder.Feed(reply, 0, 255);
            Assert.IsTrue(decoder.Status == EkmStatus.BadContent);
            Assert.IsTrue(decoder.Error == FrameError.Parse);
            Assert.AreEqual(EkmReadParser.BadKwhScale, decoder.ErrorText);
        }

        [TestMethod]
        public void UnreadableFieldIsKeptEmpty()
        {
            // The manual: a corrupt meter clock can show '?'; other fields stay readable.
            byte[] reply = EkmLayoutTests.HandBuiltV3A();
            EkmTestKit.Put(reply, 96, "12?1");
            EkmTestKit.Put(reply, 151, "X087");
            EkmTestKit.Seal(reply);
            EkmReplyDecoder decoder = Expect(EkmLayouts.V3A, "26");
            decoder.Feed(reply, 0, 255);
            ReadingSet set = new ReadingSet();
            Assert.IsTrue(decoder.Parse(set));
            Assert.AreEqual("()", EkmTestKit.Value(set, "1-0:32.7.0"));
            Assert.AreEqual("()", EkmTestKit.Value(set, "1-0:33.7.0"));
            Assert.IsNull(EkmTestKit.Value(set, EkmFieldId.Power_Factor_Ln_1));
            Assert.AreEqual("1234.5 kWh", EkmTestKit.Value(set, "1-0:1.8.0"));
        }

        [TestMethod]
        public void SingleAckIsRecognisedAndAnythingElseIsARefusal()
        {
            EkmReplyDecoder decoder = new EkmReplyDecoder();
            decoder.ExpectAck();
            Assert.AreEqual(1, decoder.Feed(new byte[] { 0x06 }, 0, 1));
            Assert.IsTrue(decoder.Result == FrameResult.Valid);
            Assert.IsTrue(decoder.IsAck);
            decoder.ExpectAck();
            decoder.Feed(new byte[] { 0x15 }, 0, 1);
            Assert.IsTrue(decoder.Result == FrameResult.Invalid);
            Assert.IsTrue(decoder.Status == EkmStatus.Refused);
            Assert.IsFalse(decoder.IsAck);
            Assert.IsFalse(decoder.Parse(new ReadingSet()));
        }
    }
}
