namespace MeterGateway.Readings
{
    /// <summary>
    /// The readings of one frame (a DSMR telegram, an IEC 62056-21 data readout, an SML file, an EKM read),
    /// in preallocated arrays that parsers fill in place: nothing is allocated per frame.
    /// <para>
    /// A <em>reading</em> is one OBIS line; it owns a run of <em>values</em> (<see cref="First"/>,
    /// <see cref="ValueCount"/>): one for most lines, several for multi-value lines such as the DSMR power
    /// failure log <c>1-0:99.97.0</c> or the M-Bus <c>0-n:24.2.1(capture time)(value)</c>. <see cref="Primary"/>
    /// names the value that is <em>the</em> measurement of the line (or -1), <see cref="CaptureTime"/> the
    /// value that timestamps it (or -1). Texts (values, units, the header) are copied into <see cref="Text"/>,
    /// so the set does not depend on the frame buffer once parsed.
    /// </para>
    /// <para>
    /// The arrays are as narrow as their ranges allow, as the set lives on the box's small heap (a DSMR/SML set of
    /// 96 readings, 144 values and 4 KB of text takes about 8 KB there): per reading 16 bytes (the OBIS code and four
    /// <see cref="short"/> indexes), per value 16 (the mantissa, four bytes of kind, exponent and unit, and a
    /// <see cref="ushort"/> offset and length of its characters in <see cref="Text"/>: a text's, or a number's unit).
    /// So a set holds at most <see cref="MaxItems"/> readings and as many values, and at most
    /// <see cref="MaxTextCapacity"/> bytes of text; a timestamp's UTC is kept in <see cref="Mantissa"/>
    /// (<see cref="TimeOf"/>).
    /// </para>
    /// <para>
    /// A set may keep only some OBIS codes (<see cref="KeepOnly"/>): the readings of other codes are skipped as they
    /// are begun and take no room, so a small set holds what a gateway publishes from a large readout.
    /// </para>
    /// </summary>
    public sealed class ReadingSet
    {
        /// <summary>Marks a time that is not known (no timestamp, or one that cannot be placed in UTC).</summary>
        public const long NoTime = long.MinValue;

        /// <summary>Most readings, and most values, a set can hold: their indexes are <see cref="short"/>s.</summary>
        public const int MaxItems = short.MaxValue;

        /// <summary>Most bytes of <see cref="Text"/> a set can hold: text offsets and lengths are <see cref="ushort"/>s.</summary>
        public const int MaxTextCapacity = ushort.MaxValue;

        /// <summary>OBIS code of each reading (<see cref="Obis"/>).</summary>
        public readonly long[] ObisCode;
        /// <summary>Index of the first value of each reading.</summary>
        public readonly short[] First;
        /// <summary>Number of values of each reading.</summary>
        public readonly short[] ValueCount;
        /// <summary>Value index of each reading's measurement, or -1 when it has none (a pure list or log).</summary>
        public readonly short[] Primary;
        /// <summary>Value index of each reading's capture time (a <see cref="ValueKind.Timestamp"/> value), or -1.</summary>
        public readonly short[] CaptureTime;

        /// <summary>Kind of each value.</summary>
        public readonly ValueKind[] Kind;
        /// <summary>
        /// Mantissa of each number: value = mantissa × 10^exponent; of each timestamp, its UTC in Unix seconds or
        /// <see cref="NoTime"/> (<see cref="TimeOf"/>); 0 for texts and empty values.
        /// </summary>
        public readonly long[] Mantissa;
        /// <summary>Decimal exponent of each number, as the meter wrote it (3 decimals → -3).</summary>
        public readonly sbyte[] Exponent;
        /// <summary>DLMS unit code of each number (<see cref="Units"/>), <see cref="Units.None"/> when it has no unit.</summary>
        public readonly byte[] UnitCode;
        /// <summary>Decimal scale of the unit text relative to the DLMS unit (kWh → 3, Wh → 0).</summary>
        public readonly sbyte[] UnitScale;
        /// <summary>
        /// Offset in <see cref="Text"/> of each number's unit as the meter wrote it. The same array as
        /// <see cref="TextOffset"/>: a value is a number or a text, never both, so one range of the text serves each.
        /// </summary>
        public readonly ushort[] UnitOffset;
        /// <summary>Length of each number's unit text (0 = no unit). The same array as <see cref="TextLength"/>.</summary>
        public readonly ushort[] UnitLength;
        /// <summary>Offset in <see cref="Text"/> of each text or timestamp value's characters (for a number: its unit's, <see cref="UnitOffset"/>).</summary>
        public readonly ushort[] TextOffset;
        /// <summary>Length of each text or timestamp value's characters (for a number: its unit's, <see cref="UnitLength"/>).</summary>
        public readonly ushort[] TextLength;

