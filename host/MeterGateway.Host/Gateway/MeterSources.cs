using MeterGateway.Core.Config;
using MeterGateway.Core.Gateway;
using MeterGateway.Core.Link;
using MeterGateway.Core.Protocols.Ekm;
using MeterGateway.Host.Cli;
using MeterGateway.Host.Gpio;
using MeterGateway.Host.Serial;

namespace MeterGateway.Host.Gateway;

/// <summary>
/// The meter source for a configuration: the protocol's decoder (behind the DLMS decryptor when <c>[GENERAL]
/// decryption_key</c> is set) on the configured serial port, with the P1 data request line driven as
/// <c>[SERIAL] data_request</c> says (RTS or a GPIO line).
/// </summary>
public static class MeterSources
{
    /// <summary>Creates the source; nothing is opened yet.</summary>
    public static IMeterSource Create(GatewayConfig config, IClock clock)
    {
        IMeterLink link = new SerialMeterLink(config.SerialPort);
        if (config.DataRequest == DataRequestMode.Gpio) link = new GpioDataRequestLink(link, config.DataRequestGpioChip, config.DataRequestGpioLine);
        bool dataRequest = config.DataRequest != DataRequestMode.None;
        var options = Protocols.OptionsFrom(config);
        return config.Protocol switch
        {
            MeterProtocol.Dsmr => new PushMeterSource(link, Protocols.CreateDecoder(Protocols.Dsmr, options),
                config.SerialBaudrate, config.SerialParity, config.SerialDataBits, dataRequest),
            MeterProtocol.Sml => new PushMeterSource(link, Protocols.CreateDecoder(Protocols.Sml, options),
                config.SerialBaudrate, config.SerialParity, config.SerialDataBits, false),
            MeterProtocol.Ekm => new EkmMeterSource(link, config.EkmMeterAddresses, config.EkmMeterVersions, config.EkmPollInterval * 1000, clock),
            _ => throw new UsageException($"[GENERAL] protocol = {config.Protocol}: not supported by run yet"),
        };
    }
}
