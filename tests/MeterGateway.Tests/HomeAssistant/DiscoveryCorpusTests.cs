using System.Text.Json;
using Xunit;
using MeterGateway.Tests.Shared.Health;

namespace MeterGateway.Tests.HomeAssistant;

/// <summary>
/// Home Assistant discovery configs for real captures (tests/corpus), checked key by key: device class, state class,
/// unit, unique id, state topic, availability, device. The allowed device class / unit / state class combinations are
/// Home Assistant's (home-assistant/core <c>homeassistant/components/sensor/const.py</c>, <c>DEVICE_CLASS_UNITS</c> and
/// <c>DEVICE_CLASS_STATE_CLASSES</c>; reactive_energy from home-assistant/core#143941).
/// </summary>
public class DiscoveryCorpusTests
{
    private static readonly Dictionary<string, (string?[] Units, string[] StateClasses)> Allowed = new()
    {
        ["energy"] = (new string?[] { "Wh", "kWh", "MWh", "GJ", "MJ", "J", "kJ" }, new[] { "total", "total_increasing" }),
        ["reactive_energy"] = (new string?[] { "varh", "kvarh" }, new[] { "total", "total_increasing" }),
        ["power"] = (new string?[] { "W", "kW", "MW" }, new[] { "measurement" }),
        ["reactive_power"] = (new string?[] { "var", "kvar" }, new[] { "measurement" }),
        ["voltage"] = (new string?[] { "V", "mV", "kV" }, new[] { "measurement" }),
        ["current"] = (new string?[] { "A", "mA" }, new[] { "measurement" }),
        ["power_factor"] = (new string?[] { null, "%" }, new[] { "measurement" }),
        ["frequency"] = (new string?[] { "Hz", "kHz" }, new[] { "measurement" }),
        ["gas"] = (new string?[] { "m³", "ft³", "CCF" }, new[] { "total", "total_increasing" }),
        ["water"] = (new string?[] { "m³", "L", "ft³", "CCF", "gal" }, new[] { "total", "total_increasing" }),
    };

    private static string S(JsonElement e, string key) => e.GetProperty(key).GetString()!;

    private static void AssertSensor(JsonElement config, string deviceClass, string stateClass, string? unit)
    {
        Xunit.Assert.Equal(deviceClass, S(config, "device_class"));
        Xunit.Assert.Equal(stateClass, S(config, "state_class"));
        if (unit == null) Xunit.Assert.False(config.TryGetProperty("unit_of_measurement", out _), "no unit expected");
        else Xunit.Assert.Equal(unit, S(config, "unit_of_measurement"));
    }

    private static void AssertCommon(JsonElement config, string node, string quantity)
    {
        Xunit.Assert.Equal(node + "_" + quantity, S(config, "unique_id"));
        Xunit.Assert.Equal("metergateway/" + DiscoveryRun.Client + "/" + quantity, S(config, "state_topic"));
        Xunit.Assert.Equal(DiscoveryRun.Availability, S(config, "availability_topic"));
        Xunit.Assert.Equal("online", S(config, "payload_available"));
        Xunit.Assert.Equal("offline", S(config, "payload_not_available"));
        Xunit.Assert.Equal("MeterGateway", S(config.GetProperty("origin"), "name"));
        Xunit.Assert.Equal("0.1.0", S(config.GetProperty("origin"), "sw_version"));
    }

    private static void AssertDevice(JsonElement config, string node, string name, string? manufacturer, string? model, string? serial, string? via)
    {
        JsonElement device = config.GetProperty("device");
        Xunit.Assert.Equal(new[] { node }, device.GetProperty("identifiers").EnumerateArray().Select(x => x.GetString()).ToArray());
        Xunit.Assert.Equal(name, S(device, "name"));
        Optional(device, "manufacturer", manufacturer);
        Optional(device, "model", model);
        Optional(device, "serial_number", serial);
        Optional(device, "via_device", via);
    }

