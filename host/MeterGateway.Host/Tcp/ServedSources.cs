using MeterGateway.Config;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.TcpServer;

namespace MeterGateway.Host.Tcp;

/// <summary>
/// Where the telegram server taps the meter (docs/tcp.md): the decoder of a push protocol (checked frames), the
/// IEC 62056-21 source in mode D (checked pushes), or the link (<c>[TCP] raw</c>: the bytes as read).
/// </summary>
public static class ServedSources
{
    /// <summary>The link, reading through <paramref name="server"/> in raw mode; unchanged otherwise.</summary>
    public static IMeterLink Link(IMeterLink link, TelegramServer? server) =>
        server is { Raw: true } ? new ServedLink(link, server) : link;

    /// <summary>The decoder of a push protocol, serving its checked frames as <paramref name="format"/> (unchanged without a server or in raw mode).</summary>
    public static IFrameDecoder Decoder(IFrameDecoder decoder, TelegramServer? server, TelegramFormat format) =>
        server is { Raw: false } ? new ServedDecoder(decoder, server, format) : decoder;

    /// <summary>The DSMR format for a configuration: decrypted telegrams with <c>decryption_key</c>.</summary>
    public static TelegramFormat DsmrFormat(GatewayConfig config) =>
        config.DecryptionKey != null ? TelegramFormat.DecryptedDsmr : TelegramFormat.Dsmr;

    /// <summary>An IEC 62056-21 source serving its mode D pushes (unchanged without a server or in raw mode).</summary>
    public static IMeterSource Iec62056(Iec62056MeterSource source, TelegramServer? server) =>
        server is { Raw: false } ? new ServedIec62056Source(source, server) : source;
}
