namespace MeterGateway.Readings
{
    /// <summary>
    /// Names of the common electricity-meter OBIS codes (IEC 62056-61 value groups C.D.E; quantities as DLMS UA's OBIS
    /// list and Apollon77/smartmeter-obis @ e06eec5c <c>lib/ObisNames.js</c> name them, DSMR 5.0.2 §6.12 for the Dutch
    /// meter terms) in English, Dutch, German, French and Portuguese (Brazilian terms: consumida/injetada, as ANEEL's
    /// rules for distributed generation say), for VSCP notes and displays. A code matches by C.D.E for value group
    /// A 0 (abstract) or 1 (electricity); B (channel) and F (historical value) are ignored, so <c>1-0:1.8.0*01</c> is
    /// named as <c>1-0:1.8.0</c>. Constant strings; a language's table is made on its first use, then nothing is allocated.
    /// </summary>
    public static class ObisNames
    {
        // The row of each named code (its C.D.E as Key makes it), a switch of constants rather than a table: nanoFramework
        // keeps a static table on the heap for good, and names are asked for while a gateway is set up and by the host.
        private static int RowOf(int key)
        {
            switch (key)
            {
                case (1 << 16) | (8 << 8) | 0: return 0;
                case (1 << 16) | (8 << 8) | 1: return 1;
                case (1 << 16) | (8 << 8) | 2: return 2;
                case (1 << 16) | (8 << 8) | 3: return 3;
                case (1 << 16) | (8 << 8) | 4: return 4;
                case (2 << 16) | (8 << 8) | 0: return 5;
                case (2 << 16) | (8 << 8) | 1: return 6;
                case (2 << 16) | (8 << 8) | 2: return 7;
                case (2 << 16) | (8 << 8) | 3: return 8;
                case (2 << 16) | (8 << 8) | 4: return 9;
                case (3 << 16) | (8 << 8) | 0: return 10;
                case (4 << 16) | (8 << 8) | 0: return 11;
                case (1 << 16) | (7 << 8) | 0: return 12;
                case (2 << 16) | (7 << 8) | 0: return 13;
                case (16 << 16) | (7 << 8) | 0: return 14;
                case (1 << 16) | (6 << 8) | 0: return 15;
                case (2 << 16) | (6 << 8) | 0: return 16;
                case (21 << 16) | (7 << 8) | 0: return 17;
                case (41 << 16) | (7 << 8) | 0: return 18;
                case (61 << 16) | (7 << 8) | 0: return 19;
                case (22 << 16) | (7 << 8) | 0: return 20;
                case (42 << 16) | (7 << 8) | 0: return 21;
                case (62 << 16) | (7 << 8) | 0: return 22;
                case (31 << 16) | (7 << 8) | 0: return 23;
                case (51 << 16) | (7 << 8) | 0: return 24;
                case (71 << 16) | (7 << 8) | 0: return 25;
                case (32 << 16) | (7 << 8) | 0: return 26;
                case (52 << 16) | (7 << 8) | 0: return 27;
                case (72 << 16) | (7 << 8) | 0: return 28;
                case (13 << 16) | (7 << 8) | 0: return 29;
                case (14 << 16) | (7 << 8) | 0: return 30;
                case (0 << 16) | (9 << 8) | 1: return 31;
                case (0 << 16) | (9 << 8) | 2: return 32;
                case (1 << 16) | (0 << 8) | 0: return 33;
                case (0 << 16) | (0 << 8) | 0: return 34;
                case (0 << 16) | (2 << 8) | 0: return 35;
                case (0 << 16) | (1 << 8) | 0: return 36;
                case (96 << 16) | (1 << 8) | 0: return 37;
                case (96 << 16) | (1 << 8) | 1: return 38;
                case (96 << 16) | (14 << 8) | 0: return 39;
                case (96 << 16) | (7 << 8) | 21: return 40;
                case (96 << 16) | (7 << 8) | 9: return 41;
                case (97 << 16) | (97 << 8) | 0: return 42;
                case (24 << 16) | (2 << 8) | 1: return 43;
                case (21 << 16) | (8 << 8) | 0: return 44;
                case (41 << 16) | (8 << 8) | 0: return 45;
                case (61 << 16) | (8 << 8) | 0: return 46;
                case (22 << 16) | (8 << 8) | 0: return 47;
                case (42 << 16) | (8 << 8) | 0: return 48;
                case (62 << 16) | (8 << 8) | 0: return 49;
                case (3 << 16) | (7 << 8) | 0: return 50;
                case (4 << 16) | (7 << 8) | 0: return 51;
                case (33 << 16) | (7 << 8) | 0: return 52;
                case (53 << 16) | (7 << 8) | 0: return 53;
                case (73 << 16) | (7 << 8) | 0: return 54;
                default: return -1;
            }
        }

        private const int Rows = 55;

