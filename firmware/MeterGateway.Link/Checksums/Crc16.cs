namespace MeterGateway.Checksums
{
    /// <summary>
    /// The reflected CRC-16 family on the polynomial x¹⁶+x¹⁵+x²+1 (0xA001 reflected) and X.25 (0x8408 reflected),
    /// table driven, updated incrementally so a framer can feed bytes as they arrive.
    /// <list type="bullet">
    /// <item>CRC-16/ARC: init 0, no final XOR; DSMR P1 from '/' to '!' (DSMR 5.0.2 §6.2). Check "123456789" = 0xBB3D.</item>
    /// <item>CRC-16/MODBUS: init 0xFFFF; the base of EKM's CRC. Check = 0x4B37.</item>
    /// <item>CRC-16/X.25: init 0xFFFF, final XOR 0xFFFF; SML transport and message CRC (DIN EN 62056-46). Check = 0x906E.</item>
    /// </list>
    /// </summary>
    public static class Crc16
    {
        private static readonly ushort[] ArcTable = MakeTable(0xA001);
        private static readonly ushort[] X25Table = MakeTable(0x8408);

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

        /// <summary>Continues a CRC-16/ARC or CRC-16/MODBUS register over bytes (start with 0 for ARC, 0xFFFF for MODBUS).</summary>
        public static int UpdateArc(int crc, byte[] data, int offset, int count)
        {
            ushort[] table = ArcTable;
            for (int i = offset, end = offset + count; i < end; i++) crc = (crc >> 8) ^ table[(crc ^ data[i]) & 0xFF];
            return crc & 0xFFFF;
        }

        /// <summary>Continues a CRC-16/ARC register over one byte.</summary>
        public static int UpdateArc(int crc, int b)
        {
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
            for (int i = 0; i < count; i++) crc = (crc >> 8) ^ X25Table[(crc ^ data[offset + i]) & 0xFF];
            return crc & 0xFFFF;
        }

        /// <summary>CRC-16/X.25 of a range (SML).</summary>
        public static int X25(byte[] data, int offset, int count)
        {
            return UpdateX25(0xFFFF, data, offset, count) ^ 0xFFFF;
        }
    }
}
