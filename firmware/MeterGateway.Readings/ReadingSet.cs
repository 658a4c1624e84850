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
    /// </summary>
    public sealed class ReadingSet
    {
        /// <summary>Marks a time that is not known (no timestamp, or one that cannot be placed in UTC).</summary>
        public const long NoTime = long.MinValue;

        /// <summary>OBIS code of each reading (<see cref="Obis"/>).</summary>
        public readonly long[] ObisCode;
        /// <summary>Index of the first value of each reading.</summary>
        public readonly int[] First;
        /// <summary>Number of values of each reading.</summary>
        public readonly int[] ValueCount;
        /// <summary>Value index of each reading's measurement, or -1 when it has none (a pure list or log).</summary>
        public readonly int[] Primary;
        /// <summary>Value index of each reading's capture time, or -1.</summary>
        public readonly int[] CaptureTime;

        /// <summary>Kind of each value.</summary>
        public readonly ValueKind[] Kind;
        /// <summary>Mantissa of each number: value = mantissa × 10^exponent.</summary>
        public readonly long[] Mantissa;
        /// <summary>Decimal exponent of each number, as the meter wrote it (3 decimals → -3).</summary>
        public readonly sbyte[] Exponent;
        /// <summary>DLMS unit code of each number (<see cref="Units"/>), <see cref="Units.None"/> when it has no unit.</summary>
        public readonly byte[] UnitCode;
        /// <summary>Decimal scale of the unit text relative to the DLMS unit (kWh → 3, Wh → 0).</summary>
        public readonly sbyte[] UnitScale;
        /// <summary>Offset in <see cref="Text"/> of each number's unit as the meter wrote it.</summary>
        public readonly int[] UnitOffset;
        /// <summary>Length of each number's unit text (0 = no unit).</summary>
        public readonly int[] UnitLength;
        /// <summary>Offset in <see cref="Text"/> of each text or timestamp value's characters.</summary>
        public readonly int[] TextOffset;
        /// <summary>Length of each text or timestamp value's characters.</summary>
        public readonly int[] TextLength;
        /// <summary>UTC of each timestamp value in Unix seconds, or <see cref="NoTime"/>.</summary>
        public readonly long[] Time;

        /// <summary>Characters of texts, units and the header (UTF-8; meters send ASCII).</summary>
        public readonly byte[] Text;

        private int _readings;
        private int _values;
        private int _text;
        private int _open = -1;

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

        /// <summary>A set holding up to <paramref name="maxReadings"/> lines, <paramref name="maxValues"/> values and <paramref name="textCapacity"/> bytes of text.</summary>
        public ReadingSet(int maxReadings, int maxValues, int textCapacity)
        {
            ObisCode = new long[maxReadings];
            First = new int[maxReadings];
            ValueCount = new int[maxReadings];
            Primary = new int[maxReadings];
            CaptureTime = new int[maxReadings];
            Kind = new ValueKind[maxValues];
            Mantissa = new long[maxValues];
            Exponent = new sbyte[maxValues];
            UnitCode = new byte[maxValues];
            UnitScale = new sbyte[maxValues];
            UnitOffset = new int[maxValues];
            UnitLength = new int[maxValues];
            TextOffset = new int[maxValues];
            TextLength = new int[maxValues];
            Time = new long[maxValues];
            Text = new byte[textCapacity];
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

        /// <summary>Starts a reading; returns its index, or -1 (and sets <see cref="Overflowed"/>) when the set is full.</summary>
        public int BeginReading(long obis)
        {
            if (_readings >= ObisCode.Length)
            {
                Overflowed = true;
                _open = -1;
                return -1;
            }
            int r = _readings++;
            ObisCode[r] = obis;
            First[r] = _values;
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

        // A new value of the open reading with its kind and time; its other fields are 0 (Units.None, no unit, no text):
        // values are zeroed when they are given up (Clear, DiscardReading), a few native clears per frame instead of
        // eight stores per value (an interpreter pays for each).
        private int NewValue(ValueKind kind, long time)
        {
            if (_open < 0) return -1;
            int v = _values;
            if (v >= Kind.Length)
            {
                Overflowed = true;
                return -1;
            }
            _values = v + 1;
            ValueCount[_open]++;
            Kind[v] = kind;
            Time[v] = time;
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
            System.Array.Clear(UnitOffset, from, count);
            System.Array.Clear(UnitLength, from, count);
            System.Array.Clear(TextOffset, from, count);
            System.Array.Clear(TextLength, from, count);
        }

        /// <summary>
        /// Adds a number to the open reading with its unit text as written (may be empty); the DLMS code and
        /// scale are looked up in <see cref="Units"/>. Returns the value index or -1 when full.
        /// </summary>
        public int AddNumber(long mantissa, int exponent, byte[] unit, int unitOffset, int unitCount)
        {
            int v = NewValue(ValueKind.Number, NoTime);
            if (v < 0) return -1;
            Mantissa[v] = mantissa;
            Exponent[v] = (sbyte)exponent;
            if (unitCount > 0) StoreUnit(v, unit, unitOffset, unitCount);
            return v;
        }

        /// <summary>
        /// Gives number <paramref name="value"/> the unit text <paramref name="unit"/> (as written; may be empty), with
        /// its DLMS code and scale from <see cref="Units"/>. Used when a unit arrives apart from its value (the DSMR 2.2
        /// gas line <c>…(m3)</c> CR LF <c>(00001.001)</c>).
        /// </summary>
        public void SetUnit(int value, byte[] unit, int unitOffset, int unitCount)
        {
            if (value < 0 || value >= _values || unitCount <= 0) return;
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
                UnitOffset[value] = at;
                UnitLength[value] = unitCount;
            }
        }

        /// <summary>
        /// Adds a number whose unit is a DLMS unit code (SML, EKM); its symbol is stored as the unit text.
        /// Returns the value index or -1 when full.
        /// </summary>
        public int AddNumber(long mantissa, int exponent, byte unitCode)
        {
            int v = NewValue(ValueKind.Number, NoTime);
            if (v < 0) return -1;
            Mantissa[v] = mantissa;
            Exponent[v] = (sbyte)exponent;
            UnitCode[v] = unitCode;
            byte[] symbol = Units.Symbol(unitCode);
            if (symbol.Length > 0)
            {
                int at = CopyText(symbol, 0, symbol.Length, false);
                if (at >= 0)
                {
                    UnitOffset[v] = at;
                    UnitLength[v] = symbol.Length;
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
            int v = NewValue(ValueKind.Text, NoTime);
            if (v < 0) return -1;
            int at = CopyText(source, offset, count, skipLineBreaks);
            if (at < 0)
            {
                Kind[v] = ValueKind.Empty;
                return v;
            }
            TextOffset[v] = at;
            TextLength[v] = _text - at;
            return v;
        }

        /// <summary>Adds a timestamp: the meter's characters and the UTC (Unix seconds) or <see cref="NoTime"/>.</summary>
        public int AddTimestamp(long utc, byte[] source, int offset, int count)
        {
            int v = NewValue(ValueKind.Timestamp, utc);
            if (v < 0) return -1;
            int at = CopyText(source, offset, count, false);
            if (at >= 0)
            {
                TextOffset[v] = at;
                TextLength[v] = count;
            }
            return v;
        }

        /// <summary>Adds an empty value <c>()</c>.</summary>
        public int AddEmpty()
        {
            return NewValue(ValueKind.Empty, NoTime);
        }

        /// <summary>
        /// Marks which values of the open reading are its measurement and its capture time (-1 for none) and closes the
        /// reading (one call: a parser's per-line path, and an interpreter pays for each call). Nothing when no reading is open.
        /// </summary>
        public void EndReading(int primary, int captureTime)
        {
            int r = _open;
            if (r < 0) return;
            Primary[r] = primary;
            CaptureTime[r] = captureTime;
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
