using System.Diagnostics;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Packaging;

/// <summary>
/// packaging/metergateway.service (docs/service.md): systemd itself checks it (<c>systemd-analyze verify</c>, with the
/// program's path pointed at an executable that exists here), and it has what docs/service.md promises: a user of its
/// own, the dialout group, the state directory, restart on failure, the configuration from /etc/metergateway.
/// </summary>
public class ServiceUnitTests
{
    private static string Root()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir != null && !File.Exists(Path.Combine(dir.FullName, "MeterGateway.sln"))) dir = dir.Parent;
        Assert.NotNull(dir);
        return dir!.FullName;
    }

    private static string Unit() => File.ReadAllText(Path.Combine(Root(), "packaging", "metergateway.service"));

    [Fact]
    public void UnitHasTheDocumentedSettings()
    {
        string[] lines = Unit().Split('\n').Select(l => l.Trim()).ToArray();
        foreach (string setting in new[]
                 {
                     "DynamicUser=yes", "SupplementaryGroups=dialout", "StateDirectory=metergateway", "Restart=on-failure",
                     "LoadCredential=config.ini:/etc/metergateway/config.ini", "ExecStart=/usr/local/bin/metergateway run -c %S/metergateway/config.ini",
                     "WantedBy=multi-user.target",
                 })
            Assert.Contains(setting, lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("PrivateDevices=yes") || l.StartsWith("DeviceAllow=") || l.StartsWith("ProtectClock=yes"));
        string doc = File.ReadAllText(Path.Combine(Root(), "docs", "service.md"));
        Assert.Contains("packaging/metergateway.service", doc);
        foreach (string rid in new[] { "linux-arm64", "linux-arm", "linux-x64" }) Assert.Contains(rid, doc);
        Assert.Contains("dotnet publish host/MeterGateway.Host -c Release -r linux-arm64 --self-contained -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -o out/linux-arm64", doc);
    }

    [SkippableFact]
    public void SystemdAcceptsTheUnit()
    {
        Skip.If(ExternalTool.Find("systemd-analyze") == null, "systemd-analyze is not installed");
        using var folder = new TempFolder();
        string unit = folder.File("metergateway.service");
        File.WriteAllText(unit, Unit().Replace("/usr/local/bin/metergateway", "/bin/true"));
        var start = new ProcessStartInfo("systemd-analyze", new[] { "verify", unit }) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60000), "systemd-analyze did not finish");
        Assert.True(process.ExitCode == 0, output);
        Assert.DoesNotContain("Unknown key", output);
        Assert.DoesNotContain("metergateway.service:", output);
    }
}
