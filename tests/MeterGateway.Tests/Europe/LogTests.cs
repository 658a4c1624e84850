using System.Text;
using MeterGateway.Gateway;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Readings;
using MeterGateway.Host.Logging;
using MeterGateway.Tests.Dsmr;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Europe;

/// <summary>
/// The DSMR logger's files (seeds/004) written by <c>run --log-dir</c>: the monthly CSV of selected values (header, exact
/// values including the Belgian max-demand history with mixed kW/W, month files kept), the raw telegram log (readable
/// back by the DSMR decoder), and recovery from a line or telegram torn by a power cut.
/// </summary>
public class LogTests
{
    private static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private static ReadingSet Telegram(string capture) => DsmrDecoding.Single(Corpus.Bytes("dsmr", capture));

    private const string Header181 = "received,0-0:1.0.0 Date and time,1-0:1.8.1 Active energy import tariff 1";

    private static ObisSelection Select(string codes) => ObisSelection.Parse(codes, out _)!;

    [Fact]
    public void SelectedValuesAreLoggedExactlyUnderAHeader()
    {
        using var dir = new TempFolder();
        ReadingSet set = Telegram("dsmr40_nl_kaifa_maxdemand_mixedcase_crc_polargoose.txt");
        var selection = Select("1-0:1.8.1, 0-0:98.1.0, 0-1:24.2.1, 1-0:99.97.0, 0-0:96.1.1, 1-0:32.7.0");
        selection.Apply(set);
        using (var log = new ValueLog(dir.Path, selection, Brussels))
        {
            log.Write(set, 1700000000);
            Assert.Equal(Path.Combine(dir.Path, "values-2015-01.csv"), log.CurrentPath); // 0-0:1.0.0(150117185916W)
        }
        string[] lines = File.ReadAllLines(dir.File("values-2015-01.csv"));
        Assert.Equal(2, lines.Length);
        // each column titled by its code and English name (the gateway's default); codes no table names stay bare
        Assert.Equal("received,0-0:1.0.0 Date and time,1-0:1.8.1 Active energy import tariff 1,0-0:98.1.0,0-1:24.2.1 M-Bus meter reading,1-0:99.97.0,"
            + "0-0:96.1.1 Equipment identifier,1-0:32.7.0 Voltage L1", lines[0]);
        Assert.Equal("2023-11-14T22:13:20Z,2015-01-17T17:59:16Z,671.578*kWh,"
            // the 13-month history: count, the two OBIS references, then per month (start, when, peak), kW and W as sent
            + "2 1-0:1.6.0 1-0:1.6.0 2023-01-31T23:00:00Z 2023-01-17T21:45:00Z 4.329*kW 2023-02-01T23:00:00Z 2023-02-14T21:45:00Z 4529*W,"
            + "2015-01-17T17:00:00Z 473.789*m3,"
            + "1 0-0:96.7.19 1999-12-31T23:00:01Z 2147483647*s," // the power failure log as the meter wrote it, time in UTC
            + "0000000000000000000000000000000000,", lines[1]); // no 1-0:32.7.0 in this telegram: empty cell
    }

