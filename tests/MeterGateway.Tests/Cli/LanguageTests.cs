using System.Text;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Cli;

/// <summary>
/// Names of what is measured in the user's language (seeds 001 and 004): <c>parse --language</c> and
/// <c>[GENERAL] language</c> through <c>dry-run</c> (vscpNote defaults and no_vscp topics follow the language, configured
/// notes stay), Home Assistant entity names through the gateway loop, and bad values named with their key.
/// </summary>
[Collection(RealComponentsCollection.Name)]
public class LanguageTests
{
    private const string Capture = "dsmr50_nl_iskra_mt382.txt";

    [Theory]
    [InlineData(null, "Active energy import tariff 1", "Voltage L1")]
    [InlineData("en", "Active energy import tariff 1", "Voltage L1")]
    [InlineData("nl", "Afgenomen energie tarief 1", "Spanning L1")]
    [InlineData("de", "Wirkenergie Bezug Tarif 1", "Spannung L1")]
    [InlineData("fr", "Énergie active importée tarif 1", "Tension L1")]
    [InlineData("pt", "Energia ativa consumida tarifa 1", "Tensão L1")]
    public void ParseNamesEachReading(string? language, string tariff1, string voltage)
    {
        var args = new List<string> { "parse", "--protocol", "dsmr" };
        if (language != null) args.AddRange(new[] { "--language", language });
        args.Add(Corpus.File("dsmr", Capture));
        var (code, output, errors) = MetergatewayProcess.Run(args.ToArray());
        Assert.True(code == 0, errors);
        using var doc = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[0]);
        var readings = doc.RootElement.GetProperty("readings").EnumerateArray().ToDictionary(r => r.GetProperty("obis").GetString()!);
        Assert.Equal(tariff1, readings["1-0:1.8.1"].GetProperty("name").GetString());
        Assert.Equal("4.426", readings["1-0:1.8.1"].GetProperty("value").GetRawText());
        Assert.Equal(voltage, readings["1-0:32.7.0"].GetProperty("name").GetString());
    }

    [Fact]
    public void BadLanguagesAreUsageErrorsNamingTheValue()
    {
        var (code, _, errors) = MetergatewayProcess.Run("parse", "--protocol", "dsmr", "--language", "es", Corpus.File("dsmr", Capture));
        Assert.Equal(2, code);
        Assert.Contains("--language es: not one of en, nl, de, fr, pt", errors);
        Assert.Equal("[GENERAL] language = \"es\": not one of en, nl, de, fr, pt (line 2)",
            Assert.Throws<ConfigException>(() => GatewayConfig.Load("[GENERAL]\nlanguage = es\n")).Message);
    }

    [Fact]
    public void DefaultNotesFollowTheLanguageAndConfiguredNotesStay()
    {
        using var folder = new TempFolder();
        string config = folder.File("config.ini");
        File.WriteAllText(config, "[GENERAL]\nlanguage = nl\n[NOTES]\nnote_voltage_l2 = Spanning fase 2 (eigen tekst)\n");
        var notes = Notes(MetergatewayProcess.Run("dry-run", "--protocol", "dsmr", "-c", config, Corpus.File("dsmr", Capture)));
        Assert.Equal("Afgenomen energie totaal", notes["vscp/FF"]["13:1"]); // the tariff total, sum_active_energy_out
        Assert.Equal("Afgenomen energie tarief 1", notes["vscp/FF"]["13:27"]);
        Assert.Equal("Spanning L1", notes["vscp/FF"]["16:21"]);
        Assert.Equal("Spanning fase 2 (eigen tekst)", notes["vscp/FF"]["16:22"]);
        Assert.Equal("Gas/water volume M-Bus 1", notes["vscp/FF"]["28:36"]); // no Dutch name in the table: the English note

        File.WriteAllText(config, "[GENERAL]\nlanguage = pt\nno_vscp = true\n");
        var (code, output, errors) = MetergatewayProcess.Run("dry-run", "--protocol", "dsmr", "-c", config, Corpus.File("dsmr", Capture));
        Assert.True(code == 0, errors);
        var plain = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(m => m.GetProperty("topic").GetString()!, m => m.GetProperty("payload").GetString()!);
        Assert.Equal("4.426", plain["Energia ativa consumida tarifa 1"]);
        Assert.Equal("230.0", plain["Tensão L1"]);
    }

    // dry-run output as {"vscp/FF": {"<type>:<sensor index>": note}}
    private static Dictionary<string, Dictionary<string, string>> Notes((int Code, string Output, string Errors) run)
    {
        Assert.True(run.Code == 0, run.Errors);
        var notes = new Dictionary<string, string>();
        foreach (string line in run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var outer = JsonDocument.Parse(line);
            if (!outer.RootElement.GetProperty("topic").GetString()!.StartsWith("vscp/")) continue;
            using var e = JsonDocument.Parse(outer.RootElement.GetProperty("payload").GetString()!);
            var root = e.RootElement;
            notes[root.GetProperty("vscpType").GetInt32() + ":" + root.GetProperty("measurement").GetProperty("sensorindex").GetInt32()] = root.GetProperty("vscpNote").GetString()!;
        }
        return new Dictionary<string, Dictionary<string, string>> { ["vscp/FF"] = notes };
    }
}
