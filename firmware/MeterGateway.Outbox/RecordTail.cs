using MeterGateway.Readings;

namespace MeterGateway.Outbox
{
    /// <summary>
    /// The newest records of the outbox, sealed (<see cref="RecordFormat"/>) in one memory buffer until they are
    /// delivered (then they are removed and never reach storage) or written to storage together in one write.
    /// Records are kept in sequence order, back to back; a record's sequence number and time are read from its header,
    /// so the tables hold only its offset and when it was added. Allocates its buffer and tables at construction,
    /// nothing afterwards.
    /// </summary>
    public sealed class RecordTail
    {
        /// <summary>
        /// Buffer bytes per record slot: the tail holds at most bytes / <see cref="BytesPerSlot"/> records (at least 4).
        /// A meter's set makes a record of a few hundred bytes (729 for DSMR 5), so the bytes run out first; and the tail
        /// is written when its oldest record has waited <see cref="OutboxOptions.WriteDelayMs"/> (2 s: about 3 records of
        /// a meter sending every second). Only records under 128 bytes kept for more than 32 s fill the slots first; then
        /// the tail is written early (<see cref="IsFull"/>), as when its bytes run out.
        /// </summary>
        public const int BytesPerSlot = 128;

        private readonly byte[] _buffer;
        private readonly int _maxRecordBytes;
        private readonly int[] _offset;
        // When each record was added: monotonic ms after _baseMs (the first record's), clamped to the int range.
        private readonly int[] _addedMs;
        private long _baseMs;
        private int _used;
        private int _count;

        /// <summary>A tail of <paramref name="bytes"/> bytes holding records of at most <paramref name="maxRecordBytes"/>.</summary>
        public RecordTail(int bytes, int maxRecordBytes)
        {
            _buffer = new byte[bytes];
            _maxRecordBytes = maxRecordBytes;
            int records = bytes / BytesPerSlot < 4 ? 4 : bytes / BytesPerSlot;
            _offset = new int[records];
            _addedMs = new int[records];
        }

        /// <summary>The buffer: records 0..<see cref="Count"/>-1 back to back from offset 0, <see cref="UsedBytes"/> long.</summary>
        public byte[] Buffer { get { return _buffer; } }
        /// <summary>Records in the tail.</summary>
        public int Count { get { return _count; } }
        /// <summary>Most records the tail holds (its slots).</summary>
        public int Slots { get { return _offset.Length; } }
        /// <summary>Bytes of the buffer in use.</summary>
        public int UsedBytes { get { return _used; } }
        /// <summary>True when no more record can be added: every slot is taken, or no record fits in the bytes left.</summary>
        public bool IsFull { get { return _count == _offset.Length || _used + RecordFormat.Overhead > _buffer.Length; } }
        /// <summary>Offset of record <paramref name="index"/> in <see cref="Buffer"/>.</summary>
        public int OffsetOf(int index) { return _offset[index]; }
        /// <summary>Length of record <paramref name="index"/>.</summary>
        public int LengthOf(int index) { return (index + 1 < _count ? _offset[index + 1] : _used) - _offset[index]; }
        /// <summary>Sequence number of record <paramref name="index"/> (from its header: 32 bits, as in the log).</summary>
        public long SequenceOf(int index) { return RecordFormat.Sequence(_buffer, _offset[index]); }
        /// <summary>Measurement time of record <paramref name="index"/> (from its header).</summary>
        public long TimeOf(int index) { return RecordFormat.Time(_buffer, _offset[index]); }
        /// <summary>Monotonic milliseconds when record <paramref name="index"/> was added (within 24 days of the first record's).</summary>
        public long AppendedMsOf(int index) { return _baseMs + _addedMs[index]; }

        /// <summary>
        /// Encodes <paramref name="set"/> as a record at the end of the tail. Returns the record length, 0 when it does not
        /// fit in what is left of the tail or every slot is taken (write the tail and try again), or -1 when it would
        /// exceed the largest record.
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
            if (_count == 0) _baseMs = nowMs;
            _offset[_count] = _used;
            _addedMs[_count] = Clamp(nowMs - _baseMs);
            _count++;
            _used += length;
            return length;
        }

        /// <summary>Index of the record with this sequence number, or -1.</summary>
        public int IndexOf(long sequence)
        {
            for (int i = 0; i < _count; i++)
            {
                if (SequenceOf(i) == sequence) return i;
            }
            return -1;
        }

        /// <summary>Removes record <paramref name="index"/>, moving the later ones down.</summary>
        public void RemoveAt(int index)
        {
            Remove(index, 1);
        }

        /// <summary>Removes the first <paramref name="count"/> records (after they were written), moving the others down.</summary>
        public void RemoveFirst(int count)
        {
            if (count > 0) Remove(0, count < _count ? count : _count);
        }

        /// <summary>Empties the tail.</summary>
        public void Clear()
        {
            _count = 0;
            _used = 0;
        }

        // Removes records index..index+count-1: moves the later records' bytes and slots down.
        private void Remove(int index, int count)
        {
            int from = _offset[index];
            int to = index + count < _count ? _offset[index + count] : _used;
            int bytes = to - from;
            System.Array.Copy(_buffer, to, _buffer, from, _used - to);
            _used -= bytes;
            _count -= count;
            // Removing the first records moves the base to the new first one's time.
            long shift = index == 0 && _count > 0 ? _addedMs[count] : 0;
            _baseMs += shift;
            for (int i = index; i < _count; i++)
            {
                _offset[i] = _offset[i + count] - bytes;
                _addedMs[i] = Clamp(_addedMs[i + count] - shift);
            }
        }

        private static int Clamp(long ms)
        {
            return ms > int.MaxValue ? int.MaxValue : ms < int.MinValue ? int.MinValue : (int)ms;
        }
    }
}
