namespace MeterGateway.Protocols.Sml
{
    /// <summary>
    /// Reads SML fields (SML 1.04 §6.3: type-length field + data) from a byte range, one at a time, in place.
    /// <para>
    /// A TL byte is <c>m ttt llll</c>: bit 7 = another TL byte follows (its low nibble continues the length,
    /// big-endian), bits 6..4 = type (<see cref="SmlType"/>), bits 3..0 = length. For scalars the length counts
    /// the TL bytes too (<c>65</c> = unsigned with 4 data bytes, <c>01</c> = empty octet string = absent optional
    /// field); for lists it is the number of elements (<c>77</c> = list of 7). <c>00</c> is endOfSmlMsg.
    /// Source: volkszaehler/libsml @ dc096b40b0c0b90c7def374e92a9d186ed276c30 <c>sml_shared.c</c>
    /// (<c>sml_buf_get_next_length</c>); PROTOCOLS.md §3.
    /// </para>
    /// <para>
    /// Lengths that lie are caught before they are used: a scalar whose data would run past the end, a list
    /// with more elements than bytes left, a TL of more than <see cref="MaxTlBytes"/> bytes, or an unknown type
    /// make <see cref="Read"/> return false. Nothing is allocated; skipping nested lists is iterative, so no
    /// nesting depth can exhaust the stack.
    /// </para>
    /// </summary>
    public sealed class SmlReader
    {
        /// <summary>Most TL bytes one field may have: 4 give lengths up to 65535, far beyond any SML file.</summary>
        public const int MaxTlBytes = 4;

        private byte[] _buffer;
        private int _position;
        private int _end;
        private SmlType _type;
        private int _length;
        private int _fieldOffset;
        private int _dataOffset;

        /// <summary>The buffer being read.</summary>
        public byte[] Buffer { get { return _buffer; } }
        /// <summary>Offset of the next field.</summary>
        public int Position { get { return _position; } }
        /// <summary>Offset just past the range being read.</summary>
        public int End { get { return _end; } }
        /// <summary>Type of the field last read.</summary>
        public SmlType Type { get { return _type; } }
        /// <summary>Data bytes of the field last read (TL bytes not counted), or its number of elements for a list.</summary>
        public int Length { get { return _length; } }
        /// <summary>Offset of the first TL byte of the field last read.</summary>
        public int FieldOffset { get { return _fieldOffset; } }
        /// <summary>Offset of the data of the field last read (for a list: of its first element).</summary>
        public int DataOffset { get { return _dataOffset; } }
        /// <summary>Number of TL bytes of the field last read.</summary>
        public int TlBytes { get { return _dataOffset - _fieldOffset; } }
        /// <summary>True when the field last read is an empty octet string (<c>01</c>): an absent optional field.</summary>
        public bool IsAbsent { get { return _type == SmlType.OctetString && _length == 0; } }

        /// <summary>Starts reading <paramref name="count"/> bytes of <paramref name="buffer"/> at <paramref name="offset"/>.</summary>
        public void Reset(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _position = offset;
            _end = offset + count;
            _type = SmlType.EndOfMessage;
            _length = 0;
            _fieldOffset = offset;
            _dataOffset = offset;
        }

        /// <summary>
        /// Reads the next field's TL. A scalar's data is passed over (read it at <see cref="DataOffset"/>); after a
        /// list the position is at its first element. False, without moving, when the TL is truncated, longer than
        /// <see cref="MaxTlBytes"/>, of an unknown type, shorter than itself, or its data or elements cannot fit in
        /// the bytes left.
        /// </summary>
        public bool Read()
        {
            int p = _position;
            if (p >= _end) return false;
            int b = _buffer[p++];
            if (b == 0x00)
            {
                Set(SmlType.EndOfMessage, 0, _position, p);
                return true;
            }
            int length = b & 0x0F;
            int type = (b >> 4) & 0x07;
            int tlBytes = 1;
            while ((b & 0x80) != 0)
            {
                if (tlBytes == MaxTlBytes || p >= _end) return false;
                b = _buffer[p++];
                length = (length << 4) | (b & 0x0F);
                tlBytes++;
            }
            int left = _end - p;
            if (type == (int)SmlType.List)
            {
                // every element takes at least one byte
                if (length > left) return false;
                Set(SmlType.List, length, _position, p);
                return true;
            }
            if (type != (int)SmlType.OctetString && type != (int)SmlType.Boolean && type != (int)SmlType.Integer
                && type != (int)SmlType.Unsigned) return false;
            length -= tlBytes;
            if (length < 0 || length > left) return false;
            Set((SmlType)type, length, _position, p);
            _position = p + length;
            return true;
        }

        private void Set(SmlType type, int length, int fieldOffset, int dataOffset)
        {
            _type = type;
            _length = length;
            _fieldOffset = fieldOffset;
            _dataOffset = dataOffset;
            _position = dataOffset;
        }

        /// <summary>
        /// Passes over the next field whole (a list with all its elements, however deep; an SML message's sixth
        /// element is its endOfSmlMsg <c>00</c>). False when a field in it is malformed.
        /// </summary>
        public bool Skip()
        {
            return SkipFields(1);
        }

        /// <summary>Passes over the elements of the list just read. False when one is malformed.</summary>
        public bool SkipElements()
        {
            return _type != SmlType.List || SkipFields(_length);
        }

        private bool SkipFields(int pending)
        {
            while (pending > 0)
            {
                // each pending field needs at least one byte: a list that claims more fails here, before any work
                if (pending > _end - _position || !Read()) return false;
                pending--;
                if (_type == SmlType.List) pending += _length;
            }
            return true;
        }

        /// <summary>
        /// The value of the field last read when it is an <see cref="SmlType.Integer"/> (sign-extended) or an
        /// <see cref="SmlType.Unsigned"/> of 1 to 8 bytes. Meters shorten integers to fewer bytes than their
        /// nominal type (libsml <c>sml_number.c</c>). False for other fields and for unsigned values of 2^63 and more.
        /// </summary>
        public bool GetInteger(out long value)
        {
            value = 0;
            if ((_type != SmlType.Integer && _type != SmlType.Unsigned) || _length < 1 || _length > 8) return false;
            long v = 0;
            for (int i = 0; i < _length; i++) v = (v << 8) | _buffer[_dataOffset + i];
            if (_type == SmlType.Integer)
            {
                int shift = 64 - 8 * _length;
                v = (v << shift) >> shift;
            }
            else if (v < 0)
            {
                return false;
            }
            value = v;
            return true;
        }
    }
}
