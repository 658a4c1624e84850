using MeterGateway.Readings;

namespace MeterGateway.Protocols.Dsmr
{
    /// <summary>
    /// Parses a P1 telegram in place into a <see cref="ReadingSet"/> (DSMR 5.0.2 §6.4–6.12, DSMR 3.0 §5, e-MUCS,
    /// Luxembourg Smarty, Swedish H1). Every line <c>A-B:C.D.E[.F|*F](value)(value)…</c> becomes one reading, unknown
    /// OBIS codes included; lines the grammar does not allow are skipped and counted in <see cref="MalformedLines"/>.
    /// <list type="bullet">
    /// <item>Values: <c>number[*unit]</c> as exact fixed point with the unit as written (<c>000123.456kWh</c> without
    /// '*' from early Fluvius firmware too); <c>YYMMDDhhmmssX</c> timestamps; text (equipment ids, messages, the
    /// tariff indicator, versions, OBIS references) kept as the meter wrote it, line breaks of wrapped text removed.</item>
    /// <item>Parentheses continued on the next line belong to the same reading: the DSMR 2.2/3 gas line
    /// <c>0-1:24.3.0(ts)(00)(60)(1)(0-1:24.2.1)(m3)</c> CR LF <c>(00001.001)</c> gives 1.001 m³.</item>
    /// <item>Roles: a line's measurement is its only number (M-Bus <c>0-n:24.2.1(capture time)(value)</c>, Belgian
    /// <c>1-0:1.6.0(time)(peak)</c>), timestamped by its only timestamp; the power failure log <c>1-0:99.97.0</c> and
    /// the max-demand history <c>0-0:98.1.0</c> keep all their values with no single measurement.</item>
    /// <item><c>0-0:1.0.0</c> sets <see cref="ReadingSet.FrameTime"/>.</item>
    /// </list>
    /// Allocates nothing after construction.
    /// </summary>
    public sealed class DsmrParser
    {
        /// <summary>Most parenthesised values one line may have (the Belgian 13-month history has 42).</summary>
        public const int MaxValuesPerLine = 96;

        // offsets and lengths in a buffer of at most 65,536 bytes (DsmrFramer)
        private readonly ushort[] _groupStart = new ushort[MaxValuesPerLine];
        private readonly ushort[] _groupLength = new ushort[MaxValuesPerLine];

        private static readonly long TimestampObis = Obis.Pack(0, 0, 1, 0, 0);
        private static readonly long VersionObis = Obis.Pack(1, 3, 0, 2, 8);
        private static readonly long EmucsVersionObis = Obis.Pack(0, 0, 96, 1, 4);
        // ')' boxed once: Array.IndexOf searches a byte[] natively on nanoFramework (and vectorized on .NET) for a boxed
        // byte, far faster than a loop in an interpreter; boxing per call would allocate.
        private static readonly object CloseParenthesis = (byte)')';

        /// <summary>
        /// When true, timestamps are placed in UTC by their S/W flag alone (Swedish H1 meters write normal time all
        /// year); otherwise by the Central European calendar (<see cref="DsmrTimestamp"/>).
        /// </summary>
        public bool TrustDstFlag;

        /// <summary>Lines of the last telegram that were not OBIS lines and were skipped.</summary>
        public int MalformedLines { get; private set; }

        /// <summary>
        /// True when the last telegram has a line that shows it is DSMR 4 or later and must carry a CRC (as
        /// <see cref="DsmrFramer"/> looks for them): <c>1-3:0.2.8</c> of version 4x or above, <c>0-0:96.1.4</c> or <c>0-0:1.0.0</c>.
        /// </summary>
        public bool DeclaresCrc { get { return _declaresCrc; } }
        private bool _declaresCrc;

        /// <summary>
        /// Parses the telegram at <paramref name="offset"/>: from '/' up to (not including) the '!' at
        /// <paramref name="endMarker"/>, or its first lines (<see cref="ParseLines"/> adds the others). Clears
        /// <paramref name="set"/> first. Returns false when the bytes do not start with a '/' header line (nothing else
        /// makes it fail: bad lines are skipped and counted).
        /// </summary>
        public bool Parse(byte[] buffer, int offset, int endMarker, ReadingSet set)
        {
            set.Clear();
            MalformedLines = 0;
            _declaresCrc = false;
            int end = endMarker;
            int p = offset;
            if (p >= end || buffer[p] != '/') return false;
            int headerEnd = p + 1;
            while (headerEnd < end && buffer[headerEnd] != 13 && buffer[headerEnd] != 10) headerEnd++;
            set.SetHeader(buffer, p + 1, headerEnd - p - 1);
            ParseLines(buffer, headerEnd, end, set);
            return true;
        }

