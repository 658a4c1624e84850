using System.Globalization;
using MeterGateway.Outbox;

namespace MeterGateway.Host.Storage;

/// <summary>
/// The outbox's storage on the host: one folder, a file per segment (<c>seg-&lt;16 hex digits&gt;.log</c>) and two
/// metadata files (<c>meta-0.bin</c>, <c>meta-1.bin</c>). Appends go through one open stream to the newest segment and
/// are flushed to the disk (<c>fsync</c>) before <see cref="Append"/> returns, as the interface asks. I/O errors are
/// reported as failures, never thrown.
/// </summary>
public sealed class FileRecordStorage : IRecordStorage, IDisposable
{
    private const string SegmentPrefix = "seg-";
    private const string SegmentSuffix = ".log";

    private readonly string _directory;
    private FileStream? _appendStream;
    private long _appendSegment;

    /// <summary>Storage in <paramref name="directory"/>, which is created when missing.</summary>
    public FileRecordStorage(string directory)
    {
        _directory = directory;
        Directory.CreateDirectory(directory);
    }

    /// <summary>The path of a segment's file.</summary>
    public string SegmentPath(long segment) => Path.Combine(_directory, SegmentPrefix + segment.ToString("x16", CultureInfo.InvariantCulture) + SegmentSuffix);

    /// <summary>The path of a metadata slot's file.</summary>
    public string MetadataPath(int slot) => Path.Combine(_directory, "meta-" + slot.ToString(CultureInfo.InvariantCulture) + ".bin");

    /// <inheritdoc/>
    public int ListSegments(long[] ids)
    {
        int n = 0;
        foreach (string path in Directory.EnumerateFiles(_directory, SegmentPrefix + "*" + SegmentSuffix))
        {
            string name = Path.GetFileName(path);
            string hex = name.Substring(SegmentPrefix.Length, name.Length - SegmentPrefix.Length - SegmentSuffix.Length);
            if (hex.Length != 16 || !long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out long id)) continue;
            if (n == ids.Length) break;
            ids[n++] = id;
        }
        return n;
    }

    /// <inheritdoc/>
    public long GetLength(long segment)
    {
        var info = new FileInfo(SegmentPath(segment));
        return info.Exists ? info.Length : 0;
    }

    /// <inheritdoc/>
    public int Read(long segment, long position, byte[] buffer, int offset, int count)
    {
        try
        {
            using var stream = new FileStream(SegmentPath(segment), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            stream.Position = position;
            return stream.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <inheritdoc/>
    public bool Append(long segment, byte[] buffer, int offset, int count)
    {
        try
        {
            if (_appendStream == null || _appendSegment != segment)
            {
                CloseAppendStream();
                _appendStream = new FileStream(SegmentPath(segment), FileMode.Append, FileAccess.Write, FileShare.ReadWrite | FileShare.Delete);
                _appendSegment = segment;
            }
            _appendStream.Write(buffer, offset, count);
            _appendStream.Flush(flushToDisk: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            CloseAppendStream();
            return false;
        }
    }

    /// <inheritdoc/>
    public bool Delete(long segment)
    {
        try
        {
            if (_appendSegment == segment) CloseAppendStream();
            File.Delete(SegmentPath(segment));
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <inheritdoc/>
    public int ReadMetadata(int slot, byte[] buffer, int offset, int count)
    {
        try
        {
            using var stream = new FileStream(MetadataPath(slot), FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return stream.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0;
        }
    }

    /// <inheritdoc/>
    public bool WriteMetadata(int slot, byte[] buffer, int offset, int count)
    {
        try
        {
            using var stream = new FileStream(MetadataPath(slot), FileMode.Create, FileAccess.Write, FileShare.Read);
            stream.Write(buffer, offset, count);
            stream.Flush(flushToDisk: true);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Closes the open append stream.</summary>
    public void Dispose() => CloseAppendStream();

    private void CloseAppendStream()
    {
        try
        {
            _appendStream?.Dispose();
        }
        catch (IOException)
        {
            // The data that matters was flushed by the append that wrote it.
        }
        _appendStream = null;
        _appendSegment = 0;
    }
}
