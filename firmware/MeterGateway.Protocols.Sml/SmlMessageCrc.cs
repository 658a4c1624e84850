using MeterGateway.Checksums;

namespace MeterGateway.Protocols.Sml
{
    /// <summary>
    /// The crc16 field of an SML message: a CRC over the message from its list TL (<c>76</c>) up to, not
    /// including, the TL of the crc16 field. PROTOCOLS.md §3 (VERIFIED on 4878 messages of the corpus);
    /// volkszaehler/libsml @ dc096b40b0c0b90c7def374e92a9d186ed276c30 <c>sml_message.c</c>, <c>sml_crc16.c</c>.
    /// </summary>
    public static class SmlMessageCrc
    {
        /// <summary>
        /// The CRC-16/X.25 of the message as meters write it: byte-swapped, so that the Unsigned16 field read
        /// big-endian equals it (libsml <c>sml_crc16_calculate</c>).
        /// </summary>
        public static int X25Field(byte[] buffer, int offset, int count)
        {
            int crc = Crc16.X25(buffer, offset, count);
            return ((crc & 0xFF) << 8) | (crc >> 8);
        }

        /// <summary>
        /// CRC-16/KERMIT (the X.25 polynomial, reflected, with init 0 and no final XOR; check "123456789" =
        /// 0x2189), compared with the field as read, unswapped: the message CRC of some Holley DTZ541 units
        /// (libsml <c>sml_crc16kermit_calculate</c>, "Workaround for Holley DTZ541 uses CRC-16/Kermit").
        /// </summary>
        public static int Kermit(byte[] buffer, int offset, int count)
        {
            return Crc16.UpdateX25(0, buffer, offset, count);
        }

        /// <summary>
        /// True when <paramref name="field"/>, the crc16 field's value, matches the message bytes. A field shortened
        /// to an Unsigned8 (<c>62 XX</c>, sent by some Iskra and Dr. Neuhaus meters when the value is below 0x100)
        /// matches the same way. With <paramref name="acceptKermit"/> the CRC-16/KERMIT value matches too.
        /// </summary>
        public static bool Matches(byte[] buffer, int offset, int count, long field, bool acceptKermit)
        {
            if (field == X25Field(buffer, offset, count)) return true;
            return acceptKermit && field == Kermit(buffer, offset, count);
        }
    }
}
