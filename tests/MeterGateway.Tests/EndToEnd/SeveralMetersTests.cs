using System.Text.Json;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>
/// Several EKM Omnimeters on one RS-485 bus (seed 002's "many meters"): <c>metergateway simulate --protocol ekm
/// --address A,B</c> answers for two meters on one end of a socat pty pair, <c>metergateway run</c> with
/// <c>[EKM] meters = A, B</c> reads both, and what mosquitto receives is checked: each meter has its own GUID (its
/// address in bytes 8..13), its own topics, its own Home Assistant device and state topics, and its own
/// <c>no_vscp</c> topic prefix; per-phase energy (kWh_Ln_n, Rev_kWh_Ln_n) is published for each.
/// </summary>
[Collection(RealComponentsCollection.Name)]
public class SeveralMetersTests
{
    private const string Meters = "[EKM]\nmeters = 300001162:4, 300001163:4\npoll_interval = 1\n";

    private static string Guid(string address, int id) =>
        "FF:FF:FF:FF:FF:FF:FF:FE:" + string.Join(":", Enumerable.Range(0, 6).Select(i => address.Substring(2 * i, 2))) + $":{id >> 8:X2}:{id & 0xFF:X2}";

    [SkippableFact]
    public async Task EachMeterHasItsOwnGuidTopicsAndHomeAssistantDevice()
    {
        await using var h = await GatewayHarness.StartAsync("ekm", 9600, "even", 7,
            Meters + "[GENERAL]\nhomeassistant = true\n[MQTT]\nstate_topic = metergateway/{client}/{meter}/{quantity}\n");
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "ekm", "--address", "300001162,300001163", "--meter-version", "4");
        string first = Guid("000300001162", 1), second = Guid("000300001163", 1);
        Assert.True(await h.Recorder.WaitForAsync(m => m.Any(x => x.Topic.Contains(first)) && m.Any(x => x.Topic.Contains(second))
                && m.Any(x => x.Topic.EndsWith("000300001163/sum_active_energy_l3_in")), TimeSpan.FromSeconds(60)),
            "not both meters; gateway said:\n" + h.GatewayLog);
        var messages = h.Recorder.Messages.ToList();

        // VSCP: one GUID per meter and quantity, the meter's values on its own topic.
        Assert.Equal("12345.6", Value(messages, $"vscp/{first}/1040/13"));
        Assert.Equal("22345.6", Value(messages, $"vscp/{second}/1040/13"));
        // Per-phase energy: ids and sensor indexes 71..76, notes per phase.
        string l1First = $"vscp/{Guid("000300001162", 71)}/1040/13", l1Second = $"vscp/{Guid("000300001163", 71)}/1040/13";
        Assert.Equal("4115.2", Value(messages, l1First));
        Assert.Equal("5115.2", Value(messages, l1Second));
        using (var e = JsonDocument.Parse(messages.First(m => m.Topic == l1First).Payload))
        {
            Assert.Equal("Meter reading active energy L1 out", e.RootElement.GetProperty("vscpNote").GetString());
            Assert.Equal(71, e.RootElement.GetProperty("measurement").GetProperty("sensorindex").GetInt32());
        }
        Assert.Equal("41.2", Value(messages, $"vscp/{Guid("000300001162", 76)}/1040/13")); // Rev_kWh_Ln_3
        Assert.Equal("41.1", Value(messages, $"vscp/{Guid("000300001163", 72)}/1040/13")); // Rev_kWh_Ln_1

