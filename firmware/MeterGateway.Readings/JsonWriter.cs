namespace MeterGateway.Readings
{
    /// <summary>
    /// Writes JSON (RFC 8259) into a preallocated byte buffer without allocating (but once, when first needed, a small
    /// array in which a token is formatted aside, see below). When the buffer is too small the
    /// writer stops writing and sets <see cref="Overflowed"/>; callers size the buffer for their largest document.
    /// Strings are escaped; bytes that are not valid UTF-8 are written as <c>\u00XX</c> (read as Latin-1).
    /// A writer can also only measure a document (<see cref="Measure"/>), so that it can then be written into an array
    /// of its exact length: a number, decimal, OBIS code or time takes exactly its bytes at the end of the room (it is
    /// formatted aside when the room is short of its longest form), so a document fits an array of the length it measured.
    /// </summary>
    public sealed class JsonWriter
    {
        private byte[] _buffer;
        private int _start;
        private int _position;
        private int _end; // where writing stops: the buffer's end, or the room while measuring
        private int _room; // the document's room from Start: Room counts against it
        private byte[] _aside; // a token formatted aside (at the end of the room, or while measuring), made when first needed

        /// <summary>True when something did not fit.</summary>
        public bool Overflowed;

        /// <summary>The buffer written into; null while measuring (<see cref="Measure"/>).</summary>
        public byte[] Buffer { get { return _buffer; } }
        /// <summary>Where the document starts.</summary>
        public int Start { get { return _start; } }
        /// <summary>Bytes written (or measured) since <see cref="Reset(byte[], int)"/> or <see cref="Measure"/>.</summary>
        public int Length { get { return _position - _start; } }

        /// <summary>
        /// Bytes left of the document's room: the buffer's (the room <see cref="Measure"/> or
        /// <see cref="Reset(byte[], int, int)"/> was given).
        /// </summary>
        public int Room { get { return _start + _room - _position; } }

        /// <summary>
        /// Goes back to the first <paramref name="length"/> bytes of the document, dropping what came after (a part that
        /// did not fit), and clears <see cref="Overflowed"/>: for a part begun when nothing had overflowed.
        /// </summary>
        public void Truncate(int length)
        {
            _position = _start + length;
            Overflowed = false;
        }

        /// <summary>A writer over a new buffer of <paramref name="capacity"/> bytes.</summary>
        public JsonWriter(int capacity)
        {
            Reset(new byte[capacity], 0);
        }

        /// <summary>Starts a new document at <paramref name="offset"/> in <paramref name="buffer"/>.</summary>
        public void Reset(byte[] buffer, int offset)
        {
            Reset(buffer, offset, buffer.Length - offset);
        }

        /// <summary>
        /// Starts a new document at <paramref name="offset"/> in <paramref name="buffer"/> that is given
        /// <paramref name="room"/> bytes (<see cref="Room"/> counts against them) while the buffer holds only what a
        /// measuring of the same room found (<see cref="Measure"/>): so that a writer that decides by <see cref="Room"/>
        /// what goes in (a list cut where it would not fit) writes the same document it measured. Bytes past the buffer
        /// overflow.
        /// </summary>
        public void Reset(byte[] buffer, int offset, int room)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _end = buffer.Length < offset + room ? buffer.Length : offset + room;
            _room = room;
            Overflowed = false;
        }

        /// <summary>Starts a new document in the same buffer with the same room (after <see cref="Measure"/>: measures again).</summary>
        public void Reset()
        {
            if (_buffer == null) Measure(_room);
            else Reset(_buffer, _start, _room);
        }

        /// <summary>
        /// Starts a document that is only measured, not kept: what is written counts in <see cref="Length"/> as if a
        /// buffer of <paramref name="room"/> bytes held it (<see cref="Room"/>, <see cref="Overflowed"/> and
        /// <see cref="Truncate"/> as with that buffer), and <see cref="Buffer"/> is null. Written again into an array of
        /// the <see cref="Length"/> it measured with the same room (<see cref="Reset(byte[], int, int)"/>), the same
        /// calls fit it exactly.
        /// </summary>
        public void Measure(int room)
        {
            _buffer = null;
            _start = 0;
            _position = 0;
            _end = room;
            _room = room;
            Overflowed = false;
        }

        /// <summary>Writes one byte (structure: <c>{ } [ ] , :</c>).</summary>
        public void Raw(char c)
        {
            Byte(c);
        }

        /// <summary>Writes ASCII text as is (keys, literals, numbers already formatted).</summary>
        public void Raw(string ascii)
        {
            if (_position + ascii.Length > _end) { Overflowed = true; return; }
            if (_buffer != null) Ascii.Write(ascii, _buffer, _position);
            _position += ascii.Length;
        }

        /// <summary>Writes <c>"name":</c>, preceded by a comma unless <paramref name="first"/>.</summary>
        public void Name(string name, bool first)
        {
            if (!first) Raw(',');
            Raw('"');
            Raw(name);
            Raw('"');
            Raw(':');
        }

        // Room each token takes at most: an integer (Ascii.WriteInt), an OBIS code and a time in quotes, a decimal
        // without its exponent's digits.
        private const int NumberRoom = 20;
        private const int ObisRoom = 26;
        private const int TimeRoom = 22;
        private const int DecimalRoom = 24;

        /// <summary>Writes an integer.</summary>
        public void Number(long value)
        {
            if (Fits(NumberRoom)) _position += Ascii.WriteInt(value, _buffer, _position);
            else Put(Ascii.WriteInt(value, Aside(NumberRoom), 0));
        }

        /// <summary>Writes an exact fixed-point number (mantissa × 10^exponent) with the digits the exponent implies.</summary>
        public void Decimal(long mantissa, int exponent)
        {
            int room = DecimalRoom + (exponent < 0 ? -exponent : exponent);
            if (Fits(room)) _position += FixedPoint.Format(mantissa, exponent, _buffer, _position);
            else Put(FixedPoint.Format(mantissa, exponent, Aside(room), 0));
        }

        /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
        public void Bool(bool value)
        {
            Raw(value ? "true" : "false");
        }

        /// <summary>Writes an OBIS code as a string, <c>"1-0:1.8.1"</c> (<see cref="Readings.Obis.Format"/>).</summary>
        public void Obis(long code)
        {
            Quoted(code, false, ObisRoom);
        }

        /// <summary>Writes a UTC time as an ISO 8601 string, <c>"2016-11-13T19:57:57Z"</c>.</summary>
        public void Time(long unixSeconds)
        {
            Quoted(unixSeconds, true, TimeRoom);
        }

        // An OBIS code or a time (isTime) in quotes, formatted in place or aside (up to room bytes).
        private void Quoted(long value, bool isTime, int room)
        {
            bool fits = Fits(room);
            byte[] into = fits ? _buffer : Aside(room);
            int p = fits ? _position : 0;
            into[p] = (byte)'"';
            int n = (isTime ? UnixTime.FormatIso(value, into, p + 1) : Readings.Obis.Format(value, into, p + 1)) + 2;
            into[p + n - 1] = (byte)'"';
            if (fits) _position += n;
            else Put(n);
        }

        /// <summary>Writes a string (escaped), or <c>null</c> when <paramref name="text"/> is null.</summary>
        public void String(string text)
        {
            if (text == null) { Raw("null"); return; }
            Raw('"');
            for (int i = 0; i < text.Length; i++)
            {
                int c = text[i];
                if (c < 0x80) EscapedByte(c);
                else if (c < 0x800) { Byte(0xC0 | (c >> 6)); Byte(0x80 | (c & 0x3F)); }
                else { Byte(0xE0 | (c >> 12)); Byte(0x80 | ((c >> 6) & 0x3F)); Byte(0x80 | (c & 0x3F)); }
            }
            Raw('"');
        }

        /// <summary>Writes bytes as a string, escaped; valid UTF-8 sequences pass through, other high bytes become <c>\u00XX</c>.</summary>
        public void String(byte[] text, int offset, int count)
        {
            Raw('"');
            int end = offset + count;
            int i = offset;
            while (i < end)
            {
                int b = text[i];
                if (b < 0x80) { EscapedByte(b); i++; continue; }
                int n = b >= 0xF0 && b < 0xF8 ? 4 : b >= 0xE0 ? 3 : b >= 0xC2 && b < 0xE0 ? 2 : 0;
                bool valid = n > 0 && i + n <= end;
                for (int k = 1; valid && k < n; k++) valid = (text[i + k] & 0xC0) == 0x80;
                if (valid)
                {
                    for (int k = 0; k < n; k++) Byte(text[i + k]);
                    i += n;
                }
                else
                {
                    Unicode(b);
                    i++;
                }
            }
            Raw('"');
        }

        private void EscapedByte(int b)
        {
            switch (b)
            {
                case '"': Byte('\\'); Byte('"'); return;
                case '\\': Byte('\\'); Byte('\\'); return;
                case '\n': Byte('\\'); Byte('n'); return;
                case '\r': Byte('\\'); Byte('r'); return;
                case '\t': Byte('\\'); Byte('t'); return;
            }
            if (b < 0x20 || b == 0x7F) Unicode(b);
            else Byte(b);
        }

        private void Unicode(int b)
        {
            Byte('\\'); Byte('u'); Byte('0'); Byte('0');
            Byte(Ascii.HexDigit(b >> 4));
            Byte(Ascii.HexDigit(b));
        }

        private void Byte(int b)
        {
            if (_position >= _end) { Overflowed = true; return; }
            if (_buffer != null) _buffer[_position] = (byte)b;
            _position++;
        }

        // True when a token of up to room bytes can be formatted in place: a buffer with that room left.
        private bool Fits(int room)
        {
            return _buffer != null && _position + room <= _end;
        }

        // The array a token is formatted in when it does not fit in place, at least room bytes.
        private byte[] Aside(int room)
        {
            if (_aside == null || _aside.Length < room) _aside = new byte[room < ObisRoom ? ObisRoom : room];
            return _aside;
        }

        // Writes the first count bytes formatted aside, when they fit.
        private void Put(int count)
        {
            if (_position + count > _end) { Overflowed = true; return; }
            if (_buffer != null) System.Array.Copy(_aside, 0, _buffer, _position, count);
            _position += count;
        }
    }
}