        /// <summary>Characters of texts, units and the header (UTF-8; meters send ASCII).</summary>
        public readonly byte[] Text;

        private int _readings;
        private int _values;
        private int _text;
        private int _open = -1;
        private IReadingFilter _filter;
        // Readings BeginReading takes without a second look: the capacity, or 0 with a filter, so that the push
        // protocols' per-line path pays one comparison for both the capacity and the filter.
        private int _limit;
        private readonly int _maxValues; // Kind.Length, read once per value

        /// <summary>Number of readings in the set.</summary>
        public int ReadingCount { get { return _readings; } }
        /// <summary>Number of values in the set (all readings).</summary>
        public int TotalValues { get { return _values; } }
        /// <summary>Bytes of <see cref="Text"/> in use.</summary>
        public int TextUsed { get { return _text; } }

        /// <summary>True when the frame had more readings, values or text than the set holds; what fitted is kept.</summary>
        public bool Overflowed;
        /// <summary>Offset in <see cref="Text"/> of the frame's identification (DSMR header without '/', IEC identification, SML server id).</summary>
        public int HeaderOffset;
        /// <summary>Length of the identification (0 = none).</summary>
        public int HeaderLength;
        /// <summary>The meter's time for the whole frame in Unix seconds UTC (DSMR <c>0-0:1.0.0</c>), or <see cref="NoTime"/>.</summary>
        public long FrameTime;

        /// <summary>A set sized for the largest frames in the corpus (Belgian DSMR telegrams of 3.5 KB, 4 KB SML files).</summary>
        public ReadingSet() : this(128, 512, 6144) { }

        /// <summary>
        /// A set holding up to <paramref name="maxReadings"/> lines, <paramref name="maxValues"/> values (each at most
        /// <see cref="MaxItems"/>) and <paramref name="textCapacity"/> bytes of text (at most <see cref="MaxTextCapacity"/>);
        /// larger sizes throw <see cref="System.ArgumentOutOfRangeException"/>.
        /// </summary>
        public ReadingSet(int maxReadings, int maxValues, int textCapacity)
        {
            if (maxReadings < 0 || maxReadings > MaxItems) throw new System.ArgumentOutOfRangeException("maxReadings");
            if (maxValues < 0 || maxValues > MaxItems) throw new System.ArgumentOutOfRangeException("maxValues");
            if (textCapacity < 0 || textCapacity > MaxTextCapacity) throw new System.ArgumentOutOfRangeException("textCapacity");
            ObisCode = new long[maxReadings];
            First = new short[maxReadings];
            ValueCount = new short[maxReadings];
            Primary = new short[maxReadings];
            CaptureTime = new short[maxReadings];
            Kind = new ValueKind[maxValues];
            Mantissa = new long[maxValues];
            Exponent = new sbyte[maxValues];
            UnitCode = new byte[maxValues];
            UnitScale = new sbyte[maxValues];
            TextOffset = new ushort[maxValues];
            TextLength = new ushort[maxValues];
            UnitOffset = TextOffset;
            UnitLength = TextLength;
            Text = new byte[textCapacity];
            _limit = maxReadings;
            _maxValues = maxValues;
            Clear();
        }

        /// <summary>Empties the set for the next frame.</summary>
        public void Clear()
        {
            ClearValues(0, _values);
            _readings = 0;
            _values = 0;
            _text = 0;
            _open = -1;
            Overflowed = false;
            HeaderOffset = 0;
            HeaderLength = 0;
            FrameTime = NoTime;
        }

        /// <summary>Copies the identification into the set.</summary>
        public void SetHeader(byte[] source, int offset, int count)
        {
            int at = CopyText(source, offset, count, false);
            if (at < 0) return;
            HeaderOffset = at;
            HeaderLength = _text - at;
        }

        /// <summary>
        /// From now on keeps only the readings whose code <paramref name="filter"/> keeps: <see cref="BeginReading"/> skips
        /// the others. Null keeps every reading (the default).
        /// </summary>
        public void KeepOnly(IReadingFilter filter)
        {
            _filter = filter;
            _limit = filter == null ? ObisCode.Length : 0;
        }

        /// <summary>True when the set keeps readings of <paramref name="obis"/> (<see cref="KeepOnly"/>; every code without a filter).</summary>
        public bool Keeps(long obis)
        {
            return _filter == null || _filter.Keeps(obis);
        }

