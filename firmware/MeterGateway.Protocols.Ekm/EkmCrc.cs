using MeterGateway.Checksums;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// The CRC of EKM Omnimeter v3/v4 replies and commands: CRC-16/MODBUS (the CRC-16/ARC table, init 0xFFFF),
    /// bytes swapped, then masked with 0x7F7F so that both bytes are 7-bit clean for the 7E1 line.
    /// Replies: over bytes 1..252 (after STX, through ETX), sent in bytes 253..254. Commands: over everything
    /// after SOH through ETX, appended. On the wire the high byte of the EKM value comes first, which is the
    /// low byte of the MODBUS register: MODBUS(<c>R1 STX 0011() ETX</c>) = 0x9693 is sent as <c>13 16</c>.
    /// Check("123456789") = 0x374B.
    /// Source: ekmmetering/ekmmeters @ 3933c34884334027c8d9edb6bd9e07c75834db00 <c>calc_crc16</c>; PROTOCOLS.md §4.
    /// </summary>
    public static class EkmCrc
    {
        /// <summary>The EKM CRC (0..0x7F7F) of a range.</summary>
        public static int Compute(byte[] data, int offset, int count)
        {
            int modbus = Crc16.UpdateArc(0xFFFF, data, offset, count);
            int swapped = ((modbus << 8) | (modbus >> 8)) & 0xFFFF;
            return swapped & 0x7F7F;
        }

        /// <summary>Writes the EKM CRC of <paramref name="count"/> bytes at <paramref name="offset"/> right after them (2 bytes). Returns 2.</summary>
        public static int Append(byte[] data, int offset, int count)
        {
            int crc = Compute(data, offset, count);
            data[offset + count] = (byte)(crc >> 8);
            data[offset + count + 1] = (byte)(crc & 0xFF);
            return 2;
        }

        /// <summary>True when the 2 bytes right after the range hold the range's EKM CRC.</summary>
        public static bool Check(byte[] data, int offset, int count)
        {
            int crc = Compute(data, offset, count);
            return data[offset + count] == (byte)(crc >> 8) && data[offset + count + 1] == (byte)(crc & 0xFF);
        }
    }
}
