namespace MeterGateway.Link
{
    /// <summary>
    /// Time for the core: nanoFramework has no <c>DateTime.Now</c> nor <c>Environment.TickCount</c>, so the
    /// platform supplies both wall-clock UTC (from SNTP on the ESP32) and a monotonic millisecond counter.
    /// </summary>
    public interface IClock
    {
        /// <summary>Current UTC in Unix seconds; 0 or less while the clock is not set.</summary>
        long UtcNowSeconds { get; }

        /// <summary>Milliseconds from an arbitrary start, never going backwards.</summary>
        long MonotonicMs { get; }
    }
}
