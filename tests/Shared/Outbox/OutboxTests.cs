using nanoFramework.TestFramework;
using MeterGateway.Outbox;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Outbox
{
    /// <summary>The outbox's behaviour: what reaches storage, replay order, the persisted cursor, sequence numbers, recovery.</summary>
    [TestClass]
    public class OutboxTests
    {
        private static OutboxOptions Options(int writeDelayMs)
        {
            OutboxOptions options = new OutboxOptions();
            options.WriteDelayMs = writeDelayMs;
            return options;
        }

        private static ReadingOutbox Open(MemoryRecordStorage storage, ManualClock clock, OutboxOptions options)
        {
            ReadingOutbox outbox = new ReadingOutbox(storage, clock, options);
            outbox.Open();
            return outbox;
        }

        // Appends sample n measured now and moves the clock on by a second.
        private static long AppendSample(ReadingOutbox outbox, ReadingSet set, ManualClock clock, int n)
        {
            OutboxSamples.Fill(set, n, clock.UtcNowSeconds);
            long sequence = outbox.Append(set);
            clock.Advance(1);
            outbox.Tick();
            return sequence;
        }

        private static long TakeAndDeliver(ReadingOutbox outbox, ReadingSet into)
        {
            Assert.IsTrue(outbox.TakeNext(into));
            outbox.MarkDelivered(outbox.TakenSequence);
            return outbox.TakenSequence;
        }

        [TestMethod]
        public void RecordsDeliveredLiveAreNeverWritten()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            ReadingOutbox outbox = Open(storage, clock, Options(2000));
            ReadingSet set = new ReadingSet();
            ReadingSet taken = new ReadingSet();
            for (int n = 0; n < 100; n++)
            {
                long sequence = AppendSample(outbox, set, clock, n);
                Assert.AreEqual((long)(n + 1), sequence);
                Assert.AreEqual(sequence, TakeAndDeliver(outbox, taken));
                Assert.IsFalse(outbox.TakenIsReplay);
                Assert.AreEqual(OutboxSamples.BaseTime + n, outbox.TakenTime);
                Assert.IsTrue(OutboxSamples.SameReadings(set, taken));
            }
            Assert.IsFalse(outbox.TakeNext(taken));
            Assert.AreEqual(0L, storage.BytesAppended);
            Assert.AreEqual(1, storage.MetadataWrites);
            OutboxStatus status = outbox.Status;
            Assert.AreEqual(0, status.Depth);
            Assert.AreEqual(ReadingSet.NoTime, status.OldestUndeliveredTime);
            Assert.AreEqual((long)OutboxMetadata.SlotBytes, status.BytesWritten);
        }

        [TestMethod]
        public void AnOutageIsReplayedOldestFirstInterleavedWithLive()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            ReadingOutbox outbox = Open(storage, clock, Options(2000));
            ReadingSet set = new ReadingSet();
            ReadingSet taken = new ReadingSet();
            for (int n = 0; n < 10; n++) AppendSample(outbox, set, clock, n);
            Assert.IsTrue(storage.BytesAppended > 0);
            Assert.AreEqual(10, outbox.Status.Depth);
            Assert.AreEqual(OutboxSamples.BaseTime, outbox.Status.OldestUndeliveredTime);
            // Broker back: a live telegram arrives every other publish, and is taken as soon as it is appended.
            for (int n = 10; n < 20; n++)
            {
                OutboxSamples.Fill(set, n, clock.UtcNowSeconds);
                long live = outbox.Append(set);
                Assert.AreEqual(live, TakeAndDeliver(outbox, taken));
                Assert.IsFalse(outbox.TakenIsReplay);
                long replayed = TakeAndDeliver(outbox, taken);
                Assert.AreEqual((long)(n - 9), replayed);
                Assert.IsTrue(outbox.TakenIsReplay);
                Assert.AreEqual(OutboxSamples.BaseTime + n - 10, outbox.TakenTime);
                Assert.AreEqual(OutboxSamples.Energy(n - 10), taken.Mantissa[taken.First[taken.Find(Obis.Pack(1, 0, 1, 8, 1))]]);
                clock.Advance(1);
                outbox.Tick();
            }
            Assert.IsFalse(outbox.TakeNext(taken));
            Assert.AreEqual(0, outbox.Status.Depth);
            Assert.AreEqual(0, outbox.Status.Segments);
        }

        [TestMethod]
        public void WithoutInterleavingTheBacklogGoesFirst()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            OutboxOptions options = Options(2000);
            options.Interleave = false;
            ReadingOutbox outbox = Open(storage, clock, options);
            ReadingSet set = new ReadingSet();
            for (int n = 0; n < 6; n++) AppendSample(outbox, set, clock, n);
            AppendSample(outbox, set, clock, 6);
            for (long expected = 1; expected <= 7; expected++) Assert.AreEqual(expected, TakeAndDeliver(outbox, set));
        }

        [TestMethod]
        public void AFailedPublishIsOfferedAgainAsBacklog()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            ReadingOutbox outbox = Open(storage, clock, Options(2000));
            ReadingSet set = new ReadingSet();
            long sequence = AppendSample(outbox, set, clock, 0);
            Assert.IsTrue(outbox.TakeNext(set));
            outbox.MarkFailed(sequence);
            Assert.AreEqual(1, outbox.Status.Depth);
            clock.Advance(2);
            outbox.Tick();
            Assert.IsTrue(storage.BytesAppended > 0);
            Assert.AreEqual(sequence, TakeAndDeliver(outbox, set));
            Assert.IsTrue(outbox.TakenIsReplay);
            Assert.AreEqual(0, outbox.Status.Depth);
        }

        [TestMethod]
        public void TheCursorIsPersistedInBatchesSoARestartReplaysLessThanABatch()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            OutboxOptions options = Options(0);
            options.CursorBatch = 4;
            ReadingOutbox outbox = Open(storage, clock, options);
            ReadingSet set = new ReadingSet();
            for (int n = 0; n < 20; n++) AppendSample(outbox, set, clock, n);
            for (long expected = 1; expected <= 10; expected++) Assert.AreEqual(expected, TakeAndDeliver(outbox, set));
            // Power cut: the cursor was last persisted after record 8, so 9 and 10 come again (at least once).
            ReadingOutbox restarted = Open(storage, clock, options);
            Assert.AreEqual(12, restarted.Status.Depth);
            for (long expected = 9; expected <= 20; expected++) Assert.AreEqual(expected, TakeAndDeliver(restarted, set));
            Assert.IsFalse(restarted.TakeNext(set));
            // Delivered to the end: the log is gone and nothing comes back after another restart.
            Assert.AreEqual(0, storage.Count);
            Assert.IsFalse(Open(storage, clock, options).TakeNext(set));
        }

        [TestMethod]
        public void AFlushBeforeShutdownReplaysNothingDelivered()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            OutboxOptions options = Options(0);
            options.CursorBatch = 4;
            ReadingOutbox outbox = Open(storage, clock, options);
            ReadingSet set = new ReadingSet();
            for (int n = 0; n < 10; n++) AppendSample(outbox, set, clock, n);
            for (int k = 0; k < 7; k++) TakeAndDeliver(outbox, set);
            outbox.Flush();
            Assert.AreEqual(8L, TakeAndDeliver(Open(storage, clock, options), set));
        }

        [TestMethod]
        public void SequenceNumbersContinueAfterARestart()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            OutboxOptions options = Options(2000);
            options.SequenceReserve = 10;
            ReadingOutbox outbox = Open(storage, clock, options);
            ReadingSet set = new ReadingSet();
            for (int n = 0; n < 25; n++)
            {
                AppendSample(outbox, set, clock, n);
                TakeAndDeliver(outbox, set);
            }
            // None of the 25 reached storage; the reservation still puts the next number above them.
            Assert.AreEqual(0L, storage.BytesAppended);
            ReadingOutbox restarted = Open(storage, clock, options);
            long next = AppendSample(restarted, set, clock, 25);
            Assert.IsTrue(next > 25);
            Assert.IsTrue(next <= 25 + 1 + options.SequenceReserve);
            Assert.AreEqual(next, restarted.Status.NextSequence - 1);
        }

        [TestMethod]
        public void ATornEndAtEveryByteKeepsEveryWholeRecord()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            ReadingOutbox outbox = Open(storage, clock, Options(0));
            ReadingSet set = new ReadingSet();
            int[] ends = new int[3];
            for (int n = 0; n < 3; n++)
            {
                AppendSample(outbox, set, clock, n);
                ends[n] = (int)storage.BytesAppended;
            }
            long segment = storage.IdAt(0);
            byte[] bytes = storage.GetSegment(segment);
            for (int cut = 0; cut <= bytes.Length; cut++)
            {
                MemoryRecordStorage torn = storage.Copy();
                torn.SetSegment(segment, bytes, cut);
                ReadingOutbox recovered = Open(torn, clock, Options(0));
                int whole = 0;
                while (whole < 3 && ends[whole] <= cut) whole++;
                Assert.AreEqual(whole, recovered.Status.Depth, "cut " + cut);
                for (int n = 0; n < whole; n++)
                {
                    Assert.AreEqual((long)(n + 1), TakeAndDeliver(recovered, set));
                    Assert.AreEqual(OutboxSamples.Energy(n), set.Mantissa[set.First[set.Find(Obis.Pack(1, 0, 1, 8, 1))]]);
                }
                Assert.IsFalse(recovered.TakeNext(set));
                Assert.IsTrue(recovered.Status.NextSequence > 3);
            }
        }

        [TestMethod]
        public void ARecordThatCannotBeDecodedIsSkippedAndCounted()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            byte[] record = new byte[RecordFormat.Overhead + 3];
            record[RecordFormat.HeaderBytes] = 0x7F; // flags out of range: not a format-1 set, though the CRC is right
            int length = RecordFormat.Seal(record, 0, 3, 1, OutboxSamples.BaseTime);
            storage.Append(SegmentLog.FirstSegment, record, 0, length);
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            ReadingOutbox outbox = Open(storage, clock, Options(0));
            Assert.AreEqual(1, outbox.Status.Depth);
            ReadingSet set = new ReadingSet();
            Assert.IsFalse(outbox.TakeNext(set));
            Assert.AreEqual(1L, outbox.Status.Undecodable);
            Assert.AreEqual(0, outbox.Status.Depth);
            Assert.AreEqual(2L, AppendSample(outbox, set, clock, 0));
        }

        [TestMethod]
        public void ASetTooLargeForARecordIsRefused()
        {
            OutboxOptions options = Options(0);
            options.MaxRecordBytes = 128;
            ReadingOutbox outbox = Open(new MemoryRecordStorage(), new ManualClock(OutboxSamples.BaseTime), options);
            ReadingSet set = new ReadingSet();
            OutboxSamples.Fill(set, 0, OutboxSamples.BaseTime);
            Assert.AreEqual(-1L, outbox.Append(set));
            Assert.AreEqual(1L, outbox.Status.TooLarge);
            Assert.AreEqual(0, outbox.Status.Depth);
            Assert.AreEqual(1L, outbox.Status.NextSequence);
        }

        [TestMethod]
        public void WhenStorageFailsTheOldestWaitingRecordGivesWayToTheNewest()
        {
            MemoryRecordStorage storage = new MemoryRecordStorage();
            ManualClock clock = new ManualClock(OutboxSamples.BaseTime);
            ReadingOutbox outbox = Open(storage, clock, Options(2000));
            storage.Failing = true;
            ReadingSet set = new ReadingSet();
            for (int n = 0; n < 40; n++) AppendSample(outbox, set, clock, n);
            OutboxStatus status = outbox.Status;
            int depth = status.Depth;
            Assert.IsTrue(status.Dropped > 0);
            Assert.IsTrue(status.StorageErrors > 0);
            Assert.AreEqual(40L, depth + status.Dropped);
            storage.Failing = false;
            // The newest is there and goes first (live); the rest follows oldest first.
            Assert.AreEqual(40L, TakeAndDeliver(outbox, set));
            long previous = 0;
            int taken = 1;
            while (outbox.TakeNext(set))
            {
                Assert.IsTrue(outbox.TakenSequence > previous);
                previous = outbox.TakenSequence;
                outbox.MarkDelivered(previous);
                taken++;
            }
            Assert.AreEqual(depth, taken);
        }
    }
}
