using MeterGateway.Config;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dlms;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Protocols.Sml;
using MeterGateway.Simulators;

namespace MeterGateway.Host.Cli;

/// <summary>The protocol names the command line accepts (<c>--protocol</c>) and the push-protocol decoders behind them.</summary>
public static class ProtocolCatalog
{
    /// <summary>DSMR P1 (NL/BE/LU/SE/AT/HU/IE variants).</summary>
    public const string Dsmr = "dsmr";

    /// <summary>SML 1.04 push meters (German eHZ and similar) on the optical head.</summary>
    public const string Sml = "sml";

    /// <summary>EKM Omnimeter v3/v4 on RS-485 (request/response: <c>simulate</c> and <c>run</c>; not a push decoder).</summary>
    public const string Ekm = "ekm";

    /// <summary>IEC 62056-21 optical port: mode D pushes and captured readouts (<see cref="Iec62056Decoder"/>).</summary>
    public const string Iec62056 = "iec62056-21";

    /// <summary>Every name <c>--protocol</c> accepts.</summary>
    public static readonly string[] Names = { Dsmr, Sml, Iec62056 };

    /// <summary>
    /// Options that shape a decoder. With <paramref name="Key"/> (16 bytes) the stream is DLMS general-global-ciphering
    /// frames (Luxembourg Smarty, Austrian P1 meters) that are authenticated and decrypted before the protocol's decoder
    /// sees them; <paramref name="AuthenticationKey"/> defaults to the Smarty one. <paramref name="TrustDstFlag"/> places
    /// DSMR timestamps by their S/W flag (Swedish H1 meters, <c>[GENERAL] timestamp_dst = flag</c>).
    /// </summary>
    public sealed record DecoderOptions(int MaxFrameSize = DsmrFramer.DefaultMaxSize, bool LenientCrc = false,
        byte[]? Key = null, byte[]? AuthenticationKey = null, bool TrustDstFlag = false);

    /// <summary>The decoder options of a configuration (<c>[GENERAL]</c> max_telegram_size, lenient_crc, timestamp_dst and the keys).</summary>
    public static DecoderOptions OptionsFrom(GatewayConfig config) => new(config.MaxTelegramSize, config.LenientCrc,
        config.DecryptionKey?.ToBytes(), config.AuthenticationKey?.ToBytes(), config.TimestampDstFlag);

    /// <summary>A decoder for a push protocol; throws <see cref="UsageException"/> for a name it does not know.</summary>
    public static IFrameDecoder CreateDecoder(string protocol, DecoderOptions options)
    {
        IFrameDecoder decoder = protocol switch
        {
            Dsmr => new DsmrDecoder(options.MaxFrameSize, options.LenientCrc) { Parser = { TrustDstFlag = options.TrustDstFlag } },
            Sml => new SmlDecoder(new SmlOptions { MaxFileSize = options.MaxFrameSize }),
            Iec62056 => new Iec62056Decoder(Math.Max(options.MaxFrameSize, Iec62056Framer.DefaultMaxSize), Iec62056FramerMode.Push)
            {
                Framer = { AcceptMissingBcc = options.LenientCrc }, // lenient: data messages without ETX/BCC (Itron EM214)
            },
            _ => throw new UsageException($"--protocol {protocol}: not one of {string.Join(", ", Names)}"),
        };
        if (options.Key == null) return decoder;
        int maxFrame = GeneralGlobalCiphering.FrameLength(options.MaxFrameSize);
        return new DlmsCipherDecoder(decoder, options.Key, options.AuthenticationKey ?? GeneralGlobalCiphering.SmartyAuthenticationKey(), maxFrame);
    }
}
