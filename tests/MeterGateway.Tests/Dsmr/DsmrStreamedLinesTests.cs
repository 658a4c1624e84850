using System.Text;
using MeterGateway.Checksums;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared;
using Xunit;

namespace MeterGateway.Tests.Dsmr;

/// <summary>
/// The box's DSMR decoder, which parses a telegram line by line as it arrives into the box's set
/// (<see cref="MeterProfile.CreateBoxDecoder"/>, <see cref="DsmrDecoder.StreamLines"/>) instead of gathering it whole: for
/// every DSMR capture of tests/corpus, fed whole, byte by byte and in random pieces, it reports the same frames as the
/// whole-telegram decoder, fills the same set and publishes the same events; a damaged telegram leaves the set empty and
/// the next one decodes; a line the box keeps that does not fit the line buffer rejects the telegram, and a long line it
/// does not keep passes through the CRC only.
/// </summary>
public class DsmrStreamedLinesTests
{
    public static TheoryData<string, bool> Captures()
    {
        var data = new TheoryData<string, bool>();
        foreach (string file in Directory.GetFiles(Corpus.Folder("dsmr"), "*.txt").Order(StringComparer.Ordinal))
        {
            if (file.EndsWith(".expected.txt", StringComparison.Ordinal)) continue;
            data.Add(Path.GetFileName(file), false);
            data.Add(Path.GetFileName(file), true);
        }
        return data;
    }

    private static GatewayConfig Config(bool lenient, int maxTelegramSize = DsmrFramer.DefaultMaxSize)
    {
        var config = new GatewayConfig { Protocol = MeterProtocol.Dsmr, LenientCrc = lenient, MaxTelegramSize = maxTelegramSize };
        for (int g = 0; g < config.Messages.Send.Length; g++) config.Messages.Send[g] = true;
        return config;
    }

    // One decoder and the box's set: whole telegrams (parsed at the end) or streamed lines (parsed as they arrive).
    private sealed class Box
    {
        public readonly IFrameDecoder Decoder;
        public readonly ReadingSet Set;
        public readonly MessageBuilder Builder;
        public readonly List<string> Frames = new();

        public Box(GatewayConfig config, bool stream)
        {
            MeterProfile profile = MeterProfile.For(config);
            Decoder = stream ? profile.CreateBoxDecoder(config) : profile.CreateDecoder(config);
            Assert.Equal(stream, ((DsmrDecoder)Decoder).StreamLines);
            Set = profile.CreateBoxReadings();
            if (stream) ((IStreamingDecoder)Decoder).Target = Set;
            Builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(1764936000, 5000));
        }