        /// <summary>
        /// Adds the readings of the whole lines from <paramref name="offset"/> up to <paramref name="end"/> to
        /// <paramref name="set"/>: the telegram's lines after those of <see cref="Parse"/> (streamed, DsmrFramer.StreamLines).
        /// A reading whose values go on at the next line must come with them.
        /// </summary>
        public void ParseLines(byte[] buffer, int offset, int end, ReadingSet set)
        {
            int p = SkipBlanks(buffer, offset, end);
            ushort[] groupStart = _groupStart, groupLength = _groupLength;
            while (p < end)
            {
                long code;
                int n = Obis.Parse(buffer, p, end - p, out code);
                if (n == 0 || p + n >= end || buffer[p + n] != '(')
                {
                    MalformedLines++;
                    p = SkipBlanks(buffer, NextLine(buffer, p, end), end);
                    continue;
                }
                p += n;
                if (set.BeginReading(code) < 0)
                {
                    // a reading the set does not keep (ReadingSet.KeepOnly): its values are passed over, up to the next
                    // line that does not continue them; one that shows the telegram needs a CRC is marked
                    int c = (int)(code >> 24) & 0xFF; // Obis.C without the call
                    if ((c <= 1 || c == 96) && p + 1 < end && (code == VersionObis || code == TimestampObis || code == EmucsVersionObis))
                    {
                        DeclaresCrcBy(buffer, p + 1, code);
                    }
                    while (true)
                    {
                        int close = System.Array.IndexOf(buffer, CloseParenthesis, p + 1, end - p - 1);
                        if (close < 0)
                        {
                            MalformedLines++; // a '(' without its ')'
                            p = end;
                            break;
                        }
                        p = close + 3;
                        if (p >= end || buffer[close + 1] != 13 || buffer[close + 2] != 10 || buffer[p] <= ' ') p = SkipBlanks(buffer, close + 1, end);
                        if (p >= end || buffer[p] != '(') break;
                    }
                    continue;
                }
                int groups = 0;
                // p is at a '('; after each group, another follows at once or after blanks (a wrapped line), else p is at
                // the next line's first byte
                while (true)
                {
                    int close = System.Array.IndexOf(buffer, CloseParenthesis, p + 1, end - p - 1);
                    if (close < 0)
                    {
                        groups = 0;
                        p = end;
                        break;
                    }
                    if (groups < MaxValuesPerLine)
                    {
                        groupStart[groups] = (ushort)(p + 1);
                        groupLength[groups] = (ushort)(close - p - 1);
                        groups++;
                    }
                    else
                    {
                        set.Overflowed = true;
                    }
                    // the usual end of a line, CR LF and a byte that is no blank, without the call; else the blanks skipped
                    p = close + 3;
                    if (p >= end || buffer[close + 1] != 13 || buffer[close + 2] != 10 || buffer[p] <= ' ') p = SkipBlanks(buffer, close + 1, end);
                    if (p >= end || buffer[p] != '(') break;
                }
                if (groups == 0)
                {
                    set.DiscardReading();
                    MalformedLines++; // a '(' without its ')'
                    continue;
                }
                AddReading(buffer, code, groups, set);
            }
        }