    private static void Optional(JsonElement e, string key, string? expected)
    {
        if (expected == null) Xunit.Assert.False(e.TryGetProperty(key, out _), key + " not expected");
        else Xunit.Assert.Equal(expected, S(e, key));
    }

    [Fact]
    public void IskraMt382Dsmr5WithGasMeter()
    {
        // corpus dsmr50_nl_iskra_mt382.txt (ndokter/dsmr_parser TELEGRAM_V5): Iskra MT382, gas meter on M-Bus 1
        var run = DiscoveryRun.Of(DiscoveryRun.Dsmr("dsmr50_nl_iskra_mt382.txt"));
        const string meter = "4B384547303034303436333935353037", gas = "3232323241424344313233343536373839";
        var configs = run.Configs();
        Xunit.Assert.Equal(21, configs.Count);
        Xunit.Assert.True(configs.ContainsKey("homeassistant/sensor/" + meter + "/tariff1_active_energy_out/config"));

        JsonElement import = run.Config("sum_active_energy_out");
        AssertCommon(import, meter, "sum_active_energy_out");
        AssertSensor(import, "energy", "total_increasing", "kWh");
        Xunit.Assert.Equal("Meter reading active energy out", S(import, "name"));
        AssertDevice(import, meter, "Iskraemeco MT382-1000", "Iskraemeco", "MT382-1000", "K8EG004046395507", null);
        Xunit.Assert.Equal("6.825", run.State("sum_active_energy_out")); // 4.426 + 2.399, the total DSMR 5 does not send

        AssertSensor(run.Config("tariff2_active_energy_in"), "energy", "total_increasing", "kWh");
        Xunit.Assert.Equal("0.000", run.State("tariff2_active_energy_in"));
        AssertSensor(run.Config("momentan_active_effect_out"), "power", "measurement", "W");
        Xunit.Assert.Equal("244", run.State("momentan_active_effect_out")); // 00.244 kW
        AssertSensor(run.Config("momentan_active_effect_l3_out"), "power", "measurement", "W");
        Xunit.Assert.Equal("142", run.State("momentan_active_effect_l3_out"));
        AssertSensor(run.Config("voltage_l3"), "voltage", "measurement", "V");
        Xunit.Assert.Equal("229.0", run.State("voltage_l3"));
        AssertSensor(run.Config("current_l3"), "current", "measurement", "A");
        Xunit.Assert.Equal("0.86", run.State("current_l3"));

        JsonElement volume = run.Config("mbus1_volume");
        AssertCommon(volume, gas, "mbus1_volume");
        AssertSensor(volume, "gas", "total_increasing", "m³");
        AssertDevice(volume, gas, "Gas meter (M-Bus 1)", null, null, "2222ABCD123456789", meter);
        Xunit.Assert.Equal("0.107", run.State("mbus1_volume"));
    }

    [Fact]
    public void FluviusGasAndWaterMeters()
    {
        // corpus emucs171_be_fluvius.txt (ndokter/dsmr_parser TELEGRAM_FLUVIUS_V171): gas 0-1:24.2.3 type 3, water 0-2:24.2.1 type 7
        var run = DiscoveryRun.Of(DiscoveryRun.Dsmr("emucs171_be_fluvius.txt"));
        const string meter = "3153414733313031303231363035";
        AssertDevice(run.Config("tariff2_active_energy_out"), meter, "FLU 53769484_A", "FLU", "53769484_A", "1SAG3101021605", null);

        JsonElement gas = run.Config("mbus1_volume");
        AssertSensor(gas, "gas", "total_increasing", "m³");
        AssertDevice(gas, "37464C4F32313139303333373333", "Gas meter (M-Bus 1)", null, null, "7FLO2119033733", meter);
        Xunit.Assert.Equal("112.384", run.State("mbus1_volume"));

        JsonElement water = run.Config("mbus2_volume");
        AssertCommon(water, "3853414731323334353637383930", "mbus2_volume");
        AssertSensor(water, "water", "total_increasing", "m³");
        AssertDevice(water, "3853414731323334353637383930", "Water meter (M-Bus 2)", null, null, "8SAG1234567890", meter);
        Xunit.Assert.Equal("872.234", run.State("mbus2_volume"));
    }

