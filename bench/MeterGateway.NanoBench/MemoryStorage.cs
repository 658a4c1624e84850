using MeterGateway.Outbox;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// The outbox's segments in memory (the ESP32 keeps them in files on flash). A segment's buffer is allocated the first
    /// time a slot is used and kept for the next segment: <see cref="Bytes"/> is what the storage holds, which the program
    /// reports apart from the gateway's own heap.
    /// </summary>
    public sealed class MemoryStorage : IRecordStorage
    {
        private readonly long[] _ids;
        private readonly int[] _lengths;
        private readonly byte[][] _data;
        private readonly int _segmentBytes;
        private readonly byte[][] _meta = { new byte[64], new byte[64] };
        private readonly int[] _metaLengths = new int[2];

        /// <summary>Room for <paramref name="segments"/> segments of <paramref name="segmentBytes"/>.</summary>
        public MemoryStorage(int segments, int segmentBytes)
        {
            _segmentBytes = segmentBytes;
            _ids = new long[segments];
            _lengths = new int[segments];
            _data = new byte[segments][];
            for (int i = 0; i < segments; i++) _lengths[i] = -1;
        }

        /// <summary>Bytes of segment buffers and metadata allocated so far.</summary>
        public int Bytes = 128;

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
            int n = _lengths[i] - (int)position;
            if (n > count) n = count;
            System.Array.Copy(_data[i], (int)position, buffer, offset, n);
            return n;
        }

        /// <inheritdoc/>
        public bool Append(long segment, byte[] buffer, int offset, int count)
        {
            int i = Find(segment);
            if (i < 0)
            {
                for (i = 0; i < _lengths.Length && _lengths[i] >= 0; i++) { }
                if (i == _lengths.Length) return false;
                if (_data[i] == null)
                {
                    _data[i] = new byte[_segmentBytes];
                    Bytes += _segmentBytes;
                }
                _ids[i] = segment;
                _lengths[i] = 0;
            }
            if (_lengths[i] + count > _data[i].Length) return false;
            System.Array.Copy(buffer, offset, _data[i], _lengths[i], count);
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
            int n = _metaLengths[slot] < count ? _metaLengths[slot] : count;
            System.Array.Copy(_meta[slot], 0, buffer, offset, n);
            return n;
        }

        /// <inheritdoc/>
        public bool WriteMetadata(int slot, byte[] buffer, int offset, int count)
        {
            System.Array.Copy(buffer, offset, _meta[slot], 0, count);
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
}