        private static string[] EnglishNames()
        {
            return new string[]
            {
                "Active energy import total", "Active energy import tariff 1", "Active energy import tariff 2", "Active energy import tariff 3", "Active energy import tariff 4",
                "Active energy export total", "Active energy export tariff 1", "Active energy export tariff 2", "Active energy export tariff 3", "Active energy export tariff 4",
                "Reactive energy import", "Reactive energy export", "Active power import", "Active power export", "Active power", "Maximum demand import", "Maximum demand export",
                "Active power import L1", "Active power import L2", "Active power import L3", "Active power export L1", "Active power export L2", "Active power export L3",
                "Current L1", "Current L2", "Current L3", "Voltage L1", "Voltage L2", "Voltage L3",
                "Power factor", "Frequency", "Time", "Date", "Date and time", "Device address", "Firmware version",
                "Billing period counter", "Meter serial number", "Equipment identifier", "Tariff indicator", "Number of power failures", "Number of long power failures", "Error register",
                "M-Bus meter reading",
                "Active energy import L1", "Active energy import L2", "Active energy import L3", "Active energy export L1", "Active energy export L2", "Active energy export L3",
                "Reactive power import", "Reactive power export", "Power factor L1", "Power factor L2", "Power factor L3",
            };
        }

        private static string[] DutchNames()
        {
            return new string[]
            {
                "Afgenomen energie totaal", "Afgenomen energie tarief 1", "Afgenomen energie tarief 2", "Afgenomen energie tarief 3", "Afgenomen energie tarief 4",
                "Teruggeleverde energie totaal", "Teruggeleverde energie tarief 1", "Teruggeleverde energie tarief 2", "Teruggeleverde energie tarief 3", "Teruggeleverde energie tarief 4",
                "Afgenomen blindenergie", "Teruggeleverde blindenergie", "Afgenomen vermogen", "Teruggeleverd vermogen", "Actief vermogen", "Maximaal afgenomen vermogen", "Maximaal teruggeleverd vermogen",
                "Afgenomen vermogen L1", "Afgenomen vermogen L2", "Afgenomen vermogen L3", "Teruggeleverd vermogen L1", "Teruggeleverd vermogen L2", "Teruggeleverd vermogen L3",
                "Stroom L1", "Stroom L2", "Stroom L3", "Spanning L1", "Spanning L2", "Spanning L3",
                "Arbeidsfactor", "Frequentie", "Tijd", "Datum", "Datum en tijd", "Apparaatadres", "Firmwareversie",
                "Teller factuurperiodes", "Serienummer meter", "Meteridentificatie", "Tariefindicator", "Aantal stroomstoringen", "Aantal lange stroomstoringen", "Foutregister",
                "M-Bus meterstand",
                "Afgenomen energie L1", "Afgenomen energie L2", "Afgenomen energie L3", "Teruggeleverde energie L1", "Teruggeleverde energie L2", "Teruggeleverde energie L3",
                "Afgenomen blindvermogen", "Teruggeleverd blindvermogen", "Arbeidsfactor L1", "Arbeidsfactor L2", "Arbeidsfactor L3",
            };
        }

        private static string[] GermanNames()
        {
            return new string[]
            {
                "Wirkenergie Bezug gesamt", "Wirkenergie Bezug Tarif 1", "Wirkenergie Bezug Tarif 2", "Wirkenergie Bezug Tarif 3", "Wirkenergie Bezug Tarif 4",
                "Wirkenergie Lieferung gesamt", "Wirkenergie Lieferung Tarif 1", "Wirkenergie Lieferung Tarif 2", "Wirkenergie Lieferung Tarif 3", "Wirkenergie Lieferung Tarif 4",
                "Blindenergie Bezug", "Blindenergie Lieferung", "Wirkleistung Bezug", "Wirkleistung Lieferung", "Wirkleistung", "Maximalleistung Bezug", "Maximalleistung Lieferung",
                "Wirkleistung Bezug L1", "Wirkleistung Bezug L2", "Wirkleistung Bezug L3", "Wirkleistung Lieferung L1", "Wirkleistung Lieferung L2", "Wirkleistung Lieferung L3",
                "Strom L1", "Strom L2", "Strom L3", "Spannung L1", "Spannung L2", "Spannung L3",
                "Leistungsfaktor", "Frequenz", "Uhrzeit", "Datum", "Datum und Uhrzeit", "Geräteadresse", "Firmwareversion",
                "Abrechnungsperiodenzähler", "Zählernummer", "Geräteidentifikation", "Tarifanzeige", "Anzahl Netzausfälle", "Anzahl langer Netzausfälle", "Fehlerregister",
                "M-Bus-Zählerstand",
                "Wirkenergie Bezug L1", "Wirkenergie Bezug L2", "Wirkenergie Bezug L3", "Wirkenergie Lieferung L1", "Wirkenergie Lieferung L2", "Wirkenergie Lieferung L3",
                "Blindleistung Bezug", "Blindleistung Lieferung", "Leistungsfaktor L1", "Leistungsfaktor L2", "Leistungsfaktor L3",
            };
        }

