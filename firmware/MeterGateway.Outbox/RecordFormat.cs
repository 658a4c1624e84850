using MeterGateway.Checksums;

namespace MeterGateway.Outbox
{
    /// <summary>
    /// One record of the outbox log, little endian:
    /// <code>
    /// offset  size  field
    ///      0     2  magic 0x4D 0x52 ("MR")
    ///      2     2  length of the whole record in bytes (header + payload + CRC), 21..65535
    ///      4     1  payload format (1 = a reading set, <see cref="ReadingSetCodec"/>)
    ///      5     4  sequence number (1, 2, 3…; continues across restarts)
    ///      9     8  measurement time, Unix seconds UTC (the meter's frame time, else the gateway's clock when appended)
    ///     17     n  payload
    ///   17+n     4  CRC-32 (<see cref="Crc32"/>) of bytes 0 .. 16+n
    /// </code>
    /// A record is whole when magic, format and length are plausible and the CRC matches; anything else (a write
    /// torn by a power cut, flipped bits) is not a record, and the reader resynchronises on the next magic.
    /// </summary>
    public static class RecordFormat
    {
        /// <summary>First magic byte.</summary>
        public const byte Magic0 = 0x4D;
        /// <summary>Second magic byte.</summary>
        public const byte Magic1 = 0x52;
        /// <summary>Payload format of a reading set.</summary>
        public const byte ReadingSetFormat = 1;
        /// <summary>Bytes before the payload.</summary>
        public const int HeaderBytes = 17;
        /// <summary>Bytes of header and CRC together: the size of a record with an empty payload.</summary>
        public const int Overhead = HeaderBytes + 4;
        /// <summary>Largest record the length field can describe.</summary>
        public const int MaxLength = 65535;

        /// <summary>
        /// Completes a record whose payload of <paramref name="payloadLength"/> bytes is already at
        /// <paramref name="offset"/> + <see cref="HeaderBytes"/>: writes the header and the CRC. Returns the record length.
        /// </summary>
        public static int Seal(byte[] buffer, int offset, int payloadLength, long sequence, long time)
        {
            int length = Overhead + payloadLength;
            buffer[offset] = Magic0;
            buffer[offset + 1] = Magic1;
            ByteCoding.WriteUInt16(length, buffer, offset + 2);
            buffer[offset + 4] = ReadingSetFormat;
            ByteCoding.WriteUInt32((uint)sequence, buffer, offset + 5);
            ByteCoding.WriteInt64(time, buffer, offset + 9);
            ByteCoding.WriteUInt32(Crc32.Compute(buffer, offset, length - 4), buffer, offset + length - 4);
            return length;
        }

        /// <summary>
        /// The record length announced by the header at <paramref name="offset"/> (at least <see cref="HeaderBytes"/>
        /// bytes must be there), or -1 when magic, format or length are not those of a record.
        /// </summary>
        public static int LengthOf(byte[] buffer, int offset)
        {
            if (buffer[offset] != Magic0 || buffer[offset + 1] != Magic1 || buffer[offset + 4] != ReadingSetFormat) return -1;
            int length = ByteCoding.ReadUInt16(buffer, offset + 2);
            return length < Overhead ? -1 : length;
        }

        /// <summary>True when the CRC of the <paramref name="length"/>-byte record at <paramref name="offset"/> matches.</summary>
        public static bool CrcMatches(byte[] buffer, int offset, int length)
        {
            return Crc32.Compute(buffer, offset, length - 4) == ByteCoding.ReadUInt32(buffer, offset + length - 4);
        }

        /// <summary>The sequence number of the record at <paramref name="offset"/>.</summary>
        public static long Sequence(byte[] buffer, int offset)
        {
            return ByteCoding.ReadUInt32(buffer, offset + 5);
        }

        /// <summary>The measurement time of the record at <paramref name="offset"/> (Unix seconds UTC).</summary>
        public static long Time(byte[] buffer, int offset)
        {
            return ByteCoding.ReadInt64(buffer, offset + 9);
        }
    }
}
