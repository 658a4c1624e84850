using MeterGateway.Config;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;
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
    /// <summary>
    /// The reading set for a protocol: IEC 62056-21 data readouts hold hundreds of data sets (343 from an Iskra MT174),
    /// the others fit the default set.
    /// </summary>
    public static ReadingSet ReadingsFor(GatewayConfig config) =>
        config.Protocol == MeterProtocol.Iec62056_21 ? new ReadingSet(1024, 4096, 65536) : new ReadingSet();

    /// <summary>Creates the source; nothing is opened yet.</summary>
    public static IMeterSource Create(GatewayConfig config, IClock clock)
    {
        IMeterLink link = new SerialMeterLink(config.SerialPort);
        if (config.DataRequest == DataRequestMode.Gpio) link = new GpioDataRequestLink(link, config.DataRequestGpioChip, config.DataRequestGpioLine);
        bool dataRequest = config.DataRequest != DataRequestMode.None;
        var options = ProtocolCatalog.OptionsFrom(config);
        return config.Protocol switch
        {
            MeterProtocol.Dsmr => new PushMeterSource(link, ProtocolCatalog.CreateDecoder(ProtocolCatalog.Dsmr, options),
                config.SerialBaudrate, config.SerialParity, config.SerialDataBits, dataRequest, clock, config.SerialTimeout * 1000),
            MeterProtocol.Sml => new PushMeterSource(link, ProtocolCatalog.CreateDecoder(ProtocolCatalog.Sml, options),
                config.SerialBaudrate, config.SerialParity, config.SerialDataBits, false, clock, config.SerialTimeout * 1000),
            MeterProtocol.Ekm => new EkmMeterSource(link, config.EkmMeterAddresses, config.EkmMeterVersions, config.EkmPollInterval * 1000, clock),
            MeterProtocol.Iec62056_21 => new Iec62056MeterSource(link, clock, new Iec62056ClientOptions
            {
                Address = config.IecAddress,
                Mode = config.IecMode,
                MaxBaudRate = config.IecMaxBaud,
                WakeUpCharacters = config.IecWakeUp,
                AcceptMissingBcc = config.LenientCrc,
                MaxMessageSize = Math.Max(config.MaxTelegramSize, Iec62056Framer.DefaultMaxSize),
            }, config.IecPollInterval * 1000),
            _ => throw new UsageException($"[GENERAL] protocol = {config.Protocol}: not supported by run yet"),
        };
    }
}
