using MeterGateway.Checksums;

namespace MeterGateway.Outbox
{
    /// <summary>
    /// The outbox log on an <see cref="IRecordStorage"/>: an ordered list of append-only segments (ordered by their
    /// number), each a run of <see cref="RecordFormat"/> records. It appends batches of records, reads records back by
    /// position, and recovers after a power cut. It knows nothing of delivery: that is <see cref="ReadingOutbox"/>'s.
    /// <para>
    /// Reading rule, the same at start-up and at run time: walking the segments in order, a record counts when it is
    /// whole (magic, length, CRC) and its sequence number is higher than the last one that counted. Bytes that are not a
    /// whole record (a torn write, flipped bits) are skipped up to the next magic. The sequence rule is what makes
    /// compaction safe without renames: a compacted copy is written as a new segment numbered just below the segments it
    /// replaces (and above the one before them), which are deleted afterwards; a power cut in between leaves records that no longer count (deleted at
    /// the next start), never a gap.
    /// </para>
    /// Allocates its tables and one record buffer at construction, nothing afterwards.
    /// </summary>
    public sealed class SegmentLog
    {
        /// <summary>Number of the first segment of an empty log.</summary>
        public const long FirstSegment = 1L << 40;
        /// <summary>Gap between the numbers of successive new segments; a compacted copy takes the number just below the first segment it replaces.</summary>
        public const long IdStride = 1L << 20;

        private readonly IRecordStorage _storage;
        private readonly long[] _ids;
        private readonly long[] _lengths;
        private readonly long[] _lastSequences;
        private readonly int _segmentBytes;
        private readonly int _allocationUnit;
        private readonly byte[] _record;
        private int _count;
        private long _readSequence;
        private long _readTime;
        private long _nextId = FirstSegment;
        private bool _newestSealed;

        /// <summary>
        /// A log of at most <paramref name="maxSegments"/> segments; a new segment is started when a batch would take
        /// the newest past <paramref name="segmentBytes"/>; <paramref name="allocationUnit"/> is the file system's block
        /// (a file occupies whole blocks); records are at most <paramref name="maxRecordBytes"/> long.
        /// </summary>
        public SegmentLog(IRecordStorage storage, int maxSegments, int segmentBytes, int allocationUnit, int maxRecordBytes)
        {
            _storage = storage;
            _ids = new long[maxSegments];
            _lengths = new long[maxSegments];
            _lastSequences = new long[maxSegments];
            _segmentBytes = segmentBytes;
            _allocationUnit = allocationUnit;
            _record = new byte[maxRecordBytes];
        }

        /// <summary>Number of segments.</summary>
        public int SegmentCount { get { return _count; } }
        /// <summary>Most segments the log can hold.</summary>
        public int MaxSegments { get { return _ids.Length; } }
        /// <summary>Number of the segment at <paramref name="index"/> (0 = oldest).</summary>
        public long SegmentId(int index) { return _ids[index]; }
        /// <summary>Bytes in the segment at <paramref name="index"/>.</summary>
        public long SegmentLength(int index) { return _lengths[index]; }
        /// <summary>Highest sequence number in the segment at <paramref name="index"/> (0 when empty).</summary>
        public long LastSequence(int index) { return _lastSequences[index]; }

        /// <summary>Bytes the segments occupy, each rounded up to whole allocation units.</summary>
        public long UsedBytes
        {
            get
            {
                long used = 0;
                for (int i = 0; i < _count; i++) used += (_lengths[i] + _allocationUnit - 1) / _allocationUnit * _allocationUnit;
                return used;
            }
        }

        /// <summary>Bytes passed over because they were not whole records (torn writes, corruption), since construction.</summary>
        public long SkippedBytes { get; private set; }
        /// <summary>Bytes appended to segments since construction.</summary>
        public long BytesWritten { get; private set; }
        /// <summary>Successful append calls since construction.</summary>
        public long Writes { get; private set; }
        /// <summary>Segment deletions since construction.</summary>
        public long Deletes { get; private set; }
        /// <summary>Storage operations that failed since construction.</summary>
        public long Failures { get; private set; }

