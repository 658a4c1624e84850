using nanoFramework.TestFramework;
using MeterGateway.Outbox;

namespace MeterGateway.Tests.Shared.Outbox
{
    /// <summary>Which records thinning keeps: every n-th of a period, always the first and last of each period.</summary>
    [TestClass]
    public class ThinningTests
    {
        // A multiple of every period used here, so periods start where the test expects.
        private const long Start = 3600L * 400000;

        // A log of segments holding records with the given times (one record = an empty reading set), sequence 1, 2, 3…
        private static SegmentLog Log(MemoryRecordStorage storage, long[] times, int[] recordsPerSegment)
        {
            SegmentLog log = new SegmentLog(storage, 16, 4096, 1, 256);
            byte[] record = new byte[RecordFormat.Overhead + 3];
            int sequence = 0;
            for (int s = 0; s < recordsPerSegment.Length; s++)
            {
                for (int k = 0; k < recordsPerSegment[s]; k++)
                {
                    int length = RecordFormat.Seal(record, 0, 3, sequence + 1, times[sequence]);
                    storage.Append(SegmentLog.FirstSegment + s * SegmentLog.IdStride, record, 0, length);
                    sequence++;
                }
            }
            int records;
            log.Recover(0, out records);
            return log;
        }

        private static long[] Remaining(SegmentLog log)
        {
            long[] found = new long[64];
            int n = 0;
            bool more = log.Find(0, 0, 0, log.SegmentCount - 1);
            while (more)
            {
                found[n++] = log.RecordSequence;
                more = log.Find(log.RecordSegment, log.RecordEnd, log.RecordSequence, log.SegmentCount - 1);
            }
            long[] result = new long[n];
            System.Array.Copy(found, result, n);
            return result;
        }

        [TestMethod]
        public void KeepsEverySecondAndTheFirstAndLastOfEachQuarterHour()
        {
            // Records a minute apart: 1..15 fall in the first quarter hour, 16..20 in the second, 21 is the newest segment.
            long[] times = new long[21];
            for (int k = 0; k < 21; k++) times[k] = Start + 60 * k;
            MemoryRecordStorage storage = new MemoryRecordStorage();
            SegmentLog log = Log(storage, times, new int[] { 10, 10, 1 });
            Thinning thinning = new Thinning(log, 900, 2, 4096);
            Assert.IsTrue(thinning.Thin(0));
            Assert.IsFalse(thinning.DroppedWhole);
            Assert.AreEqual(9, thinning.Removed);
            CollectionAssert.AreEqual(new long[] { 1, 3, 5, 7, 9, 11, 13, 15, 16, 18, 20, 21 }, Remaining(log));
            Assert.AreEqual(2, log.SegmentCount);
        }

        [TestMethod]
        public void WhenEveryRecordIsFirstOrLastThePeriodGrows()
        {
            // One record per quarter hour: nothing to thin at 900 s or 1800 s; at 3600 s the second goes.
            long[] times = new long[7];
            for (int k = 0; k < 7; k++) times[k] = Start + 900 * k;
            MemoryRecordStorage storage = new MemoryRecordStorage();
            SegmentLog log = Log(storage, times, new int[] { 3, 3, 1 });
            Thinning thinning = new Thinning(log, 900, 2, 4096);
            Assert.IsTrue(thinning.Thin(0));
            Assert.AreEqual(1, thinning.Removed);
            CollectionAssert.AreEqual(new long[] { 1, 3, 4, 5, 6, 7 }, Remaining(log));
        }

        [TestMethod]
        public void DeliveredRecordsAreLeftOutAndNotCounted()
        {
            long[] times = new long[9];
            for (int k = 0; k < 9; k++) times[k] = Start + 60 * k;
            MemoryRecordStorage storage = new MemoryRecordStorage();
            SegmentLog log = Log(storage, times, new int[] { 4, 4, 1 });
            Thinning thinning = new Thinning(log, 900, 2, 4096);
            Assert.IsTrue(thinning.Thin(2));
            // 3..8 remain undelivered in one period: 3 (first), 5, 7, 8 (last) are kept.
            Assert.AreEqual(2, thinning.Removed);
            CollectionAssert.AreEqual(new long[] { 3, 5, 7, 8, 9 }, Remaining(log));
        }

        [TestMethod]
        public void TwoRecordsCannotBeThinnedSoTheOldestSegmentIsDropped()
        {
            long[] times = new long[] { Start, Start + 1, Start + 2 };
            MemoryRecordStorage storage = new MemoryRecordStorage();
            SegmentLog log = Log(storage, times, new int[] { 1, 1, 1 });
            Thinning thinning = new Thinning(log, 900, 2, 4096);
            Assert.IsTrue(thinning.Thin(0));
            Assert.IsTrue(thinning.DroppedWhole);
            Assert.AreEqual(1, thinning.Removed);
            CollectionAssert.AreEqual(new long[] { 2, 3 }, Remaining(log));
        }

        [TestMethod]
        public void AnOldestRunThatCannotLoseARecordIsPassedOver()
        {
            // Runs of one segment (a run may hold 96 bytes, four records): segment 0 holds two records in two quarter
            // hours, nothing to thin; segment 1 holds four in one quarter hour; segment 2 is the newest.
            long[] times = new long[] { Start, Start + 1000, Start + 1001, Start + 1002, Start + 1003, Start + 1004, Start + 1005 };
            MemoryRecordStorage storage = new MemoryRecordStorage();
            SegmentLog log = Log(storage, times, new int[] { 2, 4, 1 });
            Thinning thinning = new Thinning(log, 900, 2, 48);
            Assert.IsTrue(thinning.Thin(0));
            Assert.AreEqual(1, thinning.Removed);
            CollectionAssert.AreEqual(new long[] { 1, 2, 3, 5, 6, 7 }, Remaining(log));
        }

