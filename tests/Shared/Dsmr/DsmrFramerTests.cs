using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Dsmr
{
    /// <summary>The P1 framer on a byte stream: CRC forms, resynchronisation, size limit (DSMR 5.0.2 §6.2).</summary>
    [TestClass]
    public class DsmrFramerTests
    {
        // Feeds the stream in chunks of 'chunk' bytes; returns "V" for each valid and "E<error>" for each rejected frame.
        private static string Frames(byte[] data, int chunk, DsmrDecoder decoder)
        {
            string result = "";
            int at = 0;
            while (at < data.Length)
            {
                int end = at + chunk < data.Length ? at + chunk : data.Length;
                int used = at;
                while (used < end)
                {
                    used += decoder.Feed(data, used, end - used);
                    if (decoder.Result == FrameResult.Valid) result += "V";
                    else if (decoder.Result == FrameResult.Invalid) result += "E" + (int)decoder.Error;
                }
                at = end;
            }
            return result;
        }

        [TestMethod]
        public void WholeTelegramInAnyChunkingIsOneValidFrame()
        {
            byte[] data = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            int[] chunks = { 1, 2, 3, 7, 64, 677, 678, 4096 };
            for (int i = 0; i < chunks.Length; i++)
            {
                Assert.AreEqual("V", Frames(data, chunks[i], new DsmrDecoder()), "chunk " + chunks[i]);
            }
        }

        [TestMethod]
        public void ParsedValuesAreExact()
        {
            byte[] data = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            var decoder = new DsmrDecoder();
            decoder.Feed(data, 0, data.Length);
            var set = new ReadingSet();
            Assert.IsTrue(decoder.Parse(set));
            Assert.AreEqual("KFM5KAIFA-METER", set.GetText(set.HeaderOffset, set.HeaderLength));
            Assert.AreEqual(26, set.ReadingCount);
            int r = set.Find(Obis.FromText("1-0:1.8.1"));
            int v = set.Primary[r];
            Assert.AreEqual(671578L, set.Mantissa[v]);
            Assert.AreEqual(-3, (int)set.Exponent[v]);
            Assert.AreEqual(Units.WattHour, set.UnitCode[v]);
            Assert.AreEqual(3, (int)set.UnitScale[v]);
            r = set.Find(Obis.FromText("0-1:24.2.1"));
            Assert.AreEqual(473789L, set.Mantissa[set.Primary[r]]);
            Assert.AreEqual("2015-01-17T17:00:00Z", UnixTime.ToIso(set.TimeOf(set.CaptureTime[r])));
            Assert.AreEqual("2015-01-17T17:59:16Z", UnixTime.ToIso(set.FrameTime));
            r = set.Find(Obis.FromText("1-0:99.97.0"));
            Assert.AreEqual(4, (int)set.ValueCount[r]);
            Assert.AreEqual(-1, (int)set.Primary[r]);
            Assert.AreEqual(2147483647L, set.Mantissa[set.First[r] + 3]);
            r = set.Find(Obis.FromText("0-0:96.14.0"));
            Assert.AreEqual((int)ValueKind.Text, (int)set.Kind[set.Primary[r]]);
            Assert.AreEqual("0001", set.GetText(set.TextOffset[set.Primary[r]], set.TextLength[set.Primary[r]]));
        }

        [TestMethod]
        public void GarbageBeforeAndBetweenTelegramsIsSkipped()
        {
            byte[] telegram = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            byte[] garbage = DsmrVectors.Concat(new byte[] { 0xFF, 0x00 }, DsmrVectors.Bytes("noise!1234\r\n(1-0:1.8.1)"));
            byte[] data = DsmrVectors.Concat(DsmrVectors.Concat(garbage, telegram), DsmrVectors.Concat(garbage, telegram));
            Assert.AreEqual("VV", Frames(data, 5, new DsmrDecoder()));
        }

        [TestMethod]
        public void HalfTelegramThenWholeOneReportsTheHalfAndKeepsTheWhole()
        {
            byte[] telegram = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            byte[] half = new byte[300];
            System.Array.Copy(telegram, 0, half, 0, half.Length);
            half[299] = 10; // cut at a line end: the next '/' starts a line
            Assert.AreEqual("E3V", Frames(DsmrVectors.Concat(half, telegram), 13, new DsmrDecoder()));
        }

        [TestMethod]
        public void TwoTelegramsRunTogetherAreBothFound()
        {
            byte[] telegram = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            Assert.AreEqual("VV", Frames(DsmrVectors.Concat(telegram, telegram), 4096, new DsmrDecoder()));
        }

        [TestMethod]
        public void WrongCrcIsRejectedAndLenientLetsItThrough()
        {
            Assert.AreEqual("E1", Frames(DsmrVectors.Bytes(DsmrVectors.ShortWrongCrc), 1, new DsmrDecoder()));
            Assert.AreEqual("E1", Frames(DsmrVectors.Bytes(DsmrVectors.BadLineWrongCrc), 1, new DsmrDecoder()));
            var lenient = new DsmrDecoder(DsmrFramer.DefaultMaxSize, true);
            Assert.AreEqual("V", Frames(DsmrVectors.Bytes(DsmrVectors.ShortWrongCrc), 1, lenient));
            Assert.IsTrue(lenient.Framer.CrcMismatch);
        }

        [TestMethod]
        public void EveryFlippedByteIsCaught()
        {
            byte[] telegram = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            var decoder = new DsmrDecoder();
            for (int i = 1; i < telegram.Length - 7; i++)
            {
                byte[] copy = new byte[telegram.Length];
                System.Array.Copy(telegram, copy, telegram.Length);
                copy[i] ^= 0x01;
                decoder.Reset();
                string frames = Frames(copy, 4096, decoder);
                Assert.IsFalse(frames.IndexOf('V') >= 0, "flip at " + i + " gave " + frames);
            }
        }

        [TestMethod]
        public void LowerCaseAndShortCrcDigitsAreRead()
        {
            // The CRC of the Kaifa telegram written in lower case.
            string lower = DsmrVectors.Kaifa.Substring(0, DsmrVectors.Kaifa.Length - 7) + "!6f4a\r\n";
            Assert.AreEqual("V", Frames(DsmrVectors.Bytes(lower), 3, new DsmrDecoder()));
        }

        [TestMethod]
        public void TelegramLongerThanTheMaximumIsReported()
        {
            byte[] telegram = DsmrVectors.Bytes(DsmrVectors.Kaifa);
            Assert.AreEqual("E4", Frames(telegram, 100, new DsmrDecoder(256, false)));
            Assert.AreEqual("V", Frames(telegram, 100, new DsmrDecoder(678, false)));
        }

        [TestMethod]
        public void Dsmr4TelegramWithoutCrcIsRejectedButDsmr3IsNot()
        {
            string noCrc = DsmrVectors.Kaifa.Substring(0, DsmrVectors.Kaifa.Length - 7) + "!\r\n";
            Assert.AreEqual("E3", Frames(DsmrVectors.Bytes(noCrc), 64, new DsmrDecoder()));
            string dsmr3 = "/ISk5\\2MT382-1000\r\n\r\n0-0:96.1.1(4B384547303034303436333935353037)\r\n1-0:1.8.1(12345.678*kWh)\r\n!\r\n";
            Assert.AreEqual("V", Frames(DsmrVectors.Bytes(dsmr3), 64, new DsmrDecoder()));
        }

        [TestMethod]
        public void Dsmr22GasValueOnTheNextLine()
        {
            string t = "/ISk5\\2MT382-1004\r\n\r\n0-1:24.3.0(161107190000)(00)(60)(1)(0-1:24.2.1)(m3)\r\n(00001.001)\r\n0-1:24.4.0(1)\r\n!\r\n";
            byte[] data = DsmrVectors.Bytes(t);
            var decoder = new DsmrDecoder();
            decoder.Feed(data, 0, data.Length);
            var set = new ReadingSet();
            Assert.IsTrue(decoder.Parse(set));
            Assert.AreEqual(2, set.ReadingCount);
            int v = set.Primary[0];
            Assert.AreEqual("1.001", FixedPoint.ToText(set.Mantissa[v], set.Exponent[v]));
            Assert.AreEqual("m3", set.GetText(set.UnitOffset[v], set.UnitLength[v]));
            Assert.AreEqual(ReadingSet.NoTime, set.TimeOf(set.CaptureTime[0]));
        }

        [TestMethod]
        public void UnitWithoutStarAndWrappedTextAndFGroup()
        {
            string t = "/FLU5\\123456789_A\r\n\r\n1-0:1.8.1(000123.456kWh)\r\n0-0:96.13.0(3031\r\n3233)\r\n1-0:31.7.0.255(001*A)\r\n0-0:96.1.1(4B384547)\r\n!\r\n";
            byte[] data = DsmrVectors.Bytes(t);
            var decoder = new DsmrDecoder();
            decoder.Feed(data, 0, data.Length);
            var set = new ReadingSet();
            Assert.IsTrue(decoder.Parse(set));
            int v = set.Primary[set.Find(Obis.FromText("1-0:1.8.1"))];
            Assert.AreEqual(123456L, set.Mantissa[v]);
            Assert.AreEqual("kWh", set.GetText(set.UnitOffset[v], set.UnitLength[v]));
            v = set.Primary[set.Find(Obis.FromText("0-0:96.13.0"))];
            Assert.AreEqual("30313233", set.GetText(set.TextOffset[v], set.TextLength[v]));
            Assert.IsTrue(set.Find(Obis.FromText("1-0:31.7.0")) >= 0);
            v = set.Primary[set.Find(Obis.FromText("0-0:96.1.1"))];
            Assert.AreEqual((int)ValueKind.Text, (int)set.Kind[v]);
        }

        [TestMethod]
        public void TimestampsFollowTheCalendarOrTheFlag()
        {
            long utc;
            byte[] b = DsmrVectors.Bytes("161113205757W");
            Assert.IsTrue(DsmrTimestamp.TryParse(b, 0, 13, false, out utc));
            Assert.AreEqual("2016-11-13T19:57:57Z", UnixTime.ToIso(utc));
            b = DsmrVectors.Bytes("200305122139S"); // Belgian history entry flagged S in winter: the calendar wins
            Assert.IsTrue(DsmrTimestamp.TryParse(b, 0, 13, false, out utc));
            Assert.AreEqual("2020-03-05T11:21:39Z", UnixTime.ToIso(utc));
            Assert.IsTrue(DsmrTimestamp.TryParse(b, 0, 13, true, out utc));
            Assert.AreEqual("2020-03-05T10:21:39Z", UnixTime.ToIso(utc));
            b = DsmrVectors.Bytes("221030023000S"); // the repeated autumn hour: the flag decides
            Assert.IsTrue(DsmrTimestamp.TryParse(b, 0, 13, false, out utc));
            Assert.AreEqual("2022-10-30T00:30:00Z", UnixTime.ToIso(utc));
            b = DsmrVectors.Bytes("221030023000W");
            Assert.IsTrue(DsmrTimestamp.TryParse(b, 0, 13, false, out utc));
            Assert.AreEqual("2022-10-30T01:30:00Z", UnixTime.ToIso(utc));
            b = DsmrVectors.Bytes("632525252525W");
            Assert.IsTrue(DsmrTimestamp.TryParse(b, 0, 13, false, out utc));
            Assert.AreEqual(ReadingSet.NoTime, utc);
            byte[] formatted = new byte[13];
            DsmrTimestamp.Format(UnixTime.FromCivil(2022, 7, 1, 10, 0, 0), formatted, 0);
            Assert.AreEqual("220701120000S", Ascii.ToString(formatted, 0, 13));
        }
    }
}
