using MeterGateway.Link;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// What <see cref="OutboxBenchmark"/> (RAM storage) and <see cref="OutboxFileBenchmark"/> (file storage) both run: the
/// AM550 DSMR 5 set, a clock that a telegram moves by one second, and an outage followed by its replay.
/// </summary>
internal static class OutboxWorkload
{
    /// <summary>A clock the workload moves a second per telegram.</summary>
    public sealed class SteppingClock : IClock
    {
        public long UtcNowSeconds { get; set; } = 1_700_000_000;
        public long MonotonicMs { get; set; }

        public void Second()
        {
            UtcNowSeconds++;
            MonotonicMs += 1000;
        }
    }

    /// <summary>Decodes the AM550 capture (35 OBIS lines) into <paramref name="set"/>.</summary>
    public static void LoadAm550(ReadingSet set)
    {
        byte[] telegram = BenchCorpus.Bytes("dsmr", "dsmr50_nl_iskra_am550_openhab.txt");
        var decoder = new DsmrDecoder();
        decoder.Feed(telegram, 0, telegram.Length);
        if (decoder.Result != FrameResult.Valid || !decoder.Parse(set)) throw new InvalidOperationException("the AM550 capture did not decode");
    }

    /// <summary>
    /// <paramref name="outage"/> telegrams while the broker is down, then the broker back: a live telegram a second with
    /// up to 8 replayed sets delivered beside it, until the outbox is empty. Returns the sets published.
    /// </summary>
    public static int OutageAndReplay(ReadingOutbox outbox, ReadingSet set, ReadingSet taken, SteppingClock clock, int outage)
    {
        for (int i = 0; i < outage; i++)
        {
            set.FrameTime = clock.UtcNowSeconds;
            outbox.Append(set);
            clock.Second();
            outbox.Tick();
        }
        int published = 0;
        while (outbox.Status.Depth > 0)
        {
            set.FrameTime = clock.UtcNowSeconds;
            outbox.Append(set);
            for (int k = 0; k < 8 && outbox.TakeNext(taken); k++, published++) outbox.MarkDelivered(outbox.TakenSequence);
            clock.Second();
            outbox.Tick();
        }
        return published;
    }
}
