using MeterGateway.Checksums;

namespace MeterGateway.Outbox
{
    /// <summary>
    /// What the outbox keeps besides its records, in two 32-byte slots written in turn (little endian):
    /// <code>
    /// 0 magic "MGOM"   4 generation   8 delivered cursor   12 reserved sequence   16 thinned   20 dropped   24 0   28 CRC-32 of 0..27
    /// </code>
    /// The slot with a matching CRC and the higher generation counts, so a power cut while one slot is written leaves
    /// the other. The cursor is the first sequence number not known to be delivered; the reserved sequence is one above
    /// every sequence number handed out, so numbering continues after a restart even when the newest records were never
    /// written (they were delivered from memory). Allocates one 32-byte buffer at construction.
    /// </summary>
    public sealed class OutboxMetadata
    {
        /// <summary>Size of a slot.</summary>
        public const int SlotBytes = 32;

        private const uint Magic = 0x4D4F474D; // "MGOM" little endian
        private readonly byte[] _buffer = new byte[SlotBytes];
        private uint _generation;

        /// <summary>Every record below this sequence number is delivered.</summary>
        public long Cursor;
        /// <summary>Sequence numbers below this one may have been handed out; numbering resumes here after a restart.</summary>
        public long Reserved;
        /// <summary>Records removed by thinning, over the outbox's life.</summary>
        public long Thinned;
        /// <summary>Records dropped whole (no thinning possible, or storage failing), over the outbox's life.</summary>
        public long Dropped;

        /// <summary>Reads both slots and keeps the newer valid one; false (and all zero) when neither is valid.</summary>
        public bool Load(IRecordStorage storage)
        {
            Cursor = 0;
            Reserved = 0;
            Thinned = 0;
            Dropped = 0;
            _generation = 0;
            bool found = false;
            for (int slot = 0; slot < 2; slot++)
            {
                if (storage.ReadMetadata(slot, _buffer, 0, SlotBytes) != SlotBytes) continue;
                if (ByteCoding.ReadUInt32(_buffer, 0) != Magic) continue;
                if (Crc32.Compute(_buffer, 0, 28) != ByteCoding.ReadUInt32(_buffer, 28)) continue;
                uint generation = ByteCoding.ReadUInt32(_buffer, 4);
                if (found && generation <= _generation) continue;
                found = true;
                _generation = generation;
                Cursor = ByteCoding.ReadUInt32(_buffer, 8);
                Reserved = ByteCoding.ReadUInt32(_buffer, 12);
                Thinned = ByteCoding.ReadUInt32(_buffer, 16);
                Dropped = ByteCoding.ReadUInt32(_buffer, 20);
            }
            return found;
        }

        /// <summary>Writes the fields to the slot after the current one; false when the storage failed.</summary>
        public bool Save(IRecordStorage storage)
        {
            _generation++;
            ByteCoding.WriteUInt32(Magic, _buffer, 0);
            ByteCoding.WriteUInt32(_generation, _buffer, 4);
            ByteCoding.WriteUInt32((uint)Cursor, _buffer, 8);
            ByteCoding.WriteUInt32((uint)Reserved, _buffer, 12);
            ByteCoding.WriteUInt32((uint)Thinned, _buffer, 16);
            ByteCoding.WriteUInt32((uint)Dropped, _buffer, 20);
            ByteCoding.WriteUInt32(0, _buffer, 24);
            ByteCoding.WriteUInt32(Crc32.Compute(_buffer, 0, 28), _buffer, 28);
            return storage.WriteMetadata((int)(_generation & 1), _buffer, 0, SlotBytes);
        }
    }
}
