namespace MeterGateway.Simulators
{
    /// <summary>
    /// A scripted meter: the device end of a serial line, driven by a <see cref="SimulatedSerialLine"/> in tests or by a
    /// pump over a real port (<c>metergateway simulate</c>). Times are the driver's monotonic milliseconds. The bytes one
    /// <see cref="Transmit"/> call returns go out at the <see cref="BaudRate"/> read just before that call; a meter
    /// changes speed only between calls (after its last bytes at the old speed were handed out).
    /// </summary>
    public interface ISimulatedMeter
    {
        /// <summary>The speed the meter listens and talks at now.</summary>
        int BaudRate { get; }

        /// <summary>Characters that reached the meter at its speed (garbled ones included, as a UART would pass them).</summary>
        void Receive(byte[] data, int offset, int count, long nowMs);

        /// <summary>When the meter next wants <see cref="Transmit"/> called (to send or to act on a timer); <see cref="long.MaxValue"/> when it waits for input.</summary>
        long NextTransmitMs { get; }

        /// <summary>Copies up to <paramref name="count"/> bytes the meter sends now into <paramref name="buffer"/>; returns how many (0 when it only acted on a timer).</summary>
        int Transmit(byte[] buffer, int offset, int count, long nowMs);
    }
}
