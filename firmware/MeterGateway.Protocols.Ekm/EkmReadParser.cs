using MeterGateway.Readings;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// Turns a validated 255-byte EKM read (V3 A, V4 A or V4 B, see <see cref="EkmLayouts"/>) into readings, in
    /// place and without allocating: every published field becomes one reading under its OBIS code
    /// (<see cref="EkmFields"/>), numbers exact in fixed point with the table's scaling (kWh fields ÷10 on v3 and
    /// per kWh_Scale on v4; Div10, Div100), hex fields as hex text, Meter_Time as a timestamp whose UTC is not
    /// known (the meter keeps local time). Calculated as ekmmeters does: Power_Factor_Ln_1..3 (200 − x for C, x for
    /// L, 100 for space) and, on V4 A, Net_Calc_Watts_Ln_1..3 and _Tot from RMS_Watts_Ln_1..3 with the signs of
    /// State_Watts_Dir (1 FFF … 8 RRR; not calculated for any other value).
    /// A field whose characters are not a number (the manual warns of '?' in a damaged meter clock) is kept as an
    /// empty value. Appending a V4 B read to its V4 A read adds only the fields A does not have.
    /// Source: PROTOCOLS.md §4; ekmmetering/ekmmeters @ 3933c34884334027c8d9edb6bd9e07c75834db00 (<c>convertData</c>, <c>calculateFields</c>).
    /// </summary>
    public sealed class EkmReadParser
    {
        /// <summary>Error text when the kWh_Scale field of a V4 A read is not 0, 1 or 2.</summary>
        public const string BadKwhScale = "EKM kWh_Scale is not 0, 1 or 2";

        private readonly byte[] _hex = new byte[8];
        private readonly long[] _watts = new long[3];
        private readonly int[] _powerFactor = new int[3];
        private int _wattsFound;
        private int _direction;

        /// <summary>Text of the last failure, or null.</summary>
        public string ErrorText;

        /// <summary>
        /// The kWh decimals a reply of this layout uses: 1 on V3, the kWh_Scale digit of a V4 A reply, and
        /// <paramref name="lastKwhDecimals"/> (from the meter's last A read) for a V4 B reply. -1 when kWh_Scale is not 0..2.
        /// </summary>
        public static int KwhDecimals(byte[] frame, int offset, EkmLayout layout, int lastKwhDecimals)
        {
            int at = layout.IndexOf(EkmFieldId.kWh_Scale);
            if (at >= 0)
            {
                int digit = frame[offset + layout.Offset[at]] - '0';
                return digit >= 0 && digit <= 2 ? digit : -1;
            }
            return layout.RequestType == null ? 1 : lastKwhDecimals;
        }

        /// <summary>
        /// Adds the readings of the reply at <paramref name="offset"/> (byte 0 = STX) to <paramref name="set"/>
        /// without clearing it, skipping fields whose OBIS code the set already has. False with
        /// <see cref="ErrorText"/> when kWh_Scale is malformed; the set is then unchanged.
        /// </summary>
        public bool Append(byte[] frame, int offset, EkmLayout layout, int lastKwhDecimals, ReadingSet set)
        {
            ErrorText = null;
            int kwhDecimals = KwhDecimals(frame, offset, layout, lastKwhDecimals);
            if (kwhDecimals < 0)
            {
                ErrorText = BadKwhScale;
                return false;
            }
            if (set.HeaderLength == 0) set.SetHeader(frame, offset + 4, EkmRequests.AddressLength);
            _wattsFound = 0;
            _direction = 0;
            for (int line = 0; line < 3; line++) _powerFactor[line] = -1;

            for (int i = 0; i < layout.Count; i++)
            {
                EkmFieldId id = layout.Field[i];
                long obis = EkmFields.ObisCode(id);
                int at = offset + layout.Offset[i];
                int size = layout.Size[i];
                Remember(id, frame, at, size);
                if (obis == Obis.None || set.Find(obis) >= 0) continue;
                if (set.BeginReading(obis) < 0) return true;
                int v = AddValue(layout.Type[i], Decimals(layout.Scale[i], kwhDecimals), id, frame, at, size, set);
                set.EndReading(v, -1);
            }
            for (int line = 0; line < 3; line++)
            {
                if (_powerFactor[line] >= 0) AddNumber((EkmFieldId)((int)EkmFieldId.Power_Factor_Ln_1 + line), _powerFactor[line], set);
            }
            if (_wattsFound == 3 && _direction >= 1 && _direction <= 8) AddNetWatts(set);
            return true;
        }

        private static int Decimals(EkmScale scale, int kwhDecimals)
        {
            switch (scale)
            {
                case EkmScale.Kwh: return kwhDecimals;
                case EkmScale.Div10: return 1;
                case EkmScale.Div100: return 2;
                default: return 0;
            }
        }

        private int AddValue(EkmFieldType type, int decimals, EkmFieldId id, byte[] frame, int at, int size, ReadingSet set)
        {
            switch (type)
            {
                case EkmFieldType.Hex:
                    for (int k = 0; k < size; k++) Ascii.WriteHex2(frame[at + k], _hex, 2 * k);
                    return set.AddText(_hex, 0, 2 * size, false);
                case EkmFieldType.String:
                    return set.AddText(frame, at, size, false);
                case EkmFieldType.MeterTime:
                    return set.AddTimestamp(ReadingSet.NoTime, frame, at, size);
                case EkmFieldType.PowerFactor:
                    int x = CosTheta(frame, at);
                    return x < 0 ? set.AddEmpty() : set.AddNumber(x, -2, EkmFields.Unit(id), 0, 0);
                default:
                    long mantissa;
                    int exponent;
                    if (!ParseNumber(frame, at, size, out mantissa, out exponent)) return set.AddEmpty();
                    byte[] unit = EkmFields.Unit(id);
                    return set.AddNumber(mantissa, exponent - decimals, unit, 0, unit.Length);
            }
        }

        private void Remember(EkmFieldId id, byte[] frame, int at, int size)
        {
            long m;
            int e;
            if (id >= EkmFieldId.Cos_Theta_Ln_1 && id <= EkmFieldId.Cos_Theta_Ln_3)
            {
                int x = CosTheta(frame, at);
                if (x >= 0)
                {
                    byte letter = frame[at];
                    _powerFactor[id - EkmFieldId.Cos_Theta_Ln_1] = letter == (byte)'C' ? 200 - x : letter == (byte)'L' ? x : 100;
                }
            }
            else if (id >= EkmFieldId.RMS_Watts_Ln_1 && id <= EkmFieldId.RMS_Watts_Ln_3)
            {
                if (ParseNumber(frame, at, size, out m, out e) && e == 0)
                {
                    _watts[id - EkmFieldId.RMS_Watts_Ln_1] = m;
                    _wattsFound++;
                }
            }
            else if (id == EkmFieldId.State_Watts_Dir)
            {
                _direction = frame[at] - '0';
            }
        }

        private void AddNetWatts(ReadingSet set)
        {
            // DirectionFlag: 1 FFF, 2 FFR, 3 FRF, 4 RFF, 5 FRR, 6 RFR, 7 RRF, 8 RRR (line 1 first).
            int reverse = ReverseMask[_direction];
            long total = 0;
            for (int line = 0; line < 3; line++)
            {
                long w = (reverse & (4 >> line)) != 0 ? -_watts[line] : _watts[line];
                total += w;
                AddNumber((EkmFieldId)((int)EkmFieldId.Net_Calc_Watts_Ln_1 + line), w, set);
            }
            AddNumber(EkmFieldId.Net_Calc_Watts_Tot, total, set);
        }

        // Bit 4 = line 1 reverse, 2 = line 2, 1 = line 3; index = State_Watts_Dir.
        private static readonly int[] ReverseMask = { 0, 0, 1, 2, 4, 3, 5, 6, 7 };

        private static void AddNumber(EkmFieldId id, long value, ReadingSet set)
        {
            long obis = EkmFields.ObisCode(id);
            if (set.Find(obis) >= 0 || set.BeginReading(obis) < 0) return;
            byte[] unit = EkmFields.Unit(id);
            set.EndReading(set.AddNumber(value, 0, unit, 0, unit.Length), -1);
        }

        private static int CosTheta(byte[] frame, int at)
        {
            byte letter = frame[at];
            if (letter != (byte)'C' && letter != (byte)'L' && letter != (byte)' ') return -1;
            int x = 0;
            for (int k = 1; k < 4; k++)
            {
                int d = frame[at + k] - '0';
                if (d < 0 || d > 9) return -1;
                x = x * 10 + d;
            }
            return x;
        }

        private static bool ParseNumber(byte[] frame, int at, int size, out long mantissa, out int exponent)
        {
            int end = at + size;
            while (at < end && frame[at] == (byte)' ') at++;
            while (end > at && frame[end - 1] == (byte)' ') end--;
            return FixedPoint.TryParse(frame, at, end - at, out mantissa, out exponent);
        }
    }
}