        /// <summary>
        /// Starts a reading; returns its index, or -1 when its code is not kept (<see cref="KeepOnly"/>: the values the
        /// parser adds next are skipped too) or the set is full (then it sets <see cref="Overflowed"/>).
        /// </summary>
        public int BeginReading(long obis)
        {
            if (_readings >= _limit)
            {
                if (_filter != null && !_filter.Keeps(obis))
                {
                    _open = -1;
                    return -1;
                }
                if (_readings >= ObisCode.Length)
                {
                    Overflowed = true;
                    _open = -1;
                    return -1;
                }
            }
            int r = _readings++;
            ObisCode[r] = obis;
            First[r] = (short)_values;
            ValueCount[r] = 0;
            Primary[r] = -1;
            CaptureTime[r] = -1;
            _open = r;
            return r;
        }

        /// <summary>Removes the reading being built (a line that turned out malformed).</summary>
        public void DiscardReading()
        {
            if (_open < 0) return;
            ClearValues(First[_open], _values);
            _values = First[_open];
            _readings = _open;
            _open = -1;
        }

        // A new value of the open reading with its kind; its other fields are 0 (Units.None, no unit, no text):
        // values are zeroed when they are given up (Clear, DiscardReading), a few native clears per frame instead of
        // eight stores per value (an interpreter pays for each).
        private int NewValue(ValueKind kind)
        {
            if (_open < 0) return -1;
            int v = _values;
            if (v >= _maxValues)
            {
                Overflowed = true;
                return -1;
            }
            _values = v + 1;
            ValueCount[_open]++;
            Kind[v] = kind;
            return v;
        }

        // Zeroes the fields of values [from, to) that NewValue does not set.
        private void ClearValues(int from, int to)
        {
            int count = to - from;
            if (count <= 0) return;
            System.Array.Clear(Mantissa, from, count);
            System.Array.Clear(Exponent, from, count);
            System.Array.Clear(UnitCode, from, count);
            System.Array.Clear(UnitScale, from, count);
            System.Array.Clear(TextOffset, from, count);
            System.Array.Clear(TextLength, from, count);
        }

        /// <summary>
        /// Adds a number to the open reading with its unit text as written (may be empty); the DLMS code and
        /// scale are looked up in <see cref="Units"/>. Returns the value index or -1 when full.
        /// </summary>
        public int AddNumber(long mantissa, int exponent, byte[] unit, int unitOffset, int unitCount)
        {
            int v = NewValue(ValueKind.Number);
            if (v < 0) return -1;
            Mantissa[v] = mantissa;
            Exponent[v] = (sbyte)exponent;
            if (unitCount > 0) StoreUnit(v, unit, unitOffset, unitCount);
            return v;
        }

        /// <summary>
        /// Gives number <paramref name="value"/> the unit text <paramref name="unit"/> (as written; may be empty), with
        /// its DLMS code and scale from <see cref="Units"/>. Used when a unit arrives apart from its value (the DSMR 2.2
        /// gas line <c>…(m3)</c> CR LF <c>(00001.001)</c>). Nothing when <paramref name="value"/> is not a number.
        /// </summary>
        public void SetUnit(int value, byte[] unit, int unitOffset, int unitCount)
        {
            if (value < 0 || value >= _values || unitCount <= 0 || Kind[value] != ValueKind.Number) return;
            StoreUnit(value, unit, unitOffset, unitCount);
        }

        private void StoreUnit(int value, byte[] unit, int unitOffset, int unitCount)
        {
            int scale;
            UnitCode[value] = Units.FromText(unit, unitOffset, unitCount, out scale);
            UnitScale[value] = (sbyte)scale;
            int at = CopyText(unit, unitOffset, unitCount, false);
            if (at >= 0)
            {
                UnitOffset[value] = (ushort)at;
                UnitLength[value] = (ushort)unitCount;
            }
        }

        /// <summary>
        /// Adds a number whose unit is a DLMS unit code (SML, EKM); its symbol is stored as the unit text.
        /// Returns the value index or -1 when full.
        /// </summary>
        public int AddNumber(long mantissa, int exponent, byte unitCode)
        {
            int v = NewValue(ValueKind.Number);
            if (v < 0) return -1;
            Mantissa[v] = mantissa;
            Exponent[v] = (sbyte)exponent;
            UnitCode[v] = unitCode;
            int symbol;
            int length = Units.Symbol(unitCode, out symbol);
            if (length > 0)
            {
                int at = CopyText(Units.SymbolBytes, symbol, length, false);
                if (at >= 0)
                {
                    UnitOffset[v] = (ushort)at;
                    UnitLength[v] = (ushort)length;
                }
            }
            return v;
        }