    [Fact]
    public void OneFilePerMonthAndOldMonthsAreKept()
    {
        using var dir = new TempFolder();
        var selection = Select("1-0:1.8.1");
        using (var log = new ValueLog(dir.Path, selection, Brussels))
        {
            foreach (string capture in new[] { "emucs171_be_fluvius.txt", "emucs171_be_fluvius_alt.txt", "emucs171_be_fluvius.txt" })
            {
                ReadingSet set = Telegram(capture);
                selection.Apply(set);
                log.Write(set, 1700000000);
            }
        }
        Assert.Equal(new[] { "values-2020-05.csv", "values-2023-11.csv" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
        Assert.Equal(new[] { Header181, "2023-11-14T22:13:20Z,2020-05-12T11:54:09Z,0.034*kWh",
            "2023-11-14T22:13:20Z,2020-05-12T11:54:09Z,0.034*kWh" }, File.ReadAllLines(dir.File("values-2020-05.csv")));
        Assert.Equal(new[] { Header181, "2023-11-14T22:13:20Z,2023-11-02T11:15:48Z,301.548*kWh" },
            File.ReadAllLines(dir.File("values-2023-11.csv")));
    }

    [Fact]
    public void AFileBegunWithBareCodesKeepsItsHeaderAndNamesFollowTheLanguage()
    {
        using var dir = new TempFolder();
        var selection = Select("1-0:1.8.1");
        ReadingSet set = Telegram("emucs171_be_fluvius.txt");
        selection.Apply(set);
        File.WriteAllText(dir.File("values-2020-05.csv"), "received,0-0:1.0.0,1-0:1.8.1\n");
        using (var log = new ValueLog(dir.Path, selection, Brussels, NameLanguage.German)) log.Write(set, 1700000000);
        Assert.Equal(new[] { "received,0-0:1.0.0,1-0:1.8.1", "2023-11-14T22:13:20Z,2020-05-12T11:54:09Z,0.034*kWh" },
            File.ReadAllLines(dir.File("values-2020-05.csv"))); // not titled in German: the file keeps its header

        // A new file is titled in the language; a later run in another language continues it under the same titles.
        using var other = new TempFolder();
        using (var log = new ValueLog(other.Path, selection, Brussels, NameLanguage.French)) log.Write(set, 1700000000);
        using (var log = new ValueLog(other.Path, selection, Brussels, NameLanguage.English)) log.Write(set, 1700000010);
        string[] lines = File.ReadAllLines(other.File("values-2020-05.csv"));
        Assert.Equal(3, lines.Length);
        Assert.Equal("received,0-0:1.0.0 Date et heure,1-0:1.8.1 Énergie active importée tarif 1", lines[0]);
        Assert.Equal("2023-11-14T22:13:30Z,2020-05-12T11:54:09Z,0.034*kWh", lines[2]);
        Assert.Single(Directory.GetFiles(other.Path));
    }

    [Fact]
    public void MonthsFollowTheHostsTimeZone()
    {
        // 2023-10-31T23:30:00Z is already November in Brussels (CET, UTC+1): the month is the local one.
        using var dir = new TempFolder();
        ReadingSet set = Telegram("emucs171_be_fluvius.txt");
        set.FrameTime = 1698795000;
        using (var log = new ValueLog(dir.Path, null, Brussels)) log.Write(set, 1700000000);
        using (var log = new ValueLog(dir.Path, null, TimeZoneInfo.Utc)) log.Write(set, 1700000000);
        Assert.Equal(new[] { "values-2023-10.csv", "values-2023-11.csv" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void ATornLineIsDroppedAndTheFileContinued()
    {
        using var dir = new TempFolder();
        var selection = Select("1-0:1.8.1");
        ReadingSet set = Telegram("emucs171_be_fluvius.txt");
        selection.Apply(set);
        using (var log = new ValueLog(dir.Path, selection, Brussels)) log.Write(set, 1700000000);
        // a power cut in the middle of the next line
        File.AppendAllText(dir.File("values-2020-05.csv"), "2023-11-14T22:13:30Z,2020-05-12T11:5");
        using (var log = new ValueLog(dir.Path, selection, Brussels)) log.Write(set, 1700000020);
        Assert.Equal(new[] { Header181, "2023-11-14T22:13:20Z,2020-05-12T11:54:09Z,0.034*kWh",
            "2023-11-14T22:13:40Z,2020-05-12T11:54:09Z,0.034*kWh" }, File.ReadAllLines(dir.File("values-2020-05.csv")));
        Assert.EndsWith("\n", File.ReadAllText(dir.File("values-2020-05.csv")));
    }

    [Fact]
    public void AnotherSelectionStartsAnotherFileAndWithoutOneTheColumnsAreAdopted()
    {
        using var dir = new TempFolder();
        ReadingSet set = Telegram("emucs171_be_fluvius.txt");
        using (var log = new ValueLog(dir.Path, Select("1-0:1.8.1"), Brussels)) log.Write(set, 1700000000);
        using (var log = new ValueLog(dir.Path, Select("1-0:1.8.2"), Brussels)) log.Write(set, 1700000000);
        using (var log = new ValueLog(dir.Path, null, Brussels)) log.Write(set, 1700000000); // continues the first file
        Assert.Equal(new[] { Header181, "2023-11-14T22:13:20Z,2020-05-12T11:54:09Z,0.034*kWh",
            "2023-11-14T22:13:20Z,2020-05-12T11:54:09Z,0.034*kWh" }, File.ReadAllLines(dir.File("values-2020-05.csv")));
        Assert.Equal(new[] { "received,0-0:1.0.0 Date and time,1-0:1.8.2 Active energy import tariff 2", "2023-11-14T22:13:20Z,2020-05-12T11:54:09Z,15.758*kWh" },
            File.ReadAllLines(dir.File("values-2020-05-2.csv")));

        // a new file without a selection: every code of the telegram, in its order
        using var other = new TempFolder();
        using (var log = new ValueLog(other.Path, null, Brussels)) log.Write(set, 1700000000);
        string[] lines = File.ReadAllLines(other.File("values-2020-05.csv"));
        Assert.StartsWith("received,0-0:96.1.4,0-0:96.1.1 Equipment identifier,0-0:1.0.0 Date and time,1-0:1.8.1 Active energy import tariff 1,", lines[0]);
        Assert.Equal(set.ReadingCount + 1, lines[0].Split(',').Length);
        Assert.Contains(",2.351*kW,2020-05-09T11:45:58Z 2.589*kW,", lines[1]); // 1.4.0, then 1.6.0 (time)(value)
    }

    [Fact]
    public void RawTelegramsCanBeParsedBackAndATornOneIsCutAway()
    {
        using var dir = new TempFolder();
        var captures = new[] { "emucs171_be_fluvius.txt", "dsmr50_hu_eon_sagemcom.txt" };
        using (var raw = NewRawLog(dir.Path))
        {
            foreach (string capture in captures) WriteRaw(raw, capture, 1589284449);
        }
        string path = dir.File("raw-2020-05.txt");
        var frames = DsmrDecoding.Decode(File.ReadAllBytes(path));
        Assert.Equal(2, frames.Count);
        Assert.All(frames, f => Assert.Equal(FrameResult.Valid, f.Result));
        Assert.Equal(Telegram(captures[1]).ReadingCount, frames[1].Readings!.ReadingCount);

        // a power cut half-way through a third telegram
        byte[] third = Corpus.Bytes("dsmr", "dsmr_ie_iskra_mie5t.txt");
        using (var f = new FileStream(path, FileMode.Append)) f.Write(third, 0, third.Length / 2);
        using (var raw = NewRawLog(dir.Path)) WriteRaw(raw, "dsmr_ie_iskra_mie5t.txt", 1589284449);
        frames = DsmrDecoding.Decode(File.ReadAllBytes(path));
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Equal(FrameResult.Valid, f.Result));
        Assert.EndsWith("!AD3B\r\n", Encoding.Latin1.GetString(File.ReadAllBytes(path)));
    }

    [Fact]
    public void DroppingAPartialLineLeavesWholeFilesAlone()
    {
        using var dir = new TempFolder();
        foreach (var (content, kept) in new[] { ("", ""), ("a\n", "a\n"), ("a\nb", "a\n"), ("abc", ""), ("a\nb\n", "a\nb\n") })
        {
            string path = dir.File("f.csv");
            File.WriteAllText(path, content);
            using (var file = MonthlyFiles.OpenAppendable(path)) ValueLog.DropPartialLine(file);
            Assert.Equal(kept, File.ReadAllText(path));
        }
    }

    private static RawLog NewRawLog(string directory) => new(directory, () => new DsmrDecoder(), true, Brussels);

    // Writes the capture's telegram as the gateway would: the decoder's frame bytes, from '/' through the CRC.
    private static void WriteRaw(RawLog raw, string capture, long utc)
    {
        var decoder = new DsmrDecoder();
        byte[] bytes = Corpus.Bytes("dsmr", capture);
        int used = 0;
        while (used < bytes.Length && decoder.Result != FrameResult.Valid) used += decoder.Feed(bytes, used, bytes.Length - used);
        Assert.Equal(FrameResult.Valid, decoder.Result);
        raw.Write(decoder.FrameBuffer, decoder.FrameOffset, decoder.FrameLength, utc);
    }
}
