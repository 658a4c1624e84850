using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using MeterGateway.Host.Storage;
using MeterGateway.Tests.Fixtures;
using MQTTnet;
using Xunit;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>
/// EKM on the host with real components: <c>metergateway simulate --protocol ekm</c> on one end of a socat pty pair,
/// and on the other <c>metergateway read --protocol ekm</c> (JSON lines, CSV, SQLite) or <c>metergateway run</c>
/// (reads stored with --db, setting commands over MQTT through mosquitto, replies checked, the simulated meter's
/// settings read back).
/// </summary>
[Collection(MeterGateway.Tests.Fixtures.RealComponentsCollection.Name)]
public class EkmHostTests
{
    private const string Address = "000300001162";
    private const string AdminToken = "e2e-admin-token-7";

    [SkippableTheory]
    [InlineData(4)]
    [InlineData(3)]
    public void ReadOnceThroughThePty(int version)
    {
        using var meter = new SimulatedMeter(version);
        using var folder = new TempFolder();

        var (code, output, errors) = MetergatewayProcess.Run("read", "--protocol", "ekm", "--port", meter.Port, "--address", Address,
            "--meter-version", version.ToString(), "--db", folder.File("reads.db"), "--csv", folder.File("reads.csv"));
        Assert.True(code == 0, errors);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        using var json = JsonDocument.Parse(lines[0]);
        var root = json.RootElement;
        Assert.Equal("ekm", root.GetProperty("protocol").GetString());
        Assert.True(root.GetProperty("valid").GetBoolean());
        var readings = root.GetProperty("readings").EnumerateArray().ToDictionary(r => r.GetProperty("obis").GetString()!);
        Assert.Equal("12345.6", readings["1-0:1.8.0"].GetProperty("value").GetRawText()); // kWh_Tot
        Assert.Equal("kWh", readings["1-0:1.8.0"].GetProperty("unit").GetString());
        Assert.Equal(Address, readings["0-0:96.1.0"].GetProperty("text").GetString()); // Meter_Address
        Assert.Equal("EKM Metering", root.GetProperty("manufacturer").GetString());
        Assert.Equal(version == 4 ? "Omnimeter Pulse v.4" : "OmniMeter I v.3", root.GetProperty("model").GetString());
        string model = version == 4 ? "Omnimeter Pulse v.4" : "OmniMeter I v.3";
        Assert.Contains($"1-0:1.8.0,Active energy import total,12345.6,kWh,EKM Metering,{model}\r\n", File.ReadAllText(folder.File("reads.csv")));

        using var store = new EkmReadStore(folder.File("reads.db"));
        var read = Assert.Single(store.ReadSince(0));
        Assert.Equal(Address, read.MeterAddress);
        Assert.Equal("12345.6", read.Fields.Single(f => f.Name == "kWh_Tot").Value);
        Assert.Equal(255 * 2, read.RawA.Length);
        Assert.Equal(version == 4 ? 255 * 2 : 0, read.RawB.Length);
    }

