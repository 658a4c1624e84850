using MeterGateway.Link;
using MeterGateway.Readings;

namespace MeterGateway.Outbox
{
    /// <summary>
    /// Store and forward for reading sets: every set is appended before it is published, and taken out for
    /// publishing one at a time until the broker acknowledges it (MQTT QoS 1 PUBACK, MQTT 3.1.1 §4.3.2).
    /// <para>
    /// Where records live: an appended record first waits in a memory tail (<see cref="RecordTail"/>). Delivered
    /// within <see cref="OutboxOptions.WriteDelayMs"/> (the normal case while the broker is up), it is never written,
    /// so a working gateway wears no flash per telegram. Otherwise the tail is written to the log in storage
    /// (<see cref="SegmentLog"/>) in one write. A power cut therefore loses at most the records of the write-delay window;
    /// everything written is recovered by <see cref="Open"/>, up to the last whole record.
    /// </para>
    /// <para>
    /// Order: <see cref="TakeNext"/> offers the backlog (stored records, then waiting tail records) oldest first, and
    /// the newest appended record ("live") as soon as it arrives, alternating live and backlog when both are waiting so
    /// the live view is not starved while an outage is replayed. Each taken record carries its sequence number and
    /// original measurement time (<see cref="TakenSequence"/>, <see cref="TakenTime"/>).
    /// </para>
    /// <para>
    /// Delivery is at least once: the delivered cursor is persisted every <see cref="OutboxOptions.CursorBatch"/> stored
    /// records and when the stored backlog empties, so after a restart up to that many delivered records, and one
    /// published but not yet acknowledged, are offered again. They carry the same sequence number and time as before
    /// (VSCP <c>vscpObId</c> and <c>vscpDateTime</c>), so subscribers can recognise them.
    /// </para>
    /// <para>
    /// Size: when storage passes <see cref="OutboxOptions.CompactAboveBytes"/>, the oldest data is thinned
    /// (<see cref="Thinning"/>); the newest is never dropped. While the log stays full (a long outage), new records are
    /// written at most one per <see cref="OutboxOptions.FullLogIntervalSeconds"/> besides the first and last of each
    /// period, the others thinned in memory: every record written to a full log costs its size again in compaction,
    /// and at a 1 s interval that would wear the flash out in weeks of outage.
    /// </para>
    /// <para>
    /// Pipelining: <see cref="TakeAhead"/> takes the next record while earlier ones are still being published (up to
    /// <see cref="MaxInFlight"/>), for an MQTT window of messages in flight (ReadingOutbox.InFlight.cs).
    /// </para>
    /// Not thread safe: one loop appends, takes and marks. Allocates at construction only.
    /// </summary>
    public sealed partial class ReadingOutbox : IOutboxGauge
    {
        private readonly IRecordStorage _storage;
        private readonly IClock _clock;
        private readonly OutboxOptions _options;
        private readonly SegmentLog _log;
        private readonly Thinning _thinning;
        private readonly RecordTail _tail;
        private readonly OutboxMetadata _meta = new OutboxMetadata();
        private readonly OutboxStatus _status = new OutboxStatus();

        private long _nextSequence = 1;
        // Every stored record below this sequence number is delivered. While _hasStored, it is the cursor record's.
        private long _deliveredBelow = 1;
        private bool _hasStored;
        private long _cursorSegmentId;
        private long _cursorOffset;
        private int _cursorLength;
        private long _cursorTime;
        private int _storedUndelivered;
        private int _deliveredSinceSave;
        private long _lastWrittenTime = ReadingSet.NoTime;
        // Compaction had to thin since the log was last empty: the log is at its bound and stays there while it fills.
        private bool _compacted;

        private bool _livePending;
        private bool _lastWasLive;
        private long _metadataBytes;
        private long _metadataWrites;
        private long _failures;

        /// <summary>
        /// An outbox on <paramref name="storage"/>; <paramref name="clock"/> gives the write-delay timing and the time of sets
        /// without a frame time. Throws <see cref="System.ArgumentException"/> when an option is out of range. Call
        /// <see cref="Open"/> before anything else.
        /// </summary>
        public ReadingOutbox(IRecordStorage storage, IClock clock, OutboxOptions options)
        {
            options.Validate();
            _storage = storage;
            _clock = clock;
            _options = options;
            _log = new SegmentLog(storage, options.MaxSegments, options.SegmentBytes, options.AllocationUnit, options.MaxRecordBytes);
            _thinning = new Thinning(_log, options.ThinPeriodSeconds, options.ThinKeepEvery, options.SegmentBytes);
            _tail = new RecordTail(options.TailBytes, options.MaxRecordBytes);
            _inFlight = new long[options.MaxInFlight];
            _inFlightFromTail = new bool[options.MaxInFlight];
            _inFlightTake = new long[options.MaxInFlight];
        }