        /// <summary>
        /// The record buffer (<c>maxRecordBytes</c> long): the record loaded by the last successful <see cref="Find"/> is
        /// at offset 0 (at <c>loadAt</c> after <see cref="FindAt"/>). The outbox's only record buffer: a stored record
        /// taken for publishing is decoded from it at once, and <see cref="Thinning"/> gathers its copy in it.
        /// </summary>
        public byte[] Record { get { return _record; } }
        /// <summary>True when the record found last is in <see cref="Record"/>; false after a <see cref="FindAt"/> that found one longer than its room.</summary>
        public bool RecordLoaded { get; private set; }
        /// <summary>Length of the loaded record.</summary>
        public int RecordLength { get; private set; }
        /// <summary>Sequence number of the loaded record.</summary>
        public long RecordSequence { get; private set; }
        /// <summary>Measurement time of the loaded record (Unix seconds UTC).</summary>
        public long RecordTime { get; private set; }
        /// <summary>Index of the segment holding the loaded record.</summary>
        public int RecordSegment { get; private set; }
        /// <summary>Offset of the loaded record in its segment.</summary>
        public long RecordOffset { get; private set; }
        /// <summary>Position just after the loaded record, in its segment.</summary>
        public long RecordEnd { get { return RecordOffset + RecordLength; } }

        /// <summary>Segment index where the last <see cref="Append"/> wrote.</summary>
        public int AppendedSegment { get; private set; }
        /// <summary>Offset in that segment of the first byte the last <see cref="Append"/> wrote.</summary>
        public long AppendedOffset { get; private set; }

