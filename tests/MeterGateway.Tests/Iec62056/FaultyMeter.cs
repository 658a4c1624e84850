using MeterGateway.Simulators;

namespace MeterGateway.Tests.Iec62056;

/// <summary>
/// Puts faults on the line of a simulated meter: changes bytes it sends or receives (by their index in the session's
/// stream), or silences it from a given byte on. Faults apply while <see cref="Active"/> says so (for instance only in
/// the first attempt), so the retries that follow show the client recovering.
/// </summary>
public sealed class FaultyMeter : ISimulatedMeter
{
    private readonly ISimulatedMeter _inner;

    public FaultyMeter(ISimulatedMeter inner) { _inner = inner; }

    /// <summary>Changes a byte the meter sends: (index in the meter's output, byte) → byte.</summary>
    public Func<long, byte, byte>? OnTransmit { get; set; }

    /// <summary>Changes a byte the meter receives: (index in the meter's input, byte) → byte.</summary>
    public Func<long, byte, byte>? OnReceive { get; set; }

    /// <summary>Index of the first output byte that is lost (the meter falls silent from there).</summary>
    public long SilenceFrom { get; set; } = long.MaxValue;

    /// <summary>Whether the faults apply now.</summary>
    public Func<bool> Active { get; set; } = () => true;

    public long Transmitted { get; private set; }
    public long Received { get; private set; }

    public int BaudRate => _inner.BaudRate;
    public long NextTransmitMs => _inner.NextTransmitMs;

    public void Receive(byte[] data, int offset, int count, long nowMs)
    {
        var copy = new byte[count];
        for (int i = 0; i < count; i++)
        {
            byte b = data[offset + i];
            long index = Received++;
            copy[i] = Active() && OnReceive != null ? OnReceive(index, b) : b;
        }
        _inner.Receive(copy, 0, count, nowMs);
    }

    public int Transmit(byte[] buffer, int offset, int count, long nowMs)
    {
        bool active = Active();
        int n = _inner.Transmit(buffer, offset, count, nowMs);
        int kept = 0;
        for (int i = 0; i < n; i++)
        {
            long index = Transmitted++;
            byte b = buffer[offset + i];
            if (active && OnTransmit != null) b = OnTransmit(index, b);
            if (active && index >= SilenceFrom) continue;
            buffer[offset + kept++] = b;
        }
        return kept;
    }
}
