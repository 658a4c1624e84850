using MeterGateway.Tests.Fixtures;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>
/// Real components for an end-to-end run: a mosquitto broker on a free loopback port, a socat pty pair, a recording
/// subscriber, and <c>metergateway run</c> with a config.ini pointing at both. <see cref="StartAsync"/> returns null
/// (with the reason) when mosquitto or socat is missing. Everything is stopped when disposed.
/// </summary>
public sealed class GatewayHarness : IAsyncDisposable
{
    /// <summary>The MQTT client id the gateway uses (its availability topic is metergateway/ID/status).</summary>
    public const string ClientId = "e2e-gateway";
    /// <summary>The gateway's availability topic.</summary>
    public const string AvailabilityTopic = "metergateway/" + ClientId + "/status";

    private readonly TempFolder _folder = new();
    private string[] _runArgs = Array.Empty<string>();

    /// <summary>The broker.</summary>
    public MosquittoBroker Broker { get; private set; } = null!;
    /// <summary>The pty pair: the meter writes on A, the gateway reads B.</summary>
    public PtyPair Pty { get; private set; } = null!;
    /// <summary>Everything published on the broker since start.</summary>
    public MqttRecorder Recorder { get; private set; } = null!;
    /// <summary>The running gateway.</summary>
    public MetergatewayProcess Gateway { get; private set; } = null!;
    /// <summary>The gateway's configuration file.</summary>
    public string ConfigPath => _folder.File("config.ini");

    /// <summary>Why the harness could not start (a missing tool), when <see cref="StartAsync"/> returned null.</summary>
    public static string? Missing { get; private set; }

    /// <summary>
    /// Starts broker, ptys, recorder and <c>metergateway run</c> with the extra config lines and run arguments given
    /// (<c>{folder}</c> in the config lines is <see cref="Folder"/>).
    /// </summary>
    public static Task<GatewayHarness?> StartAsync(string protocol, int baud, string parity = "none", int dataBits = 8, string extraConfig = "",
        params string[] runArgs) => StartAsync(protocol, baud, parity, dataBits, extraConfig, false, runArgs);

    /// <summary>As <see cref="StartAsync(string, int, string, int, string, string[])"/>, with a broker that keeps the recorder's session through a kill and restart.</summary>
    public static Task<GatewayHarness?> StartForOutagesAsync(string protocol, int baud, string extraConfig) =>
        StartAsync(protocol, baud, "none", 8, extraConfig, true, new string[0]);

    private static async Task<GatewayHarness?> StartAsync(string protocol, int baud, string parity, int dataBits, string extraConfig, bool outages, string[] runArgs)
    {
        var h = new GatewayHarness { _runArgs = runArgs };
        var broker = MosquittoBroker.Start(persistent: outages);
        if (broker == null) { Missing = "mosquitto is not installed (apt-get install mosquitto)"; await h.DisposeAsync(); return null; }
        h.Broker = broker;
        var pty = PtyPair.Start();
        if (pty == null) { Missing = "socat is not installed (apt-get install socat)"; await h.DisposeAsync(); return null; }
        h.Pty = pty;
        h.Recorder = await MqttRecorder.StartAsync(broker.Port, persistentSession: outages);
        File.WriteAllText(h.ConfigPath, $"""
            [GENERAL]
            protocol = {protocol}
            [MQTT]
            host = 127.0.0.1
            port = {broker.Port}
            client_id = {ClientId}
            [SERIAL]
            serial_port = {pty.B}
            serial_baudrate = {baud}
            serial_parity = {parity}
            serial_databits = {dataBits}
            {extraConfig.Replace("{folder}", h._folder.Path)}
            """);
        h.StartGateway();
        return h;
    }

    /// <summary>A path in the harness's temporary folder (deleted with it).</summary>
    public string TempPath(string name) => _folder.File(name);

    /// <summary>Starts (or restarts) <c>metergateway run -c config.ini -v</c> and the run arguments given to <see cref="StartAsync"/>.</summary>
    public void StartGateway()
    {
        Gateway?.Dispose();
        Gateway = MetergatewayProcess.Start(new[] { "run", "-c", ConfigPath, "-v" }.Concat(_runArgs).ToArray());
    }

    /// <summary>A folder for the gateway's files (the outbox), removed with the harness.</summary>
    public string Folder => _folder.Path;

    /// <summary>What the gateway printed so far (for failure messages).</summary>
    public string GatewayLog => string.Join('\n', Gateway.Output) + "\n" + string.Join('\n', Gateway.Errors);

    /// <summary>Starts <c>metergateway simulate</c> on the meter end of the pty pair.</summary>
    public MetergatewayProcess StartMeter(params string[] args) =>
        MetergatewayProcess.Start(new[] { "simulate", "--port", Pty.A }.Concat(args).ToArray());

    /// <summary>True when a subscriber arriving now receives <paramref name="expected"/> retained on the availability topic.</summary>
    public async Task<bool> AvailabilityRetainedAsync(string expected)
    {
        await using var late = await MqttRecorder.StartAsync(Broker.Port, AvailabilityTopic);
        return await late.WaitForAsync(m => m.Any(x => x.Payload == expected && x.Retain), TimeSpan.FromSeconds(5));
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Gateway?.Dispose();
        if (Recorder != null) await Recorder.DisposeAsync();
        Pty?.Dispose();
        Broker?.Dispose();
        _folder.Dispose();
    }
}