    [SkippableTheory]
    [InlineData(4)]
    [InlineData(3)]
    public void ReadAndExportAsXmlWithEkmFieldNames(int version)
    {
        using var meter = new SimulatedMeter(version);
        using var folder = new TempFolder();

        var (code, output, errors) = MetergatewayProcess.Run("read", "--protocol", "ekm", "--port", meter.Port, "--address", Address,
            "--meter-version", version.ToString(), "--format", "xml", "--db", folder.File("reads.db"), "--csv", folder.File("reads.csv"));
        Assert.True(code == 0, errors);
        var read = Assert.Single(XDocument.Parse(output).Root!.Elements());
        Assert.Equal("Meter_Reads", read.Parent!.Name.LocalName);
        Assert.Equal("Meter_Read", read.Name.LocalName);
        var names = read.Elements().Select(e => e.Name.LocalName).ToList();
        // Meter_Address, the time of the read, then the fields in EkmFields.Published order, each once.
        Assert.Equal(new[] { "Meter_Address", "Time_Stamp", "Time", "Model", "Firmware", "Meter_Time", "kWh_Tot" }, names.Take(7));
        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.Equal(Address, read.Element("Meter_Address")!.Value);
        Assert.Equal("12345.6", read.Element("kWh_Tot")!.Value);
        Assert.Equal("230.1", read.Element("RMS_Volts_Ln_1")!.Value);
        Assert.Equal("5.2", read.Element("Amps_Ln_1")!.Value);
        Assert.Equal("0.95", read.Element("Cos_Theta_Ln_1")!.Value);
        Assert.Equal("24011501142530", read.Element("Meter_Time")!.Value);
        Assert.Equal("200", read.Element("CT_Ratio")!.Value);
        long stamp = long.Parse(read.Element("Time_Stamp")!.Value);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(stamp).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'"), read.Element("Time")!.Value);
        string csv = File.ReadAllText(folder.File("reads.csv"));
        string model = version == 4 ? "Omnimeter Pulse v.4" : "OmniMeter I v.3";
        if (version == 4)
        {
            Assert.Equal("800", read.Element("Pulse_Output_Ratio")!.Value); // in every v4 read (V4 B, offset 173)
            Assert.Equal("2870", read.Element("Net_Calc_Watts_Tot")!.Value);
            Assert.Equal("4115.2", read.Element("kWh_Ln_1")!.Value);
            Assert.Equal("00", read.Element("Meter_Status_Code_A")!.Value);
            Assert.Null(read.Element("Meter_Status_Code"));
            Assert.Contains($",1-0:128.0.64,Pulse_Output_Ratio,800,,EKM Metering,{model}\r\n", csv);
            Assert.Contains($",1-0:128.0.76,Meter_Status_Code_A,00,,EKM Metering,{model}\r\n", csv);
        }
        else
        {
            Assert.Equal("00", read.Element("Meter_Status_Code")!.Value);
            Assert.Null(read.Element("Pulse_Output_Ratio")); // a v4 field
            Assert.Null(read.Element("kWh_Ln_1"));
            Assert.Contains($",1-0:128.0.75,Meter_Status_Code,00,,EKM Metering,{model}\r\n", csv);
        }

        // export gives the stored read back in the same shape, with the raw replies when asked.
        var (exported, xml, why) = MetergatewayProcess.Run("export", "--db", folder.File("reads.db"), "--since", "0", "--format", "xml", "--raw");
        Assert.True(exported == 0, why);
        var stored = Assert.Single(XDocument.Parse(xml).Root!.Elements("Meter_Read"));
        Assert.Equal(names.Concat(new[] { "Raw_A", "Raw_B" }), stored.Elements().Select(e => e.Name.LocalName));
        Assert.All(read.Elements(), e => Assert.Equal(e.Value, stored.Element(e.Name)!.Value));
        Assert.Equal(255 * 2, stored.Element("Raw_A")!.Value.Length);
        Assert.Equal(version == 4 ? 255 * 2 : 0, stored.Element("Raw_B")!.Value.Length);
        Assert.Equal(2, MetergatewayProcess.Run("read", "--protocol", "iec62056-21", "--port", meter.Port, "--format", "xml").ExitCode);
    }

