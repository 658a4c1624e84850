using MeterGateway.Config;
using Xunit;

namespace MeterGateway.Tests.Europe;

/// <summary>The keys of issue 9: interval, timestamp_dst, data_request (rts, gpio), [LOGGER] obis_selected, [DOMOTICZ], send_demand.</summary>
public class EuropeConfigTests
{
    [Fact]
    public void KeysAreRead()
    {
        GatewayConfig c = GatewayConfig.Load("""
            [GENERAL]
            interval = 10
            timestamp_dst = FLAG
            send_demand = no
            [SERIAL]
            data_request = gpio:gpiochip0:26
            [LOGGER]
            obis_selected = 1-0:1.8.1, 1-0:1.8.2
            [DOMOTICZ]
            topic = home/domoticz/in
            idx_electricity = 42
            idx_gas = 43
            """);
        Assert.Equal(10, c.Gateway.Interval);
        Assert.True(c.TimestampDstFlag);
        Assert.False(c.Messages.Send[(int)MeterGateway.Mapping.SendGroup.Demand]);
        Assert.Equal(DataRequestMode.Gpio, c.DataRequest);
        Assert.Equal("/dev/gpiochip0", c.DataRequestGpioChip);
        Assert.Equal(26, c.DataRequestGpioLine);
        Assert.Equal("1-0:1.8.1, 1-0:1.8.2", c.ObisSelected);
        Assert.Equal("home/domoticz/in", c.Domoticz.Topic);
        Assert.Equal(42, c.Domoticz.IdxElectricity);
        Assert.Equal(43, c.Domoticz.IdxGas);
    }

    [Theory]
    [InlineData("none", DataRequestMode.None, "", 0)]
    [InlineData("RTS", DataRequestMode.Rts, "", 0)]
    [InlineData("gpio:0:26", DataRequestMode.Gpio, "/dev/gpiochip0", 26)]
    [InlineData("gpio:gpiochip4:17", DataRequestMode.Gpio, "/dev/gpiochip4", 17)]
    [InlineData("gpio:/dev/gpiochip1:0", DataRequestMode.Gpio, "/dev/gpiochip1", 0)]
    public void DataRequestForms(string value, DataRequestMode mode, string chip, int line)
    {
        GatewayConfig c = GatewayConfig.Load("[SERIAL]\ndata_request = " + value);
        Assert.Equal(mode, c.DataRequest);
        Assert.Equal(chip, c.DataRequestGpioChip);
        Assert.Equal(line, c.DataRequestGpioLine);
    }

    [Theory]
    [InlineData("[GENERAL]\ninterval = -1", "[GENERAL] interval = \"-1\": out of range 0..86400 (line 2)")]
    [InlineData("[GENERAL]\ninterval = 1.5", "[GENERAL] interval = \"1.5\": not a number 0..86400 (line 2)")]
    [InlineData("[GENERAL]\ntimestamp_dst = sweden", "[GENERAL] timestamp_dst = \"sweden\": not one of calendar, flag (line 2)")]
    [InlineData("[SERIAL]\ndata_request = dtr", "[SERIAL] data_request = \"dtr\": not one of none, rts, gpio:CHIP:LINE (e.g. gpio:gpiochip0:26) (line 2)")]
    [InlineData("[SERIAL]\ndata_request = gpio:26", "[SERIAL] data_request = \"gpio:26\": not gpio:CHIP:LINE (e.g. gpio:gpiochip0:26; LINE 0..1023) (line 2)")]
    [InlineData("[SERIAL]\ndata_request = gpio:gpiochip0:x", "[SERIAL] data_request = \"gpio:gpiochip0:x\": not gpio:CHIP:LINE (e.g. gpio:gpiochip0:26; LINE 0..1023) (line 2)")]
    [InlineData("[SERIAL]\ndata_request = gpio:gpiochip0:5000", "[SERIAL] data_request = \"gpio:gpiochip0:5000\": not gpio:CHIP:LINE (e.g. gpio:gpiochip0:26; LINE 0..1023) (line 2)")]
    [InlineData("[LOGGER]\nobis_selected = 1-0:1.8.1, 1.8.2", "[LOGGER] obis_selected = \"1-0:1.8.1, 1.8.2\": \"1.8.2\" is not an OBIS code A-B:C.D.E (line 1) (line 2)")]
    [InlineData("[LOGGER]\nobis = 1-0:1.8.1", "[LOGGER] obis = \"1-0:1.8.1\": unknown key (line 2)")]
    [InlineData("[DOMOTICZ]\ntopic = domoticz/#", "[DOMOTICZ] topic = \"domoticz/#\": an MQTT topic name may not contain '+', '#' or NUL (line 2)")]
    [InlineData("[DOMOTICZ]\ntopic =", "[DOMOTICZ] topic = \"\": may not be empty (line 2)")]
    [InlineData("[DOMOTICZ]\nidx_gas = -3", "[DOMOTICZ] idx_gas = \"-3\": out of range 0..999999999 (line 2)")]
    public void BadValuesNameTheirKey(string text, string message)
    {
        ConfigException e = Assert.Throws<ConfigException>(() => GatewayConfig.Load(text));
        Assert.Equal(message, e.Message);
    }

    /// <summary>A value not starting with a digit is a file path: it is not checked when the configuration is read.</summary>
    [Fact]
    public void ObisSelectedFilePathIsKeptForTheHost()
    {
        Assert.Equal("logs/ObisSelected", GatewayConfig.Load("[LOGGER]\nobis_selected = logs/ObisSelected").ObisSelected);
    }
}
