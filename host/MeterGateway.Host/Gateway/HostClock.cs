using System.Diagnostics;
using MeterGateway.Link;

namespace MeterGateway.Host.Gateway;

/// <summary>
/// <see cref="IClock"/> on .NET: the system's UTC and the system's monotonic timestamp, so every instance (the meter
/// source's, the gateway loop's, the outbox's) reads the same timeline.
/// </summary>
public sealed class HostClock : IClock
{
    /// <inheritdoc/>
    public long UtcNowSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <inheritdoc/>
    public long MonotonicMs => Stopwatch.GetTimestamp() * 1000 / Stopwatch.Frequency;
}
