using System.Collections.Concurrent;
using System.Diagnostics;

namespace MeterGateway.Tests.Fixtures;

/// <summary>
/// Runs the real <c>metergateway</c> program (the host assembly copied beside the tests) as a child process, with its
/// output collected; killed when disposed. Its state folder (<c>STATE_DIRECTORY</c>, where <c>run</c> keeps its
/// outbox by default) is a temporary folder of its own, deleted when disposed, so no test writes into the real home
/// folder.
/// </summary>
public sealed class MetergatewayProcess : IDisposable
{
    private readonly Process _process;
    private readonly TempFolder? _state;

    /// <summary>Lines written to standard output so far.</summary>
    public ConcurrentQueue<string> Output { get; } = new();
    /// <summary>Lines written to standard error so far.</summary>
    public ConcurrentQueue<string> Errors { get; } = new();

    private MetergatewayProcess(Process process, TempFolder? state)
    {
        _process = process;
        _state = state;
    }

    /// <summary>The state folder the process was given (<c>STATE_DIRECTORY</c>).</summary>
    public string StateDirectory { get; private set; } = "";

    /// <summary>Path of metergateway.dll next to the test assembly.</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "metergateway.dll");

    /// <summary>Starts <c>dotnet metergateway.dll ARGS</c> with a temporary state folder of its own.</summary>
    public static MetergatewayProcess Start(params string[] args) => StartIn(null, args);

    /// <summary>
    /// Starts <c>dotnet metergateway.dll ARGS</c> with <c>STATE_DIRECTORY</c> = <paramref name="stateDirectory"/> (the
    /// caller's folder, kept after exit), or a temporary folder of its own when null.
    /// </summary>
    public static MetergatewayProcess StartIn(string? stateDirectory, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var a in args) info.ArgumentList.Add(a);
        TempFolder? state = stateDirectory == null ? new TempFolder() : null;
        info.Environment["STATE_DIRECTORY"] = stateDirectory ?? state!.Path;
        info.Environment.Remove("XDG_STATE_HOME");
        var process = new Process { StartInfo = info };
        var wrapper = new MetergatewayProcess(process, state) { StateDirectory = stateDirectory ?? state!.Path };
        process.OutputDataReceived += (_, e) => { if (e.Data != null) wrapper.Output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data != null) wrapper.Errors.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>Runs to completion and returns the exit code, stdout and stderr.</summary>
    public static (int ExitCode, string Output, string Errors) Run(params string[] args)
    {
        using var p = Start(args);
        if (!p._process.WaitForExit(60000)) throw new TimeoutException("metergateway " + string.Join(' ', args) + " did not finish");
        p._process.WaitForExit();
        return (p._process.ExitCode, string.Join('\n', p.Output), string.Join('\n', p.Errors));
    }

    /// <summary>True while running.</summary>
    public bool Running => !_process.HasExited;

    /// <summary>Exit code (after exit).</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>Waits up to <paramref name="ms"/> for exit; after an exit, also until all of its output has been read.</summary>
    public bool WaitForExit(int ms)
    {
        if (!_process.WaitForExit(ms)) return false;
        _process.WaitForExit(); // the redirected output's last lines arrive after the exit itself
        return true;
    }

    /// <summary>SIGKILL (a crash or power cut, for outage tests).</summary>
    public void Kill() => ExternalTool.Stop(_process);

    /// <summary>Sends a signal (<c>TERM</c>, <c>INT</c>…) without waiting.</summary>
    public void Signal(string name)
    {
        if (!_process.HasExited) Process.Start("kill", new[] { "-" + name, _process.Id.ToString() })?.WaitForExit();
    }

    /// <summary>SIGTERM then wait (a clean stop).</summary>
    public void Terminate()
    {
        if (_process.HasExited) return;
        Process.Start("kill", new[] { "-TERM", _process.Id.ToString() })?.WaitForExit();
        if (!_process.WaitForExit(10000)) _process.Kill(true);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ExternalTool.Stop(_process);
        _state?.Dispose();
    }
}
