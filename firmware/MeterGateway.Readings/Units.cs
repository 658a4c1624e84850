namespace MeterGateway.Readings
{
    /// <summary>
    /// DLMS/COSEM unit codes (IEC 62056-62, the <c>unit</c> enumeration of the Register class) and the unit
    /// texts meters write. A unit text such as <c>kWh</c> is a DLMS unit (Wh = 30) with a decimal scale (3):
    /// the value in the DLMS unit is mantissa × 10^(exponent + scale).
    /// </summary>
    public static class Units
    {
        /// <summary>No unit given.</summary>
        public const byte None = 0;
        /// <summary>Second (s).</summary>
        public const byte Second = 7;
        /// <summary>Degree of angle.</summary>
        public const byte Degree = 8;
        /// <summary>Degree Celsius.</summary>
        public const byte Celsius = 9;
        /// <summary>Cubic metre (m³).</summary>
        public const byte CubicMetre = 13;
        /// <summary>Cubic metre per hour (m³/h).</summary>
        public const byte CubicMetrePerHour = 15;
        /// <summary>Joule (J); GJ is J with scale 9.</summary>
        public const byte Joule = 25;
        /// <summary>Watt (W); kW is W with scale 3.</summary>
        public const byte Watt = 27;
        /// <summary>Volt-ampere (VA).</summary>
        public const byte VoltAmpere = 28;
        /// <summary>Reactive power, var.</summary>
        public const byte Var = 29;
        /// <summary>Watt hour (Wh); kWh is Wh with scale 3.</summary>
        public const byte WattHour = 30;
        /// <summary>Volt-ampere hour (VAh).</summary>
        public const byte VoltAmpereHour = 31;
        /// <summary>Reactive energy, varh.</summary>
        public const byte VarHour = 32;
        /// <summary>Ampere (A).</summary>
        public const byte Ampere = 33;
        /// <summary>Volt (V).</summary>
        public const byte Volt = 35;
        /// <summary>Hertz (Hz).</summary>
        public const byte Hertz = 44;
        /// <summary>Other unit (DLMS 254): a unit text this table does not know.</summary>
        public const byte Other = 254;
        /// <summary>Count, no unit (DLMS 255).</summary>
        public const byte Count = 255;

        // per unit text (MakeTextBytes; matched ignoring ASCII case): DLMS code, decimal scale
        private static readonly byte[] Codes =
        {
            WattHour, WattHour, WattHour, Watt, Watt, Watt, VarHour, VarHour, VarHour, Var, Var, Var,
            VoltAmpereHour, VoltAmpereHour, VoltAmpere, VoltAmpere, Volt, Volt, Ampere, Ampere, Hertz, CubicMetre, CubicMetre, CubicMetrePerHour,
            Joule, Joule, Joule, Joule, Second, Degree, Degree, Celsius, Celsius,
        };
        private static readonly sbyte[] Scales =
        {
            0, 3, 6, 0, 3, 6, 0, 3, 6, 0, 3, 6,
            0, 3, 0, 3, 0, 3, 0, -3, 0, 0, 0, 0,
            9, 6, 3, 0, 0, 0, 0, 0, 0,
        };
        // Every unit text's UTF-8 bytes one after another (text i is at Starts[i] up to Starts[i + 1]): one array instead
        // of one per text (nanoFramework keeps every static field's arrays on the heap, each with its own headers).
        private static readonly byte[] Starts = new byte[Scales.Length + 1];
        private static readonly byte[] Texts = MakeTexts(Starts);

        // The texts are a local: only their bytes stay on the heap.
        private static byte[] MakeTexts(byte[] starts)
        {
            string[] texts =
            {
                "Wh", "kWh", "MWh", "W", "kW", "MW", "varh", "kvarh", "Mvarh", "var", "kvar", "Mvar",
                "VAh", "kVAh", "VA", "kVA", "V", "kV", "A", "mA", "Hz", "m3", "m³", "m3/h", "GJ", "MJ", "kJ", "J", "s", "Deg", "°", "°C", "C",
            };
            byte[] all = new byte[256];
            int length = 0;
            for (int i = 0; i < texts.Length; i++)
            {
                byte[] text = Utf8.GetBytes(texts[i]);
                System.Array.Copy(text, 0, all, length, text.Length);
                length += text.Length;
                starts[i + 1] = (byte)length;
            }
            byte[] result = new byte[length];
            System.Array.Copy(all, 0, result, 0, length);
            return result;
        }

        /// <summary>
        /// Looks a unit text up (exact case first, then ignoring ASCII case). Returns the DLMS code, or
        /// <see cref="Other"/> for an unknown text and <see cref="None"/> for an empty one; the decimal scale in
        /// <paramref name="scale"/>.
        /// </summary>
        public static byte FromText(byte[] buffer, int offset, int count, out int scale)
        {
            scale = 0;
            if (count <= 0) return None;
            // Consecutive lines mostly share their unit (kWh registers, then kW, V, A): try the text found last first.
            // A benign race between threads: the index is only a hint, checked like any other entry.
            int index = _lastFound;
            byte[] texts = Texts;
            int start = Starts[index];
            int same = 0;
            if (Starts[index + 1] - start == count) while (same < count && buffer[offset + same] == texts[start + same]) same++;
            if (same != count) // not the text found last (compared here: no call for the usual case)
            {
                index = Find(buffer, offset, count, false);
                if (index >= 0) _lastFound = index;
            }
            if (index < 0) index = Find(buffer, offset, count, true);
            if (index < 0) return Other;
            scale = Scales[index];
            return Codes[index];
        }

        private static int _lastFound;

        // The index of the unit text equal to the bytes (ASCII letters in either case with ignoreCase), or -1. Texts of
        // another length are passed over and the bytes compared here, without a call per text (an interpreter pays for each).
        private static int Find(byte[] buffer, int offset, int count, bool ignoreCase)
        {
            byte[] texts = Texts, starts = Starts;
            for (int i = 0; i < starts.Length - 1; i++)
            {
                int t = starts[i];
                if (starts[i + 1] - t != count) continue;
                int j = 0;
                for (; j < count; j++)
                {
                    int x = buffer[offset + j], y = texts[t + j];
                    if (ignoreCase)
                    {
                        if (x >= 'A' && x <= 'Z') x += 32;
                        if (y >= 'A' && y <= 'Z') y += 32;
                    }
                    if (x != y) break;
                }
                if (j == count) return i;
            }
            return -1;
        }

        /// <summary>
        /// The symbol of a DLMS unit code (<c>Wh</c>, <c>W</c>, <c>var</c>, <c>V</c>, <c>A</c>, <c>Hz</c>, <c>m3</c>,
        /// <c>°</c>, <c>°C</c>, <c>s</c>, <c>J</c>…): its length in UTF-8 bytes, which are in <see cref="SymbolBytes"/> from
        /// <paramref name="offset"/>; 0 for <see cref="None"/>, <see cref="Count"/> and codes without a symbol here.
        /// </summary>
        public static int Symbol(int code, out int offset)
        {
            int i;
            switch (code)
            {
                case WattHour: i = 0; break;
                case Watt: i = 3; break;
                case VarHour: i = 6; break;
                case Var: i = 9; break;
                case VoltAmpereHour: i = 12; break;
                case VoltAmpere: i = 14; break;
                case Volt: i = 16; break;
                case Ampere: i = 18; break;
                case Hertz: i = 20; break;
                case CubicMetre: i = 21; break;
                case CubicMetrePerHour: i = 23; break;
                case Joule: i = 27; break;
                case Second: i = 28; break;
                case Degree: i = 30; break;
                case Celsius: i = 31; break;
                default: offset = 0; return 0;
            }
            offset = Starts[i];
            return Starts[i + 1] - offset;
        }

        /// <summary>The bytes of the unit symbols (<see cref="Symbol"/>). Shared: do not modify.</summary>
        public static byte[] SymbolBytes { get { return Texts; } }
    }
}
