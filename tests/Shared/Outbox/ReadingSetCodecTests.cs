using nanoFramework.TestFramework;
using MeterGateway.Outbox;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Outbox
{
    /// <summary>The outbox's record format and the binary form of a reading set.</summary>
    [TestClass]
    public class ReadingSetCodecTests
    {
        // Header "AB", frame time 1, one reading 1-0:1.8.0*255 = 1234.567 kWh. Worked out by hand (LEB128, zig-zag)
        // and checked with an independent Python encoder; the record's CRC-32 is Python's zlib.crc32.
        private static readonly byte[] TinyPayload =
        {
            0x02, 0x02, 0x02, 0x41, 0x42, 0x01, 0x01, 0x00, 0x01, 0x08, 0x00, 0xFF, 0x01, 0x01, 0x00,
            0x01, 0x8E, 0xDA, 0x96, 0x01, 0xFD, 0x1E, 0x03, 0x03, 0x6B, 0x57, 0x68,
        };

        // The payload above as record 5, measured at 1515104381.
        private static readonly byte[] TinyRecord =
        {
            0x4D, 0x52, 0x30, 0x00, 0x01, 0x05, 0x00, 0x00, 0x00, 0x7D, 0xA8, 0x4E, 0x5A, 0x00, 0x00, 0x00, 0x00,
            0x02, 0x02, 0x02, 0x41, 0x42, 0x01, 0x01, 0x00, 0x01, 0x08, 0x00, 0xFF, 0x01, 0x01, 0x00,
            0x01, 0x8E, 0xDA, 0x96, 0x01, 0xFD, 0x1E, 0x03, 0x03, 0x6B, 0x57, 0x68, 0x5F, 0x27, 0xC6, 0xF8,
        };

        private static ReadingSet Tiny()
        {
            ReadingSet set = new ReadingSet(4, 8, 64);
            byte[] header = Ascii.GetBytes("AB");
            set.SetHeader(header, 0, 2);
            set.FrameTime = 1;
            byte[] unit = Ascii.GetBytes("kWh");
            set.BeginReading(Obis.Pack(1, 0, 1, 8, 0));
            set.EndReading(set.AddNumber(1234567, -3, unit, 0, 3), -1);
            return set;
        }

        [TestMethod]
        public void TinySetEncodesToTheDocumentedBytes()
        {
            byte[] buffer = new byte[64];
            int n = ReadingSetCodec.Encode(Tiny(), buffer, 0, buffer.Length);
            Assert.AreEqual(TinyPayload.Length, n);
            byte[] payload = new byte[n];
            System.Array.Copy(buffer, payload, n);
            CollectionAssert.AreEqual(TinyPayload, payload);
        }

        [TestMethod]
        public void TinyRecordIsSealedAsDocumented()
        {
            byte[] buffer = new byte[64];
            int payload = ReadingSetCodec.Encode(Tiny(), buffer, RecordFormat.HeaderBytes, buffer.Length - 4);
            int length = RecordFormat.Seal(buffer, 0, payload, 5, 1515104381);
            Assert.AreEqual(TinyRecord.Length, length);
            byte[] record = new byte[length];
            System.Array.Copy(buffer, record, length);
            CollectionAssert.AreEqual(TinyRecord, record);
            Assert.AreEqual(48, RecordFormat.LengthOf(record, 0));
            Assert.IsTrue(RecordFormat.CrcMatches(record, 0, 48));
            Assert.AreEqual(5L, RecordFormat.Sequence(record, 0));
            Assert.AreEqual(1515104381L, RecordFormat.Time(record, 0));
        }

        [TestMethod]
        public void EveryBitFlipOfTheRecordIsCaught()
        {
            byte[] record = new byte[TinyRecord.Length];
            for (int i = 0; i < record.Length * 8; i++)
            {
                System.Array.Copy(TinyRecord, record, record.Length);
                record[i / 8] ^= (byte)(1 << (i % 8));
                int length = RecordFormat.LengthOf(record, 0);
                bool whole = length == record.Length && RecordFormat.CrcMatches(record, 0, length);
                Assert.IsFalse(whole, "bit " + i);
            }
        }

        [TestMethod]
        public void SampleSetRoundTripsExactly()
        {
            ReadingSet original = new ReadingSet();
            ReadingSet decoded = new ReadingSet();
            byte[] buffer = new byte[2048];
            for (int n = 0; n < 3; n++)
            {
                OutboxSamples.Fill(original, n, OutboxSamples.BaseTime + n);
                int length = ReadingSetCodec.Encode(original, buffer, 0, buffer.Length);
                Assert.IsTrue(length > 0);
                Assert.IsTrue(ReadingSetCodec.Decode(buffer, 0, length, decoded));
                Assert.IsTrue(OutboxSamples.SameReadings(original, decoded));
                Assert.AreEqual("kWh", decoded.GetText(decoded.UnitOffset[2], decoded.UnitLength[2]));
                Assert.AreEqual(-1L, decoded.Mantissa[decoded.First[decoded.Find(Obis.Pack(1, 0, 31, 7, 0))]]);
            }
        }

        [TestMethod]
        public void UnknownTimesOverflowAndUnitCodesSurvive()
        {
            ReadingSet set = new ReadingSet(4, 8, 64);
            set.BeginReading(Obis.Pack(1, 0, 16, 7, 0));
            // A value whose DLMS unit has no symbol in Units (12 = m/s): the code is kept without a text.
            set.EndReading(set.AddNumber(-long.MaxValue, 5, (byte)12), -1);
            set.Overflowed = true;
            byte[] buffer = new byte[128];
            int length = ReadingSetCodec.Encode(set, buffer, 0, buffer.Length);
            ReadingSet decoded = new ReadingSet(4, 8, 64);
            Assert.IsTrue(ReadingSetCodec.Decode(buffer, 0, length, decoded));
            Assert.IsTrue(OutboxSamples.SameReadings(set, decoded));
            Assert.AreEqual(ReadingSet.NoTime, decoded.FrameTime);
            Assert.IsTrue(decoded.Overflowed);
            Assert.AreEqual((byte)12, decoded.UnitCode[0]);
        }

        [TestMethod]
        public void EveryTruncationAndATooSmallSetAreRefusedWithoutThrowing()
        {
            ReadingSet set = new ReadingSet();
            OutboxSamples.Fill(set, 7, OutboxSamples.BaseTime);
            byte[] buffer = new byte[2048];
            int length = ReadingSetCodec.Encode(set, buffer, 0, buffer.Length);
            ReadingSet decoded = new ReadingSet();
            for (int cut = 0; cut < length; cut++)
            {
                Assert.IsFalse(ReadingSetCodec.Decode(buffer, 0, cut, decoded), "cut " + cut);
                Assert.AreEqual(0, decoded.ReadingCount);
            }
            Assert.IsFalse(ReadingSetCodec.Decode(buffer, 0, length, new ReadingSet(4, 8, 64)));
            Assert.AreEqual(-1, ReadingSetCodec.Encode(set, buffer, 0, length - 1));
        }
    }
}
