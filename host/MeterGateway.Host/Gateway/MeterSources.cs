using MeterGateway.Core.Config;
using MeterGateway.Core.Gateway;
using MeterGateway.Core.Link;
using MeterGateway.Core.Readings;
using MeterGateway.Core.Protocols.Dsmr;
using MeterGateway.Core.Protocols.Ekm;
using MeterGateway.Core.Protocols.Iec62056;
using MeterGateway.Core.Protocols.Sml;
using MeterGateway.Host.Serial;

namespace MeterGateway.Host.Gateway;

/// <summary>The meter source for a configuration: the protocol's decoder or session on the configured serial port.</summary>
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
        var link = new SerialMeterLink(config.SerialPort);
        return config.Protocol switch
        {
            MeterProtocol.Dsmr => new PushMeterSource(link, new DsmrDecoder(config.MaxTelegramSize, config.LenientCrc),
                config.SerialBaudrate, config.SerialParity, config.SerialDataBits, config.DataRequestRts, clock, config.SerialTimeout * 1000),
            MeterProtocol.Sml => new PushMeterSource(link, new SmlDecoder(new SmlOptions { MaxFileSize = config.MaxTelegramSize }),
                config.SerialBaudrate, config.SerialParity, config.SerialDataBits, false, clock, config.SerialTimeout * 1000),
            MeterProtocol.Ekm => new EkmMeterSource(link, config.EkmMeterAddresses, config.EkmMeterVersions, config.EkmPollInterval * 1000, clock),
            MeterProtocol.Iec62056_21 => new Iec62056MeterSource(link, clock, new Iec62056ClientOptions
            {
                Address = config.IecAddress,
                Mode = config.IecMode,
                MaxBaudRate = config.IecMaxBaud,
                WakeUpCharacters = config.IecWakeUp,
                MaxMessageSize = Math.Max(config.MaxTelegramSize, Iec62056Framer.DefaultMaxSize),
            }, config.IecPollInterval * 1000),
            _ => throw new Cli.UsageException($"[GENERAL] protocol = {config.Protocol}: not supported by run yet"),
        };
    }
}
