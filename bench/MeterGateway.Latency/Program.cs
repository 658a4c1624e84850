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
/// event at an MQTTnet subscriber in this process, on the same clock (Stopwatch), and prints p50/p99/max of both.
/// Everything it started is stopped and its temporary folder removed, also on Ctrl+C.
/// The gateway publishes at QoS 1; the subscriber subscribes at --subscriber-qos (1 by default: then mosquitto sends it
/// at most 20 messages unacknowledged, its default max_inflight_messages, so a set's 21st event waits for the
/// subscriber's first PUBACK; 0: no acknowledgements between broker and subscriber).
/// <code>dotnet run -c Release --project bench/MeterGateway.Latency -- [--count 200] [--gap 250] [--warmup 20]
///     [--subscriber-qos 1] [--telegram dsmr50_nl_iskra_mt382.txt]
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
        string telegramName = StringArg(args, "--telegram", "dsmr50_nl_iskra_mt382.txt");
        string root = RepoRoot();
        string gateway = Path.GetFullPath(StringArg(args, "--gateway", Path.Combine(root, "host/MeterGateway.Host/bin/net/Release/net10.0/metergateway.dll")));
        if (!File.Exists(gateway))
        {
            Console.Error.WriteLine($"{gateway} not found: dotnet build -c Release host/MeterGateway.Host (or give --gateway)");
            return 2;
        }
        byte[] capture = File.ReadAllBytes(Path.Combine(root, "tests/corpus/dsmr", telegramName));
        string folder = Directory.CreateTempSubdirectory("bench-latency-").FullName;
        Mosquitto? broker = null;
        PtyPair? pty = null;
        IMqttClient? subscriber = null;
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            StopAll();
        };
        try
        {
            broker = Mosquitto.Start();
            pty = new PtyPair();

            subscriber = new MqttClientFactory().CreateMqttClient();
            subscriber.ApplicationMessageReceivedAsync += e =>
            {
                long now = Stopwatch.GetTimestamp();
                if (e.ApplicationMessage.Topic.StartsWith("vscp/", StringComparison.Ordinal))
                {
                    lock (Gate) Arrivals.Add(now);
                }
                return Task.CompletedTask;
            };
            subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", broker.Port)
                .WithClientId("latency-subscriber").WithCleanSession(true).Build()).GetAwaiter().GetResult();
            subscriber.SubscribeAsync("vscp/#", (MqttQualityOfServiceLevel)subscriberQos).GetAwaiter().GetResult();

            string state = Path.Combine(folder, "state");
            Directory.CreateDirectory(state);
            string config = Path.Combine(folder, "config.ini");
            File.WriteAllText(config,
                "[GENERAL]\nprotocol = dsmr\ninterval = 0\n" +
                $"[MQTT]\nhost = 127.0.0.1\nport = {broker.Port}\nclient_id = latency-gateway\nqos = 1\nstatus_interval = 0\n" +
                $"[SERIAL]\nserial_port = {pty.DevicePath}\nserial_baudrate = 115200\n");
            Start("dotnet", folder, state, gateway, "run", "--config", config);

            var writer = new DsmrTelegramWriter(16384);
            int start = Array.IndexOf(capture, (byte)'/');
            if (start < 0) throw new InvalidOperationException(telegramName + ": no telegram");
            long utc = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            FileStream meter = pty.Meter;

            // Warm-up: until the gateway publishes (it connects meanwhile; sets read before may arrive together), then
            // --warmup telegrams more; the expected number of events per telegram is the count of the last one.
            int expected = 0;
            var warmDeadline = Stopwatch.StartNew();
            for (int i = 0; expected == 0 || i < warmup; i++)
            {
                if (warmDeadline.Elapsed > TimeSpan.FromSeconds(60)) throw new InvalidOperationException("the gateway published nothing within 60 s");
                Send(meter, writer, capture, start, utc++);
                Thread.Sleep(Math.Max(gapMs, 250));
                lock (Gate)
                {
                    expected = Arrivals.Count;
                    if (Arrivals.Count == 0) i = 0;
                    Arrivals.Clear();
                }
            }
            Console.WriteLine($"{telegramName}: {expected} events a telegram; {count} telegrams, one every {gapMs} ms; subscriber QoS {subscriberQos}; load average {File.ReadAllText("/proc/loadavg").Trim()}, {Environment.ProcessorCount} cores");

            var first = new List<double>(count);
            var last = new List<double>(count);
            int incomplete = 0;
            for (int i = 0; i < count; i++)
            {
                long written = Send(meter, writer, capture, start, utc++);
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

    // Stamps the next telegram, writes it in one write and returns the time after it.
    private static long Send(FileStream meter, DsmrTelegramWriter writer, byte[] capture, int start, long utc)
    {
        int length = writer.Write(capture, start, capture.Length - start, utc);
        if (length < 0) throw new InvalidOperationException("not a DSMR telegram");
        meter.Write(writer.Buffer, 0, length);
        meter.Flush();
        return Stopwatch.GetTimestamp();
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
