using System;
using MeterGateway.Core.Outbox;
using MeterGateway.Core.Readings;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>
    /// The hot path allocates nothing after construction: append, take, mark delivered and tick, with the broker up and
    /// through an outage (tail writes, thinning, replay, cursor persistence, segment deletion). Counted with
    /// <see cref="GC.GetAllocatedBytesForCurrentThread"/>; the storage used allocates nothing itself.
    /// </summary>
    public class AllocationTests
    {
        [Fact]
        public void AppendTakeAndMarkDeliveredAllocateNothing()
        {
            ReadingSet capture = CorpusReadingSet.Load();
            var options = new OutboxOptions();
            var storage = new FixedMemoryStorage(options.MaxSegments, 2 * options.SegmentBytes + options.TailBytes);
            var clock = new ManualClock(capture.FrameTime);
            var outbox = new ReadingOutbox(storage, clock, options);
            outbox.Open();
            var set = new ReadingSet();
            var taken = new ReadingSet();
            var sets = new ReadingSet[4];
            for (int k = 0; k < sets.Length; k++)
            {
                sets[k] = new ReadingSet();
                CorpusReadingSet.Vary(sets[k], capture, k, capture.FrameTime + k);
            }
            // Warm up every path once (JIT, statics), then measure the same again.
            Run(outbox, clock, sets, taken, 300);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(outbox, clock, sets, taken, 300);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.True(outbox.Status.Thinned > 0, "the outage must have filled the log");
            Assert.Equal(0, outbox.Status.Depth);
        }

        // 60 telegrams online, 240 during an outage (the log fills and thins), then the replay with live telegrams.
        private static void Run(ReadingOutbox outbox, ManualClock clock, ReadingSet[] sets, ReadingSet taken, int outage)
        {
            for (int n = 0; n < 60; n++) Telegram(outbox, clock, sets[n % sets.Length], taken, true);
            for (int n = 0; n < outage; n++) Telegram(outbox, clock, sets[n % sets.Length], taken, false);
            for (int n = 0; n < 400 && outbox.Status.Depth > 0; n++) Telegram(outbox, clock, sets[n % sets.Length], taken, true);
        }

        private static void Telegram(ReadingOutbox outbox, ManualClock clock, ReadingSet set, ReadingSet taken, bool brokerUp)
        {
            set.FrameTime = clock.UtcNowSeconds;
            Assert.True(outbox.Append(set) > 0);
            for (int k = 0; brokerUp && k < 4 && outbox.TakeNext(taken); k++) outbox.MarkDelivered(outbox.TakenSequence);
            clock.Advance(1);
            outbox.Tick();
        }
    }
}
