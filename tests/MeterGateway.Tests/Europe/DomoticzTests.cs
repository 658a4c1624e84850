using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Host.Cli;
using Xunit;

namespace MeterGateway.Tests.Europe;

/// <summary>
/// <c>[DOMOTICZ]</c>: the messages <c>dry-run</c> (as <c>run</c>) sends to <c>domoticz/in</c> for the corpus captures, in
/// Domoticz's MQTT form <c>{"idx":N,"nvalue":0,"svalue":"…"}</c>: the P1 Smart Meter's
/// <c>USAGE1;USAGE2;RETURN1;RETURN2;CONS;PROD</c> in whole Wh and W, the gas meter in litres.
/// </summary>
public class DomoticzTests
{
    private const string Devices = "[DOMOTICZ]\nidx_electricity = 42\nidx_gas = 43\n";

    [Theory]
    // Belgium: 1.8.1 0.034 kWh, 1.8.2 15.758, 2.8.1 0.000, 2.8.2 0.011, 1.7.0/2.7.0 0 kW; gas 0-1:24.2.3 112.384 m³
    [InlineData("emucs171_be_fluvius.txt", "34;15758;0;11;0;0", "112384")]
    // Sweden: totals only, 1.8.0 4788.631 kWh as tariff 1; 1.7.0 4.905 kW; no gas meter
    [InlineData("se_landisgyr_e360_ell5_a.txt", "4788631;0;0;0;4905;0", null)]
    // Austria: integer Wh and W as sent
    [InlineData("dsmr50_at_sagemcom_t210dr_plain.txt", "5017120;1528646;0;58;286;0", null)]
    // DSMR 2.2: gas on 0-1:24.3.0, its value on the next line, 1.001 m³
    [InlineData("dsmr22_nl_iskra_mt382-1004.txt", "1001;1001;1001;1001;1010;0", "1001")]
    // two gas meters, the first with the unset placeholder (00000000): the second, 246.138 m³
    [InlineData("dsmr50_nl_iskra_am550_two_mbus.txt", "2130115;245467;0;0;111;0", "246138")]
    // 7 decimals of kWh (EasyMeter Q3D): Domoticz takes whole Wh, the rest is cut (32549.5061662 kWh → 32549506 Wh)
    [InlineData("d0push_de_easymeter_q3da1004_com1.txt", "32549506;0;0;0;1688;0", null)]
    public void P1SmartMeterAndGas(string capture, string electricity, string? gas)
    {
        var messages = Domoticz(capture, Devices);
        var expected = new List<string> { $"{{\"idx\":42,\"nvalue\":0,\"svalue\":\"{electricity}\"}}" };
        if (gas != null) expected.Add($"{{\"idx\":43,\"nvalue\":0,\"svalue\":\"{gas}\"}}");
        Assert.Equal(expected, messages.Select(m => m.Payload));
        Assert.All(messages, m => Assert.Equal("domoticz/in", m.Topic));
    }

    [Fact]
    public void TheWholeTelegramFeedsDomoticzWhateverTheSelection()
    {
        var messages = Domoticz("emucs171_be_fluvius.txt", Devices + "[MQTT]\nqos = 0\n[LOGGER]\nobis_selected = 1-0:32.7.0\n[DOMOTICZ]\ntopic = home/domoticz/in\n");
        Assert.Equal(new[] { "{\"idx\":42,\"nvalue\":0,\"svalue\":\"34;15758;0;11;0;0\"}", "{\"idx\":43,\"nvalue\":0,\"svalue\":\"112384\"}" },
            messages.Select(m => m.Payload));
        Assert.All(messages, m => Assert.Equal(("home/domoticz/in", 0, false), (m.Topic, m.Qos, m.Retain)));
    }

    [Fact]
    public void NoIdxNoMessages()
    {
        Assert.Empty(Domoticz("emucs171_be_fluvius.txt", ""));
        Assert.Single(Domoticz("emucs171_be_fluvius.txt", "[DOMOTICZ]\nidx_gas = 7\n"));
    }

    private sealed record Message(string Topic, string Payload, int Qos, bool Retain);

    private static List<Message> Domoticz(string capture, string config)
    {
        GatewayConfig cfg = GatewayConfig.Load(config);
        var selection = MeterGateway.Host.Gateway.Selections.Load(cfg, Directory.GetCurrentDirectory());
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = DryRunCommand.Run(cfg, ProtocolCatalog.CreateDecoder(ProtocolCatalog.Dsmr, ProtocolCatalog.OptionsFrom(cfg)), Corpus.Bytes("dsmr", capture), output, errors, selection);
        Assert.True(exit == ExitCodes.Ok, errors.ToString());
        var result = new List<Message>();
        foreach (string line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            string topic = root.GetProperty("topic").GetString()!;
            if (topic.StartsWith("vscp/")) continue;
            result.Add(new Message(topic, root.GetProperty("payload").GetString()!, root.GetProperty("qos").GetInt32(), root.GetProperty("retain").GetBoolean()));
        }
        return result;
    }
}
