using MeterGateway.Protocols;
using MeterGateway.Protocols.Sml;

namespace MeterGateway.Host.Simulation;

/// <summary>
/// The SML files a simulated push meter sends: each capture is cut after every SML file its decoder finds (valid or
/// not), and each piece is sent as the meter sent it, bytes between files included. SML files carry their own
/// times (seconds index), so nothing is rewritten.
/// </summary>
public sealed class SmlFileSource : IPushSource
{
    private readonly List<(string Name, byte[] Bytes)> _pieces = new();
    private int _next;

    /// <summary>Cuts the captures; a capture without an SML file is an error naming it.</summary>
    public SmlFileSource(IEnumerable<(string Name, byte[] Bytes)> captures)
    {
        foreach (var (name, bytes) in captures)
        {
            var decoder = new SmlDecoder();
            int used = 0, start = 0, found = 0;
            while (used < bytes.Length)
            {
                used += decoder.Feed(bytes, used, bytes.Length - used);
                if (decoder.Result == FrameResult.None) continue;
                _pieces.Add((name, bytes[start..used]));
                start = used;
                if (decoder.Result == FrameResult.Valid) found++;
            }
            if (found == 0) throw new Cli.UsageException($"{name}: no valid SML file in this capture");
        }
    }

    /// <inheritdoc/>
    public int Count => _pieces.Count;

    /// <inheritdoc/>
    public (string Name, byte[] Buffer, int Length) Next(DateTimeOffset utc)
    {
        var (name, piece) = _pieces[_next];
        _next = (_next + 1) % _pieces.Count;
        return (name, piece, piece.Length);
    }
}
