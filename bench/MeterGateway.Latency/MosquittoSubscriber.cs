using System.Diagnostics;

namespace MeterGateway.Latency;

/// <summary>
/// mosquitto's own command-line subscriber (<c>mosquitto_sub</c>, package mosquitto-clients) as the benchmark's
/// subscriber: a C client that reads its socket in a blocking loop, so an event's arrival is stamped by the process
/// that read it, without the thread-pool hops of a .NET client. It prints each message's receipt time
/// (<c>-F %U</c>: Unix time in seconds with nanoseconds, CLOCK_REALTIME), which is mapped onto
/// <see cref="Stopwatch"/>'s clock by one pair of readings of both clocks taken at start; lines are read on a
/// background thread, so how late this process reads the pipe does not move the stamps.
/// </summary>
internal sealed class MosquittoSubscriber : IDisposable
{
    private readonly Process _process;
    private readonly long _monotonicAtStart;
    private readonly long _unixTicksAtStart;

    /// <summary>Starts <c>mosquitto_sub</c> on <paramref name="port"/> for <paramref name="topic"/> at
    /// <paramref name="qos"/>; <paramref name="arrival"/> gets each message's receipt time as a Stopwatch timestamp.
    /// Throws <see cref="InvalidOperationException"/> when mosquitto_sub is not installed.</summary>
    public MosquittoSubscriber(int port, string topic, int qos, Action<long> arrival)
    {
        string exe = new[] { "/usr/bin/mosquitto_sub", "/usr/local/bin/mosquitto_sub" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("mosquitto_sub is not installed (apt-get install mosquitto-clients)");
        _monotonicAtStart = Stopwatch.GetTimestamp();
        _unixTicksAtStart = DateTime.UtcNow.Ticks - DateTime.UnixEpoch.Ticks;
        var info = new ProcessStartInfo(exe, new[] { "-h", "127.0.0.1", "-p", port.ToString(), "-i", "latency-subscriber",
            "-t", topic, "-q", qos.ToString(), "-F", "%U" })
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("cannot start " + exe);
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data != null) arrival(ToStopwatch(e.Data));
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data != null) Console.Error.WriteLine("mosquitto_sub: " + e.Data);
        };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    // "1796486214.204840548" (seconds.nanoseconds since 1970) → Stopwatch timestamp.
    private long ToStopwatch(string line)
    {
        int dot = line.IndexOf('.');
        long seconds = long.Parse(line.AsSpan(0, dot));
        long nanoseconds = long.Parse(line.AsSpan(dot + 1));
        long unixTicks = seconds * TimeSpan.TicksPerSecond + nanoseconds / 100;
        return _monotonicAtStart + (long)((unixTicks - _unixTicksAtStart) * (Stopwatch.Frequency / (double)TimeSpan.TicksPerSecond));
    }

    /// <summary>Stops mosquitto_sub and waits for it.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited) _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
        _process.Dispose();
    }
}