        /// <summary>Sequence number of the record last taken by <see cref="TakeNext"/> (1, 2, …).</summary>
        public long TakenSequence { get; private set; }
        /// <summary>Measurement time of the record last taken (Unix seconds UTC): the meter's frame time, else the gateway's clock at append.</summary>
        public long TakenTime { get; private set; }
        /// <summary>True when the record last taken came from the backlog (an outage's replay), false for a live one.</summary>
        public bool TakenIsReplay { get; private set; }

        /// <summary>Reading sets not yet delivered: in storage and in memory.</summary>
        public int Depth { get { return _storedUndelivered + _tail.Count; } }

        /// <summary>Measurement time (Unix seconds UTC) of the oldest undelivered set, or <see cref="ReadingSet.NoTime"/> when none.</summary>
        public long OldestUndeliveredTime
        {
            get { return _hasStored ? _cursorTime : (_tail.Count > 0 ? _tail.TimeOf(0) : ReadingSet.NoTime); }
        }

        /// <summary>Reading sets thinned to make room, over the outbox's life (persisted in the metadata).</summary>
        public long Thinned { get { return _meta.Thinned; } }

        /// <summary>Reading sets dropped whole, over the outbox's life (persisted in the metadata).</summary>
        public long Dropped { get { return _meta.Dropped; } }

        /// <summary>The status, brought up to date (the same instance every time).</summary>
        public OutboxStatus Status
        {
            get
            {
                _status.Depth = Depth;
                _status.OldestUndeliveredTime = OldestUndeliveredTime;
                _status.Thinned = _meta.Thinned;
                _status.Dropped = _meta.Dropped;
                _status.NextSequence = _nextSequence;
                _status.UsedBytes = _log.UsedBytes;
                _status.Segments = _log.SegmentCount;
                _status.BytesWritten = _log.BytesWritten + _metadataBytes;
                _status.Writes = _log.Writes + _metadataWrites;
                _status.MetadataWrites = _metadataWrites;
                _status.Deletes = _log.Deletes;
                _status.StorageErrors = _log.Failures + _failures;
                _status.SkippedBytes = _log.SkippedBytes;
                return _status;
            }
        }

        /// <summary>
        /// Start-up recovery: reads the metadata, walks the log to the last whole record (torn and corrupt bytes are
        /// skipped, never replayed), deletes what is delivered or superseded, places the cursor on the oldest
        /// undelivered record, and continues the sequence numbers above every number handed out before.
        /// </summary>
        public void Open()
        {
            _meta.Load(_storage);
            int records;
            long last = _log.Recover(_meta.Cursor, out records);
            _storedUndelivered = records;
            _deliveredBelow = _meta.Cursor;
            _nextSequence = _meta.Reserved > last + 1 ? _meta.Reserved : last + 1;
            if (_nextSequence < 1) _nextSequence = 1;
            _tail.Clear();
            _livePending = false;
            ReturnInFlight();
            LocateCursor(0, 0);
            Reserve();
        }

        /// <summary>
        /// Appends a reading set (the time of the record is the set's <see cref="ReadingSet.FrameTime"/>, else the clock's
        /// UTC). Returns its sequence number, or -1 when its record would exceed <see cref="OutboxOptions.MaxRecordBytes"/>.
        /// </summary>
        public long Append(ReadingSet set)
        {
            WriteTailIfDue();
            if (_nextSequence >= _meta.Reserved) Reserve();
            long time = set.FrameTime != ReadingSet.NoTime ? set.FrameTime : _clock.UtcNowSeconds;
            long now = _clock.MonotonicMs;
            int length = _tail.Add(set, _nextSequence, time, now);
            while (length == 0)
            {
                // The tail is full: write it; when storage refuses, the oldest waiting record gives way to the newest.
                if (!WriteTail(_tail.Count))
                {
                    if (_tail.Count > 0) ForgetTail(_tail.SequenceOf(0));
                    _tail.RemoveAt(0);
                    _meta.Dropped++;
                }
                length = _tail.Add(set, _nextSequence, time, now);
            }
            if (length < 0)
            {
                _status.TooLarge++;
                return -1;
            }
            _livePending = true;
            if (_options.WriteDelayMs == 0 || _tail.IsFull) WriteTail(_tail.Count);
            return _nextSequence++;
        }

