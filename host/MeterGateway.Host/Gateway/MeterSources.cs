using MeterGateway.Core.Config;
using MeterGateway.Core.Gateway;
using MeterGateway.Core.Link;
using MeterGateway.Core.Protocols.Dsmr;
using MeterGateway.Core.Protocols.Ekm;
using MeterGateway.Core.Protocols.Sml;
using MeterGateway.Host.Serial;

namespace MeterGateway.Host.Gateway;

/// <summary>The meter source for a configuration: the protocol's decoder or session on the configured serial port.</summary>
public static class MeterSources
{
    /// <summary>Creates the source; nothing is opened yet.</summary>
    public static IMeterSource Create(GatewayConfig config, IClock clock)
    {
        var link = new SerialMeterLink(config.SerialPort);
        return config.Protocol switch
        {
            MeterProtocol.Dsmr => new PushMeterSource(link, new DsmrDecoder(config.MaxTelegramSize, config.LenientCrc),
                config.SerialBaudrate, config.SerialParity, config.SerialDataBits, config.DataRequestRts),
            MeterProtocol.Sml => new PushMeterSource(link, new SmlDecoder(new SmlOptions { MaxFileSize = config.MaxTelegramSize }),
                config.SerialBaudrate, config.SerialParity, config.SerialDataBits, false),
            MeterProtocol.Ekm => new EkmMeterSource(link, config.EkmMeterAddresses, config.EkmMeterVersions, config.EkmPollInterval * 1000, clock),
            _ => throw new Cli.UsageException($"[GENERAL] protocol = {config.Protocol}: not supported by run yet"),
        };
    }
}
