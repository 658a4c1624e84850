namespace MeterGateway.Outbox
{
    /// <summary>
    /// Little-endian fixed-width integers and LEB128 variable-length integers (unsigned, and signed through
    /// zig-zag, as Protocol Buffers encode them: developers.google.com/protocol-buffers/docs/encoding) on
    /// <c>byte[]</c> with offsets, without <c>BitConverter</c> (which nanoFramework does not have in the same form).
    /// The readers take the end of the readable range and return -1 instead of reading past it.
    /// </summary>
    public static class ByteCoding
    {
        /// <summary>Most bytes a 64-bit LEB128 integer takes.</summary>
        public const int MaxVarintBytes = 10;

        /// <summary>Writes a 16-bit value, low byte first.</summary>
        public static void WriteUInt16(int value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
        }

        /// <summary>Reads a 16-bit unsigned value, low byte first.</summary>
        public static int ReadUInt16(byte[] buffer, int offset)
        {
            return buffer[offset] | (buffer[offset + 1] << 8);
        }

        /// <summary>Writes a 32-bit value, low byte first.</summary>
        public static void WriteUInt32(uint value, byte[] buffer, int offset)
        {
            buffer[offset] = (byte)value;
            buffer[offset + 1] = (byte)(value >> 8);
            buffer[offset + 2] = (byte)(value >> 16);
            buffer[offset + 3] = (byte)(value >> 24);
        }

        /// <summary>Reads a 32-bit unsigned value, low byte first.</summary>
        public static uint ReadUInt32(byte[] buffer, int offset)
        {
            return buffer[offset] | ((uint)buffer[offset + 1] << 8) | ((uint)buffer[offset + 2] << 16) | ((uint)buffer[offset + 3] << 24);
        }

        /// <summary>Writes a 64-bit value, low byte first.</summary>
        public static void WriteInt64(long value, byte[] buffer, int offset)
        {
            WriteUInt32((uint)value, buffer, offset);
            WriteUInt32((uint)(value >> 32), buffer, offset + 4);
        }

        /// <summary>Reads a 64-bit signed value, low byte first.</summary>
        public static long ReadInt64(byte[] buffer, int offset)
        {
            return (long)ReadUInt32(buffer, offset) | ((long)ReadUInt32(buffer, offset + 4) << 32);
        }

        /// <summary>Writes an unsigned LEB128 integer (7 bits a byte, high bit = more follow); returns the bytes written (1..10).</summary>
        public static int WriteVarint(ulong value, byte[] buffer, int offset)
        {
            int p = offset;
            while (value >= 0x80)
            {
                buffer[p++] = (byte)(value | 0x80);
                value >>= 7;
            }
            buffer[p++] = (byte)value;
            return p - offset;
        }

        /// <summary>
        /// Reads an unsigned LEB128 integer from <paramref name="offset"/>, not reading at or past <paramref name="end"/>.
        /// Returns the bytes read, or -1 when the range ends inside it or it is longer than 10 bytes.
        /// </summary>
        public static int ReadVarint(byte[] buffer, int offset, int end, out ulong value)
        {
            value = 0;
            int shift = 0;
            for (int p = offset; p < end && p - offset < MaxVarintBytes; p++)
            {
                byte b = buffer[p];
                value |= (ulong)(b & 0x7F) << shift;
                if ((b & 0x80) == 0) return p - offset + 1;
                shift += 7;
            }
            value = 0;
            return -1;
        }

        /// <summary>Zig-zag maps a signed value to an unsigned one so that small magnitudes of either sign stay short: 0→0, -1→1, 1→2, -2→3.</summary>
        public static ulong ZigZag(long value)
        {
            return (ulong)((value << 1) ^ (value >> 63));
        }

        /// <summary>The inverse of <see cref="ZigZag"/>.</summary>
        public static long UnZigZag(ulong value)
        {
            return (long)(value >> 1) ^ -(long)(value & 1);
        }
    }
}
