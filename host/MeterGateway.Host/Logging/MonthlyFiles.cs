namespace MeterGateway.Host.Logging;

/// <summary>
/// Append-only log files, one per month, in a directory: <c>NAME-YYYY-MM.EXT</c> (the DSMR logger's SML3MmmYYYY and
/// RAWMmmYYYY files of seeds/004, with sortable names). Old months are kept. Writes are atomic per record without lock
/// files: the file is opened unbuffered, so each record goes to the kernel in one write() call and another reader never
/// sees half of it; a record torn by a power cut is cut away when the file is next opened (the owner's
/// <c>open</c> function recovers it). Records are not fsync'ed one by one: a crash of the program loses nothing written,
/// a power cut at most the last records.
/// </summary>
public sealed class MonthlyFiles : IDisposable
{
    private readonly string _directory;
    private readonly TimeZoneInfo _zone;
    private FileStream? _file;
    private string? _month;

    /// <summary>Files in <paramref name="directory"/> (created when missing), months counted in <paramref name="zone"/>.</summary>
    public MonthlyFiles(string directory, TimeZoneInfo zone)
    {
        Directory.CreateDirectory(directory);
        _directory = directory;
        _zone = zone;
    }

    /// <summary>Path of the file being written, or null.</summary>
    public string? CurrentPath => _file?.Name;

    /// <summary>The month <c>YYYY-MM</c> of <paramref name="utcSeconds"/> in the files' time zone.</summary>
    public string MonthOf(long utcSeconds) =>
        TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(utcSeconds), _zone).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The path <c>DIRECTORY/NAME-MONTH.EXT</c>.</summary>
    public string PathOf(string name, string month, string extension) => Path.Combine(_directory, $"{name}-{month}.{extension}");

    /// <summary>
    /// The open file of the month of <paramref name="utcSeconds"/>: when the month changes (or at the first call) the file
    /// is chosen and opened by <paramref name="open"/>, which recovers an existing file and leaves the stream at its end.
    /// Append each record with one <see cref="Stream.Write(byte[], int, int)"/> call.
    /// </summary>
    public FileStream For(long utcSeconds, Func<string, FileStream> open)
    {
        string month = MonthOf(utcSeconds);
        if (_file == null || month != _month)
        {
            _file?.Dispose();
            _file = null;
            _file = open(month);
            _month = month;
        }
        return _file;
    }

    /// <summary>Opens (creating it when missing) a file for unbuffered appending and reading back, others may read it.</summary>
    public static FileStream OpenAppendable(string path) =>
        new(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);

    /// <inheritdoc/>
    public void Dispose()
    {
        _file?.Dispose();
        _file = null;
    }
}
