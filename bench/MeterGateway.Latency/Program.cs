using System.Diagnostics;
using MeterGateway.Bench;
using MeterGateway.Simulators;
using MQTTnet;
using MQTTnet.Protocol;

namespace MeterGateway.Latency;

/// <summary>
/// Latency serial → subscriber of the real host program. Starts its own mosquitto on a free loopback port, makes a pty
/// pair (<see cref="PtyPair"/>) and starts <c>metergateway run</c> (a config with the pair's device as serial_port, the
/// broker, a temporary state folder through STATE_DIRECTORY), then writes N DSMR 5 telegrams of tests/corpus (stamped
/// one second apart, CRC recomputed, as <c>metergateway simulate</c> does) into the pair's master side, one every --gap
/// ms. For each telegram it takes the time after the last byte was written and the arrival of its first and last VSCP
/// event at a subscriber, on the same clock (Stopwatch), and prints p50/p99/max of both.
/// Everything it started is stopped and its temporary folder removed, also on Ctrl+C.
/// The gateway publishes at QoS 1; the subscriber subscribes at --subscriber-qos (1 by default: then mosquitto sends it
/// at most 20 messages unacknowledged, its default max_inflight_messages, so a set's 21st event waits for the
/// subscriber's first PUBACK; 0: no acknowledgements between broker and subscriber). The subscriber is an MQTTnet
/// client in this process (--subscriber mqttnet, the default) or mosquitto's own <c>mosquitto_sub</c>
/// (<see cref="MosquittoSubscriber"/>), a C client with one blocking read loop.
/// --direct leaves out the serial line and the gateway: an MQTTnet client in this process publishes sets of 21 QoS 1
/// messages of 325 bytes (a DSMR 5 telegram's events) straight to the broker, timed from before the first publish:
/// what the broker and the subscriber cost on this machine by themselves, the floor under the gateway's figure.
/// <code>dotnet run -c Release --project bench/MeterGateway.Latency -- [--count 200] [--gap 250] [--warmup 20]
///     [--subscriber-qos 1] [--subscriber mqttnet|mosquitto_sub] [--direct] [--telegram dsmr50_nl_iskra_mt382.txt]
///     [--gateway host/MeterGateway.Host/bin/net/Release/net10.0/metergateway.dll]</code>
/// </summary>
public static class Program
{
    private static readonly object Gate = new();
    private static readonly List<long> Arrivals = new();
    private static readonly List<Process> Started = new();

