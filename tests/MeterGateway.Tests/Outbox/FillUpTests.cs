using System;
using System.Linq;
using MeterGateway.Outbox;
using MeterGateway.Readings;
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

        // An outage of the given length at one set a second, the storage refusing every write and delete for two minutes
        // from the 31st set on (a full partition, while the log still fills: every tail write is refused) and for two more
        // in the middle (the log full); returns the storage and the most segments the log held.
        private static (MemoryRecordStorage Storage, OutboxStatus Status, int MostSegments) Outage(OutboxOptions options, int telegrams)
        {
            ReadingSet capture = CorpusReadingSet.Load();
            var storage = new MemoryRecordStorage { AllocationUnit = options.AllocationUnit };
            var clock = new ManualClock(capture.FrameTime);
            var outbox = new ReadingOutbox(storage, clock, options);
            outbox.Open();
            var set = new ReadingSet();
            int most = 0;
            for (int n = 0; n < telegrams; n++)
            {
                storage.Failing = (n >= 30 && n < 150) || (n >= telegrams / 2 && n < telegrams / 2 + 120);
                CorpusReadingSet.Vary(set, capture, n, capture.FrameTime + n);
                outbox.Append(set);
                clock.Advance(1);
                outbox.Tick();
                most = Math.Max(most, outbox.Status.Segments);
            }
            outbox.Flush();
            return (storage, outbox.Status, most);
        }

        [Fact]
        public void TheBoxsSegmentTablesSizedForItsStorageKeepWhatSixtyFourPlacesKeep()
        {
            // The box's 22 places (80 KB of 4 KB blocks) never run out: the log it writes, thins and recovers is the one
            // a table of 64 gives, also while storage refuses writes (each refused write left a new, empty segment behind
            // before: 22 places filled within a minute of refused writes, and then no write was tried again).
            var config = new MeterGateway.Config.GatewayConfig();
            OutboxOptions box = MeterGateway.Device.MeterProfile.For(config).OutboxOptions(config);
            Assert.Equal(22, box.MaxSegments);
            OutboxOptions wide = MeterGateway.Device.MeterProfile.For(config).OutboxOptions(config);
            wide.MaxSegments = 64;
            var a = Outage(box, 2 * 3600);
            var b = Outage(wide, 2 * 3600);
            _output.WriteLine("most segments " + a.MostSegments + " / " + b.MostSegments + ", thinned " + a.Status.Thinned + ", dropped " + a.Status.Dropped + ", depth " + a.Status.Depth);
            Assert.True(a.MostSegments <= box.MaxSegments - 2, "most segments " + a.MostSegments);
            Assert.True(a.Status.Thinned > 0);
            Assert.True(a.Status.StorageErrors > 40, "storage errors " + a.Status.StorageErrors);
            Assert.True(a.Status.Dropped > 0); // the tail gave way while nothing could be written
            Assert.Equal(b.MostSegments, a.MostSegments);
            Assert.Equal((b.Status.Depth, b.Status.Thinned, b.Status.Dropped, b.Status.Writes, b.Status.BytesWritten, b.Status.Deletes),
                (a.Status.Depth, a.Status.Thinned, a.Status.Dropped, a.Status.Writes, a.Status.BytesWritten, a.Status.Deletes));
            Assert.Equal(b.Storage.Count, a.Storage.Count);
            for (int i = 0; i < a.Storage.Count; i++)
            {
                Assert.Equal(b.Storage.IdAt(i), a.Storage.IdAt(i));
                Assert.Equal(b.Storage.GetSegment(b.Storage.IdAt(i)), a.Storage.GetSegment(a.Storage.IdAt(i)));
            }
            // and it is replayed whole, oldest first
            var replay = OutboxHarness.Drain(a.Storage, box, a.Status.OldestUndeliveredTime + 3 * 3600);
            Assert.Equal(a.Status.Depth, replay.Depth);
            Assert.True(replay.Sequences.Zip(replay.Sequences.Skip(1), (x, y) => x < y).All(x => x));
        }

        [Fact]
        public void AFourHourOutageAtOneSecondStaysInBoundAndKeepsEveryQuarterHoursEnds()
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
            Assert.True(status.ThinnedBeforeWrite > telegrams / 2, "a full log thins before writing");
            Assert.Equal(telegrams, status.Depth + status.Thinned);
            Assert.Equal(capture.FrameTime, status.OldestUndeliveredTime);

            // A restart finds the same log; then the broker comes back and everything left is replayed oldest first.
            var replay = OutboxHarness.Drain(storage, options, clock.UtcNowSeconds);
            Assert.Equal(status.Depth, replay.Depth);
            var sequences = replay.Sequences;
            Assert.Equal(status.Depth, sequences.Count);
            Assert.True(sequences.Zip(sequences.Skip(1), (a, b) => a < b).All(x => x));
            Assert.Equal(1, sequences[0]);
            Assert.Equal(telegrams, sequences[^1]);
            var decoded = new ReadingSet();
            for (int i = 0; i < sequences.Count; i++)
            {
                int n = (int)sequences[i] - 1;
                Assert.Equal(capture.FrameTime + n, replay.Times[i]);
                Assert.True(ReadingSetCodec.Decode(replay.Encodings[i], 0, replay.Encodings[i].Length, decoded));
                Assert.Equal(CorpusReadingSet.Energy(capture) + n, CorpusReadingSet.Energy(decoded));
            }
            // Every quarter hour boundary keeps the telegrams on both sides: the last of one quarter hour and the first
            // of the next, so the energy used in each quarter hour is still exact.
            var kept = sequences.ToHashSet();
            int boundaries = 0;
            for (long boundary = (capture.FrameTime / 900 + 1) * 900; boundary - capture.FrameTime + 1 <= telegrams; boundary += 900)
            {
                long firstAfter = boundary - capture.FrameTime + 1; // sequence n + 1 of the telegram at the boundary
                Assert.Contains(firstAfter - 1, kept);
                Assert.Contains(firstAfter, kept);
                boundaries++;
            }
            Assert.Equal(16, boundaries); // 22:30 … 02:15 UTC
            // Inside a quarter hour, what a full log took is at least a minute apart (but for the quarter hour's last).
            for (int i = 1; i < sequences.Count - 1; i++)
            {
                long quarter = (replay.Times[i] / 900);
                bool lastOfQuarter = replay.Times[i + 1] / 900 != quarter;
                if (sequences[i] > 1000 && replay.Times[i - 1] / 900 == quarter && !lastOfQuarter)
                {
                    Assert.True(replay.Times[i] - replay.Times[i - 1] >= options.FullLogIntervalSeconds, "sequence " + sequences[i]);
                }
            }
            _output.WriteLine("replayed " + sequences.Count + " sets covering " + (replay.Times[^1] - replay.Times[0]) + " s");
        }
    }
}