        /// <summary>
        /// Decodes the next record to publish into <paramref name="into"/> and makes it the taken one
        /// (<see cref="TakenSequence"/>, <see cref="TakenTime"/>, <see cref="TakenIsReplay"/>); false when nothing waits.
        /// Publish it, then call <see cref="MarkDelivered(long)"/> or <see cref="MarkFailed"/> before the next call (an unmarked
        /// record counts as failed: every record still in flight is offered again). A stored record that cannot be
        /// decoded is skipped and counted. <see cref="TakeAhead"/> keeps earlier records in flight instead.
        /// </summary>
        public bool TakeNext(ReadingSet into)
        {
            ReturnInFlight();
            return TakeAhead(into);
        }

        private bool TakeFromTail(int index, ReadingSet into)
        {
            TakenSequence = _tail.SequenceOf(index);
            AddInFlight(TakenSequence, true);
            TakenTime = _tail.TimeOf(index);
            int offset = _tail.OffsetOf(index);
            return ReadingSetCodec.Decode(_tail.Buffer, offset + RecordFormat.HeaderBytes, _tail.LengthOf(index) - RecordFormat.Overhead, into);
        }

        private bool TakeStored(ReadingSet into)
        {
            if (_storedInFlight == 0)
            {
                // Reload the cursor record (the log's buffer may hold another one by now).
                LocateCursor(_log.IndexOf(_cursorSegmentId), _cursorOffset);
                if (!_hasStored) return false;
            }
            else if (!_log.Find(_log.IndexOf(_aheadSegmentId), _aheadOffset + _aheadLength, _aheadSequence, _log.SegmentCount - 1))
            {
                // Every stored record is in flight already.
                _storedUndelivered = _storedInFlight;
                return false;
            }
            _aheadSegmentId = _log.SegmentId(_log.RecordSegment);
            _aheadOffset = _log.RecordOffset;
            _aheadLength = _log.RecordLength;
            _aheadSequence = _log.RecordSequence;
            TakenSequence = _aheadSequence;
            TakenTime = _log.RecordTime;
            AddInFlight(TakenSequence, false);
            return ReadingSetCodec.Decode(_log.Record, RecordFormat.HeaderBytes, _log.RecordLength - RecordFormat.Overhead, into);
        }

        /// <summary>
        /// The broker acknowledged the taken record with this sequence number: it is removed (from the tail) or the
        /// cursor moves past it (in storage). Other numbers are ignored. Mark records in the order they were taken: a
        /// stored record marked before an earlier one is offered again.
        /// </summary>
        public void MarkDelivered(long sequence)
        {
            int i = InFlightIndex(sequence);
            if (sequence == 0 || i < 0) return;
            bool fromTail = _inFlightFromTail[i];
            RemoveInFlightAt(i);
            if (fromTail)
            {
                int index = _tail.IndexOf(sequence);
                if (index >= 0) _tail.RemoveAt(index);
            }
            else if (_hasStored && sequence == _deliveredBelow)
            {
                AdvanceCursor();
            }
            else
            {
                ReturnStored();
            }
        }

        /// <summary>
        /// Publishing the taken record with this sequence number failed: it stays, and is offered again as backlog, and so
        /// is every record taken after it and not yet marked (order is kept).
        /// </summary>
        public void MarkFailed(long sequence)
        {
            if (InFlightIndex(sequence) >= 0) ReturnInFlight();
        }

        /// <summary>Writes the tail when its oldest record has waited <see cref="OutboxOptions.WriteDelayMs"/>. Call it from the loop, at least every second.</summary>
        public void Tick()
        {
            WriteTailIfDue();
        }

        /// <summary>Writes the tail and the metadata now (before a planned shutdown).</summary>
        public void Flush()
        {
            WriteTail(_tail.Count);
            SaveMetadata();
        }

        // When the oldest tail record has waited the write delay, writes the whole tail in one write (while the log is
        // full, but the newest: its successor tells whether it ends a period). A live record written this way is
        // offered as backlog; in a connected loop it is taken right after it is appended, before this runs.
        private void WriteTailIfDue()
        {
            if (_tail.Count == 0 || _clock.MonotonicMs - _tail.AppendedMsOf(0) < _options.WriteDelayMs) return;
            WriteTail(IsFull() ? _tail.Count - 1 : _tail.Count);
        }

        // Full: thinning had to run (compaction could not make room otherwise) and will again. Then new records are
        // written sparingly (ThinWhileFull). Before compaction has run, every record is written: nothing is thinned
        // before the log reaches CompactAboveBytes.
        private bool IsFull()
        {
            return _options.FullLogIntervalSeconds > 0 && _compacted
                && _log.UsedBytes + _tail.UsedBytes > _options.CompactAboveBytes - 2L * _options.SegmentBytes;
        }

