using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MeterGateway.Bench;

/// <summary>
/// A mosquitto broker on a free loopback port for the benchmarks that publish (started in a GlobalSetup, stopped in the
/// GlobalCleanup: nothing outlives the benchmark). Throws when mosquitto is not installed.
/// </summary>
public sealed class Mosquitto : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    /// <summary>The port it listens on (127.0.0.1).</summary>
    public int Port { get; }

    private Mosquitto(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        Port = port;
    }

    /// <summary>Starts a broker without persistence and waits until it accepts connections.</summary>
    public static Mosquitto Start()
    {
        string exe = new[] { "/usr/sbin/mosquitto", "/usr/local/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto is not installed (apt-get install mosquitto)");
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        string folder = Directory.CreateTempSubdirectory("bench-mosquitto-").FullName;
        string conf = Path.Combine(folder, "mosquitto.conf");
        File.WriteAllText(conf, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nmax_queued_messages 1000000\n");
        var process = Process.Start(new ProcessStartInfo(exe, new[] { "-c", conf }) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var broker = new Mosquitto(process, folder, port);
        for (var deadline = DateTime.UtcNow.AddSeconds(10); DateTime.UtcNow < deadline; Thread.Sleep(50))
        {
            try
            {
                using var client = new TcpClient("127.0.0.1", port);
                return broker;
            }
            catch (SocketException)
            {
                if (process.HasExited) break;
            }
        }
        broker.Dispose();
        throw new InvalidOperationException("mosquitto did not start on port " + port);
    }

    /// <summary>Kills the broker, waits for it and removes its folder.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, true);
        }
        catch (IOException)
        {
            // left in /tmp
        }
    }
}