    [SkippableTheory]
    [InlineData(4, "Omnimeter v4 (it answered the v4 request)", "Omnimeter Pulse v.4")]
    [InlineData(3, "Omnimeter v3 (it did not answer the v4 request as a v4 meter)", "OmniMeter I v.3")]
    public void ReadWithoutMeterVersionFindsIt(int version, string found, string model)
    {
        using var meter = new SimulatedMeter(version);
        var (code, output, errors) = MetergatewayProcess.Run("read", "--protocol", "ekm", "--port", meter.Port, "--address", Address);
        Assert.True(code == 0, errors);
        Assert.Contains($"metergateway: meter {Address}: {found}", errors);
        using var json = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Single());
        Assert.Equal(model, json.RootElement.GetProperty("model").GetString());
        var readings = json.RootElement.GetProperty("readings").EnumerateArray().ToDictionary(r => r.GetProperty("obis").GetString()!);
        Assert.Equal("12345.6", readings["1-0:1.8.0"].GetProperty("value").GetRawText());
        if (version == 4) Assert.Equal("4115.2", readings["1-0:21.8.0"].GetProperty("value").GetRawText()); // kWh_Ln_1 (v4 only)
        else Assert.False(readings.ContainsKey("1-0:21.8.0"));
    }

    [SkippableFact]
    public void V4SettingsAreRefusedForAV3MeterBeforeAnythingIsSent()
    {
        using var pty = PtyPair.Start();
        Skip.If(pty == null, "socat is not installed (apt-get install socat)");
        using var reader = new MeterGateway.Host.Serial.SerialMeterLink(pty!.A);
        reader.Open(9600, MeterGateway.Link.LinkParity.Even, 7);
        foreach (var (setting, values) in new[] { ("relay", new[] { "1", "open" }), ("pulse-output-ratio", new[] { "800" }), ("lcd", new[] { "kWh_Tot" }) })
        {
            var args = new[] { "ekm", "--port", pty.B, "--address", "300001162", "--meter-version", "3", "--password", "00000000", setting }.Concat(values).ToArray();
            var (code, _, errors) = MetergatewayProcess.Run(args);
            Assert.Equal(2, code);
            Assert.Contains($"ekm {setting}: a v4 setting; an Omnimeter v3 (--meter-version 3) does not have it, nothing was sent", errors);
        }
        var buffer = new byte[64];
        Assert.Equal(0, reader.Read(buffer, 0, buffer.Length, 500)); // not one byte reached the line
        // A setting both generations have goes out to a v3 meter (here none answers: exit 1 after trying).
        var (tried, _, why) = MetergatewayProcess.Run("ekm", "--port", pty.B, "--address", "300001162", "--meter-version", "3", "--password", "00000000", "ct-ratio", "400");
        Assert.Equal(1, tried);
        Assert.True(reader.Read(buffer, 0, buffer.Length, 2000) > 0, why);
        reader.Close();
    }

    [SkippableFact]
    public void ReadWithoutAnswerFailsAndBadOptionsAreUsageErrors()
    {
        using var pty = PtyPair.Start();
        Skip.If(pty == null, "socat is not installed (apt-get install socat)");
        var (code, _, errors) = MetergatewayProcess.Run("read", "--protocol", "ekm", "--port", pty!.B, "--address", Address);
        Assert.Equal(1, code);
        Assert.Contains("no reply from the meter", errors);
        Assert.Equal(2, MetergatewayProcess.Run("read", "--protocol", "ekm", "--port", pty.B, "--meter-version", "5").ExitCode);
        Assert.Equal(2, MetergatewayProcess.Run("read", "--protocol", "ekm", "--port", pty.B, "--address", "12x").ExitCode);
        Assert.Equal(2, MetergatewayProcess.Run("read", "--protocol", "iec62056-21", "--port", pty.B, "--db", "x.db").ExitCode);
    }

    [SkippableFact]
    public async Task RunStoresEveryReadAndRefusesCommandsWithoutMeterPassword()
    {
        using var folder = new TempFolder();
        string db = folder.File("run.db");
        using var logs = new TempFolder();
        await using var h = await GatewayHarness.StartAsync("ekm", 9600, "even", 7,
            $"[EKM]\nmeters = 300001162:4\npoll_interval = 1\n[DEVICE]\nadmin_password = {AdminToken}", "--db", db, "--log-dir", logs.Path);
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "ekm", "--address", "300001162", "--meter-version", "4");
        Assert.True(await h.Recorder.WaitForAsync(m => m.Count(x => x.Payload.Contains("\"Meter reading active energy out\"")) >= 2, TimeSpan.FromSeconds(40)),
            "no events; gateway said:\n" + h.GatewayLog);

        // Commands are off: nothing is subscribed, so neither a command nor a hostile message gets a reply or crashes run.
        Assert.Contains(h.Gateway.Output, l => l.Contains("EKM setting commands over MQTT are off"));
        await PublishCommandAsync(h, Encoding.UTF8.GetBytes($$"""{"token":"{{AdminToken}}","setting":"ct-ratio","values":["400"]}"""));
        await PublishCommandAsync(h, Convert.FromHexString("7b2273657474696e67223a22c3227d"));
        await PublishCommandAsync(h, Encoding.UTF8.GetBytes("""{"setting":"\ud800"}"""));
        int events = h.Recorder.Messages.Count(x => x.Payload.Contains("\"Meter reading active energy out\""));
        Assert.True(await h.Recorder.WaitForAsync(m => m.Count(x => x.Payload.Contains("\"Meter reading active energy out\"")) >= events + 2, TimeSpan.FromSeconds(20)),
            "the gateway stopped reading; it said:\n" + h.GatewayLog);
        Assert.True(h.Gateway.Running, h.GatewayLog);
        Assert.DoesNotContain(h.Recorder.Messages, m => m.Topic.EndsWith("/reply"));

        h.Gateway.Terminate();
        using var store = new EkmReadStore(db);
        var reads = store.ReadSince(0).ToList();
        Assert.True(reads.Count >= 2, $"{reads.Count} reads stored");
        Assert.All(reads, r => Assert.Equal("200", r.Fields.Single(f => f.Name == "CT_Ratio").Value));
        Assert.All(reads, r => Assert.Equal("12345.6", r.Fields.Single(f => f.Name == "kWh_Tot").Value));
        Assert.All(reads, r => Assert.Equal(510, r.RawB.Length));
        Assert.All(reads, r => Assert.Equal("800", r.Fields.Single(f => f.Name == "Pulse_Output_Ratio").Value));

        // The monthly value log: EKM's own fields titled by their ekmmeters names, the status bytes filled.
        string[] lines = File.ReadAllLines(Directory.GetFiles(logs.Path, "values-*.csv").Single());
        string[] titles = lines[0].Split(',');
        int status = Array.IndexOf(titles, "1-0:128.0.76 Meter_Status_Code_A");
        int ratio = Array.IndexOf(titles, "1-0:128.0.64 Pulse_Output_Ratio");
        Assert.True(status > 0 && ratio > 0, lines[0]);
        Assert.Contains("1-0:1.8.0 Active energy import total", titles);
        Assert.True(lines.Length >= 3, $"{lines.Length} lines");
        Assert.All(lines.Skip(1), l => Assert.Equal(("00", "800"), (l.Split(',')[status], l.Split(',')[ratio])));
    }

    [SkippableFact]
    public async Task SettingCommandsOverMqtt()
    {
        await using var h = await GatewayHarness.StartAsync("ekm", 9600, "even", 7,
            $"[EKM]\nmeters = 300001162:4\npoll_interval = 1\nmeter_password = 00000000\n[DEVICE]\nadmin_password = {AdminToken}");
        Skip.If(h == null, GatewayHarness.Missing);
        using var meter = h!.StartMeter("--protocol", "ekm", "--address", "300001162", "--meter-version", "4");
        Assert.True(await h.Recorder.WaitForAsync(m => m.Any(x => x.Payload.Contains("\"Meter reading active energy out\"")), TimeSpan.FromSeconds(40)),
            "no events; gateway said:\n" + h.GatewayLog);

        // Text that is valid JSON but no string (a lone surrogate), or not UTF-8: "not JSON", and run goes on.
        foreach (string hostile in new[] { "7b2273657474696e67223a225c7564383030227d", "7b2273657474696e67223a22c3227d" })
        {
            var broken = await CommandAsync(h, Convert.FromHexString(hostile));
            Assert.False(broken.GetProperty("ok").GetBoolean());
            Assert.Equal("the command is not JSON {\"token\",\"setting\",\"values\"}", broken.GetProperty("error").GetString());
        }
        Assert.True(h.Gateway.Running, h.GatewayLog);

        // A wrong token: refused, nothing sent, the token not repeated.
        var wrong = await CommandAsync(h, """{"token":"guess-1234","setting":"ct-ratio","values":["400"]}""");
        Assert.False(wrong.GetProperty("ok").GetBoolean());
        Assert.Equal("wrong or missing token", wrong.GetProperty("error").GetString());
        Assert.DoesNotContain("guess-1234", wrong.GetRawText());
        Assert.Equal("200", (await CommandAsync(h, Settings)).GetProperty("settings").GetProperty("read").GetProperty("CT_Ratio").GetRawText());

        // A value the meter does not allow: refused with the reason before anything is sent.
        var bad = await CommandAsync(h, $$"""{"token":"{{AdminToken}}","setting":"ct-ratio","values":["250"]}""");
        Assert.False(bad.GetProperty("ok").GetBoolean());
        Assert.Equal("not sent", bad.GetProperty("status").GetString());
        Assert.Contains("250", bad.GetProperty("error").GetString());

        // The right token: acknowledged by the meter, and its reads show the new CT ratio.
        var ok = await CommandAsync(h, $$"""{"token":"{{AdminToken}}","setting":"ct-ratio","values":["400"]}""");
        Assert.True(ok.GetProperty("ok").GetBoolean(), ok.GetRawText());
        Assert.Equal("acknowledged", ok.GetProperty("status").GetString());
        Assert.Equal("ct-ratio", ok.GetProperty("setting").GetString());
        var settings = await CommandAsync(h, Settings);
        Assert.True(settings.GetProperty("ok").GetBoolean());
        Assert.Equal("400", settings.GetProperty("settings").GetProperty("read").GetProperty("CT_Ratio").GetRawText());
        Assert.DoesNotContain(h.Recorder.Messages, m => m.Topic.EndsWith("/reply") && (m.Payload.Contains(AdminToken) || m.Payload.Contains("00000000")));
    }

    // A simulated EKM meter (address 300001162) of the version on one end of a new pty pair; Port is the other end.
    // Skips without socat; nothing it started outlives it.
    private sealed class SimulatedMeter : IDisposable
    {
        private readonly PtyPair _pty;
        private readonly MetergatewayProcess _process;

        public SimulatedMeter(int version)
        {
            PtyPair? pty = PtyPair.Start();
            Skip.If(pty == null, "socat is not installed (apt-get install socat)");
            _pty = pty!;
            try
            {
                _process = MetergatewayProcess.Start("simulate", "--protocol", "ekm", "--port", _pty.A, "--address", "300001162", "--meter-version", version.ToString());
                MetergatewayProcess process = _process;
                Assert.True(SpinWait.SpinUntil(() => process.Errors.Any(l => l.StartsWith("simulating an EKM")), 30000), "the simulator did not start");
            }
            catch
            {
                _process?.Dispose();
                _pty.Dispose();
                throw;
            }
        }

        public string Port => _pty.B;

        public void Dispose()
        {
            _process.Dispose();
            _pty.Dispose();
        }
    }

    private static string Settings => $$"""{"token":"{{AdminToken}}","setting":"settings"}""";

    private static string CommandTopic => $"metergateway/{GatewayHarness.ClientId}/ekm/{Address}/";

    // Publishes a command message (any bytes) for the meter.
    private static async Task PublishCommandAsync(GatewayHarness h, byte[] payload)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", h.Broker.Port).WithClientId("test-commander").Build());
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(CommandTopic + "command").WithPayload(payload)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        await client.DisconnectAsync();
    }

    // Publishes a command for the meter and returns the reply that follows it.
    private static Task<JsonElement> CommandAsync(GatewayHarness h, string payload) => CommandAsync(h, Encoding.UTF8.GetBytes(payload));

    private static async Task<JsonElement> CommandAsync(GatewayHarness h, byte[] payload)
    {
        string topic = CommandTopic;
        int before = h.Recorder.Messages.Count(m => m.Topic == topic + "reply");
        await PublishCommandAsync(h, payload);
        Assert.True(await h.Recorder.WaitForAsync(m => m.Count(x => x.Topic == topic + "reply") > before, TimeSpan.FromSeconds(20)),
            "no reply; gateway said:\n" + h.GatewayLog);
        return JsonDocument.Parse(h.Recorder.Messages.Where(m => m.Topic == topic + "reply").ElementAt(before).Payload).RootElement.Clone();
    }
}
