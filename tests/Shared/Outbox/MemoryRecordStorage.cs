#nullable disable
using MeterGateway.Outbox;

namespace MeterGateway.Tests.Shared.Outbox
{
    /// <summary>
    /// An <see cref="IRecordStorage"/> in memory, for tests: segments and metadata slots are byte arrays. It can be
    /// copied (a snapshot of "the flash" at some moment) and its segments cut or edited (a torn write, flipped bits).
    /// Portable: arrays only.
    /// </summary>
    public sealed class MemoryRecordStorage : IRecordStorage
    {
        private long[] _ids = new long[16];
        private byte[][] _data = new byte[16][];
        private int[] _lengths = new int[16];
        private int _count;
        private readonly byte[][] _meta = new byte[2][];

        /// <summary>Bytes appended since creation.</summary>
        public long BytesAppended;
        /// <summary>Append calls since creation.</summary>
        public int Appends;
        /// <summary>Metadata writes since creation.</summary>
        public int MetadataWrites;
        /// <summary>Deletions since creation.</summary>
        public int Deletes;
        /// <summary>Most bytes held in segments at any time, each segment rounded up to <see cref="AllocationUnit"/>.</summary>
        public long PeakBytes;
        /// <summary>Unit for <see cref="PeakBytes"/>.</summary>
        public int AllocationUnit = 1;
        /// <summary>When true every write and delete fails (a full or broken flash).</summary>
        public bool Failing;

        /// <summary>Number of segments.</summary>
        public int Count { get { return _count; } }
        /// <summary>Number of the segment at <paramref name="index"/> in creation order.</summary>
        public long IdAt(int index) { return _ids[index]; }

        /// <inheritdoc/>
        public int ListSegments(long[] ids)
        {
            int n = _count < ids.Length ? _count : ids.Length;
            for (int i = 0; i < n; i++) ids[i] = _ids[i];
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
            int n = (int)(_lengths[i] - position < count ? _lengths[i] - position : count);
            System.Array.Copy(_data[i], (int)position, buffer, offset, n);
            return n;
        }

        /// <inheritdoc/>
        public bool Append(long segment, byte[] buffer, int offset, int count)
        {
            if (Failing) return false;
            int i = Find(segment);
            if (i < 0) i = Add(segment);
            Write(i, buffer, offset, count);
            Appends++;
            BytesAppended += count;
            long used = UsedBytes();
            if (used > PeakBytes) PeakBytes = used;
            return true;
        }

        /// <inheritdoc/>
        public bool Delete(long segment)
        {
            if (Failing) return false;
            int i = Find(segment);
            if (i < 0) return true;
            for (int k = i; k < _count - 1; k++)
            {
                _ids[k] = _ids[k + 1];
                _data[k] = _data[k + 1];
                _lengths[k] = _lengths[k + 1];
            }
            _count--;
            Deletes++;
            return true;
        }

        /// <inheritdoc/>
        public int ReadMetadata(int slot, byte[] buffer, int offset, int count)
        {
            byte[] m = _meta[slot];
            if (m == null) return 0;
            int n = m.Length < count ? m.Length : count;
            System.Array.Copy(m, 0, buffer, offset, n);
            return n;
        }

        /// <inheritdoc/>
        public bool WriteMetadata(int slot, byte[] buffer, int offset, int count)
        {
            if (Failing) return false;
            byte[] m = new byte[count];
            System.Array.Copy(buffer, offset, m, 0, count);
            _meta[slot] = m;
            MetadataWrites++;
            return true;
        }

        /// <summary>The bytes of a segment (a copy), or null.</summary>
        public byte[] GetSegment(long segment)
        {
            int i = Find(segment);
            if (i < 0) return null;
            byte[] copy = new byte[_lengths[i]];
            System.Array.Copy(_data[i], 0, copy, 0, copy.Length);
            return copy;
        }

        /// <summary>Replaces a segment's bytes with the first <paramref name="count"/> of <paramref name="bytes"/> (a cut or edited file).</summary>
        public void SetSegment(long segment, byte[] bytes, int count)
        {
            int i = Find(segment);
            if (i < 0) i = Add(segment);
            _lengths[i] = 0;
            Write(i, bytes, 0, count);
        }

        /// <summary>Replaces a metadata slot's bytes with the first <paramref name="count"/> of <paramref name="bytes"/>, or empties it (null).</summary>
        public void SetMetadata(int slot, byte[] bytes, int count)
        {
            if (bytes == null)
            {
                _meta[slot] = null;
                return;
            }
            byte[] m = new byte[count];
            System.Array.Copy(bytes, 0, m, 0, count);
            _meta[slot] = m;
        }

        /// <summary>A copy of the whole storage as it is now.</summary>
        public MemoryRecordStorage Copy()
        {
            MemoryRecordStorage copy = new MemoryRecordStorage();
            copy.AllocationUnit = AllocationUnit;
            for (int i = 0; i < _count; i++) copy.SetSegment(_ids[i], _data[i], _lengths[i]);
            for (int s = 0; s < 2; s++)
            {
                if (_meta[s] != null) copy.SetMetadata(s, _meta[s], _meta[s].Length);
            }
            return copy;
        }

        /// <summary>Bytes in segments now, each rounded up to <see cref="AllocationUnit"/>.</summary>
        public long UsedBytes()
        {
            long used = 0;
            for (int i = 0; i < _count; i++) used += (_lengths[i] + AllocationUnit - 1) / AllocationUnit * AllocationUnit;
            return used;
        }

        private int Find(long segment)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == segment) return i;
            }
            return -1;
        }

        private int Add(long segment)
        {
            if (_count == _ids.Length)
            {
                long[] ids = new long[_count * 2];
                byte[][] data = new byte[_count * 2][];
                int[] lengths = new int[_count * 2];
                System.Array.Copy(_ids, ids, _count);
                System.Array.Copy(_data, data, _count);
                System.Array.Copy(_lengths, lengths, _count);
                _ids = ids;
                _data = data;
                _lengths = lengths;
            }
            _ids[_count] = segment;
            _data[_count] = new byte[256];
            _lengths[_count] = 0;
            return _count++;
        }

        private void Write(int i, byte[] buffer, int offset, int count)
        {
            if (_lengths[i] + count > _data[i].Length)
            {
                int size = _data[i].Length * 2;
                while (size < _lengths[i] + count) size *= 2;
                byte[] grown = new byte[size];
                System.Array.Copy(_data[i], grown, _lengths[i]);
                _data[i] = grown;
            }
            System.Array.Copy(buffer, offset, _data[i], _lengths[i], count);
            _lengths[i] += count;
        }
    }
}
