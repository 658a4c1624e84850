using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Simulators;

namespace MeterGateway.Host.Simulation;

/// <summary>
/// The telegrams a simulated P1 meter sends: the telegrams found in the given captures, in turn, each stamped with
/// the current time and a fresh CRC (<see cref="DsmrTelegramWriter"/>).
/// </summary>
public sealed class DsmrTelegramSource : IPushSource
{
    private readonly List<(string Name, byte[] Telegram)> _telegrams = new();
    private readonly DsmrTelegramWriter _writer = new(65536);
    private int _next;

    /// <summary>Cuts the captures into telegrams; a capture without a valid telegram is an error naming it.</summary>
    public DsmrTelegramSource(IEnumerable<(string Name, byte[] Bytes)> captures)
    {
        foreach (var (name, bytes) in captures)
        {
            var decoder = new DsmrDecoder(65536, lenientCrc: true);
            int used = 0, found = 0;
            while (used < bytes.Length)
            {
                used += decoder.Feed(bytes, used, bytes.Length - used);
                if (decoder.Result != FrameResult.Valid) continue;
                // The telegram through the line end after its CRC.
                var telegram = new byte[decoder.FrameLength + 2];
                Array.Copy(decoder.FrameBuffer, decoder.FrameOffset, telegram, 0, decoder.FrameLength);
                telegram[^2] = 13;
                telegram[^1] = 10;
                _telegrams.Add((name, telegram));
                found++;
            }
            if (found == 0) throw new Cli.UsageException($"{name}: no DSMR telegram in this file");
        }
    }

    /// <inheritdoc/>
    public int Count => _telegrams.Count;

    /// <inheritdoc/>
    public (string Name, byte[] Buffer, int Length) Next(DateTimeOffset utc)
    {
        var (name, telegram) = _telegrams[_next];
        _next = (_next + 1) % _telegrams.Count;
        int length = _writer.Write(telegram, 0, telegram.Length, utc.ToUnixTimeSeconds());
        return (name, _writer.Buffer, length);
    }
}
