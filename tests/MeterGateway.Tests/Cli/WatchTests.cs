using System.Net;
using System.Text;
using System.Text.Json;
using MeterGateway.Host.Watch;
using MeterGateway.Readings;
using MeterGateway.Checksums;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Cli;

/// <summary>
/// <c>metergateway watch</c> as a person sees it (seeds/004's live display): the real program in a real terminal
/// (tmux, 120 × 40) showing the demo's built-in captures, the table refreshed at the next telegram with the changes;
/// a configured gateway reading telegrams fed through a socat pty (one with a bad CRC counted as rejected) in the
/// configuration's language with its broker down; the plain lines when its output is redirected; and <c>--attach</c>
/// to a running <c>run --http</c>. The demo replays
/// se_landisgyr_e360_ell5_a.txt, then _b.txt, then dsmr50_nl_iskra_mt382.txt, one telegram every 5 s, so each
/// reading's values are known exactly.
/// </summary>
[Collection(RealComponentsCollection.Name)]
public class WatchTests
{
    private const string NoTmux = "tmux is not installed (.ci/run installs it: apt-get install tmux)";

    [SkippableFact]
    public void DemoTableOnTheScreenRefreshesAtTheNextReading()
    {
        using var terminal = TmuxTerminal.Start(120, 40, "watch");
        Skip.If(terminal == null, NoTmux);

        string first = terminal.WaitFor("the first reading", s => s.Contains("readings 1,") && TmuxTerminal.Row(s, "1-0:1.8.0") != null
            && s.Contains("26 messages published"));
        Assert.StartsWith("metergateway watch: demo (a simulated meter replaying the built-in captures)   readings 1, Ctrl-C stops", first);
        Assert.Contains("meter: ELL 53833635_A\n", first);
        Assert.Equal(new[] { "Name", "OBIS", "Value", "Unit", "Change" }, TmuxTerminal.Row(first, "OBIS"));
        Assert.Equal(new[] { "Active energy import total", "1-0:1.8.0", "4788.631", "kWh", "" }, TmuxTerminal.Row(first, "1-0:1.8.0"));
        Assert.Equal(new[] { "Voltage L1", "1-0:32.7.0", "233.6", "V", "" }, TmuxTerminal.Row(first, "1-0:32.7.0"));
        Assert.Equal(new[] { "Current L3", "1-0:71.7.0", "9.0", "A", "" }, TmuxTerminal.Row(first, "1-0:71.7.0"));
        Assert.Contains("\nframes: 1 valid, 0 rejected (crc 0, bcc 0, framing 0, too_long 0, timeout 0, parse 0, decrypt 0)\n", first);
        Assert.Contains("\nbroker: connected (1 connects, 26 messages published, 0 not acknowledged)", first);

        string second = terminal.WaitFor("the second reading", s => s.Contains("readings 2,") && s.Contains("52 messages published"));
        Assert.Equal(new[] { "Active energy import total", "1-0:1.8.0", "119.841", "kWh", "-4668.790" }, TmuxTerminal.Row(second, "1-0:1.8.0"));
        Assert.Equal(new[] { "Active energy export total", "1-0:2.8.0", "533.758", "kWh", "+533.758" }, TmuxTerminal.Row(second, "1-0:2.8.0"));
        Assert.Equal(new[] { "Voltage L1", "1-0:32.7.0", "247.3", "V", "+13.7" }, TmuxTerminal.Row(second, "1-0:32.7.0"));
        Assert.Equal(new[] { "Active power export", "1-0:2.7.0", "0", "W", "0" }, TmuxTerminal.Row(second, "1-0:2.7.0"));
        Assert.Contains("\nframes: 2 valid, 0 rejected (", second);
    }

