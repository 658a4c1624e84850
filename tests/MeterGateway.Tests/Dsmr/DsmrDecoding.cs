using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Dsmr;

/// <summary>One frame as the decoder reported it, with its readings copied out.</summary>
public sealed record DecodedFrame(FrameResult Result, FrameError Error, string? ErrorText, ReadingSet? Readings);

/// <summary>Feeds bytes to a <see cref="DsmrDecoder"/> in chunks and collects every frame it reports.</summary>
public static class DsmrDecoding
{
    public static List<DecodedFrame> Decode(byte[] data, bool lenient = false, int chunk = int.MaxValue, int maxSize = DsmrFramer.DefaultMaxSize)
    {
        var decoder = new DsmrDecoder(maxSize, lenient);
        var frames = new List<DecodedFrame>();
        int at = 0;
        while (at < data.Length)
        {
            int end = (int)Math.Min((long)at + chunk, data.Length);
            int used = at;
            while (used < end)
            {
                used += decoder.Feed(data, used, end - used);
                if (decoder.Result == FrameResult.None) continue;
                ReadingSet? set = null;
                if (decoder.Result == FrameResult.Valid)
                {
                    set = new ReadingSet();
                    Xunit.Assert.True(decoder.Parse(set), "a valid telegram must parse");
                }
                frames.Add(new DecodedFrame(decoder.Result, decoder.Error, decoder.ErrorText, set));
            }
            at = end;
        }
        return frames;
    }

    /// <summary>The single valid frame of a capture.</summary>
    public static ReadingSet Single(byte[] data, bool lenient = false)
    {
        var frames = Decode(data, lenient);
        Xunit.Assert.Single(frames);
        Xunit.Assert.Equal(FrameResult.Valid, frames[0].Result);
        return frames[0].Readings!;
    }

    /// <summary>Index of the reading with this OBIS code (fails when absent).</summary>
    public static int Reading(ReadingSet set, string obis)
    {
        int r = set.Find(Obis.FromText(obis));
        Xunit.Assert.True(r >= 0, obis + " not found");
        return r;
    }

    /// <summary>The text of a value as JSON would print it: digits of a number, characters of a text or timestamp.</summary>
    public static string ValueText(ReadingSet set, int v) => set.Kind[v] switch
    {
        ValueKind.Number => FixedPoint.ToText(set.Mantissa[v], set.Exponent[v]),
        ValueKind.Empty => "",
        _ => set.GetText(set.TextOffset[v], set.TextLength[v]),
    };

    /// <summary>The unit text of a value ("" when none).</summary>
    public static string UnitText(ReadingSet set, int v) => set.GetText(set.UnitOffset[v], set.UnitLength[v]);
}
