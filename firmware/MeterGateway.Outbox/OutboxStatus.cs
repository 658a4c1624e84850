namespace MeterGateway.Outbox
{
    /// <summary>
    /// The outbox's state for the status topic and the host's display; one instance, updated in place (no allocation).
    /// Counts marked "since start" restart at zero with the program; the others survive restarts.
    /// </summary>
    public sealed class OutboxStatus
    {
        /// <summary>Records not yet delivered: in storage and in memory.</summary>
        public int Depth;
        /// <summary>Measurement time of the oldest undelivered record (Unix seconds UTC), or <see cref="Readings.ReadingSet.NoTime"/> when none.</summary>
        public long OldestUndeliveredTime = Readings.ReadingSet.NoTime;
        /// <summary>Records removed by thinning, over the outbox's life (persisted with the metadata).</summary>
        public long Thinned;
        /// <summary>Of <see cref="Thinned"/>, records thinned in memory since start because the log was full (never written).</summary>
        public long ThinnedBeforeWrite;
        /// <summary>Records dropped whole: nothing left to thin, or storage failing (persisted with the metadata).</summary>
        public long Dropped;
        /// <summary>The sequence number the next appended record gets.</summary>
        public long NextSequence;
        /// <summary>Bytes of storage in use (whole allocation units).</summary>
        public long UsedBytes;
        /// <summary>Segment files.</summary>
        public int Segments;
        /// <summary>Bytes written to storage since start: records, compacted copies and metadata.</summary>
        public long BytesWritten;
        /// <summary>Write calls to storage since start (each is one commit on LittleFS).</summary>
        public long Writes;
        /// <summary>Metadata writes since start (also counted in <see cref="Writes"/> and <see cref="BytesWritten"/>).</summary>
        public long MetadataWrites;
        /// <summary>Segment files deleted since start.</summary>
        public long Deletes;
        /// <summary>Reading sets refused since start because their record would exceed <see cref="OutboxOptions.MaxRecordBytes"/>.</summary>
        public long TooLarge;
        /// <summary>Stored records that could not be decoded since start (skipped, not published).</summary>
        public long Undecodable;
        /// <summary>Storage operations that failed since start.</summary>
        public long StorageErrors;
        /// <summary>Bytes of storage passed over since start because they were not whole records (torn writes, corruption).</summary>
        public long SkippedBytes;
    }
}
