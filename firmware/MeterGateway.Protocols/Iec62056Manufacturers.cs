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
        private static readonly string[] Ids =
        {
            "ABB", "ACE", "ADN", "AEG", "APA", "DZG", "EBZ", "EFR", "EHL", "ELS", "EMH", "EMU", "ESY", "FML", "GAV",
            "HAG", "HLY", "ISK", "ITF", "ITR", "KAM", "KFM", "LGZ", "LOG", "SAG", "SIE", "SLB", "ZIV",
        };

        private static readonly string[] Names =
        {
            "ABB", "Actaris", "Aidon", "AEG", "Apator", "DZG Metering", "eBZ", "Europaeische Funk Rundsteuerung",
            "Secure Meters", "Elster", "EMH metering", "EMU Elektronik", "EasyMeter", "Siemens Measurements (formerly FML)",
            "Carlo Gavazzi Controls", "Hager Electro", "Holley Metering", "Iskraemeco", "ITF Froeschl", "Itron", "Kamstrup",
            "Shenzhen Kaifa Technology", "Landis+Gyr", "Logarex Smart Metering", "Sagemcom Energy & Telecom", "Siemens",
            "Schlumberger Industries", "ZIV Aplicaciones y Tecnologia",
        };

        /// <summary>
        /// The manufacturer name of the three letters at <paramref name="offset"/> (<c>ISk</c> → Iskraemeco), or null
        /// when the table does not know them. Returns a constant string: no allocation.
        /// </summary>
        public static string Name(byte[] buffer, int offset)
        {
            for (int i = 0; i < Ids.Length; i++)
            {
                string id = Ids[i];
                bool same = true;
                for (int k = 0; k < 3 && same; k++)
                {
                    int c = buffer[offset + k];
                    if (c >= 'a' && c <= 'z') c -= 32;
                    same = c == id[k];
                }
                if (same) return Names[i];
            }
            return null;
        }
    }
}
