using MeterGateway.Link;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Simulators;

namespace MeterGateway.Host.Simulation;

/// <summary>
/// Runs an <see cref="ISimulatedMeter"/> (such as <see cref="Iec62056MeterSimulator"/>) on a real link in real time, for
/// <c>metergateway simulate</c> and end-to-end tests over a socat pty pair: passes what arrives to the meter, sends what
/// the meter sends, and follows its speed changes once its last bytes at the old speed have gone out.
/// </summary>
public static class MeterSimulatorPump
{
    /// <summary>Opens <paramref name="link"/> (7E1 at the meter's speed) and pumps until <paramref name="cancel"/> is set; closes it at the end.</summary>
    public static void Run(ISimulatedMeter meter, IMeterLink link, IClock clock, CancellationToken cancel)
    {
        var buffer = new byte[256];
        int portBaud = meter.BaudRate;
        link.Open(portBaud, LinkParity.Even, 7);
        try
        {
            long busyUntil = 0;
            while (!cancel.IsCancellationRequested)
            {
                long now = clock.MonotonicMs;
                if (meter.BaudRate != portBaud && now >= busyUntil)
                {
                    portBaud = meter.BaudRate;
                    link.Configure(portBaud, LinkParity.Even, 7);
                }
                if (meter.NextTransmitMs <= now && meter.BaudRate == portBaud)
                {
                    int n = meter.Transmit(buffer, 0, buffer.Length, now);
                    if (n > 0)
                    {
                        link.Write(buffer, 0, n);
                        busyUntil = now + Iec62056BaudRate.TransmitMs(n, portBaud);
                    }
                    continue;
                }
                long wait = Math.Clamp(meter.NextTransmitMs - now, 1, 20);
                int received = link.Read(buffer, 0, buffer.Length, (int)wait);
                if (received > 0) meter.Receive(buffer, 0, received, clock.MonotonicMs);
            }
        }
        finally
        {
            link.Close();
        }
    }
}
