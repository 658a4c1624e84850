using MeterGateway.Readings;

namespace MeterGateway.Mapping
{
    /// <summary>What <see cref="QuantityMapper.Map"/> found for a reading.</summary>
    public enum MapResult : byte
    {
        /// <summary>No quantity that is switched on is read from this OBIS code: the reading is not published.</summary>
        NotMapped = 0,
        /// <summary>A quantity and its value in the quantity's VSCP unit are in the mapper's result fields.</summary>
        Mapped = 1,
        /// <summary>The code is a quantity's, but the reading has no number to publish.</summary>
        NotNumber = 2,
        /// <summary>The code is a quantity's, but its unit does not fit the quantity (or is missing): not published with a wrong unit.</summary>
        UnitMismatch = 3,
    }

    /// <summary>
    /// Maps readings of a <see cref="ReadingSet"/> to the quantities of <see cref="Quantities"/> that the
    /// configuration switches on, with the value re-expressed exactly in the quantity's VSCP unit
    /// (<see cref="UnitScaling"/>), and makes the total of the tariff registers for meters that send no
    /// 1-0:1.8.0/2.8.0 (Dutch and Belgian DSMR send only 1.8.1/1.8.2 and 2.8.1/2.8.2, DSMR 5.0.2 §6.12).
    /// Results go to public fields reused on each call: nothing is allocated.
    /// </summary>
    public sealed class QuantityMapper
    {
        private readonly bool[] _enabled = new bool[Quantities.Count];
        // The OBIS codes of the quantities switched on as keys with value group C in the top byte (KeyOf), sorted by key
        // and then by row, with their rows; the keys of group C = c are _keys[_cStart[c]] up to _keys[_cStart[c + 1]]. Map
        // finds a reading's key by binary search among the few keys of its C instead of all of them, nor scans every row
        // (an interpreter pays for each comparison). The rows are bytes (Quantities.Count is below 256): packed on
        // nanoFramework's heap, where an int takes 4; so are the starts (Count + OtherCodeCount codes at most, 84).
        private readonly long[] _keys;
        private readonly byte[] _rows;
        private readonly byte[] _cStart = new byte[257];
        // FindTariffTotals' results per direction (0 import, 1 export): the first register (-1: no total), the sum, and the unit
        private readonly int[] _totalFirst = new int[2];
        private readonly long[] _totalMantissa = new long[2];
        private readonly int[] _totalExponent = new int[2];
        private int _totalUnit;

        /// <summary>The quantity row of the last <see cref="MapResult.Mapped"/> reading.</summary>
        public int Quantity;
        /// <summary>Its value's mantissa (unchanged from the meter).</summary>
        public long Mantissa;
        /// <summary>Its value's decimal exponent in the quantity's VSCP unit.</summary>
        public int Exponent;
        /// <summary>Its VSCP unit code.</summary>
        public int Unit;
        /// <summary>Its capture time (Unix seconds UTC) when the reading has one, else <see cref="ReadingSet.NoTime"/>.</summary>
        public long Time;

        /// <summary>A mapper for the quantities whose <c>send_*</c> switch is on in <paramref name="sendGroups"/> (indexed by <see cref="SendGroup"/>).</summary>
        public QuantityMapper(bool[] sendGroups)
        {
            int n = 0;
            for (int q = 0; q < Quantities.Count; q++)
            {
                _enabled[q] = sendGroups[(int)Quantities.Group(q)];
                if (_enabled[q]) n++;
            }
            for (int k = 0; k < Quantities.OtherCodeCount; k++)
            {
                if (_enabled[Quantities.OtherCodeRow(k)]) n++;
            }
            _keys = new long[n];
            _rows = new byte[n];
            n = 0;
            int other = 0;
            for (int q = 0; q < Quantities.Count; q++)
            {
                if (!_enabled[q]) continue;
                // the row's code, then its other codes (they are in row order)
                n = Insert(n, Quantities.Code(q), q);
                while (other < Quantities.OtherCodeCount && Quantities.OtherCodeRow(other) < q) other++;
                for (; other < Quantities.OtherCodeCount && Quantities.OtherCodeRow(other) == q; other++) n = Insert(n, Quantities.OtherCode(other), q);
            }
            IndexByGroupC(_keys, _cStart);
        }

