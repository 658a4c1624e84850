using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.HomeAssistant;
using MeterGateway.Link;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Host.Gateway;
using MeterGateway.Host.Logging;
using MeterGateway.Host.Mqtt;
using MeterGateway.Host.Simulation;
using MeterGateway.Host.Status;
using MeterGateway.Host.Storage;
using MeterGateway.Host.Tcp;
using MeterGateway.TcpServer;
using MQTTnet;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway run [-c config.ini] [-s/--oneshot] [-v/--verbose] [-d/--debug] [--log-dir DIR [--raw-log]] [--http HOST:PORT] [--tcp HOST:PORT] [--db FILE]</c>:
/// the gateway. With a configuration (the file given, or ./config.ini) it reads the configured serial port and publishes
/// to the configured broker (VSCP events, and Domoticz updates when <c>[DOMOTICZ]</c> names devices); with
/// <c>--log-dir</c> it also writes the monthly logs of the DSMR logger (seeds/004: <see cref="ValueLog"/>,
/// <see cref="RawLog"/>). For EKM meters it takes setting commands on MQTT and, with <c>--db</c>, stores every read
/// in SQLite (<see cref="EkmGatewaySource"/>). With no configuration it runs the demo: a simulated meter replaying the built-in real
/// captures, a broker inside the program, and the events it receives shown on the terminal. <c>--http</c> serves the
/// read-only status page (docs/status-page.md). With <c>[GENERAL] homeassistant</c> it also publishes Home Assistant
/// discovery, keeping the list of announced configs in <c>CONFIG.homeassistant</c> beside the configuration file
/// (docs/home-assistant.md). <c>--tcp</c> (or <c>[TCP] listen</c>) serves the meter's checked telegrams to TCP clients
/// (<see cref="TelegramListener"/>, docs/tcp.md).
/// </summary>
public sealed class RunCommand : ICliCommand
{
    /// <summary>Seconds between telegrams of the demo's simulated meter.</summary>
    public const double DemoInterval = 5;

