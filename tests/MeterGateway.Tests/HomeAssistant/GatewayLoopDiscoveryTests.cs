using System.Text;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.HomeAssistant;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Tests.Shared;
using MeterGateway.Tests.Shared.Gateway;
using MeterGateway.Tests.Shared.Health;
using Xunit;

namespace MeterGateway.Tests.HomeAssistant;

/// <summary>
/// Home Assistant discovery inside the gateway loop, on real telegrams of one meter: the Iskra MT382 with equipment id
/// 4B38… appears in the openHAB test telegrams (registers 123456.789 kWh, gas 12785.123 m³) and in the
/// dsmr_parser DSMR 5 telegram (4.426 kWh, gas 0.107 m³). Fed in that order, its registers go backwards.
/// </summary>
public class GatewayLoopDiscoveryTests
{
    private const string Client = "loop";

    private static (GatewayLoop Loop, BrokerSession Mqtt, HomeAssistantPublisher Ha) Gateway(ScriptedLink line, MemoryRecordStore store, GatewayConfig? given = null)
    {
        var config = given ?? new GatewayConfig { HomeAssistant = { Enabled = true } };
        var mqtt = new BrokerSession();
        var ha = new HomeAssistantPublisher(config.HomeAssistant, config.Messages, Client, "metergateway/loop/status", "0.1.0", store);
        var loop = new GatewayLoop(config.Gateway, new PushMeterSource(line, new DsmrDecoder(), 115200, LinkParity.None, 8, false, line, config.SerialTimeout * 1000), mqtt,
            new MessageBuilder(config.Messages, TestReadings.Mac(), line), line, "metergateway/loop/status")
        {
            HomeAssistant = ha,
            StatusTopic = "metergateway/loop/health",
        };
        loop.StatusDocument = new StatusJson(loop, config.Protocol, null);
        return (loop, mqtt, ha);
    }

    private static string? State(BrokerSession mqtt, string quantity)
    {
        int i = mqtt.LastOn("metergateway/loop/" + quantity);
        return i < 0 ? null : Encoding.UTF8.GetString(mqtt.Payload(i));
    }

    [Fact]
    public void RegistersGoingBackwardsAreWithheldAndReported()
    {
        var line = Lines.Of(Corpus.Bytes("dsmr", "dsmr50_nl_iskra_mt382_openhab.txt"), Corpus.Bytes("dsmr", "dsmr50_nl_iskra_mt382.txt"));
        var (loop, mqtt, ha) = Gateway(line, new MemoryRecordStore());
        loop.Start();
        Lines.Drain(loop);

        Assert.Equal(2, loop.Status.FramesValid);
        Assert.Equal(0L, loop.Identity.Changes); // the same meter
        Assert.Equal("123456.789", State(mqtt, "tariff1_active_energy_out"));
        Assert.Equal("246913.578", State(mqtt, "sum_active_energy_out"));
        Assert.Equal("12785.123", State(mqtt, "mbus1_volume"));
        Assert.Equal("244", State(mqtt, "momentan_active_effect_out")); // instantaneous values are published
        Assert.Equal(1, mqtt.CountOn("metergateway/loop/tariff1_active_energy_out"));
        // the four tariff registers (1.8.1, 1.8.2, 2.8.1, 2.8.2), their totals out and in, and the gas volume
        Assert.Equal(7L, ha.RegistersWithheld);

        int length = loop.WriteStatus();
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(loop.StatusBuffer, 0, length));
        JsonElement status = doc.RootElement.GetProperty("homeassistant");
        Assert.True(status.GetProperty("enabled").GetBoolean());
        Assert.Equal(7, status.GetProperty("registers_withheld").GetInt64());
        Assert.Equal("mbus1_volume", status.GetProperty("last_withheld").GetString());
        Assert.Equal(ha.Announced, status.GetProperty("sensors").GetInt32());
        Assert.Equal(ha.StatesPublished, status.GetProperty("states_published").GetInt64());
    }

    [Fact]
    public void ConfigsGoOutBeforeTheFirstValuesAndAgainAfterAReconnection()
    {
        byte[] telegram = Corpus.Bytes("dsmr", "dsmr50_nl_iskra_mt382.txt");
        var line = Lines.Of(telegram);
        var store = new MemoryRecordStore();
        var (loop, mqtt, ha) = Gateway(line, store);
        loop.Start();
        Lines.Drain(loop);

        string config = "homeassistant/sensor/4B384547303034303436333935353037/voltage_l1/config";
        int announced = mqtt.LastOn(config), value = mqtt.LastOn("metergateway/loop/voltage_l1");
        Assert.True(announced >= 0 && value > announced, "config before value");
        Assert.True(mqtt.Retained(announced));
        Assert.False(mqtt.Retained(value));
        Assert.Equal(21, ha.Announced);
        Assert.Contains(config, store.Text);

        mqtt.Drop();
        line.Now += 1000;
        loop.Step(0); // reconnects (backoff is due), publishes online, the configs and the status
        Assert.Equal(2, mqtt.CountOn(config));
        Assert.Equal(2, mqtt.CountOn("metergateway/loop/health"));
    }

    [Fact]
    public void EntityNamesFollowTheLanguage()
    {
        var line = Lines.Of(Corpus.Bytes("dsmr", "dsmr50_nl_iskra_mt382.txt"));
        var config = GatewayConfig.Load("[GENERAL]\nhomeassistant = true\nlanguage = de\n");
        var (loop, mqtt, _) = Gateway(line, new MemoryRecordStore(), config);
        loop.Start();
        Lines.Drain(loop);
        string Name(string quantity)
        {
            int i = mqtt.LastOn("homeassistant/sensor/4B384547303034303436333935353037/" + quantity + "/config");
            Assert.True(i >= 0, "no config for " + quantity);
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(mqtt.Payload(i)));
            return doc.RootElement.GetProperty("name").GetString()!;
        }
        Assert.Equal("Spannung L1", Name("voltage_l1"));
        Assert.Equal("Wirkenergie Bezug Tarif 1", Name("tariff1_active_energy_out"));
        Assert.Equal("Wirkleistung Bezug", Name("momentan_active_effect_out"));
        int length = loop.WriteStatus();
        using var status = JsonDocument.Parse(Encoding.UTF8.GetString(loop.StatusBuffer, 0, length));
        Assert.Contains(status.RootElement.GetProperty("values").EnumerateArray(),
            v => v.GetProperty("quantity").GetString() == "voltage_l1" && v.GetProperty("name").GetString() == "Spannung L1");
    }
}
