using MeterGateway.Checksums;

namespace MeterGateway.Update
{
    /// <summary>
    /// The "current set" pointer: which set runs, which is the last good one, whether the current one is on trial
    /// and how often it has booted, and the last update result to report. Written last in every switch, so it is the
    /// one atomic step. It is kept twice, <c>boot.0</c> and <c>boot.1</c>, written alternately with a rising sequence
    /// number and a CRC-16/X.25: a power cut while one is written leaves the other, the state before the write.
    /// <see cref="Load"/> takes the valid copy with the higher sequence; with none valid, the built-in set, confirmed.
    /// <para>Layout (41 bytes): "MGUP", format 1, sequence (4, big-endian), current slot, last good slot, flags
    /// (bit 0 = on trial), trial boots, result, reason, version length, version (23 ASCII bytes, zero-padded),
    /// CRC-16/X.25 of the 39 bytes before it (little-endian).</para>
    /// </summary>
    public sealed class BootRecord
    {
        /// <summary>Longest version text kept.</summary>
        public const int MaxVersionLength = 23;

        private const int Size = 41;
        private const int CrcAt = Size - 2;
        // The two copies' files: literals, not a static table (nanoFramework keeps those and their strings on the heap for good).
        private static string NameOf(uint copy) { return (copy & 1) == 0 ? "boot.0" : "boot.1"; }

        private readonly byte[] _buffer = new byte[Size];

        /// <summary>Sequence number of the copy last loaded or saved.</summary>
        public uint Sequence;
        /// <summary>The slot to run (<see cref="UpdateSlots"/>).</summary>
        public int Current;
        /// <summary>The slot to go back to when <see cref="Current"/> fails its trial.</summary>
        public int LastGood;
        /// <summary>True while <see cref="Current"/> has not yet published within the deadline after its activation.</summary>
        public bool Trial;
        /// <summary>Boots of the set on trial so far.</summary>
        public int TrialBoots;
        /// <summary>The last update result, kept for the status topic across restarts.</summary>
        public UpdateResult Result;
        /// <summary>Its reason.</summary>
        public UpdateReason Reason;
        /// <summary>The version it concerns, or null.</summary>
        public string Version;

        /// <summary>Reads the newest valid copy from <paramref name="storage"/>, or the default state (built-in, confirmed) when there is none.</summary>
        public void Load(IUpdateStorage storage)
        {
            Sequence = 0;
            Current = UpdateSlots.BuiltIn;
            LastGood = UpdateSlots.BuiltIn;
            Trial = false;
            TrialBoots = 0;
            Result = UpdateResult.None;
            Reason = UpdateReason.None;
            Version = null;
            bool found = false;
            for (uint copy = 0; copy < 2; copy++)
            {
                if (storage.Read(NameOf(copy), 0, _buffer, 0, Size) != Size || !IsValid()) continue;
                uint sequence = ReadSequence();
                if (found && sequence <= Sequence) continue;
                found = true;
                Decode();
            }
        }

        /// <summary>Writes the state as the next copy (sequence + 1, into the file the previous copy is not in).</summary>
        public void Save(IUpdateStorage storage)
        {
            Sequence++;
            Encode();
            storage.Write(NameOf(Sequence), _buffer, 0, Size);
        }

        private bool IsValid()
        {
            if (_buffer[0] != 'M' || _buffer[1] != 'G' || _buffer[2] != 'U' || _buffer[3] != 'P' || _buffer[4] != 1) return false;
            int crc = Crc16.X25(_buffer, 0, CrcAt);
            if (_buffer[CrcAt] != (byte)crc || _buffer[CrcAt + 1] != (byte)(crc >> 8)) return false;
            return UpdateSlots.IsValid(_buffer[9]) && UpdateSlots.IsValid(_buffer[10]) && _buffer[15] <= MaxVersionLength;
        }

        private uint ReadSequence()
        {
            return ((uint)_buffer[5] << 24) | ((uint)_buffer[6] << 16) | ((uint)_buffer[7] << 8) | _buffer[8];
        }

        private void Decode()
        {
            Sequence = ReadSequence();
            Current = _buffer[9];
            LastGood = _buffer[10];
            Trial = (_buffer[11] & 1) != 0;
            TrialBoots = _buffer[12];
            Result = (UpdateResult)_buffer[13];
            Reason = (UpdateReason)_buffer[14];
            int length = _buffer[15];
            Version = length == 0 ? null : Readings.Ascii.ToString(_buffer, 16, length);
        }

        private void Encode()
        {
            for (int i = 0; i < Size; i++) _buffer[i] = 0;
            _buffer[0] = (byte)'M';
            _buffer[1] = (byte)'G';
            _buffer[2] = (byte)'U';
            _buffer[3] = (byte)'P';
            _buffer[4] = 1;
            _buffer[5] = (byte)(Sequence >> 24);
            _buffer[6] = (byte)(Sequence >> 16);
            _buffer[7] = (byte)(Sequence >> 8);
            _buffer[8] = (byte)Sequence;
            _buffer[9] = (byte)Current;
            _buffer[10] = (byte)LastGood;
            _buffer[11] = (byte)(Trial ? 1 : 0);
            _buffer[12] = (byte)(TrialBoots > 255 ? 255 : TrialBoots);
            _buffer[13] = (byte)Result;
            _buffer[14] = (byte)Reason;
            int length = Version == null ? 0 : Version.Length;
            if (length > MaxVersionLength) length = MaxVersionLength;
            _buffer[15] = (byte)length;
            for (int i = 0; i < length; i++) _buffer[16 + i] = (byte)Version[i];
            int crc = Crc16.X25(_buffer, 0, CrcAt);
            _buffer[CrcAt] = (byte)crc;
            _buffer[CrcAt + 1] = (byte)(crc >> 8);
        }
    }
}
