using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Host.Cli;

namespace MeterGateway.Host.Gateway;

/// <summary>The OBIS selection of a configuration (<c>[LOGGER] obis_selected</c>): a list, or the file it names.</summary>
public static class Selections
{
    /// <summary>
    /// Null when <c>obis_selected</c> is empty; the listed codes when it starts with a digit; else the codes of the file it
    /// names (a relative path is taken from <paramref name="baseDirectory"/>, the configuration file's folder). A missing or
    /// malformed file is a usage error naming it.
    /// </summary>
    public static ObisSelection? Load(GatewayConfig config, string baseDirectory)
    {
        string value = config.ObisSelected;
        if (value.Length == 0) return null;
        string text = value, origin = "[LOGGER] obis_selected";
        if (!char.IsAsciiDigit(value[0]))
        {
            string path = Path.Combine(baseDirectory, value);
            if (!File.Exists(path)) throw new UsageException($"[LOGGER] obis_selected = {value}: no such file ({path})");
            text = File.ReadAllText(path);
            origin = path;
        }
        var selection = ObisSelection.Parse(text, out string? problem);
        return selection ?? throw new UsageException($"{origin}: {problem}");
    }
}
