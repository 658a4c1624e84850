namespace MeterGateway.Host.Simulation;

/// <summary>
/// The times a simulated push meter stamps its frames with (<c>metergateway simulate --interval S</c>): the n-th
/// frame carries its tick's scheduled time, the first frame's time + n × S, not the moment it went out. A tick that
/// fires late (a loaded machine), or one that catches up right after it, still gets its own slot, so with an interval
/// of a second or more no two frames share a second, as a DSMR 5 meter's telegrams, "automatically initiated every
/// second" (DSMR 5.0.2 P1 §6), never share their 0-0:1.0.0; a tick that comes more than an interval late takes the
/// slot it is in. A stamp is never ahead of the clock by more than one interval.
/// </summary>
public sealed class TelegramSchedule
{
    private readonly TimeSpan _interval;
    private DateTimeOffset _start;
    private long _slot = -1;

    /// <summary>A schedule of one frame every <paramref name="interval"/> (more than zero).</summary>
    public TelegramSchedule(TimeSpan interval)
    {
        if (interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(interval), interval, "must be more than zero");
        _interval = interval;
    }

    /// <summary>The time to stamp the frame sent at <paramref name="now"/> with; the first call starts the schedule.</summary>
    public DateTimeOffset Next(DateTimeOffset now)
    {
        if (_slot < 0) _start = now;
        long elapsed = (long)Math.Floor((now - _start) / _interval);
        _slot = Math.Max(_slot + 1, elapsed);
        return _start + _slot * _interval;
    }
}