        // The values of the reading just begun (ReadingSet.BeginReading) from its groups.
        private void AddReading(byte[] buffer, long code, int groups, ReadingSet set)
        {
            int c = (int)(code >> 24) & 0xFF, d = (int)(code >> 16) & 0xFF; // Obis.C, Obis.D without the calls
            // Values that are strings even when they look like numbers (DSMR 5.0.2 Table 6.x "Sn"): equipment identifiers
            // 0-n:96.1.x, text messages 0-0:96.13.x, the tariff indicator 0-0:96.14.0, versions 1-3:0.2.8/0.2.0, the
            // logical device name 0-0:42.0.0 (tested here, not in a method: one call less per line).
            bool text = (c == 96 && (d == 1 || d == 13 || d == 14)) || (c == 0 && d == 2) || (c == 42 && d == 0);
            bool gas22 = c == 24 && d == 3;
            int numbers = 0, timestamps = 0, lastNumber = -1, lastTimestamp = -1, first = -1, unitGroup = -1;
            for (int g = 0; g < groups; g++)
            {
                int s = _groupStart[g], len = _groupLength[g];
                // The value: empty, text, a timestamp, or the number, then what follows it: nothing, "*unit", or a unit
                // glued to it (early Fluvius firmware: 000123.456kWh, only when the rest is a known unit); else text.
                // Here rather than in a method of its own: one call less per value (an interpreter pays for each).
                int v, n;
                long utc, m;
                int e;
                if (len == 0) v = set.AddEmpty();
                else if (text) v = set.AddText(buffer, s, len, true);
                else if ((len == 13 || (gas22 && g == 0)) && DsmrTimestamp.TryParse(buffer, s, len, TrustDstFlag, out utc))
                    v = set.AddTimestamp(utc, buffer, s, len);
                else if ((n = FixedPoint.ParseLeading(buffer, s, len, out m, out e)) == len) v = set.AddNumber(m, e, buffer, s, 0);
                else if (n > 0 && buffer[s + n] == '*') v = set.AddNumber(m, e, buffer, s + n + 1, len - n - 1);
                else if (n > 0 && IsUnit(buffer, s + n, len - n)) v = set.AddNumber(m, e, buffer, s + n, len - n);
                else v = set.AddText(buffer, s, len, true);
                if (v < 0) break;
                if (first < 0) first = v;
                ValueKind kind = set.Kind[v];
                if (kind == ValueKind.Number) { numbers++; lastNumber = v; }
                else if (kind == ValueKind.Timestamp) { timestamps++; lastTimestamp = v; }
                else if (kind == ValueKind.Text && gas22 && IsUnit(buffer, s, len)) unitGroup = g;
            }
            int primary = -1, capture = -1;
            bool log = (c == 99 && d == 97) || (c == 98 && d == 1);
            if (!log)
            {
                if (gas22)
                {
                    // (capture time)(00)(60)(1)(0-1:24.2.1)(m3) CR LF (value): the value is the last number, its unit a group before it.
                    primary = lastNumber == first + set.ValueCount[set.ReadingCount - 1] - 1 ? lastNumber : -1;
                    capture = set.Kind[first] == ValueKind.Timestamp ? first : -1;
                    if (primary >= 0 && set.UnitLength[primary] == 0 && unitGroup >= 0)
                    {
                        set.SetUnit(primary, buffer, _groupStart[unitGroup], _groupLength[unitGroup]);
                    }
                }
                else
                {
                    if (numbers == 1) primary = lastNumber;
                    else if (numbers == 0 && groups == 1) primary = first;
                    if (numbers == 1 && timestamps == 1) capture = lastTimestamp;
                }
            }
            set.EndReading(primary, capture);
            if (code == TimestampObis)
            {
                _declaresCrc = true;
                if (first >= 0 && set.Kind[first] == ValueKind.Timestamp) set.FrameTime = set.Mantissa[first];
            }
            else if ((c == 0 || c == 96) && (code == VersionObis || code == EmucsVersionObis)) DeclaresCrcBy(buffer, _groupStart[0], code);
        }

        // A line of one of the codes of DeclaresCrc, its first value at s: marks the telegram as needing a CRC (a version
        // of 4x or above).
        private void DeclaresCrcBy(byte[] buffer, int s, long code)
        {
            int digit = buffer[s];
            if (code != VersionObis || (digit >= '4' && digit <= '9')) _declaresCrc = true;
        }

        private static bool IsUnit(byte[] buffer, int s, int len)
        {
            int scale;
            int code = Units.FromText(buffer, s, len, out scale);
            return code != Units.None && code != Units.Other;
        }

        // The first byte at or after p that is not a blank (CR, LF, space, tab, NUL), or end.
        private static int SkipBlanks(byte[] buffer, int p, int end)
        {
            for (; p < end; p++)
            {
                int b = buffer[p];
                if (b > ' ' || (b != 13 && b != 10 && b != ' ' && b != 9 && b != 0)) break; // most bytes are above the blanks: one test
            }
            return p;
        }

        private static int NextLine(byte[] buffer, int p, int end)
        {
            while (p < end && buffer[p] != 10) p++;
            return p;
        }
    }
}
