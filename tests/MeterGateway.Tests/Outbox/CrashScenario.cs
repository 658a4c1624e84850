using System.Collections.Generic;
using MeterGateway.Outbox;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>
    /// A whole outage on a small outbox, recorded write by write: 40 telegrams while the broker is down (the bound is
    /// reached and the oldest data thinned), a reconnection that replays the backlog interleaved with live telegrams,
    /// a failed publish, a second outage, and a flush. Small sizes keep the number of crash points testable.
    /// </summary>
    public sealed class CrashScenario
    {
        /// <summary>The options: 1 KB segments and tail, 512-byte records, a 7 KB bound in 64-byte units, cursor persisted every 3.</summary>
        public readonly OutboxOptions Options = new()
        {
            MaxBytes = 7168,
            SegmentBytes = 1024,
            TailBytes = 1024,
            MaxRecordBytes = 512,
            AllocationUnit = 64,
            WriteDelayMs = 2000,
            CursorBatch = 3,
            SequenceReserve = 20,
            ThinPeriodSeconds = 10,
        };

        /// <summary>The recorded storage.</summary>
        public readonly RecordingStorage Storage = new();
        /// <summary>The encoding of every appended set, by sequence number.</summary>
        public readonly Dictionary<long, byte[]> Encodings = new();
        /// <summary>Records thinned during the run.</summary>
        public long Thinned;
        /// <summary>
        /// The storage was consistent after each call into the outbox: the number of changes made so far, the stored
        /// records thinned or dropped so far, and the sequence numbers delivered so far.
        /// </summary>
        public readonly List<(int ops, long removed, HashSet<long> delivered)> Checkpoints = new();

        private readonly HashSet<long> _delivered = new();

        /// <summary>Runs the scenario; <paramref name="fullLogIntervalSeconds"/> as in <see cref="OutboxOptions.FullLogIntervalSeconds"/>.</summary>
        public static CrashScenario Run(int fullLogIntervalSeconds)
        {
            var scenario = new CrashScenario();
            scenario.Options.FullLogIntervalSeconds = fullLogIntervalSeconds;
            scenario.Play();
            return scenario;
        }

        private void Play()
        {
            var clock = new ManualClock(OutboxSamples.BaseTime);
            var outbox = new ReadingOutbox(Storage, clock, Options);
            Checkpoint(outbox);
            outbox.Open();
            Checkpoint(outbox);
            var set = new ReadingSet();
            int n = 0;
            for (int i = 0; i < 40; i++) Append(outbox, set, clock, n++);
            int replayed = 0;
            for (int i = 0; i < 8; i++)
            {
                Append(outbox, set, clock, n++);
                Assert.True(TakeAndDeliver(outbox, set));
                if (TakeAndDeliver(outbox, set)) replayed++;
            }
            Assert.True(replayed >= 4);
            Assert.True(outbox.TakeNext(set));
            Checkpoint(outbox);
            outbox.MarkFailed(outbox.TakenSequence);
            Checkpoint(outbox);
            for (int i = 0; i < 10; i++) Append(outbox, set, clock, n++);
            outbox.Flush();
            Checkpoint(outbox);
            Thinned = outbox.Status.Thinned;
        }

        private void Append(ReadingOutbox outbox, ReadingSet set, ManualClock clock, int n)
        {
            OutboxSamples.Fill(set, n, clock.UtcNowSeconds);
            long sequence = outbox.Append(set);
            Assert.True(sequence > 0);
            Encodings[sequence] = OutboxHarness.Encode(set);
            Storage.HandedOut = sequence;
            Checkpoint(outbox);
            clock.Advance(1);
            outbox.Tick();
            Checkpoint(outbox);
        }

        private bool TakeAndDeliver(ReadingOutbox outbox, ReadingSet set)
        {
            bool taken = outbox.TakeNext(set);
            Checkpoint(outbox);
            if (!taken) return false;
            outbox.MarkDelivered(outbox.TakenSequence);
            _delivered.Add(outbox.TakenSequence);
            Checkpoint(outbox);
            return true;
        }

        private void Checkpoint(ReadingOutbox outbox)
        {
            var status = outbox.Status;
            // Records thinned before they were written never were in storage.
            Checkpoints.Add((Storage.Ops.Count, status.Thinned - status.ThinnedBeforeWrite + status.Dropped, new HashSet<long>(_delivered)));
        }
    }
}
