namespace MeterGateway.Checksums
{
    /// <summary>
    /// CRC-32 (ISO-HDLC, the CRC of Ethernet, zip and PNG): reflected polynomial 0x04C11DB7 (0xEDB88320 reflected),
    /// init 0xFFFFFFFF, final XOR 0xFFFFFFFF, four bits at a time from a 16-entry table (64 B instead of the 1 KB of a
    /// byte-wise table, which nanoFramework would keep on the heap for as long as the box runs; the outbox checks a
    /// few hundred bytes per set). Check value of "123456789" = 0xCBF43926 (CRC catalogue, reveng.sourceforge.io,
    /// CRC-32/ISO-HDLC). The outbox seals every record with it.
    /// </summary>
    public static class Crc32
    {
        /// <summary>The register value to start with (and to XOR the result with).</summary>
        public const uint Initial = 0xFFFFFFFF;

        private static readonly uint[] Table = MakeTable();

        // The register after shifting each 4-bit value out (the low nibble of a byte-wise table's rows).
        private static uint[] MakeTable()
        {
            uint[] table = new uint[16];
            for (uint i = 0; i < 16; i++)
            {
                uint crc = i;
                for (int k = 0; k < 4; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320 : crc >> 1;
                table[i] = crc;
            }
            return table;
        }

        /// <summary>Continues a register over bytes (start with <see cref="Initial"/>; XOR the end value with it to finish).</summary>
        public static uint Update(uint crc, byte[] data, int offset, int count)
        {
            uint[] table = Table;
            for (int i = offset, end = offset + count; i < end; i++)
            {
                crc ^= data[i];
                crc = (crc >> 4) ^ table[crc & 0xF];
                crc = (crc >> 4) ^ table[crc & 0xF];
            }
            return crc;
        }

        /// <summary>CRC-32 of a range.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Update(Initial, data, offset, count) ^ Initial;
        }
    }
}
