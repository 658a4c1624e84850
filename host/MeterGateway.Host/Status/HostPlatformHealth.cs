using System.Reflection;
using System.Runtime.InteropServices;
using MeterGateway.Health;

namespace MeterGateway.Host.Status;

/// <summary>
/// <see cref="IPlatformHealth"/> on .NET: the assembly's version, the runtime and OS, no Wi-Fi, no IP address or reboot
/// reason (the host's own tools show those), and the memory the GC could still use
/// (<see cref="GCMemoryInfo.TotalAvailableMemoryBytes"/> minus the managed heap in use).
/// </summary>
public sealed class HostPlatformHealth : IPlatformHealth
{
    /// <inheritdoc/>
    public string ApplicationVersion { get; } = Version();

    /// <inheritdoc/>
    public string Firmware { get; } = RuntimeInformation.FrameworkDescription + " on " + RuntimeInformation.OSDescription;

    /// <inheritdoc/>
    public string IpAddress => "";

    /// <inheritdoc/>
    public string LastRebootReason => "";

    /// <inheritdoc/>
    public int WifiRssi => PlatformHealth.NoWifi;

    /// <inheritdoc/>
    public long FreeMemory() => Math.Max(0, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes - GC.GetTotalMemory(false));

    // "0.1.0+commit" → "0.1.0"
    private static string Version()
    {
        string? version = typeof(HostPlatformHealth).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(version)) return "unknown";
        int plus = version.IndexOf('+');
        return plus < 0 ? version : version.Substring(0, plus);
    }
}
