using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.HomeAssistant;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Mapping;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Simulators;
using MeterGateway.TcpServer;
using MeterGateway.Tests.Shared.Outbox;
using MeterGateway.Host.Status;
using MeterGateway.Tests.Fixtures;
using MeterGateway.Tests.Shared;
using MeterGateway.Tests.Shared.Health;
using Xunit;

namespace MeterGateway.Tests.HomeAssistant;

/// <summary>
/// The host's status page fetched over HTTP: the gateway loop runs in this process on a scripted P1 line (good and
/// damaged telegrams of a real capture) and a recording MQTT session, the page server listens on a free loopback port,
/// and /status.json is checked against the loop's own counters. Also <c>metergateway run --http</c> as a process.
/// </summary>
[Collection(MeterGateway.Tests.Fixtures.RealComponentsCollection.Name)]
public class StatusPageTests
{
    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    /// <summary>The capture with one character of a value changed: the CRC no longer matches.</summary>
    private static byte[] WithCrcError(byte[] telegram)
    {
        byte[] copy = (byte[])telegram.Clone();
        int at = Encoding.ASCII.GetString(copy).IndexOf("000004.426", StringComparison.Ordinal);
        copy[at + 5] = (byte)'5';
        return copy;
    }

    /// <summary>The capture with its CRC field made of characters that are not hex digits.</summary>
    private static byte[] WithBadCrcField(byte[] telegram)
    {
        byte[] copy = (byte[])telegram.Clone();
        int bang = Array.LastIndexOf(copy, (byte)'!');
        for (int i = 1; i <= 4; i++) copy[bang + i] = (byte)'Z';
        return copy;
    }

    [Fact]
    public async Task PageJsonMatchesTheCountersAfterGoodAndDamagedTelegrams()
    {
        byte[] good = Corpus.Bytes("dsmr", "dsmr50_nl_iskra_mt382.txt");
        var line = Lines.Of(good, WithCrcError(good), good, WithBadCrcField(good), good);
        var config = new GatewayConfig();
        var mqtt = new BrokerSession();
        var loop = new GatewayLoop(config.Gateway, new PushMeterSource(line, new DsmrDecoder(), 115200, LinkParity.None, 8, false, line, config.SerialTimeout * 1000), mqtt,
            new MessageBuilder(config.Messages, TestReadings.Mac(), line), line, "metergateway/page/status")
        {
            StatusTopic = "metergateway/page/health",
        };
        loop.StatusDocument = new StatusJson(loop, config.Protocol, new HostPlatformHealth());
        loop.Start();
        Lines.Drain(loop);

        int port = FreePort();
        using var page = StatusPageServer.Start("127.0.0.1:" + port);
        page.Update(loop);
        using var http = new HttpClient { BaseAddress = page.Url, Timeout = TimeSpan.FromSeconds(10) };

        using var response = await http.GetAsync("status.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        JsonElement root = doc.RootElement;
        GatewayStatus s = loop.Status;

        JsonElement frames = root.GetProperty("frames");
        Assert.Equal(3, s.FramesValid);
        Assert.Equal(s.FramesValid, frames.GetProperty("valid").GetInt64());
        Assert.Equal(1, s.FramesRejected[(int)FrameError.Crc]);
        Assert.Equal(s.FramesRejected[(int)FrameError.Crc], frames.GetProperty("rejected").GetProperty("crc").GetInt64());
        Assert.Equal(1, s.FramesRejected[(int)FrameError.Framing]);
        Assert.Equal(s.FramesRejected[(int)FrameError.Framing], frames.GetProperty("rejected").GetProperty("framing").GetInt64());
        Assert.Equal(0, frames.GetProperty("rejected").GetProperty("bcc").GetInt64());
        Assert.Equal(2, frames.GetProperty("rejected_total").GetInt64());
        Assert.Equal(s.LastError, frames.GetProperty("last_error").GetString());

        JsonElement broker = root.GetProperty("mqtt");
        Assert.True(broker.GetProperty("connected").GetBoolean());
        Assert.Equal(s.MessagesPublished, broker.GetProperty("messages_published").GetInt64());
        Assert.Equal(3 * 21, s.MessagesPublished);
        Assert.Equal(loop.SetsPublished, broker.GetProperty("sets_published").GetInt64());

        JsonElement meter = root.GetProperty("meter");
        Assert.Equal("dsmr", meter.GetProperty("protocol").GetString());
        Assert.Equal("ISk5\\2MT382-1000", meter.GetProperty("header").GetString());
        Assert.Equal("Iskraemeco", meter.GetProperty("manufacturer").GetString());
        Assert.Equal("K8EG004046395507", meter.GetProperty("serial_number").GetString());
        Assert.Equal("2017-01-02T18:20:02Z", meter.GetProperty("last_frame").GetString()); // 0-0:1.0.0(170102192002W)

        var values = root.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("quantity").GetString()!, v => v);
        Assert.Equal("6.825", values["sum_active_energy_out"].GetProperty("value").GetRawText());
        Assert.Equal("kWh", values["sum_active_energy_out"].GetProperty("unit").GetString());
        Assert.Equal("0.107", values["mbus1_volume"].GetProperty("value").GetRawText());
        Assert.Equal("m³", values["mbus1_volume"].GetProperty("unit").GetString());
        // each value's OBIS code: a total the gateway computed from 1.8.1 + 1.8.2 has the total's code, a mapped reading its own
        Assert.Equal("1-0:1.8.0", values["sum_active_energy_out"].GetProperty("obis").GetString());
        Assert.Equal("0-1:24.2.1", values["mbus1_volume"].GetProperty("obis").GetString());
        Assert.Equal("1-0:32.7.0", values["voltage_l1"].GetProperty("obis").GetString());

        Assert.Equal(JsonValueKind.Null, root.GetProperty("wifi_rssi").ValueKind);
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ip").ValueKind); // the host reports no IP address or reboot reason
        Assert.Equal(JsonValueKind.Null, root.GetProperty("last_reboot").ValueKind);
        Assert.StartsWith(".NET ", root.GetProperty("firmware").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("outbox").GetProperty("depth").ValueKind);
        Assert.True(root.GetProperty("free_memory").GetInt64() > 0);
        Assert.Equal(new HostPlatformHealth().ApplicationVersion, root.GetProperty("version").GetString());
        Assert.False(root.GetProperty("homeassistant").GetProperty("enabled").GetBoolean());

        // the same document went out on the status topic at connect (before any frame)
        Assert.Equal(1, mqtt.CountOn("metergateway/page/health"));
    }

