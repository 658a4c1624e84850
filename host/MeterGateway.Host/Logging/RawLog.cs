using MeterGateway.Protocols;

namespace MeterGateway.Host.Logging;

/// <summary>
/// The monthly log of raw frames (<c>run --log-dir DIR --raw-log</c>), as the DSMR logger's RAWMmmYYYY files (seeds/004):
/// <c>raw-YYYY-MM.txt</c> holds the published telegrams byte for byte, each followed by CR LF (for an encrypted P1 port,
/// the decrypted telegrams), so the file can be read back with <c>metergateway parse</c> or <c>dry-run</c>; for SML the
/// files (<c>raw-YYYY-MM.bin</c>) are concatenated as received. When an existing file is continued, whatever follows its
/// last complete valid frame (a frame torn by a power cut) is cut away first: the protocol's own decoder finds that end.
/// </summary>
public sealed class RawLog : IDisposable
{
    /// <summary>File name before the month.</summary>
    public const string Name = "raw";

    private static readonly byte[] LineEnd = { 13, 10 };

    private readonly MonthlyFiles _files;
    private readonly Func<IFrameDecoder> _decoder;
    private readonly bool _text;

    /// <summary>
    /// A log in <paramref name="directory"/> of frames that <paramref name="decoder"/> (a new plain decoder of the protocol
    /// each time) recognises; <paramref name="text"/>: a text protocol (DSMR) whose frames get a line end; months in <paramref name="zone"/>.
    /// </summary>
    public RawLog(string directory, Func<IFrameDecoder> decoder, bool text, TimeZoneInfo zone)
    {
        _files = new MonthlyFiles(directory, zone);
        _decoder = decoder;
        _text = text;
    }

    /// <summary>Path of the file being written, or null.</summary>
    public string? CurrentPath => _files.CurrentPath;

    /// <summary>Appends a frame received at <paramref name="utcSeconds"/> (the month is that time's).</summary>
    public void Write(byte[] frame, int offset, int count, long utcSeconds)
    {
        FileStream file = _files.For(utcSeconds, Open);
        var record = new byte[count + (_text ? LineEnd.Length : 0)];
        Array.Copy(frame, offset, record, 0, count);
        if (_text) LineEnd.CopyTo(record, count);
        file.Write(record, 0, record.Length);
    }

    private FileStream Open(string month)
    {
        FileStream file = MonthlyFiles.OpenAppendable(_files.PathOf(Name, month, _text ? "txt" : "bin"));
        if (file.Length > 0)
        {
            long end = EndOfLastFrame(file, _decoder(), _text);
            file.SetLength(end);
            file.Seek(0, SeekOrigin.End);
            if (_text && end > 0) file.Write(LineEnd, 0, LineEnd.Length);
        }
        return file;
    }

    /// <summary>
    /// Offset just after the last valid frame that <paramref name="decoder"/> finds in the file (with <paramref name="text"/>,
    /// before the line end that follows it); 0 when none.
    /// </summary>
    public static long EndOfLastFrame(FileStream file, IFrameDecoder decoder, bool text)
    {
        file.Seek(0, SeekOrigin.Begin);
        var data = new byte[file.Length];
        file.ReadExactly(data, 0, data.Length);
        int used = 0, end = 0;
        while (used < data.Length)
        {
            used += decoder.Feed(data, used, data.Length - used);
            if (decoder.Result == FrameResult.Valid) end = used;
        }
        while (text && end > 0 && data[end - 1] is 13 or 10 or 0) end--;
        return end;
    }

    /// <inheritdoc/>
    public void Dispose() => _files.Dispose();
}
