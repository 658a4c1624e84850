using MeterGateway.Readings;

namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// Parses the data block of an IEC 62056-21 data message in place into a <see cref="ReadingSet"/> (IEC 62056-21
    /// §6.3.5–6.3.8; pwitab/iec62056-21 @ 09d9acfa <c>messages.py</c>; Apollon77/smartmeter-obis @ e06eec5c
    /// <c>lib/protocols/D0Protocol.js</c>). Each data set <c>address(value)</c> becomes one reading:
    /// <list type="bullet">
    /// <item>Data sets one per line or several on one line (<c>6.8(0029.055*MWh)6.26(01589.28*m3)</c>); the block ends
    /// at its end or at the <c>!</c> that closes a readout.</item>
    /// <item>The address becomes an OBIS code by <see cref="Iec62056Address"/> (missing A = <see cref="Medium"/>);
    /// a data set without address, as a programming-mode answer <c>(0000285.4*kWh)</c>, takes the code it was asked
    /// for.</item>
    /// <item>Several values: <c>(v1)(v2)</c>, and sub-values separated by <c>&amp;</c> (<c>9.4(088*C&amp;082*C)</c>,
    /// heat meters) or <c>#</c> (<c>0.2.0(V01.69#EEA3546C)</c>, split as smartmeter-obis does); each becomes one value.</item>
    /// <item>A value is a number when its digits (spaces around them ignored: <c>(  80*Deg)</c>) parse as
    /// <see cref="FixedPoint"/>, with the unit after <c>*</c> as written; otherwise text as written (<c>F.F</c>
    /// registers like <c>(00000000)</c> are numbers); <c>()</c> is an empty value.</item>
    /// <item>Roles: the measurement is the first number (<c>1.6.0(02.468*kW)(1703100930)</c> → 2.468 kW), or the only
    /// value; no capture time (IEC 62056-21 does not define a time format).</item>
    /// </list>
    /// A data set the grammar does not allow (unknown address characters, an unclosed parenthesis, text without
    /// parentheses) is skipped and counted in <see cref="MalformedDataSets"/>. Allocates nothing.
    /// </summary>
    public sealed class Iec62056Parser
    {
        /// <summary>Value group A for addresses without one (1 electricity; 6 for heat meters).</summary>
        public int Medium = Iec62056Address.Electricity;

        /// <summary>Data sets of the last parse that were skipped as malformed.</summary>
        public int MalformedDataSets { get; private set; }

        /// <summary>
        /// Parses the data sets in <paramref name="count"/> bytes at <paramref name="offset"/> (the block without STX,
        /// ETX and BCC) and appends them to <paramref name="set"/> (it is not cleared). A data set without address gets
        /// <paramref name="bareCode"/>, or is malformed when that is <see cref="Obis.None"/>. Returns the number of
        /// readings added.
        /// </summary>
        public int Parse(byte[] buffer, int offset, int count, long bareCode, ReadingSet set)
        {
            MalformedDataSets = 0;
            int added = 0;
            int p = offset, end = offset + count;
            int addressStart, groupsStart;
            int found;
            while ((found = NextDataSet(buffer, ref p, end, out addressStart, out groupsStart)) != EndOfBlock)
            {
                long code = bareCode;
                bool ok = found == DataSet && (groupsStart == addressStart
                    ? bareCode != Obis.None
                    : Iec62056Address.TryParse(buffer, addressStart, groupsStart - addressStart, Medium, out code));
                if (!ok) MalformedDataSets++;
                else if (AddReading(buffer, groupsStart, p, code, set)) added++;
            }
            return added;
        }

        /// <summary>
        /// Finds the first data set whose address is OBIS <paramref name="code"/> (addresses without A take
        /// <paramref name="medium"/>) in the block at <paramref name="offset"/>; gives the offset and length of the whole
        /// data set, address and parenthesised values (<c>1.8.0(000285.4*kWh)</c>). False when there is none.
        /// </summary>
        public static bool Find(byte[] buffer, int offset, int count, long code, int medium, out int start, out int length)
        {
            int p = offset, end = offset + count;
            int addressStart, groupsStart;
            int found;
            while ((found = NextDataSet(buffer, ref p, end, out addressStart, out groupsStart)) != EndOfBlock)
            {
                long at;
                if (found == DataSet && groupsStart > addressStart
                    && Iec62056Address.TryParse(buffer, addressStart, groupsStart - addressStart, medium, out at) && at == code)
                {
                    start = addressStart;
                    length = p - addressStart;
                    return true;
                }
            }
            start = 0;
            length = 0;
            return false;
        }

        private const int EndOfBlock = 0, DataSet = 1, Malformed = 2;

        // Steps over the next data set from p: its address runs from addressStart to groupsStart (the first '('), its
        // values from groupsStart to the new p. Returns EndOfBlock at the end or at '!', Malformed (p past it) for a line
        // that is not a data set or a parenthesis not closed on its line.
        private static int NextDataSet(byte[] buffer, ref int p, int end, out int addressStart, out int groupsStart)
        {
            while (p < end && IsBlank(buffer[p])) p++;
            addressStart = p;
            groupsStart = p;
            if (p >= end || buffer[p] == Iec62056Characters.End) return EndOfBlock;
            while (p < end && buffer[p] != '(' && buffer[p] != Iec62056Characters.Cr && buffer[p] != Iec62056Characters.Lf) p++;
            if (p >= end || buffer[p] != '(') return Malformed;
            groupsStart = p;
            int groupsEnd = SkipGroups(buffer, p, end);
            if (groupsEnd < 0)
            {
                p = NextLine(buffer, p, end);
                return Malformed;
            }
            p = groupsEnd;
            return DataSet;
        }

        // Returns the end of a run of "(…)(…)" groups starting at '(' at p, or -1 when a group is not closed on its line.
        private static int SkipGroups(byte[] buffer, int p, int end)
        {
            while (p < end && buffer[p] == '(')
            {
                int close = p + 1;
                while (close < end && buffer[close] != ')' && buffer[close] != '(' && buffer[close] != Iec62056Characters.Lf) close++;
                if (close >= end || buffer[close] != ')') return -1;
                p = close + 1;
            }
            return p;
        }

        private static bool AddReading(byte[] buffer, int p, int end, long code, ReadingSet set)
        {
            if (set.BeginReading(code) < 0) return false;
            int firstNumber = -1, first = -1, values = 0;
            while (p < end)
            {
                int close = p + 1;
                while (buffer[close] != ')') close++;
                int s = p + 1;
                while (true)
                {
                    int stop = s;
                    while (stop < close && buffer[stop] != '&' && buffer[stop] != '#') stop++;
                    int v = AddValue(buffer, s, stop - s, set);
                    if (v >= 0)
                    {
                        values++;
                        if (first < 0) first = v;
                        if (firstNumber < 0 && set.Kind[v] == ValueKind.Number) firstNumber = v;
                    }
                    if (stop >= close) break;
                    s = stop + 1;
                }
                p = close + 1;
            }
            int primary = firstNumber;
            if (primary < 0 && values == 1 && set.Kind[first] != ValueKind.Empty) primary = first;
            set.EndReading(primary, -1);
            return true;
        }

        private static int AddValue(byte[] buffer, int s, int len, ReadingSet set)
        {
            if (len == 0) return set.AddEmpty();
            int star = s;
            while (star < s + len && buffer[star] != '*') star++;
            int a = s, b = star;
            while (a < b && buffer[a] == ' ') a++;
            while (b > a && buffer[b - 1] == ' ') b--;
            long mantissa;
            int exponent;
            if (FixedPoint.TryParse(buffer, a, b - a, out mantissa, out exponent))
            {
                int u = star + 1, uEnd = s + len;
                if (star >= s + len) u = uEnd;
                while (u < uEnd && buffer[u] == ' ') u++;
                while (uEnd > u && buffer[uEnd - 1] == ' ') uEnd--;
                return set.AddNumber(mantissa, exponent, buffer, u, uEnd - u);
            }
            return set.AddText(buffer, s, len, false);
        }

        private static bool IsBlank(int b)
        {
            return b == Iec62056Characters.Cr || b == Iec62056Characters.Lf || b == ' ' || b == '\t';
        }

        private static int NextLine(byte[] buffer, int p, int end)
        {
            while (p < end && buffer[p] != Iec62056Characters.Lf) p++;
            return p < end ? p + 1 : end;
        }
    }
}