    /// <summary>
    /// Every capture of the corpus, through the loop, with the default notes of every language: the status document is
    /// valid JSON with all its values, and fits the loop's buffer (<see cref="GatewayLoop.StatusCapacity"/>) even with
    /// the telegram server's largest part (8 clients) besides, byte for byte as in a larger buffer. The largest is a
    /// Hungarian DSMR 5 telegram's: 4,975 bytes with the English notes, 34 values.
    /// </summary>
    [Theory]
    [MemberData(nameof(DiscoveryCorpusTests.Captures), MemberType = typeof(DiscoveryCorpusTests))]
    public void StatusJsonOfEveryCaptureIsValid(string protocol, string capture)
    {
        byte[] bytes = protocol == "iec62056-21"
            ? Directory.GetFiles(Corpus.Folder(protocol), capture + ".meter*.bin").OrderBy(f => f, StringComparer.Ordinal).SelectMany(File.ReadAllBytes).ToArray()
            : Corpus.Bytes(protocol, capture);
        foreach (string language in ObisNames.LanguageCodes)
        {
            IFrameDecoder decoder = protocol switch
            {
                "dsmr" => new DsmrDecoder(DsmrFramer.DefaultMaxSize, lenientCrc: true),
                "sml" => new MeterGateway.Protocols.Sml.SmlDecoder(),
                _ => new MeterGateway.Protocols.Iec62056.Iec62056Decoder(),
            };
            var line = Lines.Of(bytes);
            var config = new GatewayConfig { HomeAssistant = { Enabled = true } };
            config.Set("GENERAL", "language", language);
            config.Validate();
            var loop = new GatewayLoop(config.Gateway, new PushMeterSource(line, decoder, 9600, LinkParity.None, 8, false, line, 20000), new BrokerSession(),
                new MessageBuilder(config.Messages, TestReadings.Mac(), line), line, "metergateway/t/status", new MeterGateway.Readings.ReadingSet(512, 1024, 16384))
            {
                HomeAssistant = new HomeAssistantPublisher(config.HomeAssistant, config.Messages, "t", "metergateway/t/status", "0.1.0", new MemoryRecordStore()),
            };
            loop.StatusDocument = new StatusJson(loop, config.Protocol, new SteadyHealth());
            loop.Start();
            Lines.Drain(loop);
            int length = loop.WriteStatus();
            Assert.True(length > 0, "the status did not fit its buffer");
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(loop.StatusBuffer, 0, length));
            Assert.Equal(loop.Status.FramesValid, doc.RootElement.GetProperty("frames").GetProperty("valid").GetInt64());
            Assert.Equal(loop.Builder.Count, doc.RootElement.GetProperty("values").GetArrayLength());
            Assert.False(doc.RootElement.TryGetProperty("values_omitted", out _));
            Assert.True(length + TelegramServer.StatusBytes(TcpServerOptions.MaxClientsLimit) <= GatewayLoop.StatusCapacity, language + ": length " + length);
            // byte for byte the document a buffer of 8,192 bytes (the size before 2026-12-05) gets
            var roomy = new JsonWriter(8192);
            loop.StatusDocument.Write(roomy);
            Assert.Equal(Encoding.UTF8.GetString(roomy.Buffer, 0, roomy.Length), Encoding.UTF8.GetString(loop.StatusBuffer, 0, length));
        }
    }

    /// <summary>An EKM v4 meter (the simulated Omnimeter of the EKM tests): its status document fits as the captures' do.</summary>
    [Fact]
    public void StatusJsonOfAnEkmMeterFits()
    {
        var bus = new EkmBusSimulator(1);
        bus.Add(new EkmMeterSimulator(EkmMeterVersion.V4, "300001162"));
        var clock = new ManualClock(1700000000);
        var config = new GatewayConfig { Protocol = MeterProtocol.Ekm, HomeAssistant = { Enabled = true } };
        var source = new EkmMeterSource(new EkmLoopbackLink(bus), new[] { EkmRequests.Address("300001162") }, new[] { EkmMeterVersion.V4 }, 0, clock);
        var loop = new GatewayLoop(config.Gateway, source, new BrokerSession(), new MessageBuilder(config.Messages, TestReadings.Mac(), clock), clock, "metergateway/t/status")
        {
            HomeAssistant = new HomeAssistantPublisher(config.HomeAssistant, config.Messages, "t", "metergateway/t/status", "0.1.0", new MemoryRecordStore()),
        };
        loop.StatusDocument = new StatusJson(loop, config.Protocol, new HostPlatformHealth());
        loop.Start();
        loop.Step(0);
        Assert.Equal(1, loop.Status.FramesValid);
        int length = loop.WriteStatus();
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(loop.StatusBuffer, 0, length));
        Assert.Equal(loop.Builder.Count, doc.RootElement.GetProperty("values").GetArrayLength());
        Assert.True(loop.Builder.Count >= 30, "values: " + loop.Builder.Count);
        Assert.True(length + TelegramServer.StatusBytes(TcpServerOptions.MaxClientsLimit) <= GatewayLoop.StatusCapacity, "length " + length);
    }

    /// <summary>
    /// Values that do not fit the buffer (here: the Hungarian telegram's 34 with 200-character notes) are left out whole
    /// and counted in <c>values_omitted</c>; the document is still whole JSON within the buffer, the values it lists
    /// are the first ones, and the status message goes out.
    /// </summary>
    [Fact]
    public void ValuesThatDoNotFitAreLeftOutAndCounted()
    {
        var config = new GatewayConfig();
        for (int q = 0; q < Quantities.Count; q++) config.Set("NOTES", "note_" + Quantities.Name(q), Quantities.Name(q) + " " + new string('x', 199 - Quantities.Name(q).Length));
        config.Validate();
        var line = Lines.Of(Corpus.Bytes("dsmr", "dsmr50_hu_eon_sagemcom.txt"));
        var mqtt = new BrokerSession();
        var loop = new GatewayLoop(config.Gateway, new PushMeterSource(line, new DsmrDecoder(DsmrFramer.DefaultMaxSize, lenientCrc: true), 115200, LinkParity.None, 8, false, line, 20000),
            mqtt, new MessageBuilder(config.Messages, TestReadings.Mac(), line), line, "metergateway/t/status")
        {
            StatusTopic = "metergateway/t/health",
        };
        loop.StatusDocument = new StatusJson(loop, config.Protocol, new HostPlatformHealth());
        loop.Start();
        Lines.Drain(loop);
        Assert.Equal(34, loop.Builder.Count);
        int length = loop.WriteStatus();
        Assert.InRange(length, GatewayLoop.StatusCapacity - 300, GatewayLoop.StatusCapacity);
        using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(loop.StatusBuffer, 0, length));
        var values = doc.RootElement.GetProperty("values").EnumerateArray().ToList();
        int omitted = doc.RootElement.GetProperty("values_omitted").GetInt32();
        Assert.Equal("18 shown, 16 omitted", values.Count + " shown, " + omitted + " omitted");
        Assert.Equal(34, values.Count + omitted);
        for (int i = 0; i < values.Count; i++) Assert.Equal(Quantities.Name(loop.Builder.QuantityOf(i)), values[i].GetProperty("quantity").GetString());
        Assert.Equal("sum_active_energy_out", values[0].GetProperty("quantity").GetString());
        Assert.Equal("173.640", values[0].GetProperty("value").GetRawText());

        // the status message carries the same document
        line.Now += 3_600_000;
        loop.Step(0);
        using var published = JsonDocument.Parse(mqtt.Text(mqtt.LastOn("metergateway/t/health")));
        Assert.Equal(omitted, published.RootElement.GetProperty("values_omitted").GetInt32());
    }

    [Fact]
    public async Task PageIsReadOnly()
    {
        int port = FreePort();
        using var page = StatusPageServer.Start("127.0.0.1:" + port);
        using var http = new HttpClient { BaseAddress = page.Url, Timeout = TimeSpan.FromSeconds(10) };

        using var html = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal("text/html", html.Content.Headers.ContentType!.MediaType);
        string text = await html.Content.ReadAsStringAsync();
        Assert.Contains("fetch('status.json'", text);
        Assert.DoesNotContain("<form", text);
        Assert.DoesNotContain("innerHTML", text); // meter texts are shown with textContent only

        using var starting = await http.GetAsync("status.json");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, starting.StatusCode); // nothing rendered yet
        using var chart = await http.GetAsync("power.svg");
        Assert.Equal(HttpStatusCode.OK, chart.StatusCode);
        Assert.Equal("image/svg+xml", chart.Content.Headers.ContentType!.MediaType);
        Assert.Contains(">no power readings yet</text>", await chart.Content.ReadAsStringAsync()); // no loop yet: the empty chart

        // Any method but GET and HEAD: 405 on every path, known or not (docs/status-page.md).
        foreach (string path in new[] { "status.json", "/", "power.svg", "config", "x/../../etc/passwd" })
        {
            foreach (var method in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, new HttpMethod("PROPFIND") })
            {
                using var request = new HttpRequestMessage(method, path) { Content = new StringContent("{}") };
                using var refused = await http.SendAsync(request);
                Assert.True(HttpStatusCode.MethodNotAllowed == refused.StatusCode, $"{method} {path}: {refused.StatusCode}");
                Assert.Contains("GET", string.Join(",", refused.Content.Headers.Allow));
            }
        }
        using var head = await http.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        using var missing = await http.GetAsync("config");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public void BadAddressesAreUsageErrors()
    {
        Assert.Throws<Host.Cli.UsageException>(() => StatusPageServer.Start("8080"));
        Assert.Throws<Host.Cli.UsageException>(() => StatusPageServer.Start("127.0.0.1:http"));
        Assert.Throws<Host.Cli.UsageException>(() => StatusPageServer.Start("127.0.0.1:70000"));
    }

    /// <summary><c>metergateway run --http</c> with the demo (simulated meter, broker inside the program): the page shows its first telegram.</summary>
    [Fact]
    public async Task RunServesThePage()
    {
        int port = FreePort();
        using var gateway = MetergatewayProcess.Start("run", "--http", "127.0.0.1:" + port);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        JsonElement? status = null;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/status.json");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
                    if (root.GetProperty("frames").GetProperty("valid").GetInt64() >= 1) { status = root; break; }
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(250);
        }
        gateway.Terminate();
        string log = string.Join('\n', gateway.Output) + "\n" + string.Join('\n', gateway.Errors);
        Assert.True(status.HasValue, "no frame on the page within 40 s:\n" + log);
        Assert.Contains($"status page on http://127.0.0.1:{port}/", log);
        JsonElement s = status!.Value;
        Assert.Equal("ELL5\\253833635_A", s.GetProperty("meter").GetProperty("header").GetString()); // the demo's first capture
        Assert.True(s.GetProperty("mqtt").GetProperty("connected").GetBoolean());
        var values = s.GetProperty("values").EnumerateArray().ToDictionary(v => v.GetProperty("quantity").GetString()!, v => v.GetProperty("value").GetRawText());
        Assert.Equal("4788.631", values["sum_active_energy_out"]);
        Assert.Equal(0, gateway.ExitCode);
    }

    // The host's health with a fixed free memory, so that two renderings of a document are the same bytes.
    private sealed class SteadyHealth : IPlatformHealth
    {
        private readonly HostPlatformHealth _host = new();
        public long FreeMemory() => 25_000_000_000;
        public string Firmware => _host.Firmware;
        public string IpAddress => _host.IpAddress;
        public string LastRebootReason => _host.LastRebootReason;
        public string ApplicationVersion => _host.ApplicationVersion;
        public int WifiRssi => _host.WifiRssi;
    }
}
