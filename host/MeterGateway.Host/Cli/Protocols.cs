using MeterGateway.Core.Protocols;
using MeterGateway.Core.Protocols.Dsmr;

namespace MeterGateway.Host.Cli;

/// <summary>The protocol names the command line accepts (<c>--protocol</c>) and the push-protocol decoders behind them.</summary>
public static class Protocols
{
    /// <summary>DSMR P1 (NL/BE/LU/SE/AT/HU/IE variants).</summary>
    public const string Dsmr = "dsmr";

    /// <summary>Every name <c>--protocol</c> accepts.</summary>
    public static readonly string[] Names = { Dsmr };

    /// <summary>Options that shape a decoder.</summary>
    public sealed record DecoderOptions(int MaxFrameSize = DsmrFramer.DefaultMaxSize, bool LenientCrc = false);

    /// <summary>A decoder for a push protocol; throws <see cref="UsageException"/> for a name it does not know.</summary>
    public static IFrameDecoder CreateDecoder(string protocol, DecoderOptions options) => protocol switch
    {
        Dsmr => new DsmrDecoder(options.MaxFrameSize, options.LenientCrc),
        _ => throw new UsageException($"--protocol {protocol}: not one of {string.Join(", ", Names)}"),
    };
}
