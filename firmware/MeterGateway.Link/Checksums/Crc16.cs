namespace MeterGateway.Checksums
{
    /// <summary>
    /// The reflected CRC-16 family on the polynomial x¹⁶+x¹⁵+x²+1 (0xA001 reflected) and X.25 (0x8408 reflected),
    /// table driven, updated incrementally so a framer can feed bytes as they arrive. A run of bytes goes four at a time
    /// through four tables ("slicing by 4": the four lookups of a step do not wait for each other, where one table makes
    /// each byte wait for the one before); with the framer's scan and copy this took DSMR framing on .NET from 2.6 to
    /// 1.0 µs a telegram (docs/benchmarks.md). The four ARC tables take 2 KB and X.25's 512 B; each family's tables are made
    /// at its first use, so that a box reads with only its protocol's (nanoFramework runs every static initializer at
    /// start, docs/development.md).
    /// <list type="bullet">
    /// <item>CRC-16/ARC: init 0, no final XOR; DSMR P1 from '/' to '!' (DSMR 5.0.2 §6.2). Check "123456789" = 0xBB3D.</item>
    /// <item>CRC-16/MODBUS: init 0xFFFF; the base of EKM's CRC. Check = 0x4B37.</item>
    /// <item>CRC-16/X.25: init 0xFFFF, final XOR 0xFFFF; SML transport and message CRC (DIN EN 62056-46). Check = 0x906E.</item>
    /// </list>
    /// </summary>
    public static class Crc16
    {
        // Made at first use (MakeArcTables, MakeX25Table). ArcTable1..3[i]: the register after byte i and then 1, 2, 3
        // zero bytes (for UpdateArc over a run of bytes). ArcTable3 is set last: once it is not null, all four are.
        private static ushort[] ArcTable, ArcTable1, ArcTable2, ArcTable3;
        private static ushort[] X25Table;

        private static void MakeArcTables()
        {
            ushort[] t0 = MakeTable(0xA001), t1 = Shift(t0, t0), t2 = Shift(t1, t0);
            ArcTable = t0;
            ArcTable1 = t1;
            ArcTable2 = t2;
            ArcTable3 = Shift(t2, t0);
        }

        private static ushort[] MakeTable(int poly)
        {
            ushort[] table = new ushort[256];
            for (int i = 0; i < 256; i++)
            {
                int crc = i;
                for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ poly : crc >> 1;
                table[i] = (ushort)crc;
            }
            return table;
        }

        // The table of one more zero byte after each entry of previous.
        private static ushort[] Shift(ushort[] previous, ushort[] table)
        {
            ushort[] shifted = new ushort[256];
            for (int i = 0; i < 256; i++) shifted[i] = (ushort)((previous[i] >> 8) ^ table[previous[i] & 0xFF]);
            return shifted;
        }

        /// <summary>Continues a CRC-16/ARC or CRC-16/MODBUS register over bytes (start with 0 for ARC, 0xFFFF for MODBUS).</summary>
        public static int UpdateArc(int crc, byte[] data, int offset, int count)
        {
            if (ArcTable3 == null) MakeArcTables();
            ushort[] t0 = ArcTable, t1 = ArcTable1, t2 = ArcTable2, t3 = ArcTable3;
            crc &= 0xFFFF;
            int i = offset, end = offset + count;
            for (int blocks = end - 3; i < blocks; i += 4)
            {
                // the register's low byte meets the first byte, its high byte the second (the register is below 0x10000:
                // no mask on the second index); the last two enter unchanged. One expression, no local: an interpreter
                // pays for each IL instruction.
                crc = t3[(crc ^ data[i]) & 0xFF] ^ t2[(crc >> 8) ^ data[i + 1]] ^ t1[data[i + 2]] ^ t0[data[i + 3]];
            }
            for (; i < end; i++) crc = (crc >> 8) ^ t0[(crc ^ data[i]) & 0xFF];
            return crc;
        }

        /// <summary>Continues a CRC-16/ARC register over one byte.</summary>
        public static int UpdateArc(int crc, int b)
        {
            if (ArcTable3 == null) MakeArcTables();
            return ((crc >> 8) ^ ArcTable[(crc ^ b) & 0xFF]) & 0xFFFF;
        }

        /// <summary>CRC-16/ARC of a range (DSMR P1).</summary>
        public static int Arc(byte[] data, int offset, int count)
        {
            return UpdateArc(0, data, offset, count);
        }

        /// <summary>Continues an X.25 register (start with 0xFFFF; XOR the result with 0xFFFF to finish).</summary>
        public static int UpdateX25(int crc, byte[] data, int offset, int count)
        {
            ushort[] table = X25Table;
            if (table == null) X25Table = table = MakeTable(0x8408);
            for (int i = 0; i < count; i++) crc = (crc >> 8) ^ table[(crc ^ data[offset + i]) & 0xFF];
            return crc & 0xFFFF;
        }

        /// <summary>CRC-16/X.25 of a range (SML).</summary>
        public static int X25(byte[] data, int offset, int count)
        {
            return UpdateX25(0xFFFF, data, offset, count) ^ 0xFFFF;
        }
    }
}
