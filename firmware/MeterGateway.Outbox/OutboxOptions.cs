namespace MeterGateway.Outbox
{
    /// <summary>
    /// Settings of a <see cref="ReadingOutbox"/>. The defaults fit the ESP32: LittleFS on the 256 KB partition <c>I:\</c>
    /// (64 blocks of 4 KB) that also holds the firmware's configuration and the application assemblies the update
    /// agent downloads. Updates leave 96 KiB of it to the outbox and the configuration
    /// (<c>Update.UpdatePolicy.ReservedBytes</c>); the outbox takes at most 80 KB (20 blocks) at its peak, a
    /// compaction's copy included, and keeps about 52 KB of records (about 70 DSMR 5 sets), leaving 16 KB for the
    /// configuration. RAM: <see cref="TailBytes"/> × 1.0625 (the tail and its slots) + <see cref="MaxRecordBytes"/> (one record
    /// buffer) + 24 × <see cref="MaxSegments"/> + 17 × <see cref="MaxInFlight"/> + about 2 KB (objects, thinning, metadata;
    /// docs/outbox.md, "Memory"). The box sizes the segment tables from the storage (<see cref="SegmentsForMaxBytes"/>) and the
    /// records in flight from its MQTT window (<c>Device.MeterProfile.OutboxOptions</c>).
    /// </summary>
    public sealed class OutboxOptions
    {
        /// <summary>Most bytes of storage the outbox occupies, counted in whole <see cref="AllocationUnit"/>s. Default 80 KB.</summary>
        public int MaxBytes = 80 * 1024;

        /// <summary>A new segment file is started when a write would take the newest past this size. Default 8 KB (two LittleFS blocks).</summary>
        public int SegmentBytes = 8 * 1024;

        /// <summary>The file system's block: a file occupies whole ones. Default 4096 (LittleFS on ESP32 flash); 1 counts bytes.</summary>
        public int AllocationUnit = 4096;

        /// <summary>
        /// Size of the in-memory tail where appended records wait to be written (one write for all of them); it holds at
        /// most one record per <see cref="RecordTail.BytesPerSlot"/> bytes. Default 4 KB.
        /// </summary>
        public int TailBytes = 4096;

        /// <summary>Largest record (one encoded reading set plus 21 bytes); a larger set is refused. At most <see cref="TailBytes"/>. Default 4 KB.</summary>
        public int MaxRecordBytes = 4096;

        /// <summary>
        /// How long an appended record may stay only in memory, in milliseconds. A record delivered before that is never
        /// written (no flash wear while the broker acknowledges); one that is not is written with the others waiting.
        /// A power cut loses at most the records of this window. 0 writes every record when it is appended (and then the
        /// log is replayed strictly oldest first, without live interleaving). Default 2000.
        /// </summary>
        public int WriteDelayMs = 2000;

        /// <summary>The delivered cursor is persisted after this many records delivered from storage (and when the stored backlog is empty). Default 32.</summary>
        public int CursorBatch = 32;

        /// <summary>Sequence numbers reserved per metadata write; a restart skips at most this many numbers. Default 3600.</summary>
        public int SequenceReserve = 3600;

        /// <summary>Thinning keeps the first and last set of each period of this many seconds. Default 900 (a quarter hour).</summary>
        public int ThinPeriodSeconds = 900;

        /// <summary>Thinning keeps every n-th set within a period. Default 2.</summary>
        public int ThinKeepEvery = 2;

        /// <summary>
        /// While the log is full (thinning runs at every write), a new record is written only when it is the first or
        /// the last of its thinning period, or this many seconds after the last one written; the others are thinned
        /// before they reach flash. Bounds flash wear in a long outage (at 1 s, 60 writes fewer). 0 writes every record.
        /// Default 60.
        /// </summary>
        public int FullLogIntervalSeconds = 60;

        /// <summary>When true, replay alternates backlog and live records; when false, the backlog goes first. Default true.</summary>
        public bool Interleave = true;

        /// <summary>
        /// Most segment files: the size of the log's tables (24 bytes each). When the log holds one less, the oldest data is
        /// thinned even below <see cref="CompactAboveBytes"/>. Default 64 (the host: at 8 KB a segment, this bounds a log
        /// of a larger <see cref="MaxBytes"/> than about 500 KB); the box sets <see cref="SegmentsForMaxBytes"/> (22 for 80 KB).
        /// </summary>
        public int MaxSegments = 64;

        /// <summary>
        /// Most records in flight at once (<see cref="ReadingOutbox.TakeAhead"/>), 17 bytes each: the gateway's publish window
        /// keeps as many sets. Default 64 (the host's MQTT window, <c>[MQTT] max_inflight</c>); the box sets its MQTT
        /// window's messages + 1, 8 by default (<c>Device.MeterProfile.BoxSetsInFlight</c>). A smaller number only makes a drain wait
        /// for acknowledgements sooner.
        /// </summary>
        public int MaxInFlight = 64;

        /// <summary>
        /// The most segment files a log within <see cref="MaxBytes"/> can have: every segment that holds a record takes at
        /// least one <see cref="AllocationUnit"/> of the storage, and compaction keeps them within <see cref="CompactAboveBytes"/>,
        /// so at most <see cref="MaxBytes"/> / <see cref="AllocationUnit"/> of them, plus the empty segment a tail write
        /// starts and the one a compaction's copy starts as (22 for the default 80 KB of 4 KB blocks). With at least as many
        /// <see cref="MaxSegments"/> the log never thins for want of a table place: it behaves as with any larger table.
        /// </summary>
        public int SegmentsForMaxBytes
        {
            get { return (int)(((long)MaxBytes + AllocationUnit - 1) / AllocationUnit) + 2; }
        }

        /// <summary>Storage size at which old data is thinned: room is left for one tail write and one compacted copy (up to two segments).</summary>
        public long CompactAboveBytes
        {
            get { return MaxBytes - TailBytes - 2L * SegmentBytes - 2L * AllocationUnit; }
        }

        /// <summary>Throws <see cref="System.ArgumentException"/> naming the first setting that is out of range (a configuration error).</summary>
        public void Validate()
        {
            if (AllocationUnit < 1) throw new System.ArgumentException("AllocationUnit must be at least 1");
            if (MaxRecordBytes < RecordFormat.Overhead + 16 || MaxRecordBytes > RecordFormat.MaxLength) throw new System.ArgumentException("MaxRecordBytes must be 37..65535");
            if (TailBytes < MaxRecordBytes) throw new System.ArgumentException("TailBytes must be at least MaxRecordBytes");
            if (SegmentBytes < TailBytes || SegmentBytes < 2 * MaxRecordBytes) throw new System.ArgumentException("SegmentBytes must be at least TailBytes and twice MaxRecordBytes");
            if (CompactAboveBytes < 3L * SegmentBytes) throw new System.ArgumentException("MaxBytes must leave room for at least three segments, a tail write and a compacted copy");
            if (WriteDelayMs < 0) throw new System.ArgumentException("WriteDelayMs must not be negative");
            if (CursorBatch < 1) throw new System.ArgumentException("CursorBatch must be at least 1");
            if (SequenceReserve < 1) throw new System.ArgumentException("SequenceReserve must be at least 1");
            if (ThinPeriodSeconds < 1) throw new System.ArgumentException("ThinPeriodSeconds must be at least 1");
            if (ThinKeepEvery < 2) throw new System.ArgumentException("ThinKeepEvery must be at least 2");
            if (FullLogIntervalSeconds < 0) throw new System.ArgumentException("FullLogIntervalSeconds must not be negative");
            if (MaxSegments < 4) throw new System.ArgumentException("MaxSegments must be at least 4");
            if (MaxInFlight < 1) throw new System.ArgumentException("MaxInFlight must be at least 1");
        }
    }
}
