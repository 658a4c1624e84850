using System.Text.Json;
using MeterGateway.Protocols;
using MeterGateway.Tests.Dsmr;
using MeterGateway.Tests.EndToEnd;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Europe;

/// <summary>
/// The whole program with real components (socat pty pair, mosquitto, <c>metergateway simulate</c> and <c>run</c>): a
/// DSMR 2.2 meter at 9600 7E1 without CRC, and an encrypted Austrian meter read with the key from config.ini, logged with
/// <c>--log-dir --raw-log</c>, its values selected by <c>obis_selected</c> and sent to Domoticz.
/// </summary>
[Collection(MeterGateway.Tests.Fixtures.RealComponentsCollection.Name)]
public class EuropeEndToEndTests
{
    private const string Key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    [SkippableFact]
    public async Task Dsmr22MeterAt9600SevenE1()
    {
        await using var h = await GatewayHarness.StartAsync("dsmr", 9600, "even", 7);
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "dsmr", "--count", "2", "--interval", "1", "--baud", "9600", "--parity", "even", "--data-bits", "7",
            Corpus.File("dsmr", "dsmr22_nl_iskra_mt382-1004.txt"));
        bool arrived = await h.Recorder.WaitForAsync(m => Events(m, "Gas/water volume M-Bus 1").Count >= 2, TimeSpan.FromSeconds(40));
        Assert.True(arrived, "no gas events; gateway said:\n" + h.GatewayLog);
        var messages = h.Recorder.Messages.ToArray();
        Assert.All(Events(messages, "Gas/water volume M-Bus 1"), e => Assert.Equal((28, 0, "1.001"), e));
        Assert.All(Events(messages, "Meter reading active energy out tariff 1"), e => Assert.Equal((13, 1, "1.001"), e));
        Assert.All(Events(messages, "Active effect out"), e => Assert.Equal((14, 0, "1010"), e));
    }

    [SkippableFact]
    public async Task EncryptedMeterWithSelectionLogsAndDomoticz()
    {
        const string config = "[GENERAL]\ndecryption_key = " + Key + "\n[LOGGER]\nobis_selected = 1-0:1.8.0, 1-0:1.7.0, 1-0:2.8.0\n[DOMOTICZ]\nidx_electricity = 42\n";
        using var logs = new TempFolder();
        await using var h = await GatewayHarness.StartAsync("dsmr", 115200, extraConfig: config, runArgs: new[] { "--log-dir", logs.Path, "--raw-log" });
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "dsmr", "--count", "3", "--interval", "1", "--key", Key,
            Corpus.File("dsmr", "dsmr50_at_sagemcom_t210dr_plain.txt"));
        const string domoticz = "{\"idx\":42,\"nvalue\":0,\"svalue\":\"5017120;1528646;0;58;286;0\"}";
        bool arrived = await h.Recorder.WaitForAsync(m => m.Count(x => x.Topic == "domoticz/in") >= 3, TimeSpan.FromSeconds(40));
        Assert.True(arrived, "no Domoticz messages; gateway said:\n" + h.GatewayLog);
        Assert.True(meter.WaitForExit(10000));
        h.Gateway.Terminate();

        var messages = h.Recorder.Messages.ToArray();
        Assert.All(messages.Where(m => m.Topic == "domoticz/in"), m => Assert.Equal(domoticz, m.Payload));
        // only the selected codes became events, from the decrypted telegram
        var notes = messages.Where(m => m.Topic.StartsWith("vscp/")).Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("vscpNote").GetString()).Distinct();
        Assert.Equal(new[] { "Meter reading active energy out", "Active effect out", "Meter reading active energy in" }, notes);
        Assert.All(Events(messages, "Meter reading active energy out"), e => Assert.Equal((13, 1, "6545.766"), e));
        // the key shows nowhere: not on the broker, not in what the gateway printed
        Assert.DoesNotContain(messages, m => m.Payload.Contains(Key, StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(Key, h.GatewayLog, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("encrypted P1", h.GatewayLog);

        // the value log: one line per published set, the selected codes, the values exactly as the meter wrote them (Wh)
        string values = Assert.Single(Directory.GetFiles(logs.Path, "values-*.csv"));
        string[] lines = File.ReadAllLines(values);
        Assert.Equal("received,0-0:1.0.0 Date and time,1-0:1.8.0 Active energy import total,1-0:1.7.0 Active power import,1-0:2.8.0 Active energy export total", lines[0]);
        Assert.Equal(3, lines.Length - 1);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",6545766*Wh,286*W,58*Wh", l));
        // the raw log: the decrypted telegrams, which the DSMR decoder reads back
        string raw = Assert.Single(Directory.GetFiles(logs.Path, "raw-*.txt"));
        var frames = DsmrDecoding.Decode(File.ReadAllBytes(raw));
        Assert.Equal(3, frames.Count);
        Assert.All(frames, f => Assert.Equal(FrameResult.Valid, f.Result));
    }

    [SkippableFact]
    public async Task LogColumnsAreNamedInTheGatewaysLanguage()
    {
        using var logs = new TempFolder();
        await using var h = await GatewayHarness.StartAsync("dsmr", 9600, "even", 7, "[LOGGER]\nobis_selected = 1-0:1.8.1, 1-0:2.8.1, 1-0:1.7.0\n",
            "--log-dir", logs.Path, "--language", "nl");
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "dsmr", "--count", "2", "--interval", "1", "--baud", "9600", "--parity", "even", "--data-bits", "7",
            Corpus.File("dsmr", "dsmr22_nl_iskra_mt382-1004.txt"));
        Assert.True(SpinWait.SpinUntil(() => Directory.GetFiles(logs.Path, "values-*.csv") is [var file] && File.ReadAllLines(file).Length == 3, 40000),
            "no log lines; gateway said:\n" + h.GatewayLog);
        h.Gateway.Terminate();

        // Columns titled by code and Dutch name; DSMR 2.2 has no meter time, so its column stays empty.
        string[] lines = File.ReadAllLines(Directory.GetFiles(logs.Path, "values-*.csv").Single());
        Assert.Equal("received,0-0:1.0.0 Datum en tijd,1-0:1.8.1 Afgenomen energie tarief 1,1-0:2.8.1 Teruggeleverde energie tarief 1,1-0:1.7.0 Afgenomen vermogen", lines[0]);
        Assert.All(lines.Skip(1), l => Assert.EndsWith(",,1.001*kWh,1.001*kWh,1.01*kW", l));
    }

    // (VSCP type, unit, digits) of every event with this note
    private static List<(int, int, string)> Events(IEnumerable<(string Topic, string Payload, bool Retain)> messages, string note) =>
        messages.Where(m => m.Topic.StartsWith("vscp/")).Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Where(e => e.GetProperty("vscpNote").GetString() == note)
            .Select(e => (e.GetProperty("vscpType").GetInt32(), e.GetProperty("measurement").GetProperty("unit").GetInt32(),
                e.GetProperty("measurement").GetProperty("value").GetRawText()))
            .ToList();
}
