namespace MeterGateway.Protocols.Sml
{
    /// <summary>
    /// The DZG DVS74 power encoding bug: meters with serial numbers 42 000 000–48 999 999 and
    /// 55 000 000–58 999 999 encode the (unsigned) power <c>1-0:16.7.0*255</c> as a signed integer of 1 or 2
    /// bytes, e.g. <c>53 8B 28</c> = −29912 for 356.24 W; they never compress genuine negatives that far. DVS74
    /// with serials from 60 000 000 send correct signed values. Source: volkszaehler/libsml
    /// @ dc096b40b0c0b90c7def374e92a9d186ed276c30 <c>sml_list.c</c> (<c>detect_buggy_dzg_dvs74</c>);
    /// devZer0/libsml-testing <c>DZG_DVS-7412.2_jmberg.bin</c> ("Wrongly encoded power value 356.24 as -299.12").
    /// </summary>
    public static class DzgDvs74
    {
        /// <summary>OBIS 1-0:16.7.0*255, the power the bug concerns.</summary>
        public const long PowerObis = 0x0100_1007_00FF;

        /// <summary>OBIS 1-0:96.1.0*255, the serial number entry libsml reads the serial from.</summary>
        public const long SerialObis = 0x0100_6001_00FF;

        /// <summary>Length of a DZG server id / serial octet string: <c>0A 01 'D' 'Z' 'G'</c> + 5 bytes of serial.</summary>
        public const int IdLength = 10;

        /// <summary>
        /// True when the octet string is a DZG server id (<c>0A 01 44 5A 47</c> followed by the serial as a 5-byte
        /// big-endian number) whose serial lies in one of the affected ranges.
        /// </summary>
        public static bool IsAffectedId(byte[] buffer, int offset, int count)
        {
            if (count != IdLength || buffer[offset] != 0x0A || buffer[offset + 1] != 0x01 || buffer[offset + 2] != (byte)'D'
                || buffer[offset + 3] != (byte)'Z' || buffer[offset + 4] != (byte)'G') return false;
            long serial = 0;
            for (int i = 5; i < IdLength; i++) serial = (serial << 8) | buffer[offset + i];
            return (serial >= 42000000 && serial <= 48999999) || (serial >= 55000000 && serial <= 58999999);
        }

        /// <summary>
        /// True when a value field is one the bug mis-signs: a signed integer of 1 or 2 data bytes with a single
        /// TL byte (libsml tests <c>TL &amp; 0x8F</c> in 1..3).
        /// </summary>
        public static bool IsMisSigned(SmlReader field)
        {
            return field.Type == SmlType.Integer && field.TlBytes == 1 && field.Length >= 1 && field.Length <= 2;
        }

        /// <summary>The value of a mis-signed field read as the unsigned number the meter meant.</summary>
        public static long Unsigned(SmlReader field)
        {
            long value = 0;
            for (int i = 0; i < field.Length; i++) value = (value << 8) | field.Buffer[field.DataOffset + i];
            return value;
        }
    }
}
