namespace MeterGateway.Core.HomeAssistant
{
    /// <summary>
    /// Manufacturer names of the three-letter FLAG ids that meters put first in their identification (DSMR 5.0.2 §6.2
    /// <c>/XXX5Identification</c>, IEC 62056-21 §6.3.2 item 12) or send as SML manufacturer id (<c>1-0:96.50.1*1</c>,
    /// <c>129-129:199.130.3</c>). FLAG ids are registered by the FLAG Association/DLMS UA; the assignments below are
    /// from wmbusmeters/wmbusmeters @ 3a43d922997d5141c0e207043803832fb9dfe9b3 <c>src/manufacturers.h</c> (CC0), names
    /// shortened to the brand, for the makers of the meters in this project's corpus and their usual peers. The
    /// lookup ignores case (<c>ISk</c> is Iskraemeco: a lower-case third letter only signals a 20 ms reaction time).
    /// Grid operators' prefixes in DSMR headers (<c>FLU</c> Fluvius, <c>Lux</c> Smarty, <c>Ene</c> Enexis…) are not
    /// FLAG ids of the maker and are not listed: callers show the letters as written.
    /// </summary>
    public static class ManufacturerFlags
    {
        private static readonly string[] Ids =
        {
            "ABB", "ACE", "ADN", "AEG", "APA", "DZG", "EBZ", "EHL", "ELS", "EMH", "EMU", "ESY", "HAG", "HLY", "ISK",
            "ITR", "KAM", "KFM", "LGZ", "LOG", "SAG", "SIE", "ZIV",
        };

        private static readonly string[] Names =
        {
            "ABB", "Actaris", "Aidon", "AEG", "Apator", "DZG Metering", "eBZ", "Secure Meters", "Elster", "EMH metering",
            "EMU Elektronik", "EasyMeter", "Hager", "Holley", "Iskraemeco", "Itron", "Kamstrup", "Kaifa", "Landis+Gyr",
            "Logarex", "Sagemcom", "Siemens", "ZIV",
        };

        /// <summary>
        /// The manufacturer of the three bytes at <paramref name="offset"/> (<c>KFM</c> → Kaifa), or null when the table
        /// does not know them. Returns a constant string: no allocation.
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
