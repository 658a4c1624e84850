using MeterGateway.Protocols;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Outbox;

namespace MeterGateway.Tests.Outbox;

/// <summary>
/// A meter source for the outbox tests: each poll gives one set (<see cref="Fill"/>: by default the sample sets of
/// <see cref="OutboxSamples.Fill"/>) measured at the clock's time and moves the clock a second; after <see cref="Limit"/> sets it gives nothing and lets 100 ms pass.
/// It writes the set only in a poll that gives one, as a push source does (<see cref="SetFreeBetweenPolls"/>, so the
/// loop keeps one set); <c>SetFreeBetweenPolls = false</c> makes the loop keep two, as for an IEC 62056-21 session.
/// </summary>
public sealed class SampleMeter : IMeterSource
{
    private readonly ManualClock _clock;
    /// <summary>Sets given so far.</summary>
    public int Sent;
    /// <summary>Sets to give in all.</summary>
    public int Limit = int.MaxValue;
    /// <summary>Fills the set of the n-th poll measured at the given time (Unix seconds).</summary>
    public Action<ReadingSet, int, long> Fill { get; init; } = OutboxSamples.Fill;
    /// <inheritdoc/>
    public bool SetFreeBetweenPolls { get; init; } = true;
    public SampleMeter(ManualClock clock) { _clock = clock; }
    public void Open() { }
    public void Close() { }
    public FrameError Error => FrameError.None;
    public string ErrorText => "";
    public void Reset() { }

    public FrameResult Poll(ReadingSet readings, int timeoutMs)
    {
        if (Sent >= Limit)
        {
            _clock.MonotonicMs += 100;
            return FrameResult.None;
        }
        Fill(readings, Sent++, _clock.UtcNowSeconds);
        _clock.Advance(1);
        return FrameResult.Valid;
    }
}
