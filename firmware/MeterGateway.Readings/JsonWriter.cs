namespace MeterGateway.Readings
{
    /// <summary>
    /// Writes JSON (RFC 8259) into a preallocated byte buffer without allocating. When the buffer is too small the
    /// writer stops writing and sets <see cref="Overflowed"/>; callers size the buffer for their largest document.
    /// Strings are escaped; bytes that are not valid UTF-8 are written as <c>\u00XX</c> (read as Latin-1).
    /// </summary>
    public sealed class JsonWriter
    {
        private byte[] _buffer;
        private int _start;
        private int _position;

        /// <summary>True when something did not fit.</summary>
        public bool Overflowed;

        /// <summary>The buffer written into.</summary>
        public byte[] Buffer { get { return _buffer; } }
        /// <summary>Where the document starts.</summary>
        public int Start { get { return _start; } }
        /// <summary>Bytes written since <see cref="Reset(byte[], int)"/>.</summary>
        public int Length { get { return _position - _start; } }

        /// <summary>Bytes left in the buffer.</summary>
        public int Room { get { return _buffer.Length - _position; } }

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
            _buffer = buffer;
            _start = offset;
            _position = offset;
            Overflowed = false;
        }

        /// <summary>Starts a new document in the same buffer.</summary>
        public void Reset()
        {
            Reset(_buffer, _start);
        }

        /// <summary>Writes one byte (structure: <c>{ } [ ] , :</c>).</summary>
        public void Raw(char c)
        {
            if (_position >= _buffer.Length) { Overflowed = true; return; }
            _buffer[_position++] = (byte)c;
        }

        /// <summary>Writes ASCII text as is (keys, literals, numbers already formatted).</summary>
        public void Raw(string ascii)
        {
            if (_position + ascii.Length > _buffer.Length) { Overflowed = true; return; }
            _position += Ascii.Write(ascii, _buffer, _position);
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

        /// <summary>Writes an integer.</summary>
        public void Number(long value)
        {
            if (_position + 20 > _buffer.Length) { Overflowed = true; return; }
            _position += Ascii.WriteInt(value, _buffer, _position);
        }

        /// <summary>Writes an exact fixed-point number (mantissa × 10^exponent) with the digits the exponent implies.</summary>
        public void Decimal(long mantissa, int exponent)
        {
            int room = 24 + (exponent < 0 ? -exponent : exponent);
            if (_position + room > _buffer.Length) { Overflowed = true; return; }
            _position += FixedPoint.Format(mantissa, exponent, _buffer, _position);
        }

        /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
        public void Bool(bool value)
        {
            Raw(value ? "true" : "false");
        }

        /// <summary>Writes an OBIS code as a string, <c>"1-0:1.8.1"</c> (<see cref="Readings.Obis.Format"/>).</summary>
        public void Obis(long code)
        {
            if (_position + 26 > _buffer.Length) { Overflowed = true; return; }
            _buffer[_position++] = (byte)'"';
            _position += Readings.Obis.Format(code, _buffer, _position);
            _buffer[_position++] = (byte)'"';
        }

        /// <summary>Writes a UTC time as an ISO 8601 string, <c>"2016-11-13T19:57:57Z"</c>.</summary>
        public void Time(long unixSeconds)
        {
            if (_position + 22 > _buffer.Length) { Overflowed = true; return; }
            _buffer[_position++] = (byte)'"';
            _position += UnixTime.FormatIso(unixSeconds, _buffer, _position);
            _buffer[_position++] = (byte)'"';
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
            if (_position + 2 > _buffer.Length) { Overflowed = true; return; }
            Ascii.WriteHex2(b, _buffer, _position);
            _position += 2;
        }

        private void Byte(int b)
        {
            if (_position >= _buffer.Length) { Overflowed = true; return; }
            _buffer[_position++] = (byte)b;
        }
    }
}