    [Fact]
    public void WarmtelinkHeatInGigajoules()
    {
        // corpus dsmr50_nl_warmtelink_heat_unpadded_crc.txt: heat interface, 0-1:24.2.1 240.860 GJ, device type 4
        var run = DiscoveryRun.Of(DiscoveryRun.Dsmr("dsmr50_nl_warmtelink_heat_unpadded_crc.txt"));
        JsonElement heat = run.Config("mbus1_heat");
        AssertCommon(heat, "621848012D2C0B0C", "mbus1_heat");
        AssertSensor(heat, "energy", "total_increasing", "GJ");
        AssertDevice(heat, "621848012D2C0B0C", "Heat meter (M-Bus 1)", null, null, "621848012D2C0B0C", "ADC3100000158491");
        Xunit.Assert.Equal("240.860", run.State("mbus1_heat"));
        Xunit.Assert.Single(run.Configs());
    }

    [Fact]
    public void SwedishMeterWithoutIdIsTheGatewaysMeter()
    {
        // corpus se_landisgyr_e360_ell5_a.txt: Swedish HAN port, no equipment id (privacy), reactive energy and power
        var run = DiscoveryRun.Of(DiscoveryRun.Dsmr("se_landisgyr_e360_ell5_a.txt"));
        const string node = DiscoveryRun.Client;
        JsonElement reactive = run.Config("sum_reactive_energy_out");
        AssertCommon(reactive, node, "sum_reactive_energy_out");
        AssertSensor(reactive, "reactive_energy", "total_increasing", "kvarh");
        AssertDevice(reactive, node, "ELL 53833635_A", "ELL", "53833635_A", null, null);
        AssertSensor(run.Config("momentan_reactive_effect_out"), "reactive_power", "measurement", "var");
        AssertSensor(run.Config("momentan_reactive_effect_l2_in"), "reactive_power", "measurement", "var");
        AssertSensor(run.Config("sum_active_energy_in"), "energy", "total_increasing", "kWh");
    }

    [Fact]
    public void SmlEmhMeter()
    {
        // corpus sml/EMH_eHZ-HW8E2A5L0EK2P_2.bin: 1-0:1.8.0 = 13312484.9 Wh, manufacturer 129-129:199.130.3 = EMH
        var run = DiscoveryRun.Of(DiscoveryRun.Sml("EMH_eHZ-HW8E2A5L0EK2P_2.bin"));
        const string node = "06454D48010271582051"; // 1-0:0.0.9, the server id
        JsonElement import = run.Config("sum_active_energy_out");
        AssertCommon(import, node, "sum_active_energy_out");
        AssertSensor(import, "energy", "total_increasing", "kWh");
        AssertDevice(import, node, "EMH metering electricity meter", "EMH metering", null, node, null);
        Xunit.Assert.Equal("13312.4849", run.State("sum_active_energy_out"));
        AssertSensor(run.Config("tariff1_active_energy_out"), "energy", "total_increasing", "kWh");
        AssertSensor(run.Config("momentan_active_effect_abs"), "power", "measurement", "W");
        Xunit.Assert.Equal("139.4", run.State("momentan_active_effect_abs")); // 1-0:15.7.0
        Xunit.Assert.Equal(4, run.Configs().Count); // 1.8.0, 1.8.1, 1.8.2, 15.7.0
    }

