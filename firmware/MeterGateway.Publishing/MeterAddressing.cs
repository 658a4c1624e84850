using MeterGateway.Readings;
using MeterGateway.Vscp;

namespace MeterGateway.Publishing
{
    /// <summary>
    /// How the messages of several meters read by one gateway (<see cref="MessageOptions.Meters"/>: the meters of
    /// <c>[EKM] meters</c> when it lists more than one) are kept apart (docs/vscp-mapping.md, "Several meters"):
    /// <list type="bullet">
    /// <item>GUID: bytes 0..7 of the configured <c>[VSCP] guid</c> (default <c>FF:FF:FF:FF:FF:FF:FF:FE</c>), bytes
    /// 8..13 the meter's 12-digit address as 12 BCD digits (address <c>000300001162</c> → <c>00:03:00:00:11:62</c>), bytes
    /// 14..15 the quantity's id. The default topic <c>vscp/{guid}/{class}/{type}</c> is then one per meter.</item>
    /// <item><c>no_vscp</c> topic: the address, <c>/</c>, the note (<c>000300001162/Meter reading active energy out</c>).</item>
    /// <item>A reading set belongs to the meter whose address is its identification header (an EKM reply's
    /// Meter_Address, <see cref="ReadingSet.HeaderOffset"/>).</item>
    /// </list>
    /// </summary>
    public static class MeterAddressing
    {
        /// <summary>Digits of a meter address (EKM: 12, zero padded).</summary>
        public const int AddressDigits = 12;

        /// <summary>
        /// Fills <paramref name="guid"/> (16 bytes) for the meter of <paramref name="address"/> (12 ASCII digits):
        /// bytes 0..7 from <paramref name="prefix"/> (a configured GUID) or <c>FF×7, FE</c> when it is null, bytes 8..13
        /// the address in BCD, bytes 14..15 <paramref name="id"/> big-endian.
        /// </summary>
        public static void MakeGuid(byte[] prefix, byte[] address, int id, byte[] guid)
        {
            for (int i = 0; i < 8; i++) guid[i] = prefix != null ? prefix[i] : (byte)(i < 7 ? 0xFF : 0xFE);
            for (int i = 0; i < 6; i++)
            {
                int high = Digit(address, 2 * i), low = Digit(address, 2 * i + 1);
                guid[8 + i] = (byte)((high << 4) | low);
            }
            guid[14] = (byte)(id >> 8);
            guid[15] = (byte)id;
        }

        /// <summary>
        /// The index in <paramref name="meters"/> of the meter whose address is the header of <paramref name="set"/>,
        /// or -1 (no header, or an address not configured). Compares bytes: no allocation.
        /// </summary>
        public static int IndexOf(byte[][] meters, ReadingSet set)
        {
            if (meters == null) return -1;
            for (int m = 0; m < meters.Length; m++)
            {
                byte[] address = meters[m];
                if (address.Length != set.HeaderLength) continue;
                bool same = true;
                for (int i = 0; same && i < address.Length; i++) same = set.Text[set.HeaderOffset + i] == address[i];
                if (same) return m;
            }
            return -1;
        }

        /// <summary>The address as text (12 digits).</summary>
        public static string Text(byte[] address)
        {
            return Ascii.ToString(address, 0, address.Length);
        }

        private static int Digit(byte[] address, int i)
        {
            int d = i < address.Length ? address[i] - '0' : 0;
            return d >= 0 && d <= 9 ? d : 0;
        }
    }
}
