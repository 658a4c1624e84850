using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;
using Xunit;

namespace MeterGateway.Tests.Iec62056;

/// <summary>tests/corpus/iec62056-21/framing_vectors_pwitab.txt (pwitab/iec62056-21 @ 09d9acfa tests/test_bcc.py, test_data.py): BCCs and message formats.</summary>
public class Iec62056FramingVectorTests
{
    private static byte[] Vector(string description) =>
        Transcript.Lines("framing_vectors_pwitab.txt").Single(l => l.Tag == description).Bytes;

    private static byte[] Ascii(string s) => MeterGateway.Readings.Ascii.GetBytes(s);

    [Fact]
    public void EveryVectorsBccIsTheSevenBitXorAfterSohOrStxThroughEtx()
    {
        foreach (var (tag, bytes) in Transcript.Lines("framing_vectors_pwitab.txt"))
        {
            int etx = Array.IndexOf(bytes, (byte)3);
            if (etx < 0) continue;
            int start = bytes[0] == 1 ? 1 : Array.IndexOf(bytes, (byte)2) + 1;
            bool wrong = tag.Contains("wrong BCC");
            Assert.Equal(!wrong, Iec62056Bcc.Matches(Iec62056Bcc.Compute(bytes, start, etx + 1 - start), bytes[etx + 1]));
        }
    }

    [Fact]
    public void RequestsAreBuiltAsTheVectors()
    {
        var buffer = new byte[64];
        int n = Iec62056Messages.Request(Array.Empty<byte>(), 0, 0, buffer, 0);
        Assert.Equal(Vector("request, no address"), buffer[..n]);
        byte[] address = Ascii("45678903");
        n = Iec62056Messages.Request(address, 0, address.Length, buffer, 0);
        Assert.Equal(Vector("request with address 45678903"), buffer[..n]);
    }

    [Fact]
    public void OptionSelectAndCommandsAreBuiltAsTheVectors()
    {
        var buffer = new byte[64];
        int n = Iec62056Messages.OptionSelect('0', '5', '1', buffer, 0);
        Assert.Equal(Vector("ACK option select: V=0, Z=5 (9600), Y=1 (programming)"), buffer[..n]);
        byte[] r1 = Ascii("1.8.0(1)");
        n = Iec62056Messages.Command('R', '1', r1, 0, r1.Length, buffer, 0);
        Assert.Equal(Vector("R1 read command 1.8.0(1) (BCC 'k')"), buffer[..n]);
        byte[] p0 = Ascii("(1234567)");
        n = Iec62056Messages.Command('P', '0', p0, 0, p0.Length, buffer, 0);
        Assert.Equal(Vector("P0 password command (1234567) (BCC 'P')"), buffer[..n]);
        n = Iec62056Messages.Break(buffer, 0);
        Assert.Equal(Vector("B0 break (BCC 'q')"), buffer[..n]);
        byte[] w2 = Ascii("C003(910324092239)");
        n = Iec62056Messages.Command('W', '2', w2, 0, w2.Length, buffer, 0);
        Assert.Equal(Vector("W2 write command (hex 01573202433030332839313033323430393232333929031b)"), buffer[..n]);
        byte[] data = Ascii("3:14(314*kWh)4:15(415*kWh)\r\n");
        n = Iec62056Messages.DataMessage(data, 0, data.Length, buffer, 0);
        Assert.Equal(Vector("AnswerDataMessage built without '!' (to_representation)"), buffer[..n]);
    }

    [Fact]
    public void IdentificationVectorGivesManufacturerBaudCharacterEnhancedAndIdent()
    {
        byte[] line = Vector("identification Els, Z=6 (19200), ident 2EK280");
        var ident = new Iec62056Identification();
        Assert.True(ident.TryParse(line, 0, line.Length - 2));
        Assert.Equal("Els6\\2EK280", ident.ToText());
        Assert.Equal('6', ident.BaudCharacter);
        Assert.Equal(19200, ident.AnnouncedBaudRate);
        Assert.Equal(Iec62056Mode.C, ident.ImpliedMode);
        Assert.Equal(1, ident.EnhancedCount);
        Assert.Equal('2', ident.Enhanced(0));
        Assert.Equal("EK280", ident.ToText()[ident.IdentOffset..]);
        Assert.True(ident.ShortReactionTime); // lower-case 's'
        Assert.Equal("Elster", ident.ManufacturerName);
    }

    [Theory]
    [InlineData("answer data message 3:171.0(0) (BCC 0x12 valid)", true)]
    [InlineData("answer data message with wrong BCC 0x11 (must be rejected)", false)]
    public void AnswerDataMessagesAreCheckedAndParsed(string description, bool valid)
    {
        var (result, json) = Decode(Vector(description), Iec62056FramerMode.Answer);
        Assert.Equal(valid ? FrameResult.Valid : FrameResult.Invalid, result.Result);
        if (!valid)
        {
            Assert.Equal(FrameError.Bcc, result.Error);
            return;
        }
        Assert.Equal("0", JsonReadings.Value(json!, "1-3:171.0.0"));
    }

    [Theory]
    [InlineData("readout data message (BCC '\"')", true)]
    [InlineData("readout data message with wrong BCC 'x'", false)]
    public void ReadoutDataMessagesAreCheckedAndParsed(string description, bool valid)
    {
        var (result, json) = Decode(Vector(description), Iec62056FramerMode.Readout);
        Assert.Equal(valid ? FrameResult.Valid : FrameResult.Invalid, result.Result);
        if (!valid)
        {
            Assert.Equal(FrameError.Bcc, result.Error);
            return;
        }
        Assert.Equal("314 kWh", JsonReadings.Value(json!, "1-3:14.0.0"));
        Assert.Equal("415 kWh", JsonReadings.Value(json!, "1-4:15.0.0"));
    }

    [Fact]
    public void CommandWithWrongBccIsRejectedAndTheGoodOneGivesItsParts()
    {
        var framer = new Iec62056Framer(256, Iec62056FramerMode.Answer);
        byte[] bad = Vector("P0 with wrong BCC 'X'");
        framer.Feed(bad, 0, bad.Length);
        Assert.Equal(FrameResult.Invalid, framer.Result);
        Assert.Equal(FrameError.Bcc, framer.Error);
        byte[] good = Vector("P0 password command (1234567) (BCC 'P')");
        framer.Feed(good, 0, good.Length);
        Assert.Equal(FrameResult.Valid, framer.Result);
        Assert.Equal(Iec62056FrameKind.Command, framer.Kind);
        Assert.Equal('P', framer.CommandLetter);
        Assert.Equal('0', framer.CommandType);
        Assert.Equal("(1234567)", System.Text.Encoding.ASCII.GetString(framer.Buffer, framer.DataOffset, framer.DataLength));
        byte[] brk = Vector("B0 break (BCC 'q')");
        framer.Feed(brk, 0, brk.Length);
        Assert.Equal(FrameResult.Valid, framer.Result);
        Assert.Equal('B', framer.CommandLetter);
        Assert.Equal(0, framer.DataLength);
    }

    private sealed record Outcome(FrameResult Result, FrameError Error);

    private static (Outcome, string?) Decode(byte[] message, Iec62056FramerMode mode)
    {
        var decoder = new Iec62056Decoder(1024, mode);
        int used = decoder.Feed(message, 0, message.Length);
        Assert.Equal(message.Length, used);
        var outcome = new Outcome(decoder.Result, decoder.Error);
        if (decoder.Result != FrameResult.Valid) return (outcome, null);
        var set = new ReadingSet();
        Assert.True(decoder.Parse(set));
        return (outcome, Session.Json(set));
    }
}