    /// <summary>Entry point; returns 0 when every telegram's events arrived.</summary>
    public static int Main(string[] args)
    {
        int count = IntArg(args, "--count", 200), gapMs = IntArg(args, "--gap", 250), warmup = IntArg(args, "--warmup", 20);
        int subscriberQos = IntArg(args, "--subscriber-qos", 1);
        if (subscriberQos is not (0 or 1))
        {
            Console.Error.WriteLine($"--subscriber-qos {subscriberQos}: 0 or 1");
            return 2;
        }
        string subscriberKind = StringArg(args, "--subscriber", "mqttnet");
        if (subscriberKind is not ("mqttnet" or "mosquitto_sub"))
        {
            Console.Error.WriteLine($"--subscriber {subscriberKind}: mqttnet or mosquitto_sub");
            return 2;
        }
        bool direct = args.Contains("--direct");
        string telegramName = StringArg(args, "--telegram", "dsmr50_nl_iskra_mt382.txt");
        string root = RepoRoot();
        string gateway = Path.GetFullPath(StringArg(args, "--gateway", Path.Combine(root, "host/MeterGateway.Host/bin/net/Release/net10.0/metergateway.dll")));
        if (!direct && !File.Exists(gateway))
        {
            Console.Error.WriteLine($"{gateway} not found: dotnet build -c Release host/MeterGateway.Host (or give --gateway)");
            return 2;
        }
        byte[] capture = File.ReadAllBytes(Path.Combine(root, "tests/corpus/dsmr", telegramName));
        string folder = Directory.CreateTempSubdirectory("bench-latency-").FullName;
        Mosquitto? broker = null;
        PtyPair? pty = null;
        IMqttClient? publisher = null;
        IMqttClient? subscriber = null;
        MosquittoSubscriber? mosquittoSub = null;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            StopAll();
        };
        try
        {
            broker = Mosquitto.Start();

            if (subscriberKind == "mosquitto_sub")
            {
                mosquittoSub = new MosquittoSubscriber(broker.Port, "vscp/#", subscriberQos, Arrived);
            }
            else
            {
                subscriber = new MqttClientFactory().CreateMqttClient();
                subscriber.ApplicationMessageReceivedAsync += e =>
                {
                    long now = Stopwatch.GetTimestamp();
                    if (e.ApplicationMessage.Topic.StartsWith("vscp/", StringComparison.Ordinal)) Arrived(now);
                    return Task.CompletedTask;
                };
                subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port)
                    .WithClientId("latency-subscriber").WithCleanSession(true).Build()).GetAwaiter().GetResult();
                subscriber.SubscribeAsync("vscp/#", (MqttQualityOfServiceLevel)subscriberQos).GetAwaiter().GetResult();
            }

            Func<long> send;
            if (direct)
            {
                publisher = new MqttClientFactory().CreateMqttClient();
                MqttClientOptions options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port)
                    .WithClientId("latency-publisher").WithCleanSession(true).Build();
                // the gateway's socket buffers (host MqttNetConnection.SocketBufferBytes, 256 KB): MQTTnet's 8 KB
                // would hold a set's later messages back until the broker's first acknowledgements (docs/benchmarks.md)
                ((MqttClientTcpOptions)options.ChannelOptions).BufferSize = 256 * 1024;
                publisher.ConnectAsync(options).GetAwaiter().GetResult();
                send = DirectSet(publisher, 21, 325);
            }
            else
            {
                pty = new PtyPair();
                string state = Path.Combine(folder, "state");
                Directory.CreateDirectory(state);
                string config = Path.Combine(folder, "config.ini");
                File.WriteAllText(config,
                    "[GENERAL]\nprotocol = dsmr\ninterval = 0\n" +
                    $"[MQTT]\nhost = 127.0.0.1\nport = {broker.Port}\nclient_id = latency-gateway\nqos = 1\nstatus_interval = 0\n" +
                    $"[SERIAL]\nserial_port = {pty.DevicePath}\nserial_baudrate = 115200\n");
                Start("dotnet", folder, state, gateway, "run", "--config", config);
                send = Telegrams(pty.Meter, capture, telegramName);
            }

            // Warm-up: until the gateway publishes (it connects meanwhile; sets read before may arrive together), then
            // --warmup telegrams more; the expected number of events per telegram is the count of the last one.
            int expected = 0;
            var warmDeadline = Stopwatch.StartNew();
            for (int i = 0; expected == 0 || i < warmup; i++)
            {
                if (warmDeadline.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("the gateway published nothing within 60 s");
                send();
                Thread.Sleep(Math.Max(gapMs, 250));
                lock (Gate)
                {
                    expected = Arrivals.Count;
                    if (Arrivals.Count == 0) i = 0;
                    Arrivals.Clear();
                }
            }
            string what = direct ? "direct, no serial line and no gateway" : telegramName;
            Console.WriteLine($"{what}: {expected} events a telegram; {count} telegrams, one every {gapMs} ms; subscriber QoS {subscriberQos}; load average {File.ReadAllText("/proc/loadavg").Trim()}, {Environment.ProcessorCount} cores");

            var first = new List<double>(count);
            var last = new List<double>(count);
            int incomplete = 0;
            for (int i = 0; i < count; i++)
            {
                long written = send();
                Thread.Sleep(gapMs);
                lock (Gate)
                {
                    if (Arrivals.Count != expected)
                    {
                        incomplete++;
                        Console.WriteLine($"telegram {i + 1}: {Arrivals.Count} events");
                    }
                    if (Arrivals.Count > 0)
                    {
                        first.Add(Stopwatch.GetElapsedTime(written, Arrivals[0]).TotalMilliseconds);
                        if (Arrivals.Count == expected) last.Add(Stopwatch.GetElapsedTime(written, Arrivals[^1]).TotalMilliseconds);
                    }
                    Arrivals.Clear();
                }
            }
            Console.WriteLine($"first event: {Summary(first)}");
            Console.WriteLine($"last event:  {Summary(last)}");
            if (incomplete > 0) Console.WriteLine($"{incomplete} telegram(s) without exactly {expected} events within {gapMs} ms");
            Console.WriteLine($"load average: {File.ReadAllText("/proc/loadavg").Trim()}; {Environment.ProcessorCount} cores");
            return incomplete == 0 ? 0 : 1;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine("latency: " + e.Message);
            return 1;
        }
        finally
        {
            try
            {
                subscriber?.DisconnectAsync().GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // the broker is going anyway
            }
            subscriber?.Dispose();
            publisher?.Dispose();
            mosquittoSub?.Dispose();
            StopAll();
            pty?.Dispose();
            broker?.Dispose();
            try
            {
                Directory.Delete(folder, true);
            }
            catch (IOException)
            {
                // left in /tmp
            }
        }
    }

    // An event's arrival at the subscriber (a Stopwatch timestamp), from whichever thread received it.
    private static void Arrived(long timestamp)
    {
        lock (Gate) Arrivals.Add(timestamp);
    }

    // Each call stamps the next telegram (one second after the previous), writes it into the meter's side of the pty in
    // one write and returns the time after it.
    private static Func<long> Telegrams(FileStream meter, byte[] capture, string name)
    {
        var writer = new DsmrTelegramWriter(16384);
        int start = Array.IndexOf(capture, (byte)'/');
        if (start < 0) throw new InvalidOperationException(name + ": no telegram");
        long utc = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        return () =>
        {
            int length = writer.Write(capture, start, capture.Length - start, utc++);
            if (length < 0) throw new InvalidOperationException(name + ": not a DSMR telegram");
            meter.Write(writer.Buffer, 0, length);
            meter.Flush();
            return Stopwatch.GetTimestamp();
        };
    }

    // --direct: each call publishes a set of <events> QoS 1 messages of <size> bytes (a DSMR 5 telegram's 21 events
    // of about 325 bytes) under vscp/ straight to the broker, all sent before any acknowledgement is awaited, as the
    // gateway's window sends them, and returns the time before the first: the broker and the subscriber without the
    // serial line and the gateway.
    private static Func<long> DirectSet(IMqttClient publisher, int events, int size)
    {
        var messages = new MqttApplicationMessage[events];
        for (int k = 0; k < events; k++)
        {
            messages[k] = new MqttApplicationMessageBuilder().WithTopic($"vscp/latency/direct/{k}")
                .WithPayload(new byte[size]).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        }
        var pending = new Task[events];
        return () =>
        {
            long before = Stopwatch.GetTimestamp();
            for (int k = 0; k < events; k++) pending[k] = publisher.PublishAsync(messages[k]);
            Task.WaitAll(pending);
            return before;
        };
    }

    private static string Summary(List<double> ms)
    {
        if (ms.Count == 0) return "none";
        ms.Sort();
        double P(double p) => ms[Math.Min(ms.Count - 1, (int)Math.Ceiling(p * ms.Count) - 1)];
        return $"p50 {P(0.50):F2} ms, p99 {P(0.99):F2} ms, max {ms[^1]:F2} ms (n = {ms.Count})";
    }

    private static void Start(string exe, string folder, string state, params string[] args)
    {
        var info = new ProcessStartInfo(exe, args)
        {
            WorkingDirectory = folder,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["STATE_DIRECTORY"] = state;
        var process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + exe);
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null && Environment.GetEnvironmentVariable("LATENCY_VERBOSE") == "1") Console.Error.WriteLine(exe + ": " + e.Data);
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (Started) Started.Add(process);
    }

    // Stops what Start started, newest first.
    private static void StopAll()
    {
        lock (Started)
        {
            for (int i = Started.Count - 1; i >= 0; i--)
            {
                Process p = Started[i];
                try
                {
                    if (!p.HasExited) p.Kill(entireProcessTree: true);
                    p.WaitForExit(5000);
                }
                catch (InvalidOperationException)
                {
                    // already gone
                }
                p.Dispose();
            }
            Started.Clear();
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MeterGateway.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("run from within the repository");
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1]) : fallback;
    }

    private static string StringArg(string[] args, string name, string fallback)
    {
        int i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