    [SkippableFact]
    public void ConfiguredMeterOnAPtyWithCountersInTheConfiguredLanguage()
    {
        Skip.If(ExternalTool.Find("tmux") == null, NoTmux);
        using var pty = PtyPair.Start();
        Skip.If(pty == null, "socat is not installed (apt-get install socat)");
        using var folder = new TempFolder();
        string config = folder.File("config.ini");
        File.WriteAllText(config, $"[GENERAL]\nprotocol = dsmr\nlanguage = de\n[MQTT]\nhost = 127.0.0.1\nport = {ExternalTool.FreePort()}\n" +
            $"[SERIAL]\nserial_port = {pty!.B}\nserial_baudrate = 115200\n[OUTBOX]\ndirectory = none\n");
        using var terminal = TmuxTerminal.Start(120, 40, "watch", "-c", config)!;
        terminal.WaitFor("the gateway's start", s => s.Contains("waiting for the first reading"));
        string capture = File.ReadAllText(Corpus.File("dsmr", "dsmr50_nl_iskra_mt382.txt"));
        string body = capture.Substring(0, capture.IndexOf('!') + 1);
        using var meter = new FileStream(pty.A, FileMode.Open, FileAccess.Write);

        Send(meter, body + Crc(body));
        string first = terminal.WaitFor("the first reading", s => s.Contains("readings 1,") && TmuxTerminal.Row(s, "1-0:1.8.0") != null);
        Assert.StartsWith($"metergateway watch: {config}   readings 1", first);
        Assert.Contains("\nmeter: Iskraemeco MT382-1000, equipment id 4B384547303034303436333935353037\n", first);
        Assert.Equal(new[] { "Wirkenergie Bezug gesamt", "1-0:1.8.0", "6.825", "kWh", "" }, TmuxTerminal.Row(first, "1-0:1.8.0"));
        Assert.Equal(new[] { "Spannung L1", "1-0:32.7.0", "230.0", "V", "" }, TmuxTerminal.Row(first, "1-0:32.7.0"));
        Assert.Contains("\nbroker: disconnected (0 connects, 0 messages published, 0 not acknowledged)", first);

        Send(meter, body.Replace("1-0:1.8.1(000004.426*kWh)", "1-0:1.8.1(000004.500*kWh)") + Crc(body)); // the CRC of the telegram before
        string rejected = terminal.WaitFor("a rejected frame", s => s.Contains(" 1 rejected"));
        Assert.Contains("\nframes: 1 valid, 1 rejected (crc 1, bcc 0, framing 0, too_long 0, timeout 0, parse 0, decrypt 0)\n", rejected);
        Assert.Contains("\nlast rejected: ", rejected);
        Assert.Contains("readings 1,", rejected);

        string next = body.Replace("1-0:1.8.1(000004.426*kWh)", "1-0:1.8.1(000004.500*kWh)").Replace("1-0:32.7.0(0230.0*V)", "1-0:32.7.0(0228.5*V)")
            .Replace("0-0:1.0.0(170102192002W)", "0-0:1.0.0(170102192012W)");
        Send(meter, next + Crc(next));
        string second = terminal.WaitFor("the second reading", s => s.Contains("readings 2,"));
        Assert.Equal(new[] { "Wirkenergie Bezug gesamt", "1-0:1.8.0", "6.899", "kWh", "+0.074" }, TmuxTerminal.Row(second, "1-0:1.8.0"));
        Assert.Equal(new[] { "Spannung L1", "1-0:32.7.0", "228.5", "V", "-1.5" }, TmuxTerminal.Row(second, "1-0:32.7.0"));
        Assert.Equal(new[] { "Spannung L2", "1-0:52.7.0", "230.0", "V", "0" }, TmuxTerminal.Row(second, "1-0:52.7.0"));
        Assert.Contains("\nframes: 2 valid, 1 rejected (crc 1, ", second);
    }

