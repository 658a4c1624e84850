using System.Diagnostics;

namespace MeterGateway.Tests.Fixtures;

/// <summary>
/// Two connected pseudo-terminals made by <c>socat</c> (a null-modem cable in software): what is written to one end
/// is read from the other. Killed when disposed. <see cref="Start"/> returns null when socat is not installed.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private readonly Process _socat;
    private readonly string _folder;

    /// <summary>Device path of one end (a symlink to /dev/pts/N).</summary>
    public string A { get; }
    /// <summary>Device path of the other end.</summary>
    public string B { get; }

    private PtyPair(Process socat, string folder, string a, string b)
    {
        _socat = socat;
        _folder = folder;
        A = a;
        B = b;
    }

    /// <summary>Creates the pair, or returns null when socat is missing.</summary>
    public static PtyPair? Start()
    {
        string? exe = ExternalTool.Find("socat");
        if (exe == null) return null;
        string folder = Directory.CreateTempSubdirectory("pty-").FullName;
        string a = Path.Combine(folder, "meter"), b = Path.Combine(folder, "gateway");
        var socat = Process.Start(new ProcessStartInfo(exe, new[]
        {
            "-d", "-d", $"pty,raw,echo=0,link={a}", $"pty,raw,echo=0,link={b}",
        })
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        socat.OutputDataReceived += (_, _) => { };
        socat.ErrorDataReceived += (_, _) => { };
        socat.BeginOutputReadLine();
        socat.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!(File.Exists(a) && File.Exists(b)))
        {
            if (socat.HasExited || DateTime.UtcNow > deadline)
            {
                ExternalTool.Stop(socat);
                throw new InvalidOperationException("socat did not create the pty pair");
            }
            Thread.Sleep(20);
        }
        return new PtyPair(socat, folder, a, b);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        ExternalTool.Stop(_socat);
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