        /// <summary>
        /// Adds a text value copied from <paramref name="source"/>; with <paramref name="skipLineBreaks"/> CR and LF
        /// are left out (DSMR text messages wrapped over several lines). Returns the value index or -1 when full.
        /// </summary>
        public int AddText(byte[] source, int offset, int count, bool skipLineBreaks)
        {
            int v = NewValue(ValueKind.Text);
            if (v < 0) return -1;
            int at = CopyText(source, offset, count, skipLineBreaks);
            if (at < 0)
            {
                Kind[v] = ValueKind.Empty;
                return v;
            }
            TextOffset[v] = (ushort)at;
            TextLength[v] = (ushort)(_text - at);
            return v;
        }

        /// <summary>
        /// Adds a timestamp: the meter's characters and the UTC (Unix seconds) or <see cref="NoTime"/>, kept in
        /// <see cref="Mantissa"/>. Returns the value index or -1 when full.
        /// </summary>
        public int AddTimestamp(long utc, byte[] source, int offset, int count)
        {
            int v = NewValue(ValueKind.Timestamp);
            if (v < 0) return -1;
            Mantissa[v] = utc;
            int at = CopyText(source, offset, count, false);
            if (at >= 0)
            {
                TextOffset[v] = (ushort)at;
                TextLength[v] = (ushort)count;
            }
            return v;
        }

        /// <summary>The UTC (Unix seconds) of value <paramref name="value"/> when it is a timestamp that has one, else <see cref="NoTime"/>.</summary>
        public long TimeOf(int value)
        {
            return Kind[value] == ValueKind.Timestamp ? Mantissa[value] : NoTime;
        }

        /// <summary>Adds an empty value <c>()</c>.</summary>
        public int AddEmpty()
        {
            return NewValue(ValueKind.Empty);
        }

        /// <summary>
        /// Marks which values of the open reading are its measurement and its capture time (-1 for none) and closes the
        /// reading (one call: a parser's per-line path, and an interpreter pays for each call). Nothing when no reading is open.
        /// </summary>
        public void EndReading(int primary, int captureTime)
        {
            int r = _open;
            if (r < 0) return;
            Primary[r] = (short)primary;
            CaptureTime[r] = (short)captureTime;
            _open = -1;
        }

        /// <summary>
        /// Keeps only the readings whose OBIS code is among the first <paramref name="count"/> of <paramref name="codes"/>,
        /// in their order (a selection list, seeds/004's ObisSelected); their values stay where they are. Allocates nothing.
        /// </summary>
        public void Retain(long[] codes, int count)
        {
            int kept = 0;
            for (int r = 0; r < _readings; r++)
            {
                bool wanted = false;
                for (int i = 0; i < count && !wanted; i++) wanted = codes[i] == ObisCode[r];
                if (!wanted) continue;
                ObisCode[kept] = ObisCode[r];
                First[kept] = First[r];
                ValueCount[kept] = ValueCount[r];
                Primary[kept] = Primary[r];
                CaptureTime[kept] = CaptureTime[r];
                kept++;
            }
            _readings = kept;
            _open = -1;
        }

        /// <summary>Index of the first reading with this OBIS code, or -1.</summary>
        public int Find(long obis)
        {
            for (int r = 0; r < _readings; r++)
            {
                if (ObisCode[r] == obis) return r;
            }
            return -1;
        }

        /// <summary>The text of a value or the header (allocates; for tools and tests).</summary>
        public string GetText(int offset, int length)
        {
            return Ascii.ToString(Text, offset, length);
        }

        private static readonly object CarriageReturn = (byte)13;
        private static readonly object LineFeed = (byte)10;

        private int CopyText(byte[] source, int offset, int count, bool skipLineBreaks)
        {
            if (_text + count > Text.Length)
            {
                Overflowed = true;
                return -1;
            }
            int at = _text;
            // Texts rarely hold a line break: look for one natively (Array.IndexOf on a boxed byte) before copying byte by byte.
            if (!skipLineBreaks || (System.Array.IndexOf(source, LineFeed, offset, count) < 0
                && System.Array.IndexOf(source, CarriageReturn, offset, count) < 0))
            {
                System.Array.Copy(source, offset, Text, at, count);
                _text = at + count;
                return at;
            }
            byte[] text = Text;
            int n = at;
            for (int i = offset, end = offset + count; i < end; i++)
            {
                byte b = source[i];
                if (b != 13 && b != 10) text[n++] = b;
            }
            _text = n;
            return at;
        }
    }
}
