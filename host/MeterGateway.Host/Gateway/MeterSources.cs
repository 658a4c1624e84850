using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Readings;
using MeterGateway.Host.Gpio;
using MeterGateway.Host.Serial;
using MeterGateway.TcpServer;

namespace MeterGateway.Host.Gateway;

/// <summary>
/// The meter source for a configuration: the protocol's decoder (behind the DLMS decryptor when <c>[GENERAL]
/// decryption_key</c> is set) on the configured serial port, with the P1 data request line driven as
/// <c>[SERIAL] data_request</c> says (RTS or a GPIO line).
/// </summary>
public static class MeterSources
{
    /// <summary>Data sets of an IEC 62056-21 data readout the host keeps (343 from an Iskra MT174).</summary>
    public const int MaxReadoutReadings = 1024;

    /// <summary>The reading set for the configured protocol (<see cref="MeterProfile.CreateReadings"/>).</summary>
    public static ReadingSet ReadingsFor(GatewayConfig config) => MeterProfile.For(config).CreateReadings(MaxReadoutReadings);

    /// <summary>
    /// Creates the source on the configured serial port (<see cref="MeterProfile.CreateSource"/>), its frames served on
    /// <paramref name="tcp"/> when given (docs/tcp.md); nothing is opened yet.
    /// </summary>
    public static IMeterSource Create(GatewayConfig config, IClock clock, TelegramServer? tcp = null)
    {
        IMeterLink link = new SerialMeterLink(config.SerialPort);
        if (config.DataRequest == DataRequestMode.Gpio) link = new GpioDataRequestLink(link, config.DataRequestGpioChip, config.DataRequestGpioLine);
        return MeterProfile.For(config).CreateSource(config, link, config.DataRequest != DataRequestMode.None, clock, tcp);
    }
}