        private static string[] FrenchNames()
        {
            return new string[]
            {
                "Énergie active importée totale", "Énergie active importée tarif 1", "Énergie active importée tarif 2", "Énergie active importée tarif 3", "Énergie active importée tarif 4",
                "Énergie active exportée totale", "Énergie active exportée tarif 1", "Énergie active exportée tarif 2", "Énergie active exportée tarif 3", "Énergie active exportée tarif 4",
                "Énergie réactive importée", "Énergie réactive exportée", "Puissance active importée", "Puissance active exportée", "Puissance active", "Puissance maximale importée", "Puissance maximale exportée",
                "Puissance active importée L1", "Puissance active importée L2", "Puissance active importée L3", "Puissance active exportée L1", "Puissance active exportée L2", "Puissance active exportée L3",
                "Courant L1", "Courant L2", "Courant L3", "Tension L1", "Tension L2", "Tension L3",
                "Facteur de puissance", "Fréquence", "Heure", "Date", "Date et heure", "Adresse de l'appareil", "Version du micrologiciel",
                "Compteur de périodes de facturation", "Numéro de série du compteur", "Identifiant de l'équipement", "Indicateur de tarif", "Nombre de coupures de courant", "Nombre de longues coupures de courant", "Registre d'erreurs",
                "Index du compteur M-Bus",
                "Énergie active importée L1", "Énergie active importée L2", "Énergie active importée L3", "Énergie active exportée L1", "Énergie active exportée L2", "Énergie active exportée L3",
                "Puissance réactive importée", "Puissance réactive exportée", "Facteur de puissance L1", "Facteur de puissance L2", "Facteur de puissance L3",
            };
        }

        private static string[] PortugueseNames()
        {
            return new string[]
            {
                "Energia ativa consumida total", "Energia ativa consumida tarifa 1", "Energia ativa consumida tarifa 2", "Energia ativa consumida tarifa 3", "Energia ativa consumida tarifa 4",
                "Energia ativa injetada total", "Energia ativa injetada tarifa 1", "Energia ativa injetada tarifa 2", "Energia ativa injetada tarifa 3", "Energia ativa injetada tarifa 4",
                "Energia reativa consumida", "Energia reativa injetada", "Potência ativa consumida", "Potência ativa injetada", "Potência ativa", "Demanda máxima consumida", "Demanda máxima injetada",
                "Potência ativa consumida L1", "Potência ativa consumida L2", "Potência ativa consumida L3", "Potência ativa injetada L1", "Potência ativa injetada L2", "Potência ativa injetada L3",
                "Corrente L1", "Corrente L2", "Corrente L3", "Tensão L1", "Tensão L2", "Tensão L3",
                "Fator de potência", "Frequência", "Hora", "Data", "Data e hora", "Endereço do dispositivo", "Versão do firmware",
                "Contador de períodos de faturamento", "Número de série do medidor", "Identificação do equipamento", "Indicador de tarifa", "Número de faltas de energia", "Número de faltas longas de energia", "Registro de erros",
                "Leitura do medidor M-Bus",
                "Energia ativa consumida L1", "Energia ativa consumida L2", "Energia ativa consumida L3", "Energia ativa injetada L1", "Energia ativa injetada L2", "Energia ativa injetada L3",
                "Potência reativa consumida", "Potência reativa injetada", "Fator de potência L1", "Fator de potência L2", "Fator de potência L3",
            };
        }

        // Each language's names are made when first asked for: a box shows one language, and every string of a table
        // costs a heap block on nanoFramework (which runs static initializers at start, used or not).
        private static string[] _english, _dutch, _german, _french, _portuguese;

        private static string[] Table(NameLanguage language)
        {
            switch (language)
            {
                case NameLanguage.Dutch: return _dutch != null ? _dutch : (_dutch = DutchNames());
                case NameLanguage.German: return _german != null ? _german : (_german = GermanNames());
                case NameLanguage.French: return _french != null ? _french : (_french = FrenchNames());
                case NameLanguage.Portuguese: return _portuguese != null ? _portuguese : (_portuguese = PortugueseNames());
                default: return _english != null ? _english : (_english = EnglishNames());
            }
        }

        private static int Key(int c, int d, int e)
        {
            return (c << 16) | (d << 8) | e;
        }

        /// <summary>Number of codes the table names.</summary>
        public static int Count { get { return Rows; } }

        /// <summary>The language of a code (<c>en</c>, <c>nl</c>, <c>de</c>, <c>fr</c>, <c>pt</c>, as <c>[GENERAL] language</c> and <c>--language</c> take it), or -1.</summary>
        public static int LanguageOf(string code)
        {
            string[] codes = LanguageCodes;
            for (int i = 0; i < codes.Length; i++)
            {
                if (codes[i] == code) return i;
            }
            return -1;
        }

        /// <summary>The codes of the languages, in <see cref="NameLanguage"/> order (a new array on each call: no static table).</summary>
        public static string[] LanguageCodes { get { return new string[] { "en", "nl", "de", "fr", "pt" }; } }

        /// <summary>The name of <paramref name="code"/> in <paramref name="language"/>, or null when the table does not know it.</summary>
        public static string Get(long code, NameLanguage language)
        {
            int a = Obis.A(code);
            if (a > 1) return null;
            int row = RowOf(Key(Obis.C(code), Obis.D(code), Obis.E(code)));
            return row >= 0 ? Table(language)[row] : null;
        }
    }
}