        // Writes the first count tail records to the log in one write; then thins when storage is over its bound.
        private bool WriteTail(int count)
        {
            if (count > 0 && IsFull()) count = ThinWhileFull(count);
            if (count == 0) return true;
            int bytes = _tail.OffsetOf(count - 1) + _tail.LengthOf(count - 1);
            if (!_log.Append(_tail.Buffer, 0, bytes, _tail.SequenceOf(count - 1))) return false;
            ForgetTailUpTo(_tail.SequenceOf(count - 1));
            if (!_hasStored)
            {
                _hasStored = true;
                _cursorSegmentId = _log.SegmentId(_log.AppendedSegment);
                _cursorOffset = _log.AppendedOffset;
                _cursorLength = _tail.LengthOf(0);
                _cursorTime = _tail.TimeOf(0);
                _deliveredBelow = _tail.SequenceOf(0);
            }
            _storedUndelivered += count;
            _lastWrittenTime = _tail.TimeOf(count - 1);
            if (count == _tail.Count) _livePending = false;
            _tail.RemoveFirst(count);
            Compact();
            return true;
        }

        // Of the first count tail records, keeps those a full log still takes: the first and the last of each period,
        // and one every FullLogIntervalSeconds; the others are thinned before they are written. The newest record is
        // kept (its successor is not known yet). Returns how many records are left to write.
        private int ThinWhileFull(int count)
        {
            long period = _options.ThinPeriodSeconds;
            int i = 0;
            while (i < count)
            {
                long time = _tail.TimeOf(i);
                bool newest = i == _tail.Count - 1;
                bool firstOfPeriod = _lastWrittenTime == ReadingSet.NoTime || time / period != _lastWrittenTime / period;
                bool lastOfPeriod = !newest && _tail.TimeOf(i + 1) / period != time / period;
                bool spaced = _lastWrittenTime == ReadingSet.NoTime || time - _lastWrittenTime >= _options.FullLogIntervalSeconds;
                if (newest || firstOfPeriod || lastOfPeriod || spaced)
                {
                    _lastWrittenTime = time;
                    i++;
                    continue;
                }
                ForgetTail(_tail.SequenceOf(i));
                _tail.RemoveAt(i);
                _meta.Thinned++;
                _status.ThinnedBeforeWrite++;
                count--;
            }
            return count;
        }

        private void Compact()
        {
            while (_log.UsedBytes > _options.CompactAboveBytes || _log.SegmentCount >= _log.MaxSegments - 1)
            {
                if (!_thinning.Thin(_deliveredBelow - 1)) return;
                _compacted = true;
                _storedUndelivered -= _thinning.Removed;
                if (_thinning.DroppedWhole) _meta.Dropped += _thinning.Removed;
                else _meta.Thinned += _thinning.Removed;
                ReturnStored();
                LocateCursor(0, 0);
            }
        }

        // Loads the first stored record at or after the position with a sequence number of at least _deliveredBelow.
        private void LocateCursor(int segment, long offset)
        {
            if (segment < 0)
            {
                segment = 0;
                offset = 0;
            }
            if (!_log.Find(segment, offset, _deliveredBelow - 1, _log.SegmentCount - 1))
            {
                _hasStored = false;
                _storedUndelivered = 0;
                return;
            }
            _hasStored = true;
            _cursorSegmentId = _log.SegmentId(_log.RecordSegment);
            _cursorOffset = _log.RecordOffset;
            _cursorLength = _log.RecordLength;
            _cursorTime = _log.RecordTime;
            _deliveredBelow = _log.RecordSequence;
        }

        // The cursor record is delivered: move to the next stored record, deleting segments left behind.
        private void AdvanceCursor()
        {
            _storedUndelivered--;
            _deliveredBelow++;
            _deliveredSinceSave++;
            LocateCursor(_log.IndexOf(_cursorSegmentId), _cursorOffset + _cursorLength);
            if (_hasStored)
            {
                int before = _log.IndexOf(_cursorSegmentId);
                for (int i = 0; i < before; i++) _log.DeleteAt(0);
                if (_deliveredSinceSave >= _options.CursorBatch) SaveMetadata();
                return;
            }
            // The stored backlog is delivered: persist the cursor, then delete the log.
            SaveMetadata();
            while (_log.SegmentCount > 0) _log.DeleteAt(0);
            _compacted = false;
        }

        private void Reserve()
        {
            _meta.Reserved = _nextSequence + _options.SequenceReserve;
            SaveMetadata();
        }

        private void SaveMetadata()
        {
            _meta.Cursor = _deliveredBelow;
            if (_meta.Save(_storage))
            {
                _metadataWrites++;
                _metadataBytes += OutboxMetadata.SlotBytes;
            }
            else
            {
                _failures++;
            }
            _deliveredSinceSave = 0;
        }
    }
}
