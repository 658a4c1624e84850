using MeterGateway.HomeAssistant;

namespace MeterGateway.Host.Status;

/// <summary>
/// The record of announced Home Assistant configs in a text file (beside the configuration file: <c>config.ini</c> →
/// <c>config.ini.homeassistant</c>). Written to a temporary file and moved over the old one, so a crash leaves the old
/// or the new list, never half of one.
/// </summary>
public sealed class FileDiscoveryRecordStore : IDiscoveryRecordStore
{
    private readonly string _path;

    /// <summary>A store in <paramref name="path"/>.</summary>
    public FileDiscoveryRecordStore(string path) => _path = path;

    /// <summary>The file's path.</summary>
    public string Path => _path;

    /// <summary>True when the file exists (an earlier run announced something).</summary>
    public bool Exists => File.Exists(_path);

    /// <summary>The file next to a configuration file.</summary>
    public static FileDiscoveryRecordStore BesideConfig(string configPath) => new(System.IO.Path.GetFullPath(configPath) + ".homeassistant");

    /// <inheritdoc/>
    public string? Load()
    {
        try
        {
            return File.Exists(_path) ? File.ReadAllText(_path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public bool Save(string text)
    {
        string temporary = _path + ".tmp";
        try
        {
            File.WriteAllText(temporary, text);
            File.Move(temporary, _path, overwrite: true);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}
