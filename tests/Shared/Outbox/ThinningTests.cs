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
            Assert.IsTrue(thinning.Thin(0, new byte[256]));
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
            Assert.IsTrue(thinning.Thin(0, new byte[256]));
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
            Assert.IsTrue(thinning.Thin(2, new byte[256]));
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
            Assert.IsTrue(thinning.Thin(0, new byte[256]));
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
            Assert.IsTrue(thinning.Thin(0, new byte[256]));
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
            Assert.IsTrue(thinning.Thin(0, new byte[256]));
            CollectionAssert.AreEqual(new long[] { 1, 3, 4, 5 }, Remaining(log));
            // Now segment 0 holds the first and last of its run, and a lone newest segment is never thinned.
            MemoryRecordStorage single = new MemoryRecordStorage();
            SegmentLog alone = Log(single, times, new int[] { 5 });
            Assert.IsFalse(new Thinning(alone, 900, 2, 4096).Thin(0, new byte[256]));
            CollectionAssert.AreEqual(new long[] { 1, 2, 3, 4, 5 }, Remaining(alone));
        }
    }
}
