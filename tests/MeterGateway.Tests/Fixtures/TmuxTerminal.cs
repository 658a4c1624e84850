using System.Diagnostics;

namespace MeterGateway.Tests.Fixtures;

/// <summary>
/// A real terminal for a full-screen program: a detached tmux session of a fixed size on a tmux server of its own
/// (its own socket in its temporary folder, so no user's tmux is touched) running <c>dotnet metergateway.dll ARGS</c> with a temporary
/// <c>STATE_DIRECTORY</c>; <see cref="Screen"/> is what a person would see (<c>tmux capture-pane -p</c>). Disposing kills
/// the program with its children and the tmux server. <see cref="Start"/> returns null when tmux is not installed.
/// </summary>
public sealed class TmuxTerminal : IDisposable
{
    private readonly string _tmux;
    private readonly string _socket;
    private readonly TempFolder _folder;

    private TmuxTerminal(string tmux, string socket, TempFolder folder)
    {
        _tmux = tmux;
        _socket = socket;
        _folder = folder;
    }

    /// <summary>Starts <c>metergateway ARGS</c> in a <paramref name="width"/> × <paramref name="height"/> terminal, or returns null without tmux.</summary>
    public static TmuxTerminal? Start(int width, int height, params string[] args)
    {
        string? tmux = ExternalTool.Find("tmux");
        if (tmux == null) return null;
        var folder = new TempFolder();
        // The pane stays after the program ends, so a test that fails sees its last screen (an error) instead of nothing.
        File.WriteAllText(folder.File("tmux.conf"), "set -g remain-on-exit on\nset -g default-terminal screen-256color\n");
        var terminal = new TmuxTerminal(tmux, folder.File("tmux.socket"), folder);
        var command = new List<string>
        {
            "-f", folder.File("tmux.conf"), "new-session", "-d", "-s", "main", "-x", width.ToString(), "-y", height.ToString(),
            "-e", "STATE_DIRECTORY=" + folder.Path, "-c", folder.Path, "dotnet", MetergatewayProcess.Dll,
        };
        command.AddRange(args);
        try
        {
            terminal.Tmux(command.ToArray());
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
        return terminal;
    }

    /// <summary>The visible screen, one line per row (trailing spaces trimmed by tmux).</summary>
    public string Screen() => Tmux("capture-pane", "-p", "-t", "main");

    /// <summary>
    /// The screen once <paramref name="shows"/> holds for it, checked every 200 ms; fails naming <paramref name="what"/>
    /// with the last screen when it does not within <paramref name="seconds"/> (a bound for a slow machine, not a timing).
    /// </summary>
    public string WaitFor(string what, Func<string, bool> shows, int seconds = 40)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        string screen = Screen();
        while (!shows(screen))
        {
            if (DateTime.UtcNow > deadline) throw new Xunit.Sdk.XunitException($"the screen did not show {what} within {seconds} s:\n{screen}");
            Thread.Sleep(200);
            screen = Screen();
        }
        return screen;
    }

    /// <summary>The cells of the table row holding <paramref name="key"/> (split at │, trimmed), or null when no row holds it.</summary>
    public static string[]? Row(string screen, string key)
    {
        string? line = screen.Split('\n').FirstOrDefault(l => l.StartsWith('│') && l.Split('│').Any(c => c.Trim() == key));
        return line?.Split('│')[1..^1].Select(c => c.Trim()).ToArray();
    }

    private string Tmux(params string[] args)
    {
        var info = new ProcessStartInfo(_tmux) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-S");
        info.ArgumentList.Add(_socket);
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        string output = process.StandardOutput.ReadToEnd();
        string errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"tmux {string.Join(' ', args)}: {errors}");
        return output;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            string pid = Tmux("display-message", "-p", "-t", "main", "#{pane_pid}").Trim();
            using var program = Process.GetProcessById(int.Parse(pid));
            program.Kill(entireProcessTree: true);
            program.WaitForExit(5000);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // no session (never started) or the program has already ended
        }
        try
        {
            Tmux("kill-server");
        }
        catch (InvalidOperationException)
        {
            // the server is gone already
        }
        _folder.Dispose();
    }
}
