namespace MeterGateway.Protocols
{
    /// <summary>
    /// Manufacturer FLAG ids (IEC 62056-21 §6.3.2 item 12; maintained by the FLAG Association and DLMS UA, dlms.com
    /// "FLAG ID": registering ABC also registers every upper/lower-case variant, so the lookup ignores case). Names
    /// from wmbusmeters/wmbusmeters @ 3a43d922997d5141c0e207043803832fb9dfe9b3 <c>src/manufacturers.h</c> (CC0), for
    /// the makers of electricity, heat and gas meters with an optical port.
    /// </summary>
    public static class Iec62056Manufacturers
    {
        /// <summary>
        /// The manufacturer name of the three letters at <paramref name="offset"/> (<c>ISk</c> → Iskraemeco), or null
        /// when the table does not know them. Returns a string literal (nanoFramework makes a small string object that points
        /// at the literal's bytes in the assembly when it is returned). A switch, not a table: a static array of the 56
        /// strings would be made at start on every box, whatever it reads.
        /// </summary>
        public static string Name(byte[] buffer, int offset)
        {
            int id = 0;
            for (int k = 0; k < 3; k++)
            {
                int c = buffer[offset + k];
                if (c >= 'a' && c <= 'z') c -= 32;
                id = id << 8 | c;
            }
            switch (id)
            {
                case 'A' << 16 | 'B' << 8 | 'B': return "ABB";
                case 'A' << 16 | 'C' << 8 | 'E': return "Actaris";
                case 'A' << 16 | 'D' << 8 | 'N': return "Aidon";
                case 'A' << 16 | 'E' << 8 | 'G': return "AEG";
                case 'A' << 16 | 'P' << 8 | 'A': return "Apator";
                case 'D' << 16 | 'Z' << 8 | 'G': return "DZG Metering";
                case 'E' << 16 | 'B' << 8 | 'Z': return "eBZ";
                case 'E' << 16 | 'F' << 8 | 'R': return "Europaeische Funk Rundsteuerung";
                case 'E' << 16 | 'H' << 8 | 'L': return "Secure Meters";
                case 'E' << 16 | 'L' << 8 | 'S': return "Elster";
                case 'E' << 16 | 'M' << 8 | 'H': return "EMH metering";
                case 'E' << 16 | 'M' << 8 | 'U': return "EMU Elektronik";
                case 'E' << 16 | 'S' << 8 | 'Y': return "EasyMeter";
                case 'F' << 16 | 'M' << 8 | 'L': return "Siemens Measurements (formerly FML)";
                case 'G' << 16 | 'A' << 8 | 'V': return "Carlo Gavazzi Controls";
                case 'H' << 16 | 'A' << 8 | 'G': return "Hager Electro";
                case 'H' << 16 | 'L' << 8 | 'Y': return "Holley Metering";
                case 'I' << 16 | 'S' << 8 | 'K': return "Iskraemeco";
                case 'I' << 16 | 'T' << 8 | 'F': return "ITF Froeschl";
                case 'I' << 16 | 'T' << 8 | 'R': return "Itron";
                case 'K' << 16 | 'A' << 8 | 'M': return "Kamstrup";
                case 'K' << 16 | 'F' << 8 | 'M': return "Shenzhen Kaifa Technology";
                case 'L' << 16 | 'G' << 8 | 'Z': return "Landis+Gyr";
                case 'L' << 16 | 'O' << 8 | 'G': return "Logarex Smart Metering";
                case 'S' << 16 | 'A' << 8 | 'G': return "Sagemcom Energy & Telecom";
                case 'S' << 16 | 'I' << 8 | 'E': return "Siemens";
                case 'S' << 16 | 'L' << 8 | 'B': return "Schlumberger Industries";
                case 'Z' << 16 | 'I' << 8 | 'V': return "ZIV Aplicaciones y Tecnologia";
                default: return null;
            }
        }
    }
}
