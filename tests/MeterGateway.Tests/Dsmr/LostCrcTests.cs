using System.Text;
using MeterGateway.Checksums;
using MeterGateway.Protocols;
using Xunit;

namespace MeterGateway.Tests.Dsmr;

/// <summary>
/// A DSMR 4/5 telegram whose CRC is lost (issue 16): when the first CRC digit arrives as NUL (a UART framing error),
/// CR or LF, the telegram must not be taken as a CRC-less DSMR 2.2/3 one, since nothing then checks its content.
/// Belgian, Hungarian, Irish and Swedish telegrams have no <c>1-3:0.2.8</c> version line, so the framer also goes by
/// the e-MUCS version line, the telegram time <c>0-0:1.0.0</c>, and a matching CRC seen before on the stream.
/// </summary>
public class LostCrcTests
{
    // Every capture that carries a CRC and whose CRC matches.
    public static TheoryData<string> CrcCaptures()
    {
        var data = new TheoryData<string>();
        foreach (string path in Directory.GetFiles(Path.GetDirectoryName(Corpus.File("dsmr", "emucs171_be_fluvius.txt"))!, "*.txt").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileName(path);
            if (name.Contains(".expected.")) continue;
            var frames = DsmrDecoding.Decode(File.ReadAllBytes(path));
            if (frames.Count == 1 && frames[0].Result == FrameResult.Valid && CrcStart(File.ReadAllBytes(path)) > 0) data.Add(name);
        }
        return data;
    }

    // Position of the first CRC digit (after the '!'), or -1 when the telegram has no CRC.
    private static int CrcStart(byte[] telegram)
    {
        int bang = Array.LastIndexOf(telegram, (byte)'!');
        return bang >= 0 && bang + 1 < telegram.Length && Uri.IsHexDigit((char)telegram[bang + 1]) ? bang + 1 : -1;
    }

    [Fact]
    public void TheBelgianTelegramWithADigitChangedAndItsCrcLostIsRejected()
    {
        byte[] t = File.ReadAllBytes(Corpus.File("dsmr", "emucs171_be_fluvius.txt"));
        Assert.Equal((byte)'0', t[118]); // 1-0:1.8.1(000000.034*kWh)
        Assert.Equal((byte)'3', t[1053]); // !3AD7
        t[118] = (byte)'9';
        t[1053] = 0;
        var frames = DsmrDecoding.Decode(t);
        var frame = Assert.Single(frames);
        Assert.Equal(FrameResult.Invalid, frame.Result);
        Assert.Equal("CRC missing after '!' in a DSMR 4/5 telegram", frame.ErrorText);
    }

    [Theory]
    [MemberData(nameof(CrcCaptures))]
    public void EveryDsmr4Or5CaptureWithItsCrcLostIsRejectedUnlessLenient(string file)
    {
        byte[] original = File.ReadAllBytes(Corpus.File("dsmr", file));
        int crc = CrcStart(original);
        foreach (byte lost in new byte[] { 0, 13, 10 })
        {
            byte[] t = (byte[])original.Clone();
            t[crc] = lost;
            var frames = DsmrDecoding.Decode(t);
            Assert.True(frames.Count >= 1, file);
            Assert.Equal(FrameResult.Invalid, frames[0].Result);
            Assert.Equal(FrameError.Framing, frames[0].Error);
            Assert.DoesNotContain(frames, f => f.Result == FrameResult.Valid);
            // lenient_crc is the one way around it: the telegram is taken, its values as sent.
            Assert.Equal(FrameResult.Valid, DsmrDecoding.Decode(t, lenient: true)[0].Result);
        }
    }

    [Theory]
    [InlineData("dsmr22_nl_iskra_mt382-1004.txt")]
    [InlineData("dsmr22_nl_landisgyr_e350_openhab.txt")]
    [InlineData("dsmr30_nl_iskra_mt382-1000.txt")]
    [InlineData("dsmr_ace4000_itron_gprs_openhab.txt")]
    public void Dsmr22And3TelegramsStillNeedNoCrc(string file)
    {
        var frames = DsmrDecoding.Decode(File.ReadAllBytes(Corpus.File("dsmr", file)));
        Assert.Equal(FrameResult.Valid, frames[0].Result);
    }

    [Fact]
    public void AfterATelegramWithAMatchingCrcTheStreamMustKeepSendingCrcs()
    {
        // The DSMR 2.2 capture has none of the DSMR 4 signs; given a CRC it is a telegram of a meter that sends CRCs.
        byte[] plain = File.ReadAllBytes(Corpus.File("dsmr", "dsmr22_nl_landisgyr_e350_openhab.txt"));
        int bang = Array.LastIndexOf(plain, (byte)'!');
        int crc = 0;
        for (int i = 0; i <= bang; i++) crc = Crc16.UpdateArc(crc, plain[i]);
        byte[] withCrc = plain.Take(bang + 1).Concat(Encoding.ASCII.GetBytes(crc.ToString("X4") + "\r\n")).ToArray();
        byte[] lost = (byte[])withCrc.Clone();
        lost[bang + 1] = 0;

        Assert.Equal(FrameResult.Valid, DsmrDecoding.Decode(lost).Single().Result); // alone: a CRC-less telegram
        var frames = DsmrDecoding.Decode(withCrc.Concat(lost).Concat(plain).ToArray());
        Assert.Equal(3, frames.Count);
        Assert.Equal(FrameResult.Valid, frames[0].Result);
        Assert.Equal(FrameResult.Invalid, frames[1].Result);
        Assert.Equal("CRC missing after '!' (this meter sends CRCs)", frames[1].ErrorText);
        Assert.Equal(FrameResult.Invalid, frames[2].Result);
    }
}