        // Feeds data[at, end); records each frame as its result, error and text, and for a valid one its set and events.
        public void Feed(byte[] data, int at, int end)
        {
            while (at < end)
            {
                at += Decoder.Feed(data, at, end - at);
                if (Decoder.Result == FrameResult.None) continue;
                if (Decoder.Result == FrameResult.Valid && Decoder.Parse(Set))
                {
                    var text = new StringBuilder("valid " + Dump(Set));
                    int count = Builder.Build(Set);
                    for (int i = 0; i < count; i++) text.Append('\n').Append(Builder.Topic(i)).Append(' ').Append(Convert.ToHexString(Builder.PayloadBuffer, 0, Builder.WritePayload(i)));
                    Frames.Add(text.ToString());
                }
                else
                {
                    Frames.Add("rejected " + Decoder.Error + " " + Decoder.ErrorText);
                    if (((DsmrDecoder)Decoder).StreamLines) Assert.Equal("", Dump(Set)); // nothing of a rejected telegram stays
                }
            }
        }
    }

    // Every field of every reading and value of a set, the header and the meter's time.
    private static string Dump(ReadingSet set)
    {
        var text = new StringBuilder();
        if (set.HeaderLength > 0) text.Append(set.GetText(set.HeaderOffset, set.HeaderLength)).Append(" at ").Append(set.FrameTime).Append('\n');
        if (set.Overflowed) text.Append("overflowed\n");
        for (int r = 0; r < set.ReadingCount; r++)
        {
            text.Append(Obis.ToText(set.ObisCode[r])).Append(' ').Append(Within(set.Primary[r], set.First[r])).Append(' ').Append(Within(set.CaptureTime[r], set.First[r]));
            for (int v = set.First[r]; v < set.First[r] + set.ValueCount[r]; v++)
            {
                text.Append(" (").Append(set.Kind[v]).Append(' ').Append(set.Mantissa[v]).Append('e').Append(set.Exponent[v]).Append(' ')
                    .Append(set.UnitCode[v]).Append('/').Append(set.UnitScale[v]).Append(' ').Append(set.GetText(set.TextOffset[v], set.TextLength[v])).Append(')');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    // A reading's value index relative to its first value (-1: none).
    private static int Within(int value, int first) => value < 0 ? -1 : value - first;

    // Both decoders over the same pieces (piece(i) gives the size of the i-th).
    private static (Box Whole, Box Streamed) Both(GatewayConfig config, byte[] data, Func<int, int> piece)
    {
        Box whole = new(config, false), streamed = new(config, true);
        for (int at = 0, i = 0; at < data.Length; i++)
        {
            int end = (int)Math.Min((long)at + piece(i), data.Length);
            whole.Feed(data, at, end);
            streamed.Feed(data, at, end);
            at = end;
        }
        return (whole, streamed);
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void EveryCaptureGivesTheSameFramesSetsAndEvents(string name, bool lenient)
    {
        byte[] data = Corpus.Bytes("dsmr", name);
        GatewayConfig config = Config(lenient);
        var random = new Random(name.Length * 7919 + (lenient ? 1 : 0));
        (Box whole, Box streamed) = Both(config, data, _ => int.MaxValue);
        Assert.NotEmpty(whole.Frames);
        Assert.Equal(whole.Frames, streamed.Frames);
        Assert.Equal(whole.Frames, Both(config, data, _ => 1).Streamed.Frames);
        Assert.Equal(whole.Frames, Both(config, data, _ => random.Next(1, 700)).Streamed.Frames);
    }

    [Fact]
    public void TheDsmr22GasValueOnTheNextLineIsKeptWhateverThePieces()
    {
        byte[] data = Corpus.Bytes("dsmr", "dsmr22_nl_iskra_mt382-1004.txt");
        for (int size = 1; size <= 64; size++)
        {
            Box box = new(Config(false), true);
            for (int at = 0; at < data.Length; at += size) box.Feed(data, at, Math.Min(at + size, data.Length));
            Assert.Single(box.Frames);
            int r = DsmrDecoding.Reading(box.Set, "0-1:24.3.0");
            int v = box.Set.Primary[r];
            Assert.Equal((1001L, -3, "m3"), (box.Set.Mantissa[v], (int)box.Set.Exponent[v], DsmrDecoding.UnitText(box.Set, v)));
            Assert.Equal("161107190000", DsmrDecoding.ValueText(box.Set, box.Set.CaptureTime[r]));
        }
    }

    // The DSMR 5 capture's telegram with a line inserted before the '!' (and its CRC computed again).
    private static byte[] Dsmr5With(string line)
    {
        byte[] data = Corpus.Bytes("dsmr", "dsmr50_nl_iskra_mt382.txt");
        int bang = Array.IndexOf(data, (byte)'!');
        byte[] body = [.. data.AsSpan(0, bang), .. Encoding.ASCII.GetBytes(line), (byte)'!'];
        return [.. body, .. Encoding.ASCII.GetBytes(Crc16.UpdateArc(0, body, 0, body.Length).ToString("X4") + "\r\n")];
    }

    [Fact]
    public void DamagedTelegramsLeaveAnEmptySetAndTheNextOneDecodes()
    {
        byte[] good = Corpus.Bytes("dsmr", "dsmr50_nl_iskra_mt382.txt");
        int bang = Array.IndexOf(good, (byte)'!');
        byte[] wrongCrc = [.. good];
        wrongCrc[bang + 1] ^= 0x01; // '6' becomes '7'
        byte[] noCrc = [.. good.AsSpan(0, bang + 1), 13, 10];
        byte[] cut = good.AsSpan(0, 504).ToArray(); // ends after a line feed: the next '/' starts a new telegram
        Assert.Equal(10, cut[^1]);
        byte[] stream = [.. good, .. wrongCrc, .. good, .. noCrc, .. good, .. cut, .. good];
        (Box whole, Box streamed) = Both(Config(false), stream, _ => 97);
        Assert.Equal(whole.Frames, streamed.Frames);
        Assert.Equal(7, streamed.Frames.Count);
        Assert.StartsWith("valid ISk5\\2MT382-1000 at 1483381202\n0-0:1.0.0 0 -1 (Timestamp 1483381202e0 0/0 170102192002W)\n", streamed.Frames[0]);
        Assert.Contains("\n1-0:1.8.1 0 -1 (Number 4426e-3 30/3 kWh)\n", streamed.Frames[0]);
        Assert.Equal("rejected Crc CRC mismatch", streamed.Frames[1]);
        Assert.Equal("rejected Framing CRC missing after '!' (this meter sends CRCs)", streamed.Frames[3]);
        Assert.Equal("rejected Framing telegram cut short by the start of the next one", streamed.Frames[5]);
        foreach (int i in new[] { 2, 4, 6 }) Assert.Equal(streamed.Frames[0], streamed.Frames[i]);

        // a DSMR 5 telegram without CRC on a fresh stream: its lines declare it (1-3:0.2.8(50), 0-0:1.0.0)
        (whole, streamed) = Both(Config(false), [.. noCrc, .. good], _ => 13);
        Assert.Equal(["rejected Framing CRC missing after '!' in a DSMR 4/5 telegram", whole.Frames[1]], streamed.Frames);
    }

    [Fact]
    public void EveryBitFlipOfATelegramIsReportedAsByTheWholeDecoderAndClearsTheSet()
    {
        byte[] good = Corpus.Bytes("dsmr", "dsmr50_nl_iskra_mt382.txt");
        GatewayConfig config = Config(false);
        Box whole = new(config, false), streamed = new(config, true);
        whole.Feed(good, 0, good.Length);
        streamed.Feed(good, 0, good.Length);
        int rejected = 0;
        for (int at = 1; at < good.Length - 2; at++)
        {
            byte[] damaged = [.. good];
            damaged[at] ^= (byte)(1 << (at % 7));
            byte[] stream = [.. damaged, .. good];
            int before = streamed.Frames.Count;
            whole.Feed(stream, 0, stream.Length);
            streamed.Feed(stream, 0, stream.Length);
            Assert.Equal(whole.Frames, streamed.Frames);
            Assert.Equal(streamed.Frames[0], streamed.Frames[^1]); // the good telegram after it decodes
            rejected += streamed.Frames.Count - before - 1;
        }
        Assert.Equal(good.Length - 3, rejected); // every flip is caught (by the CRC, or as a malformed CRC)
    }

    [Fact]
    public void AKeptLineLongerThanTheLineBufferRejectsTheTelegram()
    {
        byte[] good = Corpus.Bytes("dsmr", "dsmr50_nl_iskra_mt382.txt");
        byte[] longId = Dsmr5With("0-1:96.1.1(" + new string('3', DsmrDecoder.StreamedLineSize) + ")\r\n");
        byte[] stream = [.. longId, .. good];
        (Box whole, Box streamed) = Both(Config(false), stream, _ => 256);
        Assert.Equal(2, whole.Frames.Count);
        Assert.StartsWith("valid ", whole.Frames[0]); // whole, the telegram fits max_telegram_size
        Assert.Equal(["rejected TooLong " + DsmrFramer.LineTooLongText, whole.Frames[1]], streamed.Frames);
        Assert.Equal("line longer than the line buffer (a DSMR line the box keeps)", DsmrFramer.LineTooLongText);
    }

    [Fact]
    public void ALongTextMessageTheBoxDoesNotKeepPassesThroughTheCrcOnly()
    {
        // a text message of 1,024 characters as 2,048 hex digits (DSMR 5.0.2 §6.12: 0-0:96.13.0, Sn n = 0..2048)
        byte[] message = Dsmr5With("0-0:96.13.0(" + string.Concat(Enumerable.Repeat("48656C6C6F", 205)).Substring(0, 2048) + ")\r\n");
        Assert.True(2048 > DsmrDecoder.StreamedLineSize);
        foreach (int piece in new[] { 1, 5, 256, int.MaxValue })
        {
            (Box whole, Box streamed) = Both(Config(false), message, _ => piece);
            Assert.Single(streamed.Frames);
            Assert.Equal(whole.Frames, streamed.Frames);
            Assert.StartsWith("valid ISk5\\2MT382-1000 at 1483381202\n", streamed.Frames[0]);
            Assert.Equal(-1, streamed.Set.Find(Obis.FromText("0-0:96.13.0")));
        }

        // max_telegram_size still bounds the telegram, as for a whole one
        (Box small, Box streamedSmall) = Both(Config(false, 2048), message, _ => 256);
        Assert.Equal(["rejected TooLong telegram longer than the configured maximum (max_telegram_size)"], small.Frames);
        Assert.Equal(small.Frames, streamedSmall.Frames);
    }

    [Fact]
    public void TheTelegramServerGetsWholeTelegramsOnTheBox()
    {
        GatewayConfig config = Config(false);
        MeterProfile profile = MeterProfile.For(config);
        var line = new MeterGateway.Tests.Shared.Gateway.ScriptedLink();
        var served = new MeterGateway.TcpServer.TelegramServer(new MeterGateway.TcpServer.TcpServerOptions(), line);
        var source = (PushMeterSource)profile.CreateBoxSource(config, line, line, served);
        Assert.IsType<MeterGateway.TcpServer.ServedDecoder>(source.Decoder);
        Assert.Equal(DsmrFramer.DefaultMaxSize, source.Decoder.FrameBuffer.Length);
        source = (PushMeterSource)profile.CreateBoxSource(config, line, line, null);
        Assert.Equal(DsmrDecoder.StreamedLineSize, source.Decoder.FrameBuffer.Length);
    }
}