    /// <inheritdoc/>
    public Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file (default ./config.ini; without one: the demo)" };
        var oneShot = new Option<bool>("--oneshot", "-s") { Description = "Publish one reading set and exit (for cron)" };
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Show every published message" };
        var debug = new Option<bool>("--debug", "-d") { Description = "Show every reading of every frame" };
        var logDir = new Option<string?>("--log-dir") { Description = "Write monthly logs of the published values (values-YYYY-MM.csv) to this folder" };
        var rawLog = new Option<bool>("--raw-log") { Description = "With --log-dir: also log the raw telegrams (raw-YYYY-MM.txt)" };
        var http = new Option<string?>("--http") { Description = "Serve the read-only status page and /status.json on HOST:PORT (e.g. 127.0.0.1:8080)" };
        var db = new Option<string?>("--db") { Description = "EKM: also store every read in this SQLite file (see export)" };
        var tcp = new Option<string?>("--tcp") { Description = "Serve the meter's checked telegrams to TCP clients on HOST:PORT (e.g. 0.0.0.0:2001; docs/tcp.md), as [TCP] listen" };
        var language = LanguageOption.Create();
        var command = new Command("run", "Run the gateway: meter → VSCP events on MQTT");
        foreach (var option in new Option[] { config, oneShot, verbose, debug, logDir, rawLog, http, db, tcp, language }) command.Options.Add(option);
        command.SetAction((result, cancel) => RunAsync(result.GetValue(config), result.GetValue(oneShot), result.GetValue(verbose), result.GetValue(debug),
            result.GetValue(logDir), result.GetValue(rawLog), result.GetValue(http), result.GetValue(db), cancel, result.GetValue(tcp), result.GetValue(language), RunDisplay.Lines));
        return command;
    }

    /// <summary>
    /// The gateway as <c>run</c> starts it (the configuration at <paramref name="configPath"/> or ./config.ini, else the
    /// demo), shown through <paramref name="display"/>: run's lines, or <c>watch</c>'s live view. Returns the exit code;
    /// a bad option or configuration is a <see cref="UsageException"/>.
    /// </summary>
    internal static async Task<int> RunAsync(string? configPath, bool oneShot, bool verbose, bool debug, string? logDir, bool rawLog, string? http, string? db,
        CancellationToken cancel, string? tcp, string? language, RunDisplay display)
    {
        if (language != null) LanguageOption.Parse(language); // a bad value is a usage error before anything starts
        if (rawLog && logDir == null) throw new UsageException("--raw-log: needs --log-dir DIR");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        Termination.StopCleanly(); // Ctrl-C and SIGTERM cancel 'cancel'; a second one is ignored while the outbox is flushed
        string? path = configPath ?? (File.Exists("config.ini") ? "config.ini" : null);
        if (path == null && logDir != null) throw new UsageException("--log-dir: needs a configuration (-c config.ini)");
        if (path == null && db != null) throw new UsageException("--db: needs a configuration (-c config.ini)");
        using var page = http != null ? StatusPageServer.Start(http) : null;
        if (page != null) display.Output.WriteLine($"metergateway: status page on {page.Url} (read-only)");
        if (path == null) return await RunDemoAsync(oneShot, verbose, debug, page, stop.Token, tcp, display);

        GatewayConfig config = LoadConfig(path);
        if (language != null) ApplyLanguage(config, language);
        using var telegrams = TelegramListener.Start(config, tcp, new HostClock());
        if (telegrams != null) display.Output.WriteLine(TelegramsLine(telegrams, config));
        var extras = new Extras(Selections.Load(config, Path.GetDirectoryName(Path.GetFullPath(path))!),
            config.Domoticz.IsConfigured ? new DomoticzMessages(config.Domoticz, config.Messages.Qos) : null);
        byte[] mac = HostIdentity.Mac();
        string clientId = config.ClientIdFor(mac);
        config.OutboxDirectory = StateDirectory.Outbox(config.OutboxDirectory, path, clientId) ?? StateDirectory.None;
        using var mqtt = new MqttNetConnection(Endpoint(config, clientId));
        var source = EkmGatewaySource.For(config, MeterSources.Create(config, new HostClock(), telegrams?.Server), mqtt, clientId, db, new HostClock());
        using var disposeSource = source as IDisposable;
        using var logs = logDir != null ? OpenLogs(config, logDir, rawLog, extras.Selection, source) : null;
        display.Output.WriteLine($"metergateway: {config.Protocol} meter on {config.SerialPort}{(config.DecryptionKey != null ? " (encrypted P1: DLMS frames decrypted)" : "")}, broker {config.Host}:{config.Port} as {clientId}"
            + (logDir != null ? $", logging to {logDir}" : "")
            + (config.OutboxDirectory != StateDirectory.None ? $", outbox in {config.OutboxDirectory}" : ", no outbox ([OUTBOX] directory = none)"));
        var record = FileDiscoveryRecordStore.BesideConfig(path);
        if (config.HomeAssistant.Enabled) display.Output.WriteLine($"metergateway: Home Assistant discovery under {config.HomeAssistant.DiscoveryPrefix}/, announced configs listed in {record.Path}");
        return RunLoop(config, source, mqtt, mac, clientId, oneShot || config.OneShot, verbose, debug, page, stop.Token, display,
            extras with { Log = logs, Record = config.HomeAssistant.Enabled || record.Exists ? record : null, Tcp = telegrams?.Server });
    }

    // "metergateway: telegram server on 0.0.0.0:2001 (checked telegrams, at most 4 clients)"
    private static string TelegramsLine(TelegramListener telegrams, GatewayConfig config) =>
        $"metergateway: telegram server on {telegrams.Endpoint} ({(config.Tcp.Raw ? "the meter's bytes unchecked" : config.DecryptionKey != null ? "checked telegrams, decrypted" : "checked telegrams")}, at most {config.Tcp.MaxClients} clients)";

    /// <summary>
    /// What a configuration adds to the loop: the OBIS selection, the Domoticz updates, the logs of --log-dir, and the
    /// record of Home Assistant configs (when discovery is on, or was on in an earlier run).
    /// </summary>
    private sealed record Extras(ObisSelection? Selection, DomoticzMessages? Domoticz, LogObserver? Log = null, IDiscoveryRecordStore? Record = null, TelegramServer? Tcp = null);

    private static LogObserver OpenLogs(GatewayConfig config, string directory, bool raw, ObisSelection? selection, IMeterSource source)
    {
        var zone = TimeZoneInfo.Local;
        var values = new ValueLog(directory, selection, zone, config.Language, config.Protocol == MeterProtocol.Ekm);
        RawLog? rawLog = null;
        if (raw)
        {
            var plain = ProtocolCatalog.OptionsFrom(config) with { Key = null, AuthenticationKey = null };
            string protocol = config.Protocol == MeterProtocol.Sml ? ProtocolCatalog.Sml : ProtocolCatalog.Dsmr;
            rawLog = new RawLog(directory, () => ProtocolCatalog.CreateDecoder(protocol, plain), protocol == ProtocolCatalog.Dsmr, zone);
        }
        return new LogObserver(values, rawLog, (source as PushMeterSource)?.Decoder, new HostClock());
    }

    /// <summary>Reads and validates a configuration file; any problem is a usage error naming the key and value.</summary>
    public static GatewayConfig LoadConfig(string path)
    {
        if (!File.Exists(path)) throw new UsageException($"--config {path}: no such file");
        try
        {
            return GatewayConfig.Load(File.ReadAllText(path));
        }
        catch (ConfigException e)
        {
            throw new UsageException($"{path}: {e.Message}");
        }
    }

    /// <summary><c>--language</c>: overrides <c>[GENERAL] language</c> (default notes follow it, configured notes stay).</summary>
    private static void ApplyLanguage(GatewayConfig config, string language)
    {
        config.Set("GENERAL", "language", language.ToLowerInvariant());
        config.Validate();
    }

    /// <summary>The broker settings of a configuration.</summary>
    public static MqttEndpoint Endpoint(GatewayConfig config, string clientId) => new(
        config.Host, config.Port, clientId, config.User, config.Password, config.Tls,
        string.IsNullOrEmpty(config.CaFile) ? null : config.CaFile, config.AvailabilityTopicFor(clientId), config.KeepAlive, MaxInflight: config.MaxInflight);

    private static int RunLoop(GatewayConfig config, IMeterSource source, MqttNetConnection mqtt, byte[] mac, string clientId,
        bool oneShot, bool verbose, bool debug, StatusPageServer? page, CancellationToken stop, RunDisplay display, Extras? extras = null)
    {
        var clock = new HostClock();
        var observer = display.ShowsLines ? new ConsoleObserver(display.Output, verbose, debug, config.Language) : null;
        var platform = new HostPlatformHealth();
        string availability = config.AvailabilityTopicFor(clientId);
        using var storage = string.IsNullOrEmpty(config.OutboxDirectory) || config.OutboxDirectory == StateDirectory.None ? null : new FileRecordStorage(config.OutboxDirectory);
        var loop = new GatewayLoop(config.Gateway, source, mqtt, new MessageBuilder(config.Messages, mac, clock), clock, availability, MeterSources.ReadingsFor(config))
        {
            Observer = extras?.Log == null ? (IGatewayObserver?)observer : observer == null ? extras.Log : new ObserverGroup(observer, extras.Log),
            Selection = extras?.Selection,
            Extra = extras?.Domoticz,
            StatusTopic = config.StatusTopicFor(clientId),
            HomeAssistant = extras?.Record != null ? new HomeAssistantPublisher(config.HomeAssistant, config.Messages, clientId, availability, platform.ApplicationVersion, extras.Record) : null,
            Outbox = storage == null ? null : new ReadingOutbox(storage, clock, config.OutboxOptions()),
            Power = page != null ? new PowerHistory(PowerHistory.DefaultMinutes) : null,
        };
        loop.StatusDocument = new StatusJson(loop, config.Protocol, platform) { Tcp = extras?.Tcp };
        try
        {
            loop.Start();
        }
        catch (IOException e)
        {
            display.Errors.WriteLine("metergateway: " + e.Message);
            return ExitCodes.Failed;
        }
        try
        {
            while (!stop.IsCancellationRequested)
            {
                bool published = loop.Step(200);
                page?.Update(loop);
                display.Stepped?.Invoke(loop);
                if (published && oneShot) break;
            }
        }
        finally
        {
            loop.Stop();
            observer?.Flush();
            var s = loop.Status;
            display.Output.WriteLine($"metergateway: stopped; {s.FramesValid} frames, {s.FramesRejectedTotal} rejected, {s.MessagesPublished} messages published, {s.SetsDropped} sets not published"
                + (s.SetsSkipped > 0 ? $", {s.SetsSkipped} skipped (interval)" : ""));
            if (loop.Outbox != null) display.Output.WriteLine("metergateway: outbox " + OutboxSummary(loop.Outbox.Status));
            if (extras?.Tcp is { } t) display.Output.WriteLine($"metergateway: telegram server: {t.FramesServed} frames served, {t.FramesWithheld} withheld, {t.Accepted} clients accepted, {t.Refused} refused, {t.DroppedSlow} dropped as too slow");
        }
        return ExitCodes.Ok;
    }

    /// <summary>One line of outbox state: depth, oldest waiting set, thinned, storage.</summary>
    public static string OutboxSummary(OutboxStatus o)
    {
        string oldest = o.OldestUndeliveredTime == MeterGateway.Readings.ReadingSet.NoTime ? "none" : MeterGateway.Readings.UnixTime.ToIso(o.OldestUndeliveredTime);
        return $"{o.Depth} sets waiting (oldest {oldest}), {o.Thinned} thinned, {o.Dropped} dropped, {o.UsedBytes / 1024} KB in {o.Segments} files, next sequence {o.NextSequence}, {o.BytesWritten} bytes written since start";
    }

    private static async Task<int> RunDemoAsync(bool oneShot, bool verbose, bool debug, StatusPageServer? page, CancellationToken stop, string? tcp, RunDisplay display)
    {
        await using var broker = await EmbeddedBroker.StartAsync(1883);
        var config = new GatewayConfig { Host = "127.0.0.1", Port = broker.Port };
        using var telegrams = TelegramListener.Start(config, tcp, new HostClock());
        byte[] mac = HostIdentity.Mac();
        string clientId = config.ClientIdFor(mac);
        TextWriter output = display.Output;
        output.WriteLine("metergateway demo: no configuration (no -c and no ./config.ini), so:");
        output.WriteLine($"  meter:  a simulated P1 meter replaying {DemoCaptures.Dsmr.Count} real captures, one telegram every {DemoInterval} s");
        output.WriteLine($"  broker: inside this program on 127.0.0.1:{broker.Port} (connect any MQTT client to watch)");
        if (display.ShowsLines) output.WriteLine("  events: shown below as the broker receives them; Ctrl-C stops. See README.md to use a real meter.");
        if (telegrams != null) output.WriteLine("  " + TelegramsLine(telegrams, config).Substring("metergateway: ".Length));
        using var subscriber = display.ShowsLines ? await DemoViewerAsync(broker.Port, output, verbose, stop) : null;

        var link = new SimulatedMeterLink(new DsmrTelegramSource(DemoCaptures.Dsmr), TimeSpan.FromSeconds(DemoInterval));
        var source = MeterProfile.For(config).CreateSource(config, link, true, new HostClock(), telegrams?.Server);
        using var mqtt = new MqttNetConnection(Endpoint(config, clientId));
        int code = await Task.Run(() => RunLoop(config, source, mqtt, mac, clientId, oneShot, false, debug, page, stop, display,
            telegrams != null ? new Extras(null, null, Tcp: telegrams.Server) : null));
        await Task.Delay(200, CancellationToken.None); // let the viewer print the last events
        return code;
    }

    // The demo's MQTT client that prints every message the broker receives.
    private static async Task<IMqttClient> DemoViewerAsync(int port, TextWriter output, bool verbose, CancellationToken stop)
    {
        var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            output.WriteLine("  received " + e.ApplicationMessage.Topic + " " + DemoSummary(e.ApplicationMessage.ConvertPayloadToString(), verbose));
            return Task.CompletedTask;
        };
        try
        {
            await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("metergateway-demo-viewer").Build(), stop);
            await subscriber.SubscribeAsync("#", cancellationToken: stop);
            return subscriber;
        }
        catch
        {
            subscriber.Dispose();
            throw;
        }
    }

    // "value unit (note)" of a VSCP JSON event, or the whole payload with -v or when it is not one.
    private static string DemoSummary(string payload, bool verbose)
    {
        if (verbose) return payload;
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(payload);
            var root = doc.RootElement;
            if (root.ValueKind != System.Text.Json.JsonValueKind.Object || !root.TryGetProperty("measurement", out var m)) return payload;
            return $"= {m.GetProperty("value").GetRawText()} (VSCP unit {m.GetProperty("unit").GetInt32()}) \"{root.GetProperty("vscpNote").GetString()}\"";
        }
        catch (System.Text.Json.JsonException)
        {
            return payload;
        }
    }
}