        /// <summary>
        /// The OBIS code A-B:C.D.E*F (48 bits, <see cref="Obis.Pack(int, int, int, int, int, int)"/>) as the key C.D.E*F A-B,
        /// value group C in bits 47..40: sorted keys fall into runs of one C each (<see cref="IndexByGroupC"/>).
        /// </summary>
        public static long KeyOf(long code)
        {
            return ((code & 0xFFFFFFFFL) << 16) | (code >> 32);
        }

        /// <summary>
        /// Fills <paramref name="cStart"/> (257 entries) for <paramref name="keys"/>, sorted keys (<see cref="KeyOf"/>, at
        /// most 255): the keys of value group C are those from <c>cStart[C]</c> up to <c>cStart[C + 1]</c>, so a lookup
        /// searches only the few keys of its C. Start-up code.
        /// </summary>
        public static void IndexByGroupC(long[] keys, byte[] cStart)
        {
            for (int c = 0, i = 0; c <= 256; c++)
            {
                while (i < keys.Length && (int)(keys[i] >> 40) < c) i++;
                cStart[c] = (byte)i;
            }
        }

        // Inserts the key of a code of row q into the first n entries, sorted (start-up, about Count entries); rows arrive
        // in ascending order, so equal codes keep the table's row order. Returns n + 1.
        private int Insert(int n, long code, int q)
        {
            long key = KeyOf(code);
            int at = n;
            while (at > 0 && _keys[at - 1] > key)
            {
                _keys[at] = _keys[at - 1];
                _rows[at] = _rows[at - 1];
                at--;
            }
            _keys[at] = key;
            _rows[at] = (byte)q;
            return n + 1;
        }

        /// <summary>True when the quantity of row <paramref name="q"/> is published.</summary>
        public bool IsEnabled(int q)
        {
            return _enabled[q];
        }

        /// <summary>
        /// Maps reading <paramref name="r"/>: its OBIS code selects the quantity (when two rows share the code, the one
        /// whose units fit wins: an M-Bus channel's m³ is a volume, its GJ heat), its primary value is the number.
        /// </summary>
        public MapResult Map(ReadingSet set, int r)
        {
            long code = set.ObisCode[r];
            long key = ((code & 0xFFFFFFFFL) << 16) | (code >> 32); // KeyOf(code) without the call
            long[] codes = _keys;
            byte[] cStart = _cStart;
            int c = (int)(key >> 40) & 0xFF;
            int low = cStart[c], high = cStart[c + 1];
            while (low < high)
            {
                int middle = (low + high) >> 1;
                if (codes[middle] < key) low = middle + 1;
                else high = middle;
            }
            if (low == codes.Length || codes[low] != key) return MapResult.NotMapped;
            int v = set.Primary[r];
            if (v < 0 || set.Kind[v] != ValueKind.Number) return MapResult.NotNumber;
            for (int i = low; i < codes.Length && codes[i] == key; i++)
            {
                int q = _rows[i];
                int unit, targetScale;
                if (!UnitScaling.TryResolve((UnitRule)Quantities.Rule[q], set.UnitCode[v], out unit, out targetScale)) continue;
                Quantity = q;
                Mantissa = set.Mantissa[v];
                Exponent = set.Exponent[v] + set.UnitScale[v] - targetScale; // UnitScaling.Rescale without the call
                Unit = unit;
                int t = set.CaptureTime[r];
                Time = t >= 0 && set.Kind[t] == ValueKind.Timestamp ? set.Mantissa[t] : ReadingSet.NoTime;
                return MapResult.Mapped;
            }
            return MapResult.UnitMismatch;
        }

        /// <summary>
        /// True for a tariff register <see cref="FindTariffTotals"/> sums: <c>1-0:c.8.e*255</c> with c = 1 (import) or 2
        /// (export) and e ≤ 63 (its loop makes the same test inline, once per reading of every set).
        /// </summary>
        public static bool IsTariffRegister(long code)
        {
            return (code & ~0xFF00FF00L) == Obis.Pack(1, 0, 0, 8, 0) && (uint)(Obis.C(code) - 1) <= 1 && Obis.E(code) <= 63;
        }