    [Fact]
    public void SmlHolleyMeterWithVoltagesCurrentsAndFrequency()
    {
        // corpus sml/HOLLEY_DTZ541-ZDBA.bin: 1-0:96.50.1*1 = HLY, 1-0:96.1.0 server id, 32/52/72.7.0 V, 31/51/71.7.0 A, 14.7.0 Hz
        var run = DiscoveryRun.Of(DiscoveryRun.Sml("HOLLEY_DTZ541-ZDBA.bin"));
        const string node = "0A01484C59020003A910";
        AssertDevice(run.Config("voltage_l1"), node, "Holley Metering electricity meter", "Holley Metering", null, node, null);
        AssertSensor(run.Config("voltage_l1"), "voltage", "measurement", "V");
        Xunit.Assert.Equal("232.3", run.State("voltage_l1"));
        AssertSensor(run.Config("current_l2"), "current", "measurement", "A");
        Xunit.Assert.Equal("1.74", run.State("current_l2"));
        AssertSensor(run.Config("frequency"), "frequency", "measurement", "Hz");
        Xunit.Assert.Equal("50.0", run.State("frequency"));
        AssertSensor(run.Config("sum_active_energy_in"), "energy", "total_increasing", "kWh");
        Xunit.Assert.Equal("314.9260", run.State("sum_active_energy_in")); // 314926.0 Wh
        Xunit.Assert.Equal("177.3601", run.State("sum_active_energy_out")); // 0 + 177360.1 Wh: the tariff total
        AssertSensor(run.Config("momentan_active_effect_net"), "power", "measurement", "W");
        Xunit.Assert.Equal("460", run.State("momentan_active_effect_net")); // 1-0:16.7.0, import minus export
    }

    [Fact]
    public void IecIskraMt174ModeC()
    {
        // corpus iec62056-21/iskra_mt174_modeC_9600 (Apollon77/smartmeter-obis): /ISk5MT174-0001, 0-0:96.1.0(63355730),
        // 1.8.0 = 8048.375 kWh, 1.7.0 = 0.908 kW
        var run = DiscoveryRun.Of(DiscoveryRun.Iec("iskra_mt174_modeC_9600"));
        const string node = "63355730";
        JsonElement import = run.Config("sum_active_energy_out");
        AssertCommon(import, node, "sum_active_energy_out");
        AssertSensor(import, "energy", "total_increasing", "kWh");
        AssertDevice(import, node, "Iskraemeco MT174-0001", "Iskraemeco", "MT174-0001", node, null);
        Xunit.Assert.Equal("8048.375", run.State("sum_active_energy_out"));
        AssertSensor(run.Config("tariff1_active_energy_out"), "energy", "total_increasing", "kWh");
        AssertSensor(run.Config("momentan_active_effect_out"), "power", "measurement", "W");
        Xunit.Assert.Equal("908", run.State("momentan_active_effect_out"));
        // 1.8.0, 2.8.0, 1.8.1..1.8.4, 2.8.1..2.8.4, 1.7.0, 2.7.0, and the maximum demand 1.6.0 (a power: measurement)
        Xunit.Assert.Equal(13, run.Configs().Count);
        AssertSensor(run.Config("tariff4_active_energy_in"), "energy", "total_increasing", "kWh");
        AssertSensor(run.Config("max_demand_active_effect_out"), "power", "measurement", "W");
        Xunit.Assert.Equal("2468", run.State("max_demand_active_effect_out"));
    }

    [Fact]
    public void IecEmhPushWithoutUnitsAnnouncesNothing()
    {
        // corpus iec62056-21/emh_ehz_modeD_push: 1-0:1.8.1(032942.0231) has no unit, so it is not published with a guessed one
        var run = DiscoveryRun.Of(DiscoveryRun.Iec("emh_ehz_modeD_push"));
        Xunit.Assert.Empty(run.Configs());
        Xunit.Assert.Equal("EMH metering", run.Identity.Manufacturer);
        Xunit.Assert.Equal("331200-5009810", run.Identity.EquipmentId); // 1-0:0.0.0, the device address
    }

    public static IEnumerable<object[]> Captures() =>
        Directory.GetFiles(Corpus.Folder("dsmr"), "*.txt").Where(f => !f.EndsWith(".expected.txt", StringComparison.Ordinal))
            .Select(f => new object[] { "dsmr", Path.GetFileName(f) })
            .Concat(Directory.GetFiles(Corpus.Folder("sml"), "*.bin").Select(f => new object[] { "sml", Path.GetFileName(f) }))
            .Concat(Directory.GetFiles(Corpus.Folder("iec62056-21"), "*.transcript.txt")
                .Select(f => new object[] { "iec62056-21", Path.GetFileName(f).Replace(".transcript.txt", "", StringComparison.Ordinal) }))
            .OrderBy(x => (string)x[1], StringComparer.Ordinal);

