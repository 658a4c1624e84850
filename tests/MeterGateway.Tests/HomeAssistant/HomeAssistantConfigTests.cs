using MeterGateway.Config;
using MeterGateway.Mapping;
using Xunit;

namespace MeterGateway.Tests.HomeAssistant;

/// <summary>The keys of Home Assistant discovery and the status topic: values, defaults, resolved topics and refusals.</summary>
public class HomeAssistantConfigTests
{
    [Fact]
    public void KeysAreReadAndTopicsResolved()
    {
        GatewayConfig c = GatewayConfig.Load(
            "[GENERAL]\nhomeassistant = yes\n[MQTT]\ndiscovery_prefix = ha\nstate_topic = meters/{client}/plain/{quantity}\n"
            + "status_topic = meters/{client}/gateway\nstatus_interval = 300\n");
        Assert.True(c.HomeAssistant.Enabled);
        Assert.Equal("ha", c.HomeAssistant.DiscoveryPrefix);
        Assert.Equal(300, c.Gateway.StatusInterval);
        Assert.Equal("meters/p1/plain/voltage_l2", c.HomeAssistant.StateTopicFor("p1", Quantities.Find("voltage_l2")));
        Assert.Equal("meters/p1/gateway", c.StatusTopicFor("p1"));
    }

    [Fact]
    public void Defaults()
    {
        var c = new GatewayConfig();
        Assert.False(c.HomeAssistant.Enabled);
        Assert.Equal("homeassistant", c.HomeAssistant.DiscoveryPrefix);
        Assert.Equal("metergateway/gw/sum_active_energy_out", c.HomeAssistant.StateTopicFor("gw", 0));
        Assert.Equal("metergateway/gw/health", c.StatusTopicFor("gw"));
        Assert.Equal(60, c.Gateway.StatusInterval);
    }

    [Theory]
    [InlineData("[GENERAL]\nhomeassistant = 1\n[MQTT]\nstate_topic = metergateway/{client}\n",
        "[MQTT] state_topic = \"metergateway/{client}\": needs {quantity} with homeassistant = true (one topic per quantity)")]
    [InlineData("[MQTT]\nstate_topic = m/{client}/{note}\n",
        "[MQTT] state_topic = \"m/{client}/{note}\": unknown placeholder {note} (known: {client}, {quantity}, {meter}) (line 2)")]
    [InlineData("[MQTT]\nstatus_topic = m/{quantity}\n",
        "[MQTT] status_topic = \"m/{quantity}\": unknown placeholder {quantity} (known: {client}) (line 2)")]
    [InlineData("[MQTT]\ndiscovery_prefix = home+assistant\n",
        "[MQTT] discovery_prefix = \"home+assistant\": an MQTT topic name may not contain '+', '#' or NUL (line 2)")]
    [InlineData("[MQTT]\ndiscovery_prefix = {client}\n",
        "[MQTT] discovery_prefix = \"{client}\": unknown placeholder {client} (known: none) (line 2)")]
    [InlineData("[MQTT]\nstatus_interval = 86401\n", "[MQTT] status_interval = \"86401\": out of range 0..86400 (line 2)")]
    [InlineData("[GENERAL]\nhomeassistant = maybe\n", "[GENERAL] homeassistant = \"maybe\": not a boolean (true/false, yes/no, 1/0) (line 2)")]
    public void BadValuesNameTheirKey(string text, string message)
    {
        var e = Assert.Throws<ConfigException>(() => GatewayConfig.Load(text));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void StateTopicWithoutQuantityIsFineWhileDiscoveryIsOff()
    {
        GatewayConfig c = GatewayConfig.Load("[MQTT]\nstate_topic = metergateway/{client}\n");
        Assert.False(c.HomeAssistant.Enabled);
    }
}
