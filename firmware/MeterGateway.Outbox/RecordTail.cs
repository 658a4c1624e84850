using MeterGateway.Readings;

namespace MeterGateway.Outbox
{
    /// <summary>
    /// The newest records of the outbox, sealed (<see cref="RecordFormat"/>) in one memory buffer until they are
    /// delivered (then they are removed and never reach storage) or written to storage together in one write.
    /// Records are kept in sequence order. Allocates its buffer and tables at construction, nothing afterwards.
    /// </summary>
    public sealed class RecordTail
    {
        private readonly byte[] _buffer;
        private readonly int _maxRecordBytes;
        private readonly int[] _offset;
        private readonly int[] _length;
        private readonly long[] _sequence;
        private readonly long[] _time;
        private readonly long[] _appendedMs;
        private int _used;
        private int _count;

        /// <summary>A tail of <paramref name="bytes"/> bytes holding records of at most <paramref name="maxRecordBytes"/>.</summary>
        public RecordTail(int bytes, int maxRecordBytes)
        {
            _buffer = new byte[bytes];
            _maxRecordBytes = maxRecordBytes;
            int records = bytes / 64 < 4 ? 4 : bytes / 64;
            _offset = new int[records];
            _length = new int[records];
            _sequence = new long[records];
            _time = new long[records];
            _appendedMs = new long[records];
        }

        /// <summary>The buffer: records 0..<see cref="Count"/>-1 back to back from offset 0, <see cref="UsedBytes"/> long.</summary>
        public byte[] Buffer { get { return _buffer; } }
        /// <summary>Records in the tail.</summary>
        public int Count { get { return _count; } }
        /// <summary>Bytes of the buffer in use.</summary>
        public int UsedBytes { get { return _used; } }
        /// <summary>True when no more record can be added.</summary>
        public bool IsFull { get { return _count == _offset.Length || _used + RecordFormat.Overhead > _buffer.Length; } }
        /// <summary>Offset of record <paramref name="index"/> in <see cref="Buffer"/>.</summary>
        public int OffsetOf(int index) { return _offset[index]; }
        /// <summary>Length of record <paramref name="index"/>.</summary>
        public int LengthOf(int index) { return _length[index]; }
        /// <summary>Sequence number of record <paramref name="index"/>.</summary>
        public long SequenceOf(int index) { return _sequence[index]; }
        /// <summary>Measurement time of record <paramref name="index"/>.</summary>
        public long TimeOf(int index) { return _time[index]; }
        /// <summary>Monotonic milliseconds when record <paramref name="index"/> was added.</summary>
        public long AppendedMsOf(int index) { return _appendedMs[index]; }

        /// <summary>
        /// Encodes <paramref name="set"/> as a record at the end of the tail. Returns the record length, 0 when it does not
        /// fit in what is left of the tail (write the tail and try again), or -1 when it would exceed the largest record.
        /// </summary>
        public int Add(ReadingSet set, long sequence, long time, long nowMs)
        {
            if (_count == _offset.Length) return 0;
            int room = _buffer.Length - _used;
            int limit = room < _maxRecordBytes ? room : _maxRecordBytes;
            if (limit < RecordFormat.Overhead) return 0;
            int payload = ReadingSetCodec.Encode(set, _buffer, _used + RecordFormat.HeaderBytes, _used + limit - 4);
            if (payload < 0) return limit == _maxRecordBytes ? -1 : 0;
            int length = RecordFormat.Seal(_buffer, _used, payload, sequence, time);
            _offset[_count] = _used;
            _length[_count] = length;
            _sequence[_count] = sequence;
            _time[_count] = time;
            _appendedMs[_count] = nowMs;
            _count++;
            _used += length;
            return length;
        }

        /// <summary>Index of the record with this sequence number, or -1.</summary>
        public int IndexOf(long sequence)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_sequence[i] == sequence) return i;
            }
            return -1;
        }

        /// <summary>Removes record <paramref name="index"/>, moving the later ones down.</summary>
        public void RemoveAt(int index)
        {
            int length = _length[index];
            int from = _offset[index] + length;
            System.Array.Copy(_buffer, from, _buffer, _offset[index], _used - from);
            _used -= length;
            for (int i = index; i < _count - 1; i++)
            {
                _offset[i] = _offset[i + 1] - length;
                _length[i] = _length[i + 1];
                _sequence[i] = _sequence[i + 1];
                _time[i] = _time[i + 1];
                _appendedMs[i] = _appendedMs[i + 1];
            }
            _count--;
        }

        /// <summary>Removes the first <paramref name="count"/> records (after they were written), moving the others down.</summary>
        public void RemoveFirst(int count)
        {
            if (count <= 0) return;
            int bytes = count < _count ? _offset[count] : _used;
            System.Array.Copy(_buffer, bytes, _buffer, 0, _used - bytes);
            _used -= bytes;
            for (int i = 0; i < _count - count; i++)
            {
                _offset[i] = _offset[i + count] - bytes;
                _length[i] = _length[i + count];
                _sequence[i] = _sequence[i + count];
                _time[i] = _time[i + count];
                _appendedMs[i] = _appendedMs[i + count];
            }
            _count -= count;
        }

        /// <summary>Empties the tail.</summary>
        public void Clear()
        {
            _count = 0;
            _used = 0;
        }
    }
}
