using System.Text.Json;
using System.Text.RegularExpressions;
using MeterGateway.Config;
using MeterGateway.Mapping;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Docs;

/// <summary>
/// docs/jeedom.md (seed 000 posts its values to Jeedom): its configuration is loaded as written, every topic of its
/// table is the note the configuration gives the quantity named beside it, and the rows with an example value are
/// exactly what <c>metergateway dry-run</c> publishes for the Itron EM214 capture with that configuration (no more
/// topics, no other values).
/// </summary>
[Collection(RealComponentsCollection.Name)]
public class JeedomDocTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "MeterGateway.sln"))) dir = dir.Parent;
        return dir!.FullName;
    }

    [Fact]
    public void DocumentedTopicsAreWhatDryRunPublishes()
    {
        string doc = File.ReadAllText(Path.Combine(Root(), "docs", "jeedom.md"));
        string ini = Regex.Match(doc, "```ini\n(.*?)```", RegexOptions.Singleline).Groups[1].Value;
        GatewayConfig config = GatewayConfig.Load(ini);

        var rows = Regex.Matches(doc, @"^\| `([^`]+)` \| `([^`]+)` \| [^|]+ \| [^|]+ \|\s*([^|]*?)\s*\|$", RegexOptions.Multiline)
            .Select(m => (Topic: m.Groups[1].Value, Quantity: m.Groups[2].Value, Example: m.Groups[3].Value.Trim())).ToList();
        Assert.Equal(13, rows.Count);
        foreach (var row in rows)
        {
            int q = Quantities.Find(row.Quantity);
            Assert.True(q >= 0, row.Quantity);
            Assert.Equal(row.Topic, config.Messages.NoteOf(q));
        }
        Assert.Contains(rows, r => r.Quantity == "sum_active_energy_l1_out");
        Assert.Contains(rows, r => r.Quantity == "current_l3");

        using var folder = new TempFolder();
        string path = folder.File("config.ini");
        File.WriteAllText(path, ini);
        var (code, output, errors) = MetergatewayProcess.Run("dry-run", "--protocol", "iec62056-21", "-c", path,
            Corpus.File("iec62056-21", "itron_em214_modeA_echo.meter2.bin"));
        Assert.True(code == 0, errors);
        var published = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Select(m => (Topic: m.GetProperty("topic").GetString()!, Payload: m.GetProperty("payload").GetString()!)).ToList();
        var expected = rows.Where(r => r.Example.Length > 0).Select(r => (r.Topic, Payload: r.Example)).ToList();
        Assert.Equal(expected.OrderBy(e => e.Topic), published.OrderBy(p => p.Topic));
    }
}