        // Home Assistant: a device per meter, unique ids and state topics per meter.
        foreach (var (address, l1) in new[] { ("000300001162", "4115.2"), ("000300001163", "5115.2") })
        {
            var config = messages.Last(m => m.Topic == $"homeassistant/sensor/{address}/sum_active_energy_l1_out/config" && m.Payload.Length > 0);
            using var doc = JsonDocument.Parse(config.Payload);
            var root = doc.RootElement;
            Assert.Equal(address + "_sum_active_energy_l1_out", root.GetProperty("unique_id").GetString());
            Assert.Equal($"metergateway/{GatewayHarness.ClientId}/{address}/sum_active_energy_l1_out", root.GetProperty("state_topic").GetString());
            Assert.Equal("energy", root.GetProperty("device_class").GetString());
            Assert.Equal("total_increasing", root.GetProperty("state_class").GetString());
            Assert.Equal("Meter " + address, root.GetProperty("device").GetProperty("name").GetString());
            Assert.Equal(address, root.GetProperty("device").GetProperty("identifiers")[0].GetString());
            Assert.Equal(l1, messages.Last(m => m.Topic == $"metergateway/{GatewayHarness.ClientId}/{address}/sum_active_energy_l1_out").Payload);
        }
        Assert.DoesNotContain(messages, m => m.Topic.StartsWith("homeassistant/") && m.Payload.Length == 0); // nothing removed: the meters do not replace each other
    }

    [SkippableFact]
    public async Task NoVscpTopicsArePrefixedWithTheMeterAddress()
    {
        await using var h = await GatewayHarness.StartAsync("ekm", 9600, "even", 7, Meters + "[GENERAL]\nno_vscp = true\n");
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "ekm", "--address", "300001162,300001163", "--meter-version", "4");
        Assert.True(await h.Recorder.WaitForAsync(m => m.Any(x => x.Topic == "000300001162/Meter reading active energy L3 in")
                && m.Any(x => x.Topic == "000300001163/Current L1"), TimeSpan.FromSeconds(60)),
            "not both meters; gateway said:\n" + h.GatewayLog);
        var messages = h.Recorder.Messages.ToList();
        Assert.Equal("12345.6", Plain(messages, "000300001162/Meter reading active energy out"));
        Assert.Equal("22345.6", Plain(messages, "000300001163/Meter reading active energy out"));
        Assert.Equal("4115.2", Plain(messages, "000300001162/Meter reading active energy L1 out"));
        Assert.Equal("5115.2", Plain(messages, "000300001163/Meter reading active energy L2 out"));
        Assert.Equal("41.2", Plain(messages, "000300001162/Meter reading active energy L3 in"));
        Assert.Equal("5.2", Plain(messages, "000300001163/Current L1"));
        Assert.DoesNotContain(messages, m => m.Topic == "Meter reading active energy out");
    }

    [Fact]
    public void SeveralMetersNeedAGuidInTheTopicAndAMeterInTheStateTopic()
    {
        using var folder = new TempFolder();
        string WriteConfig(string text)
        {
            string path = folder.File("config-" + text.Length + ".ini");
            File.WriteAllText(path, text);
            return path;
        }
        var (code, _, errors) = MetergatewayProcess.Run("dry-run", "--protocol", "dsmr", "-c", WriteConfig("[GENERAL]\nprotocol = ekm\n" + Meters + "[MQTT]\ntopic = vscp/{class}/{type}\n"), "-");
        Assert.Equal(2, code);
        Assert.Contains("[MQTT] topic = \"vscp/{class}/{type}\": needs {guid} with several [EKM] meters", errors);
        (code, _, errors) = MetergatewayProcess.Run("dry-run", "--protocol", "dsmr", "-c", WriteConfig("[GENERAL]\nprotocol = ekm\nhomeassistant = true\n" + Meters), "-");
        Assert.Equal(2, code);
        Assert.Contains("[MQTT] state_topic = \"metergateway/{client}/{quantity}\": needs {meter}", errors);
    }

    private static string Plain(List<(string Topic, string Payload, bool Retain)> messages, string topic)
    {
        var m = messages.LastOrDefault(x => x.Topic == topic);
        Assert.True(m.Topic != null, "nothing on " + topic + "; topics: " + string.Join(", ", messages.Select(x => x.Topic).Distinct()));
        return m.Payload;
    }

    private static string Value(List<(string Topic, string Payload, bool Retain)> messages, string topic)
    {
        var m = messages.LastOrDefault(x => x.Topic == topic);
        Assert.True(m.Topic != null, "nothing on " + topic + "; topics: " + string.Join(", ", messages.Select(x => x.Topic).Distinct().Take(20)));
        using var doc = JsonDocument.Parse(m.Payload);
        return doc.RootElement.GetProperty("measurement").GetProperty("value").GetRawText();
    }
}
