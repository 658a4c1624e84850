using MeterGateway.Protocols;
using MeterGateway.Readings;
using Xunit;

namespace MeterGateway.Tests.Dsmr;

/// <summary>Every DSMR capture of tests/corpus/dsmr: CRC verdicts as tests/corpus/dsmr/README.md lists them.</summary>
public class DsmrCorpusTests
{
    // CRC-valid or CRC-less captures (README.md "Key DSMR test vectors" and the no-CRC rows).
    public static TheoryData<string> GoodCaptures => new()
    {
        "dsmr22_nl_iskra_mt382-1004.txt", "dsmr22_nl_landisgyr_e350_openhab.txt", "dsmr30_nl_iskra_mt382-1000.txt",
        "dsmr40_nl_iskra_mt382_openhab.txt", "dsmr40_nl_kaifa_arduino_dsmr.txt", "dsmr40_nl_kaifa_maxdemand_mixedcase_crc_polargoose.txt",
        "dsmr42_nl_iskra_mt382_openhab.txt", "dsmr42_nl_kaifa.txt", "dsmr42_nl_landisgyr_zcf110_openhab.txt",
        "dsmr42_nl_sagemcom_xs210_kaifa_header_openhab.txt", "dsmr50_at_sagemcom_t210dr_openhab.txt", "dsmr50_at_sagemcom_t210dr_plain.txt",
        "dsmr50_hu_eon_sagemcom.txt", "dsmr50_nl_iskra_am550_openhab.txt", "dsmr50_nl_iskra_am550_two_mbus.txt", "dsmr50_nl_iskra_mt382.txt",
        "dsmr50_nl_iskra_mt382_openhab.txt", "dsmr50_nl_warmtelink_heat_unpadded_crc.txt", "dsmr_ace4000_itron_gprs_openhab.txt",
        "dsmr_ie_iskra_mie5t.txt", "emucs171_be_fluvius.txt", "emucs171_be_fluvius_alt.txt", "emucs_be_fluvius_early_openhab.txt",
        "lux_smarty_plain_openhab.txt", "lux_smarty_plain_with_units_openhab.txt", "lux_smarty_spec_example_v113.txt",
        "se_landisgyr_e360_ell5_a.txt", "se_landisgyr_e360_ell5_b.txt", "d0push_de_easymeter_q3da1004_com1.txt",
        "d0push_de_easymeter_q3db1024_com1.txt",
    };

    [Theory]
    [MemberData(nameof(GoodCaptures))]
    public void EveryGoodCaptureIsOneValidTelegramWithNoMalformedLine(string name)
    {
        byte[] data = Corpus.Bytes("dsmr", name);
        var decoder = new MeterGateway.Protocols.Dsmr.DsmrDecoder();
        var set = new ReadingSet();
        int used = 0, valid = 0;
        while (used < data.Length)
        {
            used += decoder.Feed(data, used, data.Length - used);
            Assert.NotEqual(FrameResult.Invalid, decoder.Result);
            if (decoder.Result != FrameResult.Valid) continue;
            valid++;
            Assert.True(decoder.Parse(set));
            Assert.Equal(0, decoder.Parser.MalformedLines);
            Assert.False(set.Overflowed);
        }
        Assert.Equal(1, valid);
        // Every line of the telegram became a reading: count OBIS-starting lines in the file.
        string text = System.Text.Encoding.Latin1.GetString(data);
        int end = text.IndexOf('!');
        int lines = text[..end].Split('\n').Count(l => l.Length > 0 && char.IsDigit(l[0]) && l.Contains(':'));
        Assert.Equal(lines, set.ReadingCount);
    }

    [Theory]
    [InlineData("dsmr50_nl_sagemcom_t211_enexis_avans.txt")]
    [InlineData("lux_smarty_long_decrypted_from_real_frame.txt")]
    public void CrcMismatchIsRejectedUnlessLenient(string name)
    {
        byte[] data = Corpus.Bytes("dsmr", name);
        var strict = DsmrDecoding.Decode(data);
        Assert.Single(strict);
        Assert.Equal(FrameResult.Invalid, strict[0].Result);
        Assert.Equal(FrameError.Crc, strict[0].Error);
        Assert.Equal("CRC mismatch", strict[0].ErrorText);

        var lenient = DsmrDecoding.Decode(data, lenient: true);
        Assert.Single(lenient);
        Assert.Equal(FrameResult.Valid, lenient[0].Result);
        Assert.True(lenient[0].Readings!.ReadingCount > 20);
    }

    [Fact]
    public void ThreeDigitCrcIsAccepted()
    {
        // dsmr50_nl_warmtelink_heat_unpadded_crc.expected.txt: "!B9F" == 0x0B9F must not raise.
        var set = DsmrDecoding.Single(Corpus.Bytes("dsmr", "dsmr50_nl_warmtelink_heat_unpadded_crc.txt"));
        int r = DsmrDecoding.Reading(set, "0-1:24.2.1");
        int v = set.Primary[r];
        Assert.Equal("240.860", DsmrDecoding.ValueText(set, v));
        Assert.Equal("GJ", DsmrDecoding.UnitText(set, v));
        Assert.Equal(Units.Joule, set.UnitCode[v]);
        Assert.Equal(9, set.UnitScale[v]);
    }

    [Fact]
    public void TwoMbusChannels()
    {
        // dsmr50_nl_iskra_am550_two_mbus.expected.txt
        var set = DsmrDecoding.Single(Corpus.Bytes("dsmr", "dsmr50_nl_iskra_am550_two_mbus.txt"));
        Assert.Equal("3", DsmrDecoding.ValueText(set, set.Primary[DsmrDecoding.Reading(set, "0-1:24.1.0")]));
        Assert.Equal("3", DsmrDecoding.ValueText(set, set.Primary[DsmrDecoding.Reading(set, "0-2:24.1.0")]));
        int r1 = DsmrDecoding.Reading(set, "0-1:24.2.1");
        Assert.Equal(0L, set.Mantissa[set.Primary[r1]]);
        Assert.Equal(0L, set.TimeOf(set.CaptureTime[r1])); // 700101010000W is the epoch
        Assert.Equal(ValueKind.Empty, set.Kind[set.First[DsmrDecoding.Reading(set, "0-1:96.1.0")]]); // MBUS_EQUIPMENT_IDENTIFIER == None
        Assert.Equal("4730303339303031393336393930363139", DsmrDecoding.ValueText(set, set.Primary[DsmrDecoding.Reading(set, "0-2:96.1.0")]));
        int r2 = DsmrDecoding.Reading(set, "0-2:24.2.1");
        Assert.Equal("246.138", DsmrDecoding.ValueText(set, set.Primary[r2]));
        Assert.Equal("m3", DsmrDecoding.UnitText(set, set.Primary[r2]));
    }
}
