using System.Diagnostics;

namespace MeterGateway.Tests.Fixtures;

/// <summary>
/// Debian's <c>chromium</c> in headless mode, one process per call, for tests that must see what a browser makes of a
/// page: <see cref="DumpDom"/> (the DOM after the page's scripts ran) and <see cref="Screenshot"/> (a PNG). Each call
/// gets its own profile folder (removed with the instance) and its process tree is killed if it has not ended after a
/// minute (a hang guard, not a timing), so nothing outlives the test. <see cref="Find"/> is null when chromium is not
/// installed (<c>.ci/run</c> installs it).
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    private readonly string _exe;
    private readonly TempFolder _profiles = new();
    private int _runs;

    private HeadlessChromium(string exe)
    {
        _exe = exe;
    }

    /// <summary>A launcher, or null when chromium is missing.</summary>
    public static HeadlessChromium? Find()
    {
        string? exe = ExternalTool.Find("chromium") ?? ExternalTool.Find("chromium-browser");
        return exe == null ? null : new HeadlessChromium(exe);
    }

    /// <summary>The serialized DOM of <paramref name="url"/> after its scripts ran for <paramref name="virtualMs"/> ms of virtual time.</summary>
    public string DumpDom(Uri url, int virtualMs) =>
        Run("--dump-dom", $"--virtual-time-budget={virtualMs}", url.ToString()).Output;

    /// <summary>A screenshot of <paramref name="url"/> in a window of <paramref name="width"/> × <paramref name="height"/> CSS px (scale 1).</summary>
    public PngImage Screenshot(Uri url, int width, int height, int virtualMs, string pngPath)
    {
        var run = Run($"--screenshot={pngPath}", $"--window-size={width},{height}", "--force-device-scale-factor=1", $"--virtual-time-budget={virtualMs}", url.ToString());
        if (!File.Exists(pngPath)) throw new InvalidOperationException("chromium wrote no screenshot:\n" + run.Errors);
        return PngImage.Decode(File.ReadAllBytes(pngPath));
    }

    private (string Output, string Errors) Run(params string[] args)
    {
        var start = new ProcessStartInfo(_exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // --no-sandbox: CI runs as root, where chromium's sandbox refuses to start
        foreach (string a in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--no-first-run",
                     "--user-data-dir=" + _profiles.File("profile" + _runs++) }.Concat(args))
            start.ArgumentList.Add(a);
        Process process = Process.Start(start)!;
        try
        {
            Task<string> errors = process.StandardError.ReadToEndAsync();
            Task<string> output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(60000)) throw new InvalidOperationException("chromium did not finish within a minute");
            process.WaitForExit();
            return (output.Result, errors.Result);
        }
        finally
        {
            ExternalTool.Stop(process);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _profiles.Dispose();
}
