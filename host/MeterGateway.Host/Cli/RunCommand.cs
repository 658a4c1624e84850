using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text;
using MeterGateway.Core.Config;
using MeterGateway.Core.Gateway;
using MeterGateway.Core.Link;
using MeterGateway.Core.Publishing;
using MeterGateway.Host.Gateway;
using MeterGateway.Host.Mqtt;
using MeterGateway.Host.Simulation;
using MQTTnet;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway run [-c config.ini] [-s/--oneshot] [-v/--verbose] [-d/--debug]</c>: the gateway. With a
/// configuration (the file given, or ./config.ini) it reads the configured serial port and publishes to the
/// configured broker. With none it runs the demo: a simulated meter replaying the built-in real captures, a broker
/// inside the program, and the events it receives shown on the terminal.
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
        var command = new Command("run", "Run the gateway: meter → VSCP events on MQTT");
        foreach (var option in new Option[] { config, oneShot, verbose, debug }) command.Options.Add(option);
        command.SetAction((result, cancel) => RunAsync(result.GetValue(config), result.GetValue(oneShot), result.GetValue(verbose), result.GetValue(debug), cancel));
        return command;
    }

    private static async Task<int> RunAsync(string? configPath, bool oneShot, bool verbose, bool debug, CancellationToken cancel)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        string? path = configPath ?? (File.Exists("config.ini") ? "config.ini" : null);
        if (path == null) return await RunDemoAsync(oneShot, verbose, debug, stop.Token);

        GatewayConfig config = LoadConfig(path);
        byte[] mac = HostIdentity.Mac();
        string clientId = config.ClientIdFor(mac);
        using var mqtt = new MqttNetConnection(Endpoint(config, clientId));
        var source = MeterSources.Create(config, new HostClock());
        Console.Out.WriteLine($"metergateway: {config.Protocol} meter on {config.SerialPort}, broker {config.Host}:{config.Port} as {clientId}");
        return RunLoop(config, source, mqtt, mac, clientId, oneShot || config.OneShot, verbose, debug, stop.Token);
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

    /// <summary>The broker settings of a configuration.</summary>
    public static MqttEndpoint Endpoint(GatewayConfig config, string clientId) => new(
        config.Host, config.Port, clientId, config.User, config.Password, config.Tls,
        string.IsNullOrEmpty(config.CaFile) ? null : config.CaFile, config.AvailabilityTopicFor(clientId), config.KeepAlive);

    private static int RunLoop(GatewayConfig config, IMeterSource source, MqttNetConnection mqtt, byte[] mac, string clientId,
        bool oneShot, bool verbose, bool debug, CancellationToken stop)
    {
        var clock = new HostClock();
        var observer = new ConsoleObserver(Console.Out, verbose, debug);
        var loop = new GatewayLoop(config, source, mqtt, new MessageBuilder(config, mac, clock), clock, config.AvailabilityTopicFor(clientId),
            MeterSources.ReadingsFor(config))
        {
            Observer = observer,
        };
        try
        {
            loop.Start();
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("metergateway: " + e.Message);
            return ExitCodes.Failed;
        }
        try
        {
            while (!stop.IsCancellationRequested)
            {
                bool published = loop.Step(200);
                if (published && oneShot) break;
            }
        }
        finally
        {
            loop.Stop();
            observer.Flush();
            var s = loop.Status;
            Console.Out.WriteLine($"metergateway: stopped; {s.FramesValid} frames, {s.FramesRejectedTotal} rejected, {s.MessagesPublished} messages published, {s.SetsDropped} sets not published");
        }
        return ExitCodes.Ok;
    }

    private static async Task<int> RunDemoAsync(bool oneShot, bool verbose, bool debug, CancellationToken stop)
    {
        await using var broker = await EmbeddedBroker.StartAsync(1883);
        var config = new GatewayConfig { Host = "127.0.0.1", Port = broker.Port };
        byte[] mac = HostIdentity.Mac();
        string clientId = config.ClientIdFor(mac);
        Console.Out.WriteLine("metergateway demo: no configuration (no -c and no ./config.ini), so:");
        Console.Out.WriteLine($"  meter:  a simulated P1 meter replaying {DemoCaptures.Dsmr.Count} real captures, one telegram every {DemoInterval} s");
        Console.Out.WriteLine($"  broker: inside this program on 127.0.0.1:{broker.Port} (connect any MQTT client to watch)");
        Console.Out.WriteLine("  events: shown below as the broker receives them; Ctrl-C stops. See README.md to use a real meter.");

        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            Console.Out.WriteLine("  received " + e.ApplicationMessage.Topic + " " + DemoSummary(e.ApplicationMessage.ConvertPayloadToString(), verbose));
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port).WithClientId("metergateway-demo-viewer").Build(), stop);
        await subscriber.SubscribeAsync("#", cancellationToken: stop);

        var link = new SimulatedMeterLink(new DsmrTelegramSource(DemoCaptures.Dsmr), TimeSpan.FromSeconds(DemoInterval));
        var source = new PushMeterSource(link, new MeterGateway.Core.Protocols.Dsmr.DsmrDecoder(), 115200, LinkParity.None, 8, true,
            new HostClock(), config.SerialTimeout * 1000);
        using var mqtt = new MqttNetConnection(Endpoint(config, clientId));
        int code = await Task.Run(() => RunLoop(config, source, mqtt, mac, clientId, oneShot, false, debug, stop));
        await Task.Delay(200, CancellationToken.None); // let the viewer print the last events
        return code;
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
