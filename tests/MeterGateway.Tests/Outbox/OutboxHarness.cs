using System.Collections.Generic;
using MeterGateway.Outbox;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Outbox;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>Helpers of the host outbox tests: opening an outbox on a storage and reading back what it would replay.</summary>
    public static class OutboxHarness
    {
        /// <summary>What a restarted gateway would publish from a storage: every record, in order, as the outbox offers it.</summary>
        public sealed class Replay
        {
            /// <summary>Sequence numbers in the order taken.</summary>
            public readonly List<long> Sequences = new();
            /// <summary>The encoding of each taken set (for byte comparison with what was appended).</summary>
            public readonly List<byte[]> Encodings = new();
            /// <summary>Measurement time of each taken record.</summary>
            public readonly List<long> Times = new();
            /// <summary>The outbox's next sequence number after recovery.</summary>
            public long NextSequence;
            /// <summary>Depth right after recovery.</summary>
            public int Depth;
        }

        /// <summary>Opens an outbox on <paramref name="storage"/> (which recovery may change) and takes and delivers everything.</summary>
        public static Replay Drain(IRecordStorage storage, OutboxOptions options, long utcNow)
        {
            var clock = new ManualClock(utcNow);
            var outbox = new ReadingOutbox(storage, clock, options);
            outbox.Open();
            var replay = new Replay { NextSequence = outbox.Status.NextSequence, Depth = outbox.Status.Depth };
            var set = new ReadingSet();
            while (outbox.TakeNext(set))
            {
                replay.Sequences.Add(outbox.TakenSequence);
                replay.Times.Add(outbox.TakenTime);
                replay.Encodings.Add(Encode(set));
                outbox.MarkDelivered(outbox.TakenSequence);
            }
            return replay;
        }

        /// <summary>The codec's bytes for a set.</summary>
        public static byte[] Encode(ReadingSet set)
        {
            var buffer = new byte[16384];
            int n = ReadingSetCodec.Encode(set, buffer, 0, buffer.Length);
            Xunit.Assert.True(n > 0);
            return buffer[..n];
        }
    }
}
