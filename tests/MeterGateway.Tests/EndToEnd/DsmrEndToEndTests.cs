using System.Text.Json;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>
/// The whole product with real components: <c>metergateway simulate</c> on one end of a socat pty pair, <c>metergateway
/// run</c> on the other, a mosquitto broker started on a free loopback port, and a subscriber that decodes the VSCP
/// events and checks their values against the telegram that was sent (tests/corpus/dsmr/dsmr42_nl_kaifa.txt).
/// </summary>
public class DsmrEndToEndTests
{
    // What dsmr42_nl_kaifa.txt says, and how each value must arrive (VSCP type, VSCP unit, digits after scaling).
    private static readonly (string Note, int Type, int Unit, string Digits)[] Expected =
    {
        ("Meter reading active energy out tariff 1", 13, 1, "1581.123"), // 1-0:1.8.1(001581.123*kWh)
        ("Meter reading active energy out tariff 2", 13, 1, "1435.706"), // 1-0:1.8.2(001435.706*kWh)
        ("Meter reading active energy out", 13, 1, "3016.829"),          // no 1.8.0: the exact sum of the tariffs
        ("Active effect out", 14, 0, "2027"),                            // 1-0:1.7.0(02.027*kW) in W
        ("Active effect L2 out", 14, 0, "1247"),                         // 1-0:41.7.0(01.247*kW)
        ("Current L2", 5, 0, "6"),                                       // 1-0:51.7.0(006*A)
    };

    [SkippableFact]
    public async Task SimulatedMeterToMosquittoThroughThePty()
    {
        using var broker = MosquittoBroker.Start();
        Skip.If(broker == null, "mosquitto is not installed (apt-get install mosquitto)");
        using var pty = PtyPair.Start();
        Skip.If(pty == null, "socat is not installed (apt-get install socat)");
        await using var recorder = await MqttRecorder.StartAsync(broker!.Port);

        using var folder = new TempFolder();
        string config = folder.File("config.ini");
        File.WriteAllText(config, $"""
            [GENERAL]
            protocol = dsmr
            [MQTT]
            host = 127.0.0.1
            port = {broker.Port}
            client_id = e2e-gateway
            [SERIAL]
            serial_port = {pty!.B}
            serial_baudrate = 115200
            """);
        long started = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var gateway = MetergatewayProcess.Start("run", "-c", config, "-v");
        using var meter = MetergatewayProcess.Start("simulate", "--protocol", "dsmr", "--port", pty.A, "--count", "3",
            "--interval", "1", Corpus.File("dsmr", "dsmr42_nl_kaifa.txt"));

        bool all = await recorder.WaitForAsync(m => Expected.All(e => m.Count(x => x.Payload.Contains("\"" + e.Note + "\"")) >= 3), TimeSpan.FromSeconds(40));
        string log = string.Join('\n', gateway.Output) + string.Join('\n', gateway.Errors);
        Assert.True(all, "3 sets of events did not arrive; gateway said:\n" + log);
        Assert.True(meter.WaitForExit(10000));

        var messages = recorder.Messages.ToArray();
        Assert.Contains(messages, m => m.Topic == "metergateway/e2e-gateway/status" && m.Payload == "online");
        var events = messages.Where(m => m.Topic.StartsWith("vscp/")).Select(m => (m.Topic, Json: JsonDocument.Parse(m.Payload).RootElement)).ToList();
        foreach (var (note, type, unit, digits) in Expected)
        {
            var matching = events.Where(e => e.Json.GetProperty("vscpNote").GetString() == note).ToList();
            Assert.Equal(3, matching.Count);
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
                // The simulator stamps each telegram with the current time: the event carries it.
                long when = DateTimeOffset.Parse(json.GetProperty("vscpDateTime").GetString()!).ToUnixTimeSeconds();
                Assert.InRange(when, started - 2, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 2);
            }
        }

        // Availability is retained: a subscriber arriving now is told "online", and "offline" after a clean stop.
        await AssertRetainedAsync(broker.Port, "online");
        gateway.Terminate();
        Assert.Equal(0, gateway.ExitCode);
        await AssertRetainedAsync(broker.Port, "offline");
    }

    private static async Task AssertRetainedAsync(int port, string expected)
    {
        await using var late = await MqttRecorder.StartAsync(port, "metergateway/e2e-gateway/status");
        Assert.True(await late.WaitForAsync(m => m.Any(x => x.Payload == expected && x.Retain), TimeSpan.FromSeconds(5)),
            "availability is not retained as " + expected);
    }
}