        /// <summary>
        /// For a meter without the total registers 1-0:1.8.0 (import) and 1-0:2.8.0 (export), the exact sums in kWh of its
        /// tariff registers 1-0:c.8.1 … 1-0:c.8.63 (c = 1 import, 2 export), both found in one pass over the set;
        /// <see cref="TariffTotal"/> then gives each.
        /// </summary>
        public void FindTariffTotals(ReadingSet set)
        {
            int unit, targetScale;
            UnitScaling.TryResolve(UnitRule.ActiveEnergy, Units.WattHour, out unit, out targetScale);
            int[] first = _totalFirst;
            long[] sums = _totalMantissa;
            int[] sumExponents = _totalExponent;
            first[0] = first[1] = -1;
            int failed = 0; // bit c - 1: no total for c (the meter sends it, a register is bad, or the sum overflows)
            // 1-0:c.8.E*255 with any C and E: the code with C and E masked out (one comparison per reading)
            long register = Obis.Pack(1, 0, 0, 8, 0);
            long[] codes = set.ObisCode;
            for (int r = 0, readings = set.ReadingCount; r < readings; r++)
            {
                long code = codes[r];
                if ((code & ~0xFF00FF00L) != register) continue;
                int d = ((int)(code >> 24) & 0xFF) - 1;
                int e = (int)(code >> 8) & 0xFF;
                if ((uint)d > 1 || e > 63 || (failed & (1 << d)) != 0) continue;
                int v = set.Primary[r];
                if (e == 0 || v < 0 || set.Kind[v] != ValueKind.Number || set.UnitCode[v] != Units.WattHour)
                {
                    failed |= 1 << d;
                    continue;
                }
                long m = set.Mantissa[v];
                int exponent = UnitScaling.Rescale(set.Exponent[v], set.UnitScale[v], targetScale);
                if (first[d] < 0)
                {
                    first[d] = r;
                    sums[d] = m;
                    sumExponents[d] = exponent;
                    continue;
                }
                long sum = sums[d];
                int sumExponent = sumExponents[d];
                bool exact;
                if (exponent < sumExponent)
                {
                    exact = FixedPoint.Rescale(sum, sumExponent, exponent, out sum);
                    sumExponent = exponent;
                }
                else exact = FixedPoint.Rescale(m, exponent, sumExponent, out m);
                long total = sum + m;
                if (!exact || ((sum >= 0) == (m >= 0) && (total >= 0) != (sum >= 0)))
                {
                    failed |= 1 << d;
                    continue;
                }
                sums[d] = total;
                sumExponents[d] = sumExponent;
            }
            for (int d = 0; d < 2; d++)
            {
                if ((failed & (1 << d)) != 0 || !_enabled[d == 0 ? Quantities.SumActiveEnergyOut : Quantities.SumActiveEnergyIn]) first[d] = -1;
            }
            _totalUnit = unit;
        }

        /// <summary>
        /// The total of tariff registers 1-0:<paramref name="c"/>.8.E (c = 1 import, 2 export) of the last
        /// <see cref="FindTariffTotals"/> as <see cref="Quantities.SumActiveEnergyOut"/> or
        /// <see cref="Quantities.SumActiveEnergyIn"/> in the result fields. Returns the index of the first tariff register
        /// (where the total goes in the published order), or -1 when the meter has the total, has no tariff registers, the
        /// total quantity is switched off, or a register is not a number in Wh/kWh/MWh or the sum overflows.
        /// </summary>
        public int TariffTotal(int c)
        {
            int first = _totalFirst[c - 1];
            if (first < 0) return -1;
            Quantity = c == 1 ? Quantities.SumActiveEnergyOut : Quantities.SumActiveEnergyIn;
            Mantissa = _totalMantissa[c - 1];
            Exponent = _totalExponent[c - 1];
            Unit = _totalUnit;
            Time = ReadingSet.NoTime;
            return first;
        }
    }
}
