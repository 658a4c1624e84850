using nanoFramework.TestFramework;
using MeterGateway.Outbox;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Outbox
{
    /// <summary>
    /// The memory tail's slots: one per <see cref="RecordTail.BytesPerSlot"/> bytes; when every slot is taken the tail is
    /// written early, and nothing is lost.
    /// </summary>
    [TestClass]
    public class RecordTailTests
    {
        // A set of one reading, 1-0:1.8.1 = n Wh, measured at time: a record of 46 bytes.
        private static void Small(ReadingSet set, int n, long time)
        {
            set.Clear();
            set.FrameTime = time;
            byte[] unit = Ascii.GetBytes("Wh");
            set.BeginReading(Obis.Pack(1, 0, 1, 8, 1));
            set.EndReading(set.AddNumber(n, 0, unit, 0, unit.Length), -1);
        }

        [TestMethod]
        public void SlotsHoldOffsetsAndTimesAndTheHeaderTheRest()
        {
            RecordTail tail = new RecordTail(1024, 512);
            Assert.AreEqual(8, tail.Slots);
            Assert.AreEqual(4, new RecordTail(300, 256).Slots);
            ReadingSet set = new ReadingSet();
            for (int k = 0; k < 8; k++)
            {
                Small(set, k, OutboxSamples.BaseTime + 10 * k);
                Assert.AreEqual(46, tail.Add(set, 100 + k, OutboxSamples.BaseTime + 10 * k, 5000000000L + 250 * k));
            }
            Assert.IsTrue(tail.IsFull);
            Assert.AreEqual(8 * 46, tail.UsedBytes);
            Small(set, 8, OutboxSamples.BaseTime + 80);
            Assert.AreEqual(0, tail.Add(set, 108, OutboxSamples.BaseTime + 80, 5000002000L));
            Assert.AreEqual(107L, tail.SequenceOf(7));
            Assert.AreEqual(OutboxSamples.BaseTime + 70, tail.TimeOf(7));
            Assert.AreEqual(5000001750L, tail.AppendedMsOf(7));
            Assert.AreEqual(46, tail.LengthOf(7));
            // Removing a middle record, then the first two: offsets, sequence numbers and times move with them.
            tail.RemoveAt(3);
            Assert.AreEqual(4, tail.IndexOf(105));
            Assert.AreEqual(-1, tail.IndexOf(103));
            tail.RemoveFirst(2);
            Assert.AreEqual(5, tail.Count);
            Assert.AreEqual(0, tail.OffsetOf(0));
            Assert.AreEqual(102L, tail.SequenceOf(0));
            Assert.AreEqual(5000000500L, tail.AppendedMsOf(0));
            Assert.AreEqual(104L, tail.SequenceOf(1));
            Assert.AreEqual(46, tail.OffsetOf(1));
            Assert.AreEqual(5000001000L, tail.AppendedMsOf(1));
            Assert.AreEqual(5000001500L, tail.AppendedMsOf(3));
            Assert.AreEqual(5000001750L, tail.AppendedMsOf(4));
            Assert.AreEqual(107L, tail.SequenceOf(4));
            Assert.AreEqual(5 * 46, tail.UsedBytes);
            Assert.IsFalse(tail.IsFull);
            tail.RemoveFirst(5);
            Assert.AreEqual(0, tail.Count);
            Assert.AreEqual(0, tail.UsedBytes);
            Assert.AreEqual(46, tail.Add(set, 108, OutboxSamples.BaseTime + 80, 7000000000L));
            Assert.AreEqual(7000000000L, tail.AppendedMsOf(0));
        }

        [TestMethod]
        public void ATailWithFewSlotsAndManySmallRecordsIsWrittenEarlyAndLosesNothing()
        {
            // 8 slots, 1 KB; the broker is away and the write delay (60 s) never comes: every 8th record fills the slots
            // and the tail is written (8 × 46 bytes), long before its bytes run out.
            OutboxOptions options = new OutboxOptions();
            options.TailBytes = 1024;
            options.MaxRecordBytes = 512;
            options.SegmentBytes = 4096;
            options.MaxBytes = 64 * 1024;
            options.AllocationUnit = 1;
            options.WriteDelayMs = 60000;
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            ReadingOutbox outbox = new ReadingOutbox(storage, clock, options);
            outbox.Open();
            ReadingSet set = new ReadingSet();
            for (int n = 0; n < 50; n++)
            {
                Small(set, n, OutboxSamples.BaseTime + n);
                Assert.AreEqual((long)(n + 1), outbox.Append(set));
                clock.MonotonicMs += 100;
                outbox.Tick();
            }
            Assert.AreEqual(6, storage.Appends);
            Assert.AreEqual(6L * 8 * 46, storage.BytesAppended);
            Assert.AreEqual(50, outbox.Depth);
            // The broker is back: all 50, oldest first (the two still in memory last), each with its own value and time.
            ReadingSet taken = new ReadingSet();
            bool[] seen = new bool[51];
            int count = 0;
            while (outbox.TakeNext(taken))
            {
                long sequence = outbox.TakenSequence;
                Assert.IsFalse(seen[(int)sequence]);
                seen[(int)sequence] = true;
                Assert.AreEqual(OutboxSamples.BaseTime + sequence - 1, outbox.TakenTime);
                Assert.AreEqual(sequence - 1, taken.Mantissa[taken.Primary[0]]);
                outbox.MarkDelivered(sequence);
                count++;
            }
            Assert.AreEqual(50, count);
            Assert.AreEqual(0, outbox.Depth);
            Assert.AreEqual(0L, outbox.Thinned + outbox.Dropped);
        }
    }
}