    // "6EEE\r\n": the DSMR CRC-16/ARC of the telegram from '/' to '!' and the line end.
    private static string Crc(string body)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(body);
        return Crc16.Arc(bytes, 0, bytes.Length).ToString("X4") + "\r\n";
    }

    private static void Send(FileStream meter, string telegram)
    {
        meter.Write(Encoding.ASCII.GetBytes(telegram));
        meter.Flush();
    }

    [Fact]
    public void RedirectedOutputIsOneLinePerReading()
    {
        using var watch = MetergatewayProcess.Start("watch");
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (watch.Output.Count < 2 && watch.Running && DateTime.UtcNow < deadline) Thread.Sleep(200);
        watch.Terminate();
        string[] lines = watch.Output.ToArray();
        string errors = string.Join('\n', watch.Errors);
        Assert.True(lines.Length == 2, $"expected 2 reading lines, got:\n{string.Join('\n', lines)}\n{errors}");
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ ELL 53833635_A: 1-0:1\.8\.0 4788\.631 kWh, 1-0:2\.8\.0 0\.000 kWh, 1-0:3\.8\.0 1203\.621 kvarh, ", lines[0]);
        Assert.Contains(", 1-0:32.7.0 233.6 V, ", lines[0]);
        Assert.EndsWith(", 1-0:71.7.0 9.0 A | frames 1 valid, 0 rejected | broker connected", lines[0]);
        Assert.Contains(" ELL 53833635_A: 1-0:1.8.0 119.841 kWh (-4668.790), 1-0:2.8.0 533.758 kWh (+533.758), ", lines[1]);
        Assert.EndsWith(", 1-0:71.7.0 0.8 A (-8.2) | frames 2 valid, 0 rejected | broker connected", lines[1]);
        // run's own lines (the demo's banner, the stop summary) go to standard error, not between the readings
        Assert.Contains("metergateway: stopped; 2 frames, 0 rejected, 52 messages published", errors);
        Assert.Equal(0, watch.ExitCode);
    }

    [SkippableFact]
    public void AttachedToARunningGatewayInDutch()
    {
        Skip.If(ExternalTool.Find("tmux") == null, NoTmux);
        int port = ExternalTool.FreePort();
        using var gateway = MetergatewayProcess.Start("run", "--http", "127.0.0.1:" + port);
        WaitForFirstFrame(port);
        using var terminal = TmuxTerminal.Start(120, 40, "watch", "--attach", $"http://127.0.0.1:{port}/", "--language", "nl")!;

        // The second reading watch sees: frames 2 if it saw the gateway's first, frames 3 if it started after the second.
        string screen = terminal.WaitFor("two readings", s => s.Contains("readings 2,") && TmuxTerminal.Row(s, "1-0:1.8.0") != null);
        Assert.StartsWith($"metergateway watch: http://127.0.0.1:{port}/status.json   readings 2", screen);
        bool sawFirst = screen.Contains("\nframes: 2 valid, 0 rejected (crc 0,");
        Assert.True(sawFirst || screen.Contains("\nframes: 3 valid, 0 rejected (crc 0,"), screen);
        Assert.Equal(sawFirst ? new[] { "Afgenomen energie totaal", "1-0:1.8.0", "119.841", "kWh", "-4668.790" } : new[] { "Afgenomen energie totaal", "1-0:1.8.0", "6.825", "kWh", "-113.016" },
            TmuxTerminal.Row(screen, "1-0:1.8.0"));
        Assert.Equal(sawFirst ? new[] { "Spanning L1", "1-0:32.7.0", "247.3", "V", "+13.7" } : new[] { "Spanning L1", "1-0:32.7.0", "230.0", "V", "-17.3" },
            TmuxTerminal.Row(screen, "1-0:32.7.0"));
        Assert.Contains(sawFirst ? "meter: ELL 53833635_A\n" : "meter: Iskraemeco MT382-1000, equipment id 4B384547303034303436333935353037\n", screen);
        Assert.Contains("\nbroker: connected (1 connects, ", screen);
    }

    [Fact]
    public void EachRowTakesTheDocumentsObisCodeAndFromAnOlderGatewayTheMappingsFirst()
    {
        // A gas meter on M-Bus channel 2 published as mbus1_volume (its own code 0-2:24.2.1), and a value of a gateway
        // that wrote no "obis" (before the key existed): the quantity's first code, 1-0:32.7.0.
        const string document = """
            {"values":[{"quantity":"mbus1_volume","name":"Gas/water volume M-Bus 1","obis":"0-2:24.2.1","value":0.107,"unit":"m³"},
                       {"quantity":"voltage_l1","name":"Voltage L1","value":230.0,"unit":"V"}],
             "meter":{"header":null},"frames":{"valid":1,"rejected":{"crc":0},"rejected_total":0,"last_error":null},
             "mqtt":{"connected":true,"connects":1,"messages_published":2,"publish_failures":0}}
            """;
        var snapshot = StatusSnapshot.Parse(System.Text.Encoding.UTF8.GetBytes(document), NameLanguage.Dutch);
        Assert.Equal(("0-2:24.2.1", "M-Bus meterstand", "0.107"), (snapshot.Values[0].Obis, snapshot.Values[0].Name, snapshot.Values[0].Value));
        Assert.Equal(("1-0:32.7.0", "Spanning L1", "230.0"), (snapshot.Values[1].Obis, snapshot.Values[1].Name, snapshot.Values[1].Value));
    }

    [Theory]
    [InlineData("http://192.168.1.50/", "http://192.168.1.50/status.json")]
    [InlineData("127.0.0.1:8080", "http://127.0.0.1:8080/status.json")]
    [InlineData("http://gateway.local:8080/meter", "http://gateway.local:8080/meter/status.json")]
    [InlineData("http://127.0.0.1:8080/status.json", "http://127.0.0.1:8080/status.json")]
    public void AttachTakesThePageOrTheDocument(string attach, string url) => Assert.Equal(url, AttachedStatus.StatusUrl(attach).ToString());

    [Fact]
    public void AttachWithAConfigurationIsAUsageError()
    {
        var (code, _, errors) = MetergatewayProcess.Run("watch", "--attach", "127.0.0.1:8080", "-c", "config.ini");
        Assert.Equal(2, code);
        Assert.Contains("metergateway: --attach: watches a gateway that runs elsewhere; -c and --http are for the gateway watch runs itself", errors);
        (code, _, errors) = MetergatewayProcess.Run("watch", "--attach", "ftp://127.0.0.1/");
        Assert.Equal(2, code);
        Assert.Contains("--attach ftp://127.0.0.1/: expected the gateway's status page", errors);
    }

    // Until run --http serves a status with one valid frame (so watch starts well before the next telegram).
    private static void WaitForFirstFrame(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = http.GetAsync($"http://127.0.0.1:{port}/status.json").GetAwaiter().GetResult();
                if (response.StatusCode == HttpStatusCode.OK
                    && JsonDocument.Parse(response.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.GetProperty("frames").GetProperty("valid").GetInt64() >= 1)
                    return;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            Thread.Sleep(200);
        }
        throw new Xunit.Sdk.XunitException("run --http served no frame within 40 s");
    }
}
