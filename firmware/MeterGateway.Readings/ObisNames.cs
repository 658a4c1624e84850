namespace MeterGateway.Readings
{
    /// <summary>
    /// Names of the common electricity-meter OBIS codes (IEC 62056-61 value groups C.D.E; quantities as DLMS UA's OBIS
    /// list and Apollon77/smartmeter-obis @ e06eec5c <c>lib/ObisNames.js</c> name them, DSMR 5.0.2 §6.12 for the Dutch
    /// meter terms) in English, Dutch and German, for VSCP notes and displays. A code matches by C.D.E for value group
    /// A 0 (abstract) or 1 (electricity); B (channel) and F (historical value) are ignored, so <c>1-0:1.8.0*01</c> is
    /// named as <c>1-0:1.8.0</c>. Constant strings: no allocation.
    /// </summary>
    public static class ObisNames
    {
        private static readonly int[] Keys =
        {
            Key(1, 8, 0), Key(1, 8, 1), Key(1, 8, 2), Key(1, 8, 3), Key(1, 8, 4),
            Key(2, 8, 0), Key(2, 8, 1), Key(2, 8, 2), Key(2, 8, 3), Key(2, 8, 4),
            Key(3, 8, 0), Key(4, 8, 0), Key(1, 7, 0), Key(2, 7, 0), Key(16, 7, 0), Key(1, 6, 0), Key(2, 6, 0),
            Key(21, 7, 0), Key(41, 7, 0), Key(61, 7, 0), Key(22, 7, 0), Key(42, 7, 0), Key(62, 7, 0),
            Key(31, 7, 0), Key(51, 7, 0), Key(71, 7, 0), Key(32, 7, 0), Key(52, 7, 0), Key(72, 7, 0),
            Key(13, 7, 0), Key(14, 7, 0), Key(0, 9, 1), Key(0, 9, 2), Key(1, 0, 0), Key(0, 0, 0), Key(0, 2, 0),
            Key(0, 1, 0), Key(96, 1, 0), Key(96, 1, 1), Key(96, 14, 0), Key(96, 7, 21), Key(96, 7, 9), Key(97, 97, 0),
            Key(24, 2, 1),
        };

        private static readonly string[] English =
        {
            "Active energy import total", "Active energy import tariff 1", "Active energy import tariff 2", "Active energy import tariff 3", "Active energy import tariff 4",
            "Active energy export total", "Active energy export tariff 1", "Active energy export tariff 2", "Active energy export tariff 3", "Active energy export tariff 4",
            "Reactive energy import", "Reactive energy export", "Active power import", "Active power export", "Active power", "Maximum demand import", "Maximum demand export",
            "Active power import L1", "Active power import L2", "Active power import L3", "Active power export L1", "Active power export L2", "Active power export L3",
            "Current L1", "Current L2", "Current L3", "Voltage L1", "Voltage L2", "Voltage L3",
            "Power factor", "Frequency", "Time", "Date", "Date and time", "Device address", "Firmware version",
            "Billing period counter", "Meter serial number", "Equipment identifier", "Tariff indicator", "Number of power failures", "Number of long power failures", "Error register",
            "M-Bus meter reading",
        };

        private static readonly string[] Dutch =
        {
            "Afgenomen energie totaal", "Afgenomen energie tarief 1", "Afgenomen energie tarief 2", "Afgenomen energie tarief 3", "Afgenomen energie tarief 4",
            "Teruggeleverde energie totaal", "Teruggeleverde energie tarief 1", "Teruggeleverde energie tarief 2", "Teruggeleverde energie tarief 3", "Teruggeleverde energie tarief 4",
            "Afgenomen blindenergie", "Teruggeleverde blindenergie", "Afgenomen vermogen", "Teruggeleverd vermogen", "Actief vermogen", "Maximaal afgenomen vermogen", "Maximaal teruggeleverd vermogen",
            "Afgenomen vermogen L1", "Afgenomen vermogen L2", "Afgenomen vermogen L3", "Teruggeleverd vermogen L1", "Teruggeleverd vermogen L2", "Teruggeleverd vermogen L3",
            "Stroom L1", "Stroom L2", "Stroom L3", "Spanning L1", "Spanning L2", "Spanning L3",
            "Arbeidsfactor", "Frequentie", "Tijd", "Datum", "Datum en tijd", "Apparaatadres", "Firmwareversie",
            "Teller factuurperiodes", "Serienummer meter", "Meteridentificatie", "Tariefindicator", "Aantal stroomstoringen", "Aantal lange stroomstoringen", "Foutregister",
            "M-Bus meterstand",
        };

        private static readonly string[] German =
        {
            "Wirkenergie Bezug gesamt", "Wirkenergie Bezug Tarif 1", "Wirkenergie Bezug Tarif 2", "Wirkenergie Bezug Tarif 3", "Wirkenergie Bezug Tarif 4",
            "Wirkenergie Lieferung gesamt", "Wirkenergie Lieferung Tarif 1", "Wirkenergie Lieferung Tarif 2", "Wirkenergie Lieferung Tarif 3", "Wirkenergie Lieferung Tarif 4",
            "Blindenergie Bezug", "Blindenergie Lieferung", "Wirkleistung Bezug", "Wirkleistung Lieferung", "Wirkleistung", "Maximalleistung Bezug", "Maximalleistung Lieferung",
            "Wirkleistung Bezug L1", "Wirkleistung Bezug L2", "Wirkleistung Bezug L3", "Wirkleistung Lieferung L1", "Wirkleistung Lieferung L2", "Wirkleistung Lieferung L3",
            "Strom L1", "Strom L2", "Strom L3", "Spannung L1", "Spannung L2", "Spannung L3",
            "Leistungsfaktor", "Frequenz", "Uhrzeit", "Datum", "Datum und Uhrzeit", "Geräteadresse", "Firmwareversion",
            "Abrechnungsperiodenzähler", "Zählernummer", "Geräteidentifikation", "Tarifanzeige", "Anzahl Netzausfälle", "Anzahl langer Netzausfälle", "Fehlerregister",
            "M-Bus-Zählerstand",
        };

        private static int Key(int c, int d, int e)
        {
            return (c << 16) | (d << 8) | e;
        }

        /// <summary>The name of <paramref name="code"/> in <paramref name="language"/>, or null when the table does not know it.</summary>
        public static string Get(long code, NameLanguage language)
        {
            int a = Obis.A(code);
            if (a > 1) return null;
            int key = Key(Obis.C(code), Obis.D(code), Obis.E(code));
            for (int i = 0; i < Keys.Length; i++)
            {
                if (Keys[i] != key) continue;
                switch (language)
                {
                    case NameLanguage.Dutch: return Dutch[i];
                    case NameLanguage.German: return German[i];
                    default: return English[i];
                }
            }
            return null;
        }
    }
}
