using MeterGateway.Outbox;

namespace MeterGateway.Bench;

/// <summary>
/// An <see cref="IRecordStorage"/> that allocates nothing after construction (fixed slots of fixed size), so that a
/// benchmark measuring the outbox's allocations measures the outbox alone.
/// </summary>
public sealed class FixedMemoryStorage : IRecordStorage
{
    private readonly long[] _ids;
    private readonly int[] _lengths;
    private readonly byte[][] _data;
    private readonly byte[][] _meta = { new byte[64], new byte[64] };
    private readonly int[] _metaLengths = new int[2];

    /// <summary>Room for <paramref name="segments"/> segments of at most <paramref name="segmentBytes"/> bytes.</summary>
    public FixedMemoryStorage(int segments, int segmentBytes)
    {
        _ids = new long[segments];
        _lengths = new int[segments];
        _data = new byte[segments][];
        for (int i = 0; i < segments; i++)
        {
            _data[i] = new byte[segmentBytes];
            _lengths[i] = -1;
        }
    }

    /// <inheritdoc/>
    public int ListSegments(long[] ids)
    {
        int n = 0;
        for (int i = 0; i < _ids.Length && n < ids.Length; i++)
        {
            if (_lengths[i] >= 0) ids[n++] = _ids[i];
        }
        return n;
    }

    /// <inheritdoc/>
    public long GetLength(long segment)
    {
        int i = Find(segment);
        return i < 0 ? 0 : _lengths[i];
    }

    /// <inheritdoc/>
    public int Read(long segment, long position, byte[] buffer, int offset, int count)
    {
        int i = Find(segment);
        if (i < 0 || position >= _lengths[i]) return 0;
        int n = (int)Math.Min(count, _lengths[i] - position);
        Array.Copy(_data[i], position, buffer, offset, n);
        return n;
    }

    /// <inheritdoc/>
    public bool Append(long segment, byte[] buffer, int offset, int count)
    {
        int i = Find(segment);
        if (i < 0)
        {
            i = Array.IndexOf(_lengths, -1);
            if (i < 0) return false;
            _ids[i] = segment;
            _lengths[i] = 0;
        }
        if (_lengths[i] + count > _data[i].Length) return false;
        Array.Copy(buffer, offset, _data[i], _lengths[i], count);
        _lengths[i] += count;
        return true;
    }

    /// <inheritdoc/>
    public bool Delete(long segment)
    {
        int i = Find(segment);
        if (i >= 0) _lengths[i] = -1;
        return true;
    }

    /// <inheritdoc/>
    public int ReadMetadata(int slot, byte[] buffer, int offset, int count)
    {
        int n = Math.Min(count, _metaLengths[slot]);
        Array.Copy(_meta[slot], 0, buffer, offset, n);
        return n;
    }

    /// <inheritdoc/>
    public bool WriteMetadata(int slot, byte[] buffer, int offset, int count)
    {
        Array.Copy(buffer, offset, _meta[slot], 0, count);
        _metaLengths[slot] = count;
        return true;
    }

    private int Find(long segment)
    {
        for (int i = 0; i < _ids.Length; i++)
        {
            if (_lengths[i] >= 0 && _ids[i] == segment) return i;
        }
        return -1;
    }
}
