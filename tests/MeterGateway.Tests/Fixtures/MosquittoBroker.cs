using System.Diagnostics;
using System.Net.Sockets;

namespace MeterGateway.Tests.Fixtures;

/// <summary>
/// A real mosquitto broker on a free 127.0.0.1 port with a config file in a temporary folder, started by the test
/// and killed when disposed. <see cref="Start"/> returns null when mosquitto is not installed (the test then reports
/// itself as skipped; <c>.ci/run</c> installs it).
/// </summary>
public sealed class MosquittoBroker : IDisposable
{
    private readonly string _folder;
    private readonly bool _persistent;
    private Process? _process;

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    private MosquittoBroker(string folder, int port, bool persistent)
    {
        _folder = folder;
        Port = port;
        _persistent = persistent;
    }

    /// <summary>
    /// Starts a broker, or returns null when mosquitto is missing. A <paramref name="persistent"/> broker saves its
    /// sessions every second, so that a subscriber's session and the messages queued for it survive a
    /// <see cref="Kill"/> and <see cref="Restart"/> (outage tests).
    /// </summary>
    public static MosquittoBroker? Start(int port = 0, bool persistent = false)
    {
        string? exe = ExternalTool.Find("mosquitto");
        if (exe == null) return null;
        var broker = new MosquittoBroker(Directory.CreateTempSubdirectory("mosquitto-").FullName, port == 0 ? ExternalTool.FreePort() : port, persistent);
        // Started as root, mosquitto drops to its own user, which must be able to save its database here.
        if (persistent && !OperatingSystem.IsWindows()) File.SetUnixFileMode(broker._folder, (UnixFileMode)0x1FF);
        broker.Launch(exe);
        return broker;
    }

    /// <summary>True while the broker runs.</summary>
    public bool Running => _process is { HasExited: false };

    /// <summary>Stops the broker (SIGKILL: an outage, not a clean shutdown).</summary>
    public void Kill()
    {
        ExternalTool.Stop(_process);
        _process = null;
    }

    /// <summary>Starts it again on the same port after <see cref="Kill"/>.</summary>
    public void Restart()
    {
        Kill();
        Launch(ExternalTool.Find("mosquitto")!);
    }

    private void Launch(string exe)
    {
        string conf = Path.Combine(_folder, "mosquitto.conf");
        File.WriteAllText(conf, $"listener {Port} 127.0.0.1\nallow_anonymous true\n" + (_persistent
            ? $"persistence true\npersistence_location {_folder}/\nautosave_interval 1\nmax_queued_messages 100000\n"
            : "persistence false\n"));
        _process = Process.Start(new ProcessStartInfo(exe, new[] { "-c", conf })
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var probe = new TcpClient("127.0.0.1", Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited) throw new InvalidOperationException("mosquitto exited with code " + _process.ExitCode);
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException("mosquitto did not start listening on port " + Port);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Kill();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
