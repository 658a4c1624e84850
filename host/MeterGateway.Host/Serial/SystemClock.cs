using System.Diagnostics;
using MeterGateway.Core.Link;

namespace MeterGateway.Host.Serial;

/// <summary>The host's <see cref="IClock"/>: wall-clock UTC and a monotonic millisecond counter.</summary>
public sealed class SystemClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <inheritdoc/>
    public long UtcNowSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <inheritdoc/>
    public long MonotonicMs => _watch.ElapsedMilliseconds;
}