        /// <summary>Index of the segment numbered <paramref name="id"/>, or -1.</summary>
        public int IndexOf(long id)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_ids[i] == id) return i;
            }
            return -1;
        }

        /// <summary>
        /// Loads the first whole record at or after <paramref name="offset"/> of segment <paramref name="segment"/>, going
        /// on through later segments up to <paramref name="lastSegment"/>, whose sequence number is above
        /// <paramref name="afterSequence"/>, at offset 0 of <see cref="Record"/>. False when there is none.
        /// </summary>
        public bool Find(int segment, long offset, long afterSequence, int lastSegment)
        {
            return FindAt(segment, offset, afterSequence, lastSegment, 0);
        }

        /// <summary>
        /// <see cref="Find"/>, loading the record at <paramref name="loadAt"/> of <see cref="Record"/> and leaving the
        /// bytes before it untouched (<see cref="Thinning"/> gathers the records it keeps there). A record longer than the
        /// room after <paramref name="loadAt"/> is checked through that room in pieces and found, but not loaded
        /// (<see cref="RecordLoaded"/> false; <see cref="Find"/> it again to load it). <paramref name="loadAt"/> must leave
        /// room for <see cref="RecordFormat.Overhead"/> bytes, else <see cref="System.ArgumentOutOfRangeException"/>.
        /// </summary>
        public bool FindAt(int segment, long offset, long afterSequence, int lastSegment, int loadAt)
        {
            if (loadAt < 0 || loadAt > _record.Length - RecordFormat.Overhead) throw new System.ArgumentOutOfRangeException("loadAt");
            for (; segment <= lastSegment && segment < _count; segment++, offset = 0)
            {
                long length = _lengths[segment];
                while (offset + RecordFormat.Overhead <= length)
                {
                    int n = ReadRecordAt(segment, offset, length, loadAt);
                    if (n > 0)
                    {
                        if (_readSequence > afterSequence)
                        {
                            RecordLength = n;
                            RecordSequence = _readSequence;
                            RecordTime = _readTime;
                            RecordSegment = segment;
                            RecordOffset = offset;
                            RecordLoaded = n <= _record.Length - loadAt;
                            return true;
                        }
                        offset += n;
                    }
                    else
                    {
                        long skip = SkipToMagic(segment, offset, length, loadAt);
                        SkippedBytes += skip;
                        offset += skip;
                    }
                }
            }
            return false;
        }

        // Reads and checks the record at offset into _record at loadAt (one longer than the room there is checked in
        // pieces); returns its length, or 0 when there is no whole record there. Sets _readSequence and _readTime.
        private int ReadRecordAt(int segment, long offset, long length, int loadAt)
        {
            long id = _ids[segment];
            if (_storage.Read(id, offset, _record, loadAt, RecordFormat.HeaderBytes) != RecordFormat.HeaderBytes) return 0;
            int n = RecordFormat.LengthOf(_record, loadAt);
            if (n < 0 || n > _record.Length || offset + n > length) return 0;
            _readSequence = RecordFormat.Sequence(_record, loadAt);
            _readTime = RecordFormat.Time(_record, loadAt);
            int room = _record.Length - loadAt;
            if (n <= room)
            {
                int rest = n - RecordFormat.HeaderBytes;
                if (_storage.Read(id, offset + RecordFormat.HeaderBytes, _record, loadAt + RecordFormat.HeaderBytes, rest) != rest) return 0;
                return RecordFormat.CrcMatches(_record, loadAt, n) ? n : 0;
            }
            uint crc = Crc32.Update(Crc32.Initial, _record, loadAt, RecordFormat.HeaderBytes);
            long at = offset + RecordFormat.HeaderBytes;
            for (int left = n - RecordFormat.Overhead; left > 0;)
            {
                int piece = left < room ? left : room;
                if (_storage.Read(id, at, _record, loadAt, piece) != piece) return 0;
                crc = Crc32.Update(crc, _record, loadAt, piece);
                at += piece;
                left -= piece;
            }
            if (_storage.Read(id, at, _record, loadAt, 4) != 4) return 0;
            return (crc ^ Crc32.Initial) == ByteCoding.ReadUInt32(_record, loadAt) ? n : 0;
        }

        // How far to move from a position that holds no whole record: to the next magic, or to the end of the segment.
        // Reads through _record from loadAt on.
        private long SkipToMagic(int segment, long offset, long length, int loadAt)
        {
            long skipped = 1;
            int room = _record.Length - loadAt;
            while (offset + skipped < length)
            {
                int got = _storage.Read(_ids[segment], offset + skipped, _record, loadAt, room);
                if (got <= 0) break;
                for (int i = 0; i < got; i++)
                {
                    if (_record[loadAt + i] == RecordFormat.Magic0 && (i + 1 >= got || _record[loadAt + i + 1] == RecordFormat.Magic1))
                    {
                        return skipped + i;
                    }
                }
                skipped += got;
            }
            return length - offset;
        }

        /// <summary>
        /// Appends a batch of whole records, the last numbered <paramref name="lastSequence"/>, to the newest segment, or
        /// to a new one when the batch would take it past the segment size or when an append to it failed. True when
        /// written; on failure the segment is not appended to again, but for a new one that holds no record yet: it is
        /// started over (a partly written file deleted) rather than followed by another, so failures do not fill the tables.
        /// </summary>
        public bool Append(byte[] buffer, int offset, int count, long lastSequence)
        {
            int newest = _count - 1;
            if (newest >= 0 && _newestSealed && _lengths[newest] == 0 && (_storage.GetLength(_ids[newest]) == 0 || _storage.Delete(_ids[newest])))
            {
                _newestSealed = false;
            }
            if (newest < 0 || _newestSealed || (_lengths[newest] > 0 && _lengths[newest] + count > _segmentBytes))
            {
                if (_count == _ids.Length) return false;
                newest = _count;
                Insert(newest, _nextId);
                _newestSealed = false;
            }
            if (!AppendAt(newest, buffer, offset, count, lastSequence))
            {
                _newestSealed = true;
                return false;
            }
            return true;
        }

        /// <summary>Appends whole records, the last numbered <paramref name="lastSequence"/>, to the segment at <paramref name="index"/>; true when written.</summary>
        public bool AppendAt(int index, byte[] buffer, int offset, int count, long lastSequence)
        {
            if (!_storage.Append(_ids[index], buffer, offset, count))
            {
                Failures++;
                return false;
            }
            BytesWritten += count;
            Writes++;
            AppendedSegment = index;
            AppendedOffset = _lengths[index];
            _lengths[index] += count;
            _lastSequences[index] = lastSequence;
            return true;
        }

        /// <summary>
        /// True when an empty segment can be added just before the one at <paramref name="index"/>: a number between it
        /// and the one before is free. New segments are numbered <see cref="IdStride"/> apart, so there nearly always is.
        /// </summary>
        public bool CanInsertBefore(int index)
        {
            return _count < _ids.Length && (index == 0 || _ids[index] - 1 > _ids[index - 1]);
        }

        /// <summary>
        /// Adds an empty segment numbered one below the one at <paramref name="index"/>, for a compacted copy of it (and
        /// its successor); the new segment takes <paramref name="index"/>. False when <see cref="CanInsertBefore"/> is not.
        /// </summary>
        public bool InsertBefore(int index)
        {
            if (!CanInsertBefore(index)) return false;
            Insert(index, _ids[index] - 1);
            return true;
        }

        private void Insert(int index, long id)
        {
            // A number may have been used before by a segment whose deletion failed: start from an empty file.
            if (_storage.GetLength(id) > 0 && !_storage.Delete(id)) Failures++;
            for (int i = _count; i > index; i--)
            {
                _ids[i] = _ids[i - 1];
                _lengths[i] = _lengths[i - 1];
                _lastSequences[i] = _lastSequences[i - 1];
            }
            _ids[index] = id;
            _lengths[index] = 0;
            _lastSequences[index] = 0;
            _count++;
            if (id >= _nextId) _nextId = id + IdStride;
        }

        /// <summary>Deletes the segment at <paramref name="index"/>; false when the storage could not (it is forgotten anyway).</summary>
        public bool DeleteAt(int index)
        {
            bool deleted = _storage.Delete(_ids[index]);
            if (deleted) Deletes++;
            else Failures++;
            for (int i = index; i < _count - 1; i++)
            {
                _ids[i] = _ids[i + 1];
                _lengths[i] = _lengths[i + 1];
                _lastSequences[i] = _lastSequences[i + 1];
            }
            _count--;
            if (index == _count) _newestSealed = false;
            return deleted;
        }

        /// <summary>
        /// Start-up: lists and orders the segments, walks every record by the reading rule, and deletes the segments
        /// that hold nothing at or above <paramref name="fromSequence"/> (delivered, superseded by a compacted copy, or
        /// torn). Returns the highest sequence number found (0 when none); <paramref name="records"/> = the records at or
        /// above <paramref name="fromSequence"/>. Appending after a torn end is safe: the reading rule skips the torn bytes.
        /// </summary>
        public long Recover(long fromSequence, out int records)
        {
            _count = _storage.ListSegments(_ids);
            SortIds();
            _nextId = FirstSegment;
            _newestSealed = false;
            for (int i = 0; i < _count; i++)
            {
                _lengths[i] = _storage.GetLength(_ids[i]);
                if (_ids[i] >= _nextId) _nextId = _ids[i] + IdStride;
            }
            long last = 0;
            records = 0;
            int index = 0;
            while (index < _count)
            {
                int kept = 0;
                long end = 0;
                while (Find(index, end, last, index))
                {
                    last = RecordSequence;
                    end = RecordEnd;
                    if (RecordSequence >= fromSequence) kept++;
                }
                if (kept == 0)
                {
                    DeleteAt(index);
                    continue;
                }
                records += kept;
                _lastSequences[index] = last;
                index++;
            }
            return last;
        }

        private void SortIds()
        {
            for (int i = 1; i < _count; i++)
            {
                long id = _ids[i];
                int j = i - 1;
                while (j >= 0 && _ids[j] > id)
                {
                    _ids[j + 1] = _ids[j];
                    j--;
                }
                _ids[j + 1] = id;
            }
        }
    }
}
