using MeterGateway.Readings;

namespace MeterGateway.Vscp
{
    /// <summary>
    /// VSCP GUIDs (16 bytes) as the reference P1→VSCP script makes them (seeds/003, [VSCP] guid):
    /// <c>FF:FF:FF:FF:FF:FF:FF:FE:M5:M4:M3:M2:M1:M0:id1:id0</c>, the Ethernet/Wi-Fi MAC address in bytes 8..13 and
    /// the quantity's 16-bit id in bytes 14..15 (big-endian). A configured GUID replaces bytes 0..13; the id
    /// still fills 14..15. Text form: 16 upper-case hex bytes separated by <c>:</c> (47 characters).
    /// </summary>
    public static class VscpGuid
    {
        /// <summary>Bytes in a GUID.</summary>
        public const int Length = 16;
        /// <summary>Characters of the text form.</summary>
        public const int TextLength = 47;

        /// <summary>
        /// Fills <paramref name="guid"/> (16 bytes): bytes 0..13 from <paramref name="prefix"/> when it is not null
        /// (a configured GUID, at least 14 bytes), else <c>FF×7, FE</c> and the 6-byte <paramref name="mac"/>;
        /// bytes 14..15 = <paramref name="id"/> (0..65535) big-endian.
        /// </summary>
        public static void Make(byte[] prefix, byte[] mac, int id, byte[] guid)
        {
            if (prefix != null)
            {
                for (int i = 0; i < 14; i++) guid[i] = prefix[i];
            }
            else
            {
                for (int i = 0; i < 7; i++) guid[i] = 0xFF;
                guid[7] = 0xFE;
                for (int i = 0; i < 6; i++) guid[8 + i] = mac[i];
            }
            guid[14] = (byte)(id >> 8);
            guid[15] = (byte)id;
        }

        /// <summary>Writes the text form <c>FF:FF:…</c> (47 bytes). Returns 47.</summary>
        public static int Format(byte[] guid, byte[] buffer, int offset)
        {
            for (int i = 0; i < Length; i++)
            {
                if (i > 0) buffer[offset + i * 3 - 1] = (byte)':';
                Ascii.WriteHex2(guid[i], buffer, offset + i * 3);
            }
            return TextLength;
        }

        /// <summary>The text form (allocates; for topics built at start-up and for tools).</summary>
        public static string ToText(byte[] guid)
        {
            byte[] text = new byte[TextLength];
            Format(guid, text, 0);
            return Ascii.ToString(text, 0, TextLength);
        }

        /// <summary>
        /// Parses the text form: 16 bytes of two hex digits (either case) separated by <c>:</c>. False when the text is
        /// not exactly that. The bytes go to <paramref name="guid"/> (16 bytes).
        /// </summary>
        public static bool TryParse(string text, byte[] guid)
        {
            if (text.Length != TextLength) return false;
            for (int i = 0; i < Length; i++)
            {
                int at = i * 3;
                if (i > 0 && text[at - 1] != ':') return false;
                int hi = Ascii.HexValue(text[at]);
                int lo = Ascii.HexValue(text[at + 1]);
                if (hi < 0 || lo < 0) return false;
                guid[i] = (byte)(hi * 16 + lo);
            }
            return true;
        }
    }
}
