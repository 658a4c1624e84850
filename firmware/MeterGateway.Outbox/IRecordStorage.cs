namespace MeterGateway.Outbox
{
    /// <summary>
    /// Where the outbox keeps its log: a few append-only <em>segment</em> files named by a number, and two tiny
    /// metadata slots. One adapter per platform: files in a folder of the ESP32's LittleFS partition <c>I:\</c>, files
    /// in a folder on the host, arrays in tests. The adapter holds no logic: ordering, validation, recovery and
    /// compaction are the core's (<see cref="SegmentLog"/>).
    /// <para>
    /// The contract is what nanoFramework's <c>FileStream</c> gives (nanoframework/System.IO.FileSystem
    /// @ 0b4543a44fbe993cd1aec2311f1690d6760efe54, FileStream.cs): every <c>Write</c> is synced when it returns
    /// (<c>Flush</c> is a no-op there) and <c>SetLength</c> is not implemented. So there is no truncate and no separate
    /// flush: the core writes each batch of records with one <see cref="Append"/> call, and a segment with a torn end
    /// is left as it is and skipped when read. Methods do not throw: failures are reported by the return value.
    /// </para>
    /// </summary>
    public interface IRecordStorage
    {
        /// <summary>
        /// Fills <paramref name="ids"/> with the numbers of the segments that exist, in any order, and returns how many
        /// there are (at most <c>ids.Length</c>). Used at start-up only.
        /// </summary>
        int ListSegments(long[] ids);

        /// <summary>Length in bytes of a segment (0 when it does not exist).</summary>
        long GetLength(long segment);

        /// <summary>
        /// Reads up to <paramref name="count"/> bytes of a segment from byte <paramref name="position"/> into
        /// <paramref name="buffer"/>; returns the number read (less at the end of the segment, 0 on failure).
        /// </summary>
        int Read(long segment, long position, byte[] buffer, int offset, int count);

        /// <summary>
        /// Appends bytes at the end of a segment, creating it when it does not exist. The bytes are durable when it
        /// returns true. False when they could not be written (some of them may have reached the segment).
        /// </summary>
        bool Append(long segment, byte[] buffer, int offset, int count);

        /// <summary>Deletes a segment; true when it is gone (also when it did not exist).</summary>
        bool Delete(long segment);

        /// <summary>Reads metadata slot 0 or 1 into <paramref name="buffer"/>; returns the bytes read (0 when it is empty or missing).</summary>
        int ReadMetadata(int slot, byte[] buffer, int offset, int count);

        /// <summary>
        /// Replaces the content of metadata slot 0 or 1 durably; true on success. A power cut during the write may leave
        /// the slot torn: the core writes the two slots in turn and checks each one's CRC.
        /// </summary>
        bool WriteMetadata(int slot, byte[] buffer, int offset, int count);
    }
}