    /// <summary>
    /// Every capture with a valid frame: each config has a device class, state class and unit Home Assistant accepts
    /// together, registers are total_increasing, and a second run (a restart) gives the same topics and unique ids.
    /// </summary>
    [Theory]
    [MemberData(nameof(Captures))]
    public void EveryCaptureGivesConfigsHomeAssistantAccepts(string protocol, string capture)
    {
        MeterGateway.Readings.ReadingSet set;
        try
        {
            set = protocol switch
            {
                "dsmr" => DiscoveryRun.Dsmr(capture, lenient: true),
                "sml" => DiscoveryRun.Sml(capture),
                _ => DiscoveryRun.Iec(capture),
            };
        }
        catch (Xunit.Sdk.XunitException)
        {
            return; // no valid frame in this capture (damaged on purpose)
        }
        var first = DiscoveryRun.Of(set).Configs();
        foreach (var (topic, config) in first)
        {
            string deviceClass = S(config, "device_class"), stateClass = S(config, "state_class");
            string? unit = config.TryGetProperty("unit_of_measurement", out var u) ? u.GetString() : null;
            Xunit.Assert.True(Allowed.ContainsKey(deviceClass), topic + ": " + deviceClass);
            Xunit.Assert.Contains(unit, Allowed[deviceClass].Units);
            Xunit.Assert.Contains(stateClass, Allowed[deviceClass].StateClasses);
            string[] parts = topic.Split('/');
            Xunit.Assert.Equal(5, parts.Length);
            Xunit.Assert.Matches("^[a-zA-Z0-9_-]+$", parts[2]);
            Xunit.Assert.Equal(parts[2] + "_" + parts[3], S(config, "unique_id"));
        }
        var again = DiscoveryRun.Of(set).Configs();
        Xunit.Assert.Equal(first.Keys.OrderBy(k => k, StringComparer.Ordinal), again.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var topic in first.Keys) Xunit.Assert.Equal(S(first[topic], "unique_id"), S(again[topic], "unique_id"));
    }

    [Fact]
    public void TwoTelegramsOfOneMeterShareTheirIds()
    {
        // the same Iskra MT382 (0-0:96.1.1 4B38…) in a DSMR 4.0 and a DSMR 5.0 capture
        var dsmr4 = DiscoveryRun.Of(DiscoveryRun.Dsmr("dsmr40_nl_iskra_mt382_openhab.txt")).Config("tariff1_active_energy_out");
        var dsmr5 = DiscoveryRun.Of(DiscoveryRun.Dsmr("dsmr50_nl_iskra_mt382.txt")).Config("tariff1_active_energy_out");
        Xunit.Assert.Equal(S(dsmr5, "unique_id"), S(dsmr4, "unique_id"));
    }

    [Fact]
    public void ARestartWithTheRecordRemovesNothingAndKeepsTheTopics()
    {
        var store = new MemoryRecordStore();
        var set = DiscoveryRun.Dsmr("dsmr42_nl_kaifa.txt");
        var first = DiscoveryRun.Of(set, store);
        string recorded = store.Text!;
        var second = DiscoveryRun.Of(set, store);
        Xunit.Assert.Equal(first.Configs().Keys.OrderBy(k => k, StringComparer.Ordinal), second.Configs().Keys.OrderBy(k => k, StringComparer.Ordinal));
        for (int i = 0; i < second.Mqtt.Count; i++) Xunit.Assert.True(second.Mqtt.Length(i) > 0, "removed " + second.Mqtt.Topic(i));
        Xunit.Assert.Equal(recorded, store.Text);
        // an id that is not hex-encoded ASCII is kept as sent
        AssertDevice(second.Config("mbus1_volume"), "4819243993373755377509728609491464", "Gas meter (M-Bus 1)", null, null,
            "4819243993373755377509728609491464", "3960221976967177082151037881335713");
    }
}
