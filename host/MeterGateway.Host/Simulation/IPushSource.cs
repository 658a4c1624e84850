namespace MeterGateway.Host.Simulation;

/// <summary>What a simulated push meter sends next: one frame (with whatever the line carries around it).</summary>
public interface IPushSource
{
    /// <summary>Number of distinct frames.</summary>
    int Count { get; }

    /// <summary>The next frame, for the time <paramref name="utc"/>; the bytes are valid until the next call.</summary>
    (string Name, byte[] Buffer, int Length) Next(DateTimeOffset utc);
}