        [TestMethod]
        public void TheNewestSegmentIsNeverTouched()
        {
            long[] times = new long[] { Start, Start + 1, Start + 2, Start + 3, Start + 4 };
            MemoryRecordStorage storage = new MemoryRecordStorage();
            SegmentLog log = Log(storage, times, new int[] { 3, 2 });
            Thinning thinning = new Thinning(log, 900, 2, 4096);
            Assert.IsTrue(thinning.Thin(0));
            CollectionAssert.AreEqual(new long[] { 1, 3, 4, 5 }, Remaining(log));
            // Now segment 0 holds the first and last of its run, and a lone newest segment is never thinned.
            MemoryRecordStorage single = new MemoryRecordStorage();
            SegmentLog alone = Log(single, times, new int[] { 5 });
            Assert.IsFalse(new Thinning(alone, 900, 2, 4096).Thin(0));
            CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5 }, Remaining(alone));
        }

        // Segment 0 holds records 1..count (payload bytes each, a minute apart, one quarter hour) and, after record
        // garbageAfter (0: none), 40 bytes that are not a record but begin like one; segment 1 holds the newest record.
        private static SegmentLog GatheringLog(MemoryRecordStorage storage, int count, int payload, int garbageAfter, int recordBuffer)
        {
            byte[] record = new byte[RecordFormat.Overhead + payload];
            for (int k = 1; k <= count + 1; k++)
            {
                for (int b = 0; b < payload; b++) record[RecordFormat.HeaderBytes + b] = (byte)(k * 7 + b);
                int length = RecordFormat.Seal(record, 0, payload, k, Start + 60 * k);
                long segment = SegmentLog.FirstSegment + (k <= count ? 0 : SegmentLog.IdStride);
                storage.Append(segment, record, 0, length);
                if (k == garbageAfter)
                {
                    byte[] garbage = new byte[40];
                    for (int b = 0; b < garbage.Length; b++) garbage[b] = (byte)(0xA5 ^ b);
                    // A plausible header (magic, 30 bytes, format 1) whose CRC does not match.
                    garbage[0] = RecordFormat.Magic0;
                    garbage[1] = RecordFormat.Magic1;
                    garbage[2] = 30;
                    garbage[3] = 0;
                    garbage[4] = RecordFormat.ReadingSetFormat;
                    storage.Append(segment, garbage, 0, garbage.Length);
                }
            }
            SegmentLog log = new SegmentLog(storage, 16, 4096, 1, recordBuffer);
            int records;
            log.Recover(0, out records);
            return log;
        }

        [TestMethod]
        public void TheCopyIsGatheredInTheRecordBufferAndWrittenInPiecesOfItsSize()
        {
            // Records of 100 bytes, a 256-byte record buffer: two kept records fit; a record left out that does not fit
            // after them (the 4th at 200) is checked through the 56 bytes left and forces no write. Kept: 1, 3, 5, 7, 9,
            // 10 (the last of the run), written as [1 3] [5 7] [9 10]: three writes, as with a buffer of its own.
            MemoryRecordStorage storage = new MemoryRecordStorage();
            SegmentLog log = GatheringLog(storage, 10, 79, 0, 256);
            long writes = log.Writes;
            Thinning thinning = new Thinning(log, 900, 2, 4096);
            Assert.IsTrue(thinning.Thin(0));
            Assert.AreEqual(4, thinning.Removed);
            Assert.AreEqual(3L, log.Writes - writes);
            CollectionAssert.AreEqual(new long[] { 1, 3, 5, 7, 9, 10, 11 }, Remaining(log));
            Assert.AreEqual(600L, log.SegmentLength(0));
            // Every copied record is whole and the same, byte for byte, as the one it was copied from.
            AssertPayloads(log, 79);
        }

        [TestMethod]
        public void BytesSkippedWhileGatheringNeverOverwriteTheGatheredRecords()
        {
            // Torn bytes after record 3: skipping them reads through the room after the gathered records 1 and 3 only.
            MemoryRecordStorage storage = new MemoryRecordStorage();
            SegmentLog log = GatheringLog(storage, 6, 20, 3, 256);
            Thinning thinning = new Thinning(log, 900, 2, 4096);
            long skipped = log.SkippedBytes;
            Assert.IsTrue(thinning.Thin(0));
            Assert.AreEqual(2, thinning.Removed);
            Assert.IsTrue(log.SkippedBytes - skipped >= 40);
            CollectionAssert.AreEqual(new long[] { 1, 3, 5, 6, 7 }, Remaining(log));
            AssertPayloads(log, 20);
        }

        // The payload of every record of the log is the one GatheringLog wrote for its sequence number.
        private static void AssertPayloads(SegmentLog log, int payload)
        {
            bool more = log.Find(0, 0, 0, log.SegmentCount - 1);
            while (more)
            {
                long k = log.RecordSequence;
                Assert.AreEqual(RecordFormat.Overhead + payload, log.RecordLength);
                for (int b = 0; b < payload; b++) Assert.AreEqual((byte)(k * 7 + b), log.Record[RecordFormat.HeaderBytes + b]);
                more = log.Find(log.RecordSegment, log.RecordEnd, log.RecordSequence, log.SegmentCount - 1);
            }
        }
    }
}
