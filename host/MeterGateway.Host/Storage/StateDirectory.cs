namespace MeterGateway.Host.Storage;

/// <summary>
/// Where <c>metergateway run</c> keeps its outbox when <c>[OUTBOX] directory</c> is not set: the state folder, as the box
/// keeps one in flash. Linux and other Unix systems: <c>$STATE_DIRECTORY</c> (set by systemd's <c>StateDirectory=</c>; the
/// first of a colon-separated list), else <c>$XDG_STATE_HOME/metergateway</c>, else <c>~/.local/state/metergateway</c>
/// (XDG Base Directory Specification 0.8); Windows: the configuration file's folder. The outbox is the folder
/// <c>outbox-CLIENT_ID</c> in it, so two gateways on one machine keep apart. <c>directory = none</c> turns the outbox off.
/// </summary>
public static class StateDirectory
{
    /// <summary>The <c>[OUTBOX] directory</c> value that turns the outbox off.</summary>
    public const string None = "none";

    /// <summary>
    /// The state folder from the environment (<paramref name="environment"/> reads a variable, null when unset) for a
    /// configuration at <paramref name="configPath"/>; <paramref name="windows"/> selects the Windows rule.
    /// </summary>
    public static string Folder(Func<string, string?> environment, string configPath, bool windows)
    {
        if (windows) return Path.GetDirectoryName(Path.GetFullPath(configPath))!;
        string? state = environment("STATE_DIRECTORY");
        if (!string.IsNullOrEmpty(state)) return state.Split(':')[0];
        string? xdg = environment("XDG_STATE_HOME");
        // The specification: a relative path in XDG_STATE_HOME is invalid and is ignored.
        if (!string.IsNullOrEmpty(xdg) && Path.IsPathRooted(xdg)) return Path.Combine(xdg, "metergateway");
        string? home = environment("HOME");
        if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        return Path.Combine(home, ".local", "state", "metergateway");
    }

    /// <summary>
    /// The outbox folder for <c>[OUTBOX] directory</c> = <paramref name="configured"/>: itself when set, null for
    /// <see cref="None"/>, else <c>outbox-CLIENT_ID</c> in the state folder (<see cref="Folder"/>, from this process's
    /// environment).
    /// </summary>
    public static string? Outbox(string configured, string configPath, string clientId)
    {
        if (string.Equals(configured, None, StringComparison.OrdinalIgnoreCase)) return null;
        if (configured.Length > 0) return configured;
        return Path.Combine(Folder(Environment.GetEnvironmentVariable, configPath, OperatingSystem.IsWindows()), "outbox-" + clientId);
    }
}
