using MeterGateway.Outbox;
using MeterGateway.Tests.Shared.Outbox;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>
    /// Counts what the outbox writes, and estimates what LittleFS makes of it on the ESP32's flash. The estimate follows
    /// littlefs v2 (littlefs-project/littlefs, lfs.c): nanoFramework's FileStream opens, writes and closes the file on
    /// every Write, so each append is a new write after a sync, and <c>lfs_ctz_extend</c> copies the file's partly filled
    /// last block into a freshly erased block before appending ("just copy out the last block if it is incomplete").
    /// Every append, metadata write and deletion is also a commit to the directory's metadata pair, estimated at
    /// <see cref="CommitBytes"/> bytes (tags, CRC, the 32-byte metadata file inline); a metadata block is erased each time
    /// commits fill one. An estimate for comparing settings, not a measurement of a device.
    /// </summary>
    public sealed class LittleFsWearModel : IRecordStorage
    {
        /// <summary>LittleFS block on the ESP32's SPI flash (the erase unit).</summary>
        public const int BlockBytes = 4096;
        /// <summary>Estimated metadata-pair bytes per commit.</summary>
        public const int CommitBytes = 64;

        /// <summary>The storage itself.</summary>
        public readonly MemoryRecordStorage Inner = new() { AllocationUnit = BlockBytes };
        /// <summary>Bytes the outbox asked to write (records, compacted copies, metadata).</summary>
        public long LogicalBytes;
        /// <summary>Write, metadata-write and delete calls.</summary>
        public long Commits;
        /// <summary>Estimated bytes programmed into flash: data blocks (with copied tails) and metadata commits.</summary>
        public long ProgrammedBytes;
        /// <summary>Estimated block erases.</summary>
        public long Erases;
        private long _metadataPairFill;

        /// <summary>Starts counting again (the storage keeps its content).</summary>
        public void ResetCounts()
        {
            LogicalBytes = Commits = ProgrammedBytes = Erases = 0;
        }

        /// <inheritdoc/>
        public int ListSegments(long[] ids) => Inner.ListSegments(ids);
        /// <inheritdoc/>
        public long GetLength(long segment) => Inner.GetLength(segment);
        /// <inheritdoc/>
        public int Read(long segment, long position, byte[] buffer, int offset, int count) => Inner.Read(segment, position, buffer, offset, count);
        /// <inheritdoc/>
        public int ReadMetadata(int slot, byte[] buffer, int offset, int count) => Inner.ReadMetadata(slot, buffer, offset, count);

        /// <inheritdoc/>
        public bool Append(long segment, byte[] buffer, int offset, int count)
        {
            long tail = Inner.GetLength(segment) % BlockBytes;
            long programmed = tail + count;
            ProgrammedBytes += programmed;
            Erases += (programmed + BlockBytes - 1) / BlockBytes;
            LogicalBytes += count;
            Commit();
            return Inner.Append(segment, buffer, offset, count);
        }

        /// <inheritdoc/>
        public bool Delete(long segment)
        {
            Commit();
            return Inner.Delete(segment);
        }

        /// <inheritdoc/>
        public bool WriteMetadata(int slot, byte[] buffer, int offset, int count)
        {
            LogicalBytes += count;
            Commit();
            return Inner.WriteMetadata(slot, buffer, offset, count);
        }

        private void Commit()
        {
            Commits++;
            ProgrammedBytes += CommitBytes;
            _metadataPairFill += CommitBytes;
            if (_metadataPairFill >= BlockBytes)
            {
                _metadataPairFill -= BlockBytes;
                Erases++;
            }
        }
    }
}
