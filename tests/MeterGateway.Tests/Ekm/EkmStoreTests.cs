using System.Text.Json;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;
using MeterGateway.Simulators;
using MeterGateway.Host.Cli;
using MeterGateway.Host.Storage;
using Xunit;

namespace MeterGateway.Tests.Ekm;

/// <summary>The SQLite store of EKM reads (a real file in a temporary folder, deleted after) and the export command.</summary>
public sealed class EkmStoreTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ekm-store-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static (EkmClient Client, EkmMeterSimulator V4, EkmMeterSimulator V3) Bus()
    {
        var bus = new EkmBusSimulator(2);
        var v4 = new EkmMeterSimulator(EkmMeterVersion.V4, "300001162");
        var v3 = new EkmMeterSimulator(EkmMeterVersion.V3, "26");
        bus.Add(v4);
        bus.Add(v3);
        return (new EkmClient(new EkmLoopbackLink(bus)), v4, v3);
    }

    [Fact]
    public void ReadsAreStoredByMeterAndTimeAndExportedExactly()
    {
        string path = Path.Combine(_folder, "meters.db");
        var (client, v4, _) = Bus();
        var set = new ReadingSet();
        using (var store = new EkmReadStore(path))
        {
            Assert.Equal(EkmStatus.Ok, client.Read(EkmRequests.Address("300001162"), EkmMeterVersion.V4, set));
            store.Insert(1_700_000_000_000, set, client.RawA, client.RawB);
            v4.Set(EkmFieldId.kWh_Tot, 123457);
            Assert.Equal(EkmStatus.Ok, client.Read(EkmRequests.Address("300001162"), EkmMeterVersion.V4, set));
            store.Insert(1_700_000_060_000, set, client.RawA, client.RawB);
            Assert.Equal(EkmStatus.Ok, client.Read(EkmRequests.Address("26"), EkmMeterVersion.V3, set));
            store.Insert(1_700_000_060_000, set, client.RawA, null);
            Assert.Equal(3, store.Count());
        }

        using (var store = new EkmReadStore(path))
        {
            var all = store.ReadSince(0).ToList();
            Assert.Equal(3, all.Count);
            // Oldest first, then by address.
            Assert.Equal(new[] { "000300001162", "000000000026", "000300001162" }, all.Select(r => r.MeterAddress).ToArray());
            var first = all[0];
            Assert.Equal(1_700_000_000_000, first.TimeStampMs);
            Assert.Equal("12345.6", Field(first, "kWh_Tot"));
            Assert.Equal("-140", Field(first, "Reactive_Pwr_Ln_2"));
            Assert.Equal("50.02", Field(first, "Line_Freq"));
            Assert.Equal("2870", Field(first, "Net_Calc_Watts_Tot"));
            Assert.Equal("24011501142530", Field(first, "Meter_Time"));
            Assert.Equal("1024", Field(first, "Model"));
            Assert.Equal(510, first.RawA.Length);
            Assert.StartsWith("02" + Convert.ToHexStringLower(Ascii.GetBytes("\u0010$")), first.RawA);
            Assert.EndsWith(Convert.ToHexStringLower(client.RawB[253..]), first.RawB);

            var later = store.ReadSince(1_700_000_000_000, "000300001162").ToList();
            Assert.Single(later);
            Assert.Equal("12345.7", Field(later[0], "kWh_Tot"));
            var v3 = store.ReadSince(0, "000000000026").Single();
            Assert.Equal("", v3.RawB);
            Assert.Null(Field(v3, "Net_Calc_Watts_Tot"));
            Assert.Equal("1017", Field(v3, "Model"));
        }

        var output = new StringWriter();
        Assert.Equal(0, ExportCommand.Run(path, "2023-11-14T22:13:30Z", "000300001162", "json", false, output));
        string[] lines = output.ToString().TrimEnd().Split('\n');
        Assert.Single(lines);
        using var json = JsonDocument.Parse(lines[0]);
        Assert.Equal("000300001162", json.RootElement.GetProperty("Meter_Address").GetString());
        Assert.Equal(1_700_000_060_000, json.RootElement.GetProperty("Time_Stamp").GetInt64());
        Assert.Equal("2023-11-14T22:14:20.000Z", json.RootElement.GetProperty("Time").GetString());
        Assert.Equal("12345.7", json.RootElement.GetProperty("kWh_Tot").GetRawText());
        Assert.Equal("0.95", json.RootElement.GetProperty("Cos_Theta_Ln_1").GetRawText());
        Assert.Equal(JsonValueKind.String, json.RootElement.GetProperty("Meter_Time").ValueKind);
        Assert.False(json.RootElement.TryGetProperty("Raw_A", out _));

        output = new StringWriter();
        Assert.Equal(0, ExportCommand.Run(path, "0", null, "csv", true, output));
        lines = output.ToString().TrimEnd().Split(Environment.NewLine);
        Assert.Equal(4, lines.Length);
        string[] header = lines[0].Split(',');
        Assert.Equal(new[] { "Meter_Address", "Time_Stamp", "Model" }, header[..3]);
        Assert.Equal("Raw_B", header[^1]);
        string[] v3Row = lines.Single(l => l.StartsWith("000000000026")).Split(',');
        Assert.Equal(header.Length, v3Row.Length);
        Assert.Equal("12345.6", v3Row[Array.IndexOf(header, "kWh_Tot")]);
        Assert.Equal("", v3Row[Array.IndexOf(header, "Line_Freq")]);
        Assert.Equal("", v3Row[^1]);
    }

    [Fact]
    public void AFileWrittenWithTheOlderCfRatioColumnGetsPulseOutputRatio()
    {
        // The table as an earlier version made it: the pulse output ratio in a CF_Ratio column, one read stored.
        string path = Path.Combine(_folder, "old.db");
        using (var old = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            old.Open();
            using var create = old.CreateCommand();
            create.CommandText = "CREATE TABLE Meter_Reads (Meter_Address TEXT NOT NULL, Time_Stamp INTEGER NOT NULL, kWh_Tot TEXT, CF_Ratio TEXT, "
                + "Raw_A TEXT, Raw_B TEXT, PRIMARY KEY (Meter_Address, Time_Stamp));"
                + "INSERT INTO Meter_Reads VALUES ('000300001162', 1700000000000, '12000.5', '800', '', '')";
            create.ExecuteNonQuery();
        }
        var (client, v4, _) = Bus();
        v4.Set(EkmFieldId.Pulse_Output_Ratio, 1600);
        var set = new ReadingSet();
        using (var store = new EkmReadStore(path))
        {
            Assert.Equal(EkmStatus.Ok, client.Read(EkmRequests.Address("300001162"), EkmMeterVersion.V4, set));
            store.Insert(1_700_000_060_000, set, client.RawA, client.RawB);
            var reads = store.ReadSince(0).ToList();
            Assert.Equal(2, reads.Count);
            Assert.Equal(("12000.5", null), (Field(reads[0], "kWh_Tot"), Field(reads[0], "Pulse_Output_Ratio")));
            Assert.Equal(("12345.6", "1600"), (Field(reads[1], "kWh_Tot"), Field(reads[1], "Pulse_Output_Ratio")));
        }
    }

    [Theory]
    [InlineData("1700000000", 1_700_000_000_000)]
    [InlineData("2023-11-14T22:13:20Z", 1_700_000_000_000)]
    [InlineData("2023-11-14T23:13:20+01:00", 1_700_000_000_000)]
    public void SinceAcceptsUnixSecondsAndIso(string text, long ms) => Assert.Equal(ms, ExportCommand.ParseSince(text));

    [Fact]
    public void BadExportArgumentsAreUsageErrors()
    {
        Assert.Throws<UsageException>(() => ExportCommand.ParseSince("yesterday"));
        Assert.Throws<UsageException>(() => ExportCommand.Run(Path.Combine(_folder, "none.db"), "0", null, "json", false, TextWriter.Null));
        Assert.Throws<UsageException>(() => ExportCommand.Run(Path.Combine(_folder, "none.db"), "0", null, "xml", false, TextWriter.Null));
    }

    private static string? Field(EkmStoredRead read, string name) => read.Fields.FirstOrDefault(f => f.Name == name).Value;
}
