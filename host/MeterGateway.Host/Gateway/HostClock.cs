using System.Diagnostics;
using MeterGateway.Core.Link;

namespace MeterGateway.Host.Gateway;

/// <summary><see cref="IClock"/> on .NET: the system's UTC and a <see cref="Stopwatch"/>.</summary>
public sealed class HostClock : IClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    /// <inheritdoc/>
    public long UtcNowSeconds => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <inheritdoc/>
    public long MonotonicMs => _watch.ElapsedMilliseconds;
}
