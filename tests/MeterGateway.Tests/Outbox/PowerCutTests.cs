using System.Collections.Generic;
using System.Linq;
using MeterGateway.Outbox;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>
    /// Power cuts: a log file cut at every byte, bits flipped in its last record, and a crash at every byte of every
    /// storage write of a whole outage (appends, compactions, metadata, deletions).
    /// </summary>
    public class PowerCutTests
    {
        private const int Records = 5;

        // Five DSMR 5 sets (the AM550 capture, 1-0:1.8.1 raised by n) written through one at a time into one segment.
        private static (MemoryRecordStorage storage, List<byte[]> encodings, List<int> ends) WriteCorpusSequence()
        {
            ReadingSet capture = CorpusReadingSet.Load();
            var storage = new MemoryRecordStorage();
            var clock = new ManualClock(capture.FrameTime);
            var outbox = new ReadingOutbox(storage, clock, new OutboxOptions { WriteDelayMs = 0 });
            outbox.Open();
            var set = new ReadingSet();
            var encodings = new List<byte[]>();
            var ends = new List<int>();
            for (int n = 0; n < Records; n++)
            {
                CorpusReadingSet.Vary(set, capture, n, capture.FrameTime + 10 * n);
                Assert.Equal(n + 1, outbox.Append(set));
                encodings.Add(OutboxHarness.Encode(set));
                ends.Add((int)storage.BytesAppended);
            }
            Assert.Equal(1, storage.Count);
            return (storage, encodings, ends);
        }

        [Fact]
        public void CutAtEveryByteKeepsEveryWholeRecordAndOnlyTheTornOneIsGone()
        {
            var (storage, encodings, ends) = WriteCorpusSequence();
            long segment = storage.IdAt(0);
            byte[] file = storage.GetSegment(segment);
            Assert.Equal(ends[^1], file.Length);
            for (int cut = 0; cut <= file.Length; cut++)
            {
                var torn = storage.Copy();
                torn.SetSegment(segment, file, cut);
                var replay = OutboxHarness.Drain(torn, new OutboxOptions(), 0);
                int whole = ends.Count(end => end <= cut);
                Assert.Equal(Enumerable.Range(1, whole).Select(i => (long)i), replay.Sequences);
                for (int i = 0; i < whole; i++) Assert.Equal(encodings[i], replay.Encodings[i]);
                Assert.True(replay.NextSequence > Records, "cut " + cut);
            }
        }

        [Fact]
        public void EveryFlippedBitInTheLastRecordDropsThatRecordOnly()
        {
            var (storage, encodings, ends) = WriteCorpusSequence();
            long segment = storage.IdAt(0);
            byte[] file = storage.GetSegment(segment);
            int lastStart = ends[^2];
            for (int bit = lastStart * 8; bit < file.Length * 8; bit++)
            {
                byte[] flipped = (byte[])file.Clone();
                flipped[bit / 8] ^= (byte)(1 << (bit % 8));
                var damaged = storage.Copy();
                damaged.SetSegment(segment, flipped, flipped.Length);
                var replay = OutboxHarness.Drain(damaged, new OutboxOptions(), 0);
                Assert.Equal(new long[] { 1, 2, 3, 4 }, replay.Sequences);
                for (int i = 0; i < 4; i++) Assert.Equal(encodings[i], replay.Encodings[i]);
                Assert.True(replay.NextSequence > Records);
            }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(5)]
        public void ACrashAtAnyByteOfAnyWriteLosesNothingButTheTornWrite(int fullLogIntervalSeconds)
        {
            var scenario = CrashScenario.Run(fullLogIntervalSeconds);
            var ops = scenario.Storage.Ops;
            Assert.True(ops.Count(op => op.Kind == RecordingStorage.OpKind.Append) > 15);
            Assert.True(ops.Count(op => op.Kind == RecordingStorage.OpKind.Delete) > 5);
            Assert.True(scenario.Thinned > 0, "the scenario must reach the bound and thin");

            // Between two calls into the outbox (checkpoints), a crash after any change or at any byte of a write must
            // leave a log that replays everything the two consistent states share, and nothing else.
            var state = new MemoryRecordStorage();
            int done = 0;
            var (_, removedBefore, _) = scenario.Checkpoints[0];
            var before = View(state, scenario, 0);
            int crashes = 0;
            foreach (var (end, removed, delivered) in scenario.Checkpoints.Skip(1))
            {
                var next = state.Copy();
                for (int i = done; i < end; i++) ops[i].Apply(next, ops[i].Bytes?.Length ?? 0);
                var after = View(next, scenario, end > 0 ? ops[end - 1].HandedOutBefore : 0);
                // What disappeared was delivered, or thinned and counted.
                var lost = before.Except(after).Where(s => !delivered.Contains(s)).Count();
                Assert.Equal(removed - removedBefore, lost);
                var must = before.Intersect(after).ToHashSet();
                var may = before.Union(after).ToHashSet();
                var crashed = state.Copy();
                for (int i = done; i < end; i++)
                {
                    int length = ops[i].Bytes?.Length ?? 0;
                    for (int partial = 1; partial < length; partial++)
                    {
                        var torn = crashed.Copy();
                        ops[i].Apply(torn, partial);
                        Check(torn, ops[i] + " at byte " + partial, ops[i].HandedOutBefore);
                    }
                    ops[i].Apply(crashed, length);
                    if (i < end - 1) Check(crashed, "after " + ops[i], ops[i].HandedOutBefore);
                }

                void Check(MemoryRecordStorage storage, string where, long handedOut)
                {
                    var got = View(storage, scenario, handedOut);
                    Assert.True(must.IsSubsetOf(got), where + ": a record that should survive is missing");
                    Assert.True(got.IsSubsetOf(may), where + ": a record from nowhere");
                    crashes++;
                }

                state = next;
                done = end;
                before = after;
                removedBefore = removed;
            }
            Assert.Equal(ops.Count, done);
            Assert.True(crashes > 5000, "crash points: " + crashes);
        }

        // Recovers a copy, checks order, content and numbering, and returns what it replays.
        private static HashSet<long> View(MemoryRecordStorage storage, CrashScenario scenario, long handedOut)
        {
            var replay = OutboxHarness.Drain(storage.Copy(), scenario.Options, 0);
            for (int i = 0; i < replay.Sequences.Count; i++)
            {
                long sequence = replay.Sequences[i];
                Assert.True(i == 0 || sequence > replay.Sequences[i - 1], "replay out of order");
                Assert.Equal(scenario.Encodings[sequence], replay.Encodings[i]);
            }
            Assert.True(replay.NextSequence > handedOut, "sequence number reused");
            return replay.Sequences.ToHashSet();
        }
    }
}
