using MeterGateway.Update;

namespace MeterGateway.Host.Update;

/// <summary>
/// <see cref="IUpdateStorage"/> on a folder of the host's file system, standing in for the ESP32's <c>I:\ota\</c>.
/// Each write is flushed to the disk before it returns. <see cref="FreeBytes"/> models the partition: a capacity less
/// the files under the folder, each rounded up to the file system's block.
/// </summary>
public sealed class FileUpdateStorage : IUpdateStorage
{
    private readonly string _root;
    private readonly long _capacity;
    private readonly int _blockSize;

    /// <summary>Storage in <paramref name="root"/> (created when missing), modelling a partition of <paramref name="capacity"/> bytes in blocks of <paramref name="blockSize"/>.</summary>
    public FileUpdateStorage(string root, long capacity = 256 * 1024, int blockSize = 4096)
    {
        _root = Path.GetFullPath(root);
        _capacity = capacity;
        _blockSize = blockSize;
        Directory.CreateDirectory(_root);
    }

    /// <inheritdoc/>
    public int Length(string name)
    {
        var info = new FileInfo(PathOf(name));
        return info.Exists ? (int)info.Length : -1;
    }

    /// <inheritdoc/>
    public int Read(string name, int position, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name);
        if (!File.Exists(path)) return 0;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        if (position >= stream.Length) return 0;
        stream.Position = position;
        return stream.ReadAtLeast(buffer.AsSpan(offset, count), count, throwOnEndOfStream: false);
    }

    /// <inheritdoc/>
    public void Append(string name, byte[] buffer, int offset, int count) => WriteFile(name, FileMode.Append, buffer, offset, count);

    /// <inheritdoc/>
    public void Write(string name, byte[] buffer, int offset, int count) => WriteFile(name, FileMode.Create, buffer, offset, count);

    /// <inheritdoc/>
    public void Delete(string name) => File.Delete(PathOf(name));

    /// <inheritdoc/>
    public string[] List(string folder)
    {
        string path = PathOf(folder);
        if (!Directory.Exists(path)) return Array.Empty<string>();
        return Directory.GetFiles(path).Select(f => folder + Path.GetFileName(f)).OrderBy(n => n, StringComparer.Ordinal).ToArray();
    }

    /// <inheritdoc/>
    public long FreeBytes
    {
        get
        {
            long used = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
                .Sum(f => (new FileInfo(f).Length + _blockSize - 1) / _blockSize * _blockSize);
            return Math.Max(0, _capacity - used);
        }
    }

    private void WriteFile(string name, FileMode mode, byte[] buffer, int offset, int count)
    {
        string path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var stream = new FileStream(path, mode, FileAccess.Write, FileShare.Read);
        stream.Write(buffer, offset, count);
        stream.Flush(flushToDisk: true);
    }

    // Names come from the core (fixed names and manifest file names checked against [A-Za-z0-9._-]); refuse anything
    // that would leave the folder all the same.
    private string PathOf(string name)
    {
        string path = Path.GetFullPath(Path.Combine(_root, name));
        if (!path.StartsWith(_root, StringComparison.Ordinal)) throw new ArgumentException("storage name outside the folder: " + name);
        return path;
    }
}
