using System.Text.Json;
using Xunit;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>
/// The whole product with real components: <c>metergateway simulate</c> on one end of a socat pty pair, <c>metergateway
/// run</c> on the other, a mosquitto broker started on a free loopback port, and a subscriber that decodes the VSCP
/// events and checks their values against the frames that were sent.
/// </summary>
[Collection(MeterGateway.Tests.Fixtures.RealComponentsCollection.Name)]
public class EndToEndTests
{
    // dsmr42_nl_kaifa.txt, and how each value must arrive (VSCP type, VSCP unit, digits after scaling).
    private static readonly (string Note, int Type, int Unit, string Digits)[] Kaifa =
    {
        ("Meter reading active energy out tariff 1", 13, 1, "1581.123"), // 1-0:1.8.1(001581.123*kWh)
        ("Meter reading active energy out tariff 2", 13, 1, "1435.706"), // 1-0:1.8.2(001435.706*kWh)
        ("Meter reading active energy out", 13, 1, "3016.829"),          // no 1.8.0: the exact sum of the tariffs
        ("Active effect out", 14, 0, "2027"),                            // 1-0:1.7.0(02.027*kW) in W
        ("Active effect L2 out", 14, 0, "1247"),                         // 1-0:41.7.0(01.247*kW)
        ("Current L2", 5, 0, "6"),                                       // 1-0:51.7.0(006*A)
    };

    // First SML file of EMH_eHZ361L5R.bin (tests/corpus/sml/README.md): 1-0:2.8.1 = 1103403151 × 10^-1 Wh.
    private static readonly (string Note, int Type, int Unit, string Digits)[] Hager =
    {
        ("Meter reading active energy in tariff 1", 13, 1, "110340.3151"),
    };

    [SkippableFact]
    public async Task DsmrMeterToMosquittoThroughThePty()
    {
        await using var h = await GatewayHarness.StartAsync("dsmr", 115200);
        Skip.If(h == null, GatewayHarness.Missing);
        long started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var meter = h!.StartMeter("--protocol", "dsmr", "--count", "3", "--interval", "1", Corpus.File("dsmr", "dsmr42_nl_kaifa.txt"));
        await AssertEventsAsync(h, Kaifa, 3, started);
        Assert.True(meter.WaitForExit(10000));

        // Availability is retained: a subscriber arriving now is told "online", and "offline" after a clean stop.
        Assert.True(await h.AvailabilityRetainedAsync("online"), "online is not retained");
        h.Gateway.Terminate();
        Assert.Equal(0, h.Gateway.ExitCode);
        Assert.True(await h.AvailabilityRetainedAsync("offline"), "offline is not retained after a clean stop");
    }

    // The EKM simulator's v4 meter (EkmMeterSimulator defaults): kWh_Tot 123456 and Rev_kWh_Tot 1234 with kWh_Scale 1.
    private static readonly (string Note, int Type, int Unit, string Digits)[] Omnimeter =
    {
        ("Meter reading active energy out", 13, 1, "12345.6"), // kWh_Tot → 1-0:1.8.0
        ("Meter reading active energy in", 13, 1, "123.4"),    // Rev_kWh_Tot → 1-0:2.8.0
    };

    [SkippableFact]
    public async Task EkmMeterPolledThroughThePty()
    {
        await using var h = await GatewayHarness.StartAsync("ekm", 9600, "even", 7, "[EKM]\nmeters = 300001162:4\npoll_interval = 1");
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "ekm", "--address", "300001162", "--meter-version", "4");
        await AssertEventsAsync(h, Omnimeter, 2, startedUtc: null);
    }

    // iskra_mt174_modeC_9600.meter2.bin: 1-0:1.8.0*255(0008048.375*kWh), 1-0:1.7.0*255(0.908*kW).
    private static readonly (string Note, int Type, int Unit, string Digits)[] IskraMt174 =
    {
        ("Meter reading active energy out", 13, 1, "8048.375"),
        ("Active effect out", 14, 0, "908"),
    };

    [SkippableFact]
    public async Task Iec62056MeterReadThroughThePty()
    {
        await using var h = await GatewayHarness.StartAsync("iec62056-21", 300, "even", 7, "[IEC]\nmax_baud = 9600\npoll_interval = 30");
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "iec62056-21",
            Corpus.File("iec62056-21", "iskra_mt174_modeC_9600.meter1.bin"), Corpus.File("iec62056-21", "iskra_mt174_modeC_9600.meter2.bin"));
        await AssertEventsAsync(h, IskraMt174, 1, startedUtc: null);
    }

    [SkippableFact]
    public async Task SmlMeterToMosquittoThroughThePty()
    {
        await using var h = await GatewayHarness.StartAsync("sml", 9600);
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "sml", "--count", "2", "--interval", "1", Corpus.File("sml", "EMH_eHZ361L5R.bin"));
        await AssertEventsAsync(h, Hager, 2, startedUtc: null);
    }

    // Waits for 'sets' events of every expected quantity and checks each one's class, type, unit, digits and data bytes.
    private static async Task AssertEventsAsync(GatewayHarness h, (string Note, int Type, int Unit, string Digits)[] expected, int sets, long? startedUtc)
    {
        bool all = await h.Recorder.WaitForAsync(m => expected.All(e => m.Count(x => x.Payload.Contains("\"" + e.Note + "\"")) >= sets), TimeSpan.FromSeconds(40));
        Assert.True(all, $"{sets} sets of events did not arrive; gateway said:\n" + h.GatewayLog);
        var messages = h.Recorder.Messages.ToArray();
        Assert.Contains(messages, m => m.Topic == GatewayHarness.AvailabilityTopic && m.Payload == "online");
        var events = messages.Where(m => m.Topic.StartsWith("vscp/")).Select(m => (m.Topic, Json: JsonDocument.Parse(m.Payload).RootElement)).ToList();
        foreach (var (note, type, unit, digits) in expected)
        {
            var matching = events.Where(e => e.Json.GetProperty("vscpNote").GetString() == note).ToList();
            Assert.Equal(sets, matching.Count);
            foreach (var (topic, json) in matching)
            {
                Assert.Equal(1040, json.GetProperty("vscpClass").GetInt32());
                Assert.Equal(type, json.GetProperty("vscpType").GetInt32());
                Assert.EndsWith($"/1040/{type}", topic);
                var measurement = json.GetProperty("measurement");
                Assert.Equal(digits, measurement.GetProperty("value").GetRawText());
                Assert.Equal(unit, measurement.GetProperty("unit").GetInt32());
                // vscpData = [sensor index, zone, subzone, unit, ASCII digits…, 0]
                byte[] data = json.GetProperty("vscpData").EnumerateArray().Select(b => (byte)b.GetInt32()).ToArray();
                Assert.Equal(measurement.GetProperty("sensorindex").GetInt32(), data[0]);
                Assert.Equal(unit, data[3]);
                Assert.Equal(0, data[^1]);
                Assert.Equal(digits, System.Text.Encoding.ASCII.GetString(data, 4, data.Length - 5));
                if (startedUtc is long started)
                {
                    // The simulator stamps each telegram with the current time: the event carries it.
                    long when = DateTimeOffset.Parse(json.GetProperty("vscpDateTime").GetString()!).ToUnixTimeSeconds();
                    Assert.InRange(when, started - 2, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
                }
            }
        }
    }
}
