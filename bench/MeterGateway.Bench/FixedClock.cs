using MeterGateway.Link;

namespace MeterGateway.Bench;

/// <summary>A clock that does not move, so every run builds the same payloads.</summary>
public sealed class FixedClock : IClock
{
    /// <inheritdoc/>
    public long UtcNowSeconds => 1_700_000_000;

    /// <inheritdoc/>
    public long MonotonicMs => 123_456;
}
