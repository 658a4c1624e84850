using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Dsmr;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Gateway
{
    /// <summary>A push meter behind a link: frames run together, rejections, the data request line and silence.</summary>
    [TestClass]
    public class PushMeterSourceTests
    {
        [TestMethod]
        public void TwoTelegramsRunTogetherAreBothDelivered()
        {
            var link = new ScriptedLink();
            var source = new PushMeterSource(link, new DsmrDecoder(), 115200, LinkParity.None, 8, true, link, 20000);
            source.Open();
            Assert.IsTrue(link.IsOpen);
            Assert.IsTrue(link.DataRequest);
            byte[] telegram = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            link.Queue(DsmrVectors.Concat(telegram, telegram));
            var set = new ReadingSet();
            int valid = 0;
            for (int i = 0; i < 5; i++)
            {
                FrameResult result = source.Poll(set, 100);
                Assert.IsFalse(result == FrameResult.Invalid);
                if (result == FrameResult.Valid) valid++;
            }
            Assert.AreEqual(2, valid);
            source.Close();
            Assert.IsFalse(link.DataRequest);
            Assert.IsFalse(link.IsOpen);
        }

        [TestMethod]
        public void APollReadsPiecesUpToPollBytesAndATelegramOfManyPiecesInOnePoll()
        {
            var link = new ScriptedLink();
            var source = new PushMeterSource(link, new DsmrDecoder(), 115200, LinkParity.None, 8, false, link, 20000);
            source.Open();
            byte[] noise = new byte[2 * PushMeterSource.PollBytes + 10];
            byte[] telegram = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            Assert.IsTrue(telegram.Length > 2 * PushMeterSource.ReadBytes);
            link.Queue(DsmrVectors.Concat(noise, telegram));
            var set = new ReadingSet();
            // Line noise: each poll reads 1,024 bytes in pieces, then lets the loop do its other work.
            Assert.AreEqual((int)FrameResult.None, (int)source.Poll(set, 100));
            Assert.AreEqual(1024L, link.Served);
            Assert.AreEqual((int)FrameResult.None, (int)source.Poll(set, 100));
            Assert.AreEqual(2048L, link.Served);
            // The telegram, several pieces long, in one poll.
            Assert.AreEqual((int)FrameResult.Valid, (int)source.Poll(set, 100));
            Assert.AreEqual((long)(noise.Length + telegram.Length), link.Served);
            Assert.AreEqual((int)FrameResult.None, (int)source.Poll(set, 100));
        }

        [TestMethod]
        public void StreamedLinesFillThePolledSetAndHoldItOnlyWhileATelegramArrives()
        {
            var link = new ScriptedLink();
            var decoder = new DsmrDecoder(DsmrFramer.DefaultMaxSize, false, 128);
            var source = new PushMeterSource(link, decoder, 115200, LinkParity.None, 8, false, link, 20000);
            source.Open();
            byte[] telegram = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            byte[] half = new byte[300];
            System.Array.Copy(telegram, half, half.Length);
            link.Queue(half);
            var set = new ReadingSet();
            Assert.IsTrue(source.SetFreeBetweenPolls);
            Assert.AreEqual((int)FrameResult.None, (int)source.Poll(set, 100));
            Assert.IsFalse(source.SetFreeBetweenPolls); // lines of the telegram are in the set
            Assert.IsTrue(set.ReadingCount > 0);
            byte[] rest = new byte[telegram.Length - half.Length];
            System.Array.Copy(telegram, half.Length, rest, 0, rest.Length);
            link.Queue(rest);
            Assert.AreEqual((int)FrameResult.Valid, (int)source.Poll(set, 100));
            Assert.IsTrue(source.SetFreeBetweenPolls);
            Assert.AreEqual(26, set.ReadingCount);
            Assert.AreEqual(671578L, set.Mantissa[set.Primary[set.Find(Obis.FromText("1-0:1.8.1"))]]);
            Assert.AreEqual(473789L, set.Mantissa[set.Primary[set.Find(Obis.FromText("0-1:24.2.1"))]]);

            // a damaged one leaves the set empty, the next decodes
            link.Queue(DsmrVectors.Concat(DsmrVectors.Bytes(DsmrVectors.ShortWrongCrc), telegram));
            Assert.AreEqual((int)FrameResult.Invalid, (int)source.Poll(set, 100));
            Assert.AreEqual("CRC mismatch", source.ErrorText);
            Assert.AreEqual(0, set.ReadingCount);
            Assert.AreEqual(0, set.HeaderLength);
            Assert.AreEqual((int)FrameResult.Valid, (int)source.Poll(set, 100));
            Assert.AreEqual(26, set.ReadingCount);

            // silence in the middle of a telegram: the timeout empties the set
            link.Queue(half);
            Assert.AreEqual((int)FrameResult.None, (int)source.Poll(set, 100));
            link.Now += 30000;
            Assert.AreEqual((int)FrameResult.Invalid, (int)source.Poll(set, 100));
            Assert.AreEqual(0, set.ReadingCount);
            Assert.IsTrue(source.SetFreeBetweenPolls);
        }

        [TestMethod]
        public void DamagedTelegramIsReportedWithItsReason()
        {
            var link = new ScriptedLink();
            var source = new PushMeterSource(link, new DsmrDecoder(), 115200, LinkParity.None, 8, false, link, 20000);
            source.Open();
            link.Queue(DsmrVectors.Bytes(DsmrVectors.ShortWrongCrc));
            Assert.AreEqual((int)FrameResult.Invalid, (int)source.Poll(new ReadingSet(), 100));
            Assert.AreEqual((int)FrameError.Crc, (int)source.Error);
            Assert.AreEqual("CRC mismatch", source.ErrorText);
        }

        [TestMethod]
        public void SilenceLongerThanTheTimeoutIsReportedOnceEachTime()
        {
            var link = new ScriptedLink();
            var source = new PushMeterSource(link, new DsmrDecoder(), 115200, LinkParity.None, 8, false, link, 1000);
            source.Open();
            var set = new ReadingSet();
            int timeouts = 0;
            for (int i = 0; i < 25; i++)
            {
                if (source.Poll(set, 100) == FrameResult.Invalid)
                {
                    Assert.AreEqual((int)FrameError.Timeout, (int)source.Error);
                    timeouts++;
                }
            }
            // 2500 ms of silence with a 1000 ms timeout: reported after 1100 ms and again after 2200 ms.
            Assert.AreEqual(2, timeouts);
            link.Queue(DsmrVectors.Bytes(DsmrVectors.Kaifa));
            Assert.AreEqual((int)FrameResult.Valid, (int)source.Poll(set, 100));
        }
    }
}
