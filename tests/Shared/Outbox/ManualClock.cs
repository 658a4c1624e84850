using MeterGateway.Link;

namespace MeterGateway.Tests.Shared.Outbox
{
    /// <summary>An <see cref="IClock"/> that tests move by hand.</summary>
    public sealed class ManualClock : IClock
    {
        /// <summary>A clock at <paramref name="utcSeconds"/> and 0 ms.</summary>
        public ManualClock(long utcSeconds) { UtcNowSeconds = utcSeconds; }

        /// <inheritdoc/>
        public long UtcNowSeconds { get; set; }

        /// <inheritdoc/>
        public long MonotonicMs { get; set; }

        /// <summary>Moves both clocks forward by <paramref name="seconds"/>.</summary>
        public void Advance(int seconds)
        {
            UtcNowSeconds += seconds;
            MonotonicMs += seconds * 1000L;
        }
    }
}
