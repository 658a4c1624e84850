using System.Linq;
using MeterGateway.Core.Outbox;
using MeterGateway.Core.Readings;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;
using Xunit.Abstractions;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>A long outage with the default (ESP32) settings: the log reaches its bound and thins its oldest data.</summary>
    public class FillUpTests
    {
        private readonly ITestOutputHelper _output;

        public FillUpTests(ITestOutputHelper output) { _output = output; }

        [Fact]
        public void AFourHourOutageAtOneSecondStaysInBoundAndKeepsTheFirstAndTheNewest()
        {
            const int telegrams = 4 * 3600;
            ReadingSet capture = CorpusReadingSet.Load();
            var options = new OutboxOptions();
            var storage = new MemoryRecordStorage { AllocationUnit = options.AllocationUnit };
            var clock = new ManualClock(capture.FrameTime);
            var outbox = new ReadingOutbox(storage, clock, options);
            outbox.Open();
            var set = new ReadingSet();
            for (int n = 0; n < telegrams; n++)
            {
                CorpusReadingSet.Vary(set, capture, n, capture.FrameTime + n);
                Assert.Equal(n + 1, outbox.Append(set));
                clock.Advance(1);
                outbox.Tick();
            }
            outbox.Flush();
            OutboxStatus status = outbox.Status;
            _output.WriteLine("peak " + storage.PeakBytes + " B, used " + status.UsedBytes + " B in " + status.Segments +
                              " segments, depth " + status.Depth + ", thinned " + status.Thinned + ", written " + status.BytesWritten + " B in " + status.Writes + " writes");
            Assert.True(storage.PeakBytes <= options.MaxBytes, "peak " + storage.PeakBytes);
            Assert.True(status.UsedBytes <= options.CompactAboveBytes);
            Assert.Equal(0, status.Dropped);
            Assert.True(status.Thinned > telegrams / 2);
            Assert.Equal(telegrams, status.Depth + status.Thinned);
            Assert.Equal(capture.FrameTime, status.OldestUndeliveredTime);

            // A restart finds the same log; then the broker comes back and everything left is replayed oldest first.
            var replay = OutboxHarness.Drain(storage, options, clock.UtcNowSeconds);
            Assert.Equal(status.Depth, replay.Depth);
            var sequences = replay.Sequences;
            Assert.Equal(status.Depth, sequences.Count);
            Assert.True(sequences.Zip(sequences.Skip(1), (a, b) => a < b).All(x => x));
            Assert.Equal(1, sequences[0]);
            // The newest 100 seconds are all there, untouched (140 KB hold about 165 DSMR 5 sets of 870 bytes).
            Assert.Equal(Enumerable.Range(telegrams - 99, 100).Select(i => (long)i), sequences.Skip(sequences.Count - 100));
            var decoded = new ReadingSet();
            for (int i = 0; i < sequences.Count; i++)
            {
                int n = (int)sequences[i] - 1;
                Assert.Equal(capture.FrameTime + n, replay.Times[i]);
                Assert.True(ReadingSetCodec.Decode(replay.Encodings[i], 0, replay.Encodings[i].Length, decoded));
                Assert.Equal(CorpusReadingSet.Energy(capture) + n, CorpusReadingSet.Energy(decoded));
            }
            // Every quarter hour boundary of the thinned part keeps the telegrams on both sides: the last of one quarter
            // hour and the first of the next, so the energy used in each quarter hour is still exact.
            long oldestFull = sequences[sequences.Count - 100];
            var kept = sequences.ToHashSet();
            int boundaries = 0;
            for (long boundary = (capture.FrameTime / 900 + 1) * 900; boundary - capture.FrameTime + 1 < oldestFull; boundary += 900)
            {
                long firstAfter = boundary - capture.FrameTime + 1; // sequence n + 1 of the telegram at the boundary
                Assert.Contains(firstAfter - 1, kept);
                Assert.Contains(firstAfter, kept);
                boundaries++;
            }
            Assert.Equal(16, boundaries); // 22:30 … 02:15 UTC
            _output.WriteLine("replayed " + sequences.Count + " sets covering " + (replay.Times[^1] - replay.Times[0]) + " s");
        }
    }
}
