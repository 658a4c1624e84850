using BenchmarkDotNet.Attributes;
using MeterGateway.Outbox;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// The store-and-forward outbox with a DSMR 5 reading set (the AM550 capture, 35 OBIS lines) and the default (ESP32)
/// settings, on a storage that allocates nothing itself. Goal (issue 6): 0 bytes allocated per reading set on every
/// path. <see cref="AppendTakeDeliver"/> is the broker-up path of every telegram (the set is encoded, taken back,
/// decoded, and dropped from memory on PUBACK, never written); <see cref="AppendWhileFull"/> a telegram of a long outage
/// (tail write, thinning of a full log, amortized); <see cref="OutageAndReplay"/> 200 telegrams of an outage followed by
/// their replay interleaved with live telegrams, cursor persistence and segment deletion included.
/// </summary>
[MemoryDiagnoser]
public class OutboxBenchmark
{
    private readonly ReadingSet _set = new();
    private readonly ReadingSet _taken = new();
    private readonly OutboxWorkload.SteppingClock _clock = new();
    private ReadingOutbox _online = null!;
    private ReadingOutbox _full = null!;
    private ReadingOutbox _cycle = null!;

    /// <summary>Decodes the capture and builds three outboxes; the full one is filled first.</summary>
    [GlobalSetup]
    public void Setup()
    {
        OutboxWorkload.LoadAm550(_set);
        _online = Open();
        _full = Open();
        _cycle = Open();
        for (int i = 0; i < 1000; i++) AppendWhileFull();
        if (_full.Status.Thinned == 0) throw new InvalidOperationException("the log did not fill");
        OutageAndReplay();
    }

    private ReadingOutbox Open()
    {
        var options = new OutboxOptions();
        var outbox = new ReadingOutbox(new FixedMemoryStorage(options.MaxSegments, 2 * options.SegmentBytes + options.TailBytes), _clock, options);
        outbox.Open();
        return outbox;
    }

    /// <summary>Broker up: append, take (decode), mark delivered, tick.</summary>
    [Benchmark]
    public long AppendTakeDeliver()
    {
        _set.FrameTime = _clock.UtcNowSeconds;
        long sequence = _online.Append(_set);
        _online.TakeNext(_taken);
        _online.MarkDelivered(_online.TakenSequence);
        _clock.Second();
        _online.Tick();
        return sequence;
    }

    /// <summary>Broker down for long, the log full: append and tick (writes and thinning amortized).</summary>
    [Benchmark]
    public long AppendWhileFull()
    {
        _set.FrameTime = _clock.UtcNowSeconds;
        long sequence = _full.Append(_set);
        _clock.Second();
        _full.Tick();
        return sequence;
    }

    /// <summary>200 telegrams while the broker is down, then the broker back: live telegrams and the replay until empty.</summary>
    [Benchmark]
    public int OutageAndReplay()
    {
        return OutboxWorkload.OutageAndReplay(_cycle, _set, _taken, _clock, 200);
    }
}
