using MeterGateway.Checksums;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Dsmr
{
    /// <summary>
    /// Cuts a P1 byte stream into telegrams: <c>/XXX5ident CR LF … !CRC CR LF</c> (DSMR 5.0.2 §6.2, DSMR 3.0 §5.2).
    /// <list type="bullet">
    /// <item>CRC-16/ARC over '/' … '!' inclusive, computed as the bytes arrive; the CRC field is 1 to 4 hex digits in
    /// either case (<c>!B9F</c> = 0x0B9F, as dsmr_parser accepts since #173; <c>!f2C9</c> as arduino-dsmr-2 accepts).</item>
    /// <item>DSMR 2.2/3 telegrams end in <c>!</c> without CRC. A telegram that shows it is DSMR 4 or later but has no
    /// CRC is rejected (unless <see cref="LenientCrc"/>): one with a version line <c>1-3:0.2.8(4x)</c>/<c>(5x)</c>, the
    /// e-MUCS version line <c>0-0:96.1.4</c>, or the telegram time <c>0-0:1.0.0</c> (DSMR 4.0 added it with the CRC;
    /// no DSMR 2.2/3 telegram has it, and the Belgian, Hungarian, Irish and Swedish ones, which have no version line,
    /// all do), and any telegram on a stream that has already delivered one with a matching CRC. A CRC lost to a
    /// framing error (its first digit read as NUL, CR or LF) thus never passes a damaged telegram as CRC-less. The
    /// header is no sign: DSMR 2.2 meters send <c>/ISk5\2MT382-1004</c> too.</item>
    /// <item>Resynchronises: bytes before '/' are skipped; a '/' at the start of a line inside a telegram starts a
    /// new one (the half telegram before it is reported); a telegram longer than the maximum is reported.</item>
    /// </list>
    /// With <see cref="StreamLines"/> (the box) the buffer holds lines, not the telegram: when it is full, and at the
    /// '!', the whole lines in it go to the parser, into <see cref="Target"/> (the first ones, from the header, clear it),
    /// and are dropped; a line that fills it alone goes only through the CRC up to its end when the set does not keep its
    /// OBIS code (<see cref="ReadingSet.Keeps"/>), else it rejects the telegram (<see cref="FrameError.TooLong"/>,
    /// <see cref="LineTooLongText"/>). The CRC and the maximum size still cover the whole telegram, and any rejection
    /// clears the set. Allocates only its buffer, at construction.
    /// </summary>
    public sealed class DsmrFramer
    {
        private const int Hunting = 0, InTelegram = 1, InCrc = 2;

        private readonly byte[] _buffer;
        private readonly int _limit; // the maximum telegram size
        private readonly bool _stream;
        private readonly DsmrParser _parser;
        private bool _crcDeclared; // StreamLines: the lines parsed so far show the telegram needs a CRC
        private int _state = Hunting;
        private int _length;
        private int _total; // bytes of the telegram so far (the buffer's when whole)
        private int _skip;  // StreamLines: 1 inside a line passed by, 2 at the start of the line after it, else 0
        private int _crc;
        private int _crcDigits;
        private int _crcValue;
        private bool _crcSeen;

        /// <summary>Default maximum telegram size in bytes (Belgian e-MUCS telegrams reach 3.5 KB).</summary>
        public const int DefaultMaxSize = 4096;

        /// <summary>Rejection text of a line the set keeps that does not fit the line buffer (<see cref="StreamLines"/>).</summary>
        public const string LineTooLongText = "line longer than the line buffer (a DSMR line the box keeps)";

        /// <summary>A framer for telegrams up to <paramref name="maxSize"/> bytes (64..65536), kept whole.</summary>
        public DsmrFramer(int maxSize) : this(maxSize, 0, null) { }

        /// <summary>
        /// A framer for telegrams up to <paramref name="maxSize"/> bytes (64..65536); with a <paramref name="lineBufferSize"/>
        /// (64..<paramref name="maxSize"/>) it streams lines through a buffer of that size to <paramref name="parser"/>
        /// (<see cref="StreamLines"/>), with 0 it keeps telegrams whole.
        /// </summary>
        public DsmrFramer(int maxSize, int lineBufferSize, DsmrParser parser)
        {
            if (lineBufferSize != 0 && parser == null) throw new System.ArgumentNullException("parser");
            _parser = parser;
            if (maxSize < 64 || maxSize > 65536) throw new System.ArgumentOutOfRangeException("maxSize");
            if (lineBufferSize != 0 && (lineBufferSize < 64 || lineBufferSize > maxSize)) throw new System.ArgumentOutOfRangeException("lineBufferSize");
            _stream = lineBufferSize > 0;
            _buffer = new byte[_stream ? lineBufferSize : maxSize];
            _limit = maxSize;
        }

        /// <summary>True when lines are parsed as they arrive instead of the whole telegram (the constructor's line buffer).</summary>
        public bool StreamLines { get { return _stream; } }

        /// <summary>
        /// <see cref="StreamLines"/>: the set the lines go into as they arrive (cleared by a telegram's header and by any
        /// rejection; complete when the telegram is valid), or null to frame and check telegrams without parsing them.
        /// </summary>
        public ReadingSet Target;

        /// <summary>When true, a telegram whose CRC does not match, or that lacks the CRC a DSMR 4/5 telegram must carry, is still delivered (as valid, with <see cref="CrcMismatch"/> set).</summary>
        public bool LenientCrc;

        /// <summary>Outcome of the last <see cref="Feed"/>.</summary>
        public FrameResult Result { get; private set; }
        /// <summary>Reason of the last rejection.</summary>
        public FrameError Error { get; private set; }
        /// <summary>Text of the last rejection (constant), or null.</summary>
        public string ErrorText { get; private set; }
        /// <summary>True when the last telegram carried a CRC (DSMR 4 and later).</summary>
        public bool HasCrc { get; private set; }
        /// <summary>True when the last telegram's CRC did not match but <see cref="LenientCrc"/> let it through.</summary>
        public bool CrcMismatch { get; private set; }
        /// <summary>
        /// The telegram buffer: the last telegram is at 0 for <see cref="Length"/> bytes, from '/' to the last CRC digit (or
        /// '!'). With <see cref="StreamLines"/> it holds lines, and at a telegram's end only its '!' and CRC.
        /// </summary>
        public byte[] Buffer { get { return _buffer; } }
        /// <summary>Length of the last telegram (valid or rejected), 0 when none; with <see cref="StreamLines"/> of what the buffer holds of it.</summary>
        public int Length { get; private set; }
        /// <summary>Offset of the '!' in the last telegram (in the buffer).</summary>
        public int EndMarker { get; private set; }

        /// <summary>True from a telegram's '/' until it ends or is rejected.</summary>
        public bool Receiving { get { return _state != Hunting; } }

        /// <summary>
        /// True once a telegram with a matching CRC has been delivered: the meter on this stream sends CRCs, so every
        /// later telegram must carry one. Kept by <see cref="Reset"/> (the same meter is on the line).
        /// </summary>
        public bool CrcSeen { get { return _crcSeen; } }

        /// <summary>Forgets any partial telegram.</summary>
        public void Reset()
        {
            if (_stream && _state != Hunting && Target != null) Target.Clear(); // the lines of a telegram cut short
            _state = Hunting;
            _length = 0;
            _skip = 0;
            Result = FrameResult.None;
        }

        /// <summary>Consumes bytes up to the end of the next telegram (see <see cref="IFrameDecoder.Feed"/>).</summary>
        public int Feed(byte[] data, int offset, int count)
        {
            Result = FrameResult.None;
            Error = FrameError.None;
            ErrorText = null;
            int end = offset + count;
            int at = offset;
            while (at < end)
            {
                if (_state == Hunting)
                {
                    if (data[at++] == '/') Start();
                    continue;
                }
                if (_state == InTelegram)
                {
                    if (_skip != 0) at = Skip(data, at, end);
                    if (_skip == 0) at = CopyBody(data, at, end);
                    if (at == end) break;
                    if (_total >= _limit)
                    {
                        _state = Hunting;
                        _skip = 0;
                        Fail(FrameError.TooLong, "telegram longer than the configured maximum (max_telegram_size)");
                        return at + 1 - offset;
                    }
                    if (_skip != 0) continue;
                    if (_stream && (_length >= _buffer.Length || (data[at] == '!' && _length > 0)))
                    {
                        if (HandOver(data[at]))
                        {
                            if (data[at] != '!') continue; // at the '!', on to it at once
                        }
                        else
                        {
                            if (KeptLine())
                            {
                                _state = Hunting;
                                Fail(FrameError.TooLong, LineTooLongText);
                                return at + 1 - offset;
                            }
                            _length = 0; // a line the set does not keep: only its CRC, up to its end
                            _skip = 1;
                            continue;
                        }
                    }
                    int b = data[at++];
                    if (b == '!')
                    {
                        Append(b);
                        EndMarker = _length - 1;
                        _state = InCrc;
                        _crcDigits = 0;
                        _crcValue = 0;
                        continue;
                    }
                    // A '/' at the start of a line: a new telegram began before this one ended. Report the half one and
                    // restart on this byte.
                    Fail(FrameError.Framing, "telegram cut short by the start of the next one");
                    Start();
                    return at - offset;
                }
                // InCrc: 1 to 4 hex digits, then CR, LF or NUL.
                int d = data[at++];
                int h = Readings.Ascii.HexValue(d);
                if (h >= 0 && _crcDigits < 4 && _total < _limit)
                {
                    _buffer[_length++] = (byte)d;
                    _total++;
                    _crcValue = (_crcValue << 4) | h;
                    _crcDigits++;
                    continue;
                }
                _state = Hunting;
                if (d == 13 || d == 10 || d == 0) Complete();
                else if (h >= 0 && _crcDigits < 4) Fail(FrameError.TooLong, "telegram longer than the configured maximum (max_telegram_size)");
                else
                {
                    Fail(FrameError.Framing, "malformed CRC after '!'");
                    if (d == '/') Start();
                }
                return at - offset;
            }
            return count;
        }

        // '!' and '/' boxed once for Array.IndexOf (a native search on nanoFramework; boxing per call would allocate).
        private static readonly object Bang = (byte)'!';
        private static readonly object Slash = (byte)'/';

        // Copies telegram bytes and updates the CRC until '!', a '/' at the start of a line, the size limit or the
        // end of the data. Returns the position of the byte that stopped it (or 'end').
        private int CopyBody(byte[] data, int at, int end)
        {
            byte[] buffer = _buffer;
            int start = _length;
            int room = buffer.Length - start;
            if (_limit - _total < room) room = _limit - _total;
            int stop = end - at > room ? at + room : end;
            // find where the run stops, '!' or a '/' at the start of a line (native searches), then copy it in one native call
            int from = at;
            int bang = System.Array.IndexOf(data, Bang, from, stop - from);
            if (bang >= 0) stop = bang;
            int slash = System.Array.IndexOf(data, Slash, from, stop - from);
            while (slash >= 0)
            {
                int previous = slash > from ? data[slash - 1] : start > 0 ? buffer[start - 1] : 10; // an empty line buffer follows a LF
                if (previous == 10 || previous == 13) break;
                slash = System.Array.IndexOf(data, Slash, slash + 1, stop - slash - 1);
            }
            at = slash >= 0 ? slash : stop;
            int count = at - from;
            System.Array.Copy(data, from, buffer, start, count);
            _length = start + count;
            _total += count;
            // one call for the whole run of bytes: the interpreter pays for every call
            _crc = Crc16.UpdateArc(_crc, buffer, start, count);
            return at;
        }

        private static readonly object Lf = (byte)10;

        // StreamLines: the buffer is full, or the '!' comes: parses its whole lines into the target (but a line whose
        // values the next byte may continue) and keeps the rest. False when one line fills the buffer.
        private bool HandOver(int next)
        {
            byte[] buffer = _buffer;
            int cut = _length;
            if (next != '!')
            {
                // the last line start of a reading: after a LF, no blank and no '(' (next stands after the buffer)
                while (true)
                {
                    while (cut > 0 && buffer[cut - 1] != 10) cut--;
                    if (cut == 0) return false;
                    int b = cut < _length ? buffer[cut] : next;
                    if (b > ' ' && b != '(') break;
                    cut--;
                }
            }
            ReadingSet target = Target;
            if (target != null)
            {
                if (buffer[0] == '/') _parser.Parse(buffer, 0, cut, target);
                else _parser.ParseLines(buffer, 0, cut, target);
                _crcDeclared = _parser.DeclaresCrc;
            }
            int rest = _length - cut;
            System.Array.Copy(buffer, cut, buffer, 0, rest);
            _length = rest;
            return true;
        }

        // StreamLines: true when the line that fills the buffer is one the target keeps (or the header): skipped blanks,
        // its OBIS code.
        private bool KeptLine()
        {
            ReadingSet target = Target;
            if (target == null) return false;
            byte[] buffer = _buffer;
            int p = 0;
            while (p < _length && buffer[p] <= ' ') p++;
            if (p < _length && buffer[p] == '/') return true;
            long code;
            return Obis.Parse(buffer, p, _length - p, out code) > 0 && target.Keeps(code);
        }

        // StreamLines, a line passed by (SkipLine): only the CRC, up to its LF; at the next line's start, a '(' or a blank
        // goes on passing it by, anything else is buffered again after a LF that stands for the line. Returns where it stopped.
        private int Skip(byte[] data, int at, int end)
        {
            if (_skip == 2)
            {
                int b = data[at];
                if (b == 13 || b == 10 || b == '(')
                {
                    if (b == '(') _skip = 1;
                    _crc = Crc16.UpdateArc(_crc, b);
                    _total++;
                    return at + 1;
                }
                _skip = 0;
                _buffer[0] = 10;
                _length = 1;
                return at;
            }
            int stop = end - at > _limit - _total ? at + _limit - _total : end;
            int bang = System.Array.IndexOf(data, Bang, at, stop - at);
            if (bang >= 0) stop = bang;
            int lf = System.Array.IndexOf(data, Lf, at, stop - at);
            int to = lf >= 0 ? lf + 1 : stop;
            _crc = Crc16.UpdateArc(_crc, data, at, to - at);
            _total += to - at;
            if (lf >= 0) _skip = 2;
            else if (to == bang)
            {
                _skip = 0;
                _buffer[0] = 10;
                _length = 1;
            }
            return to;
        }

        private void Append(int b)
        {
            _buffer[_length++] = (byte)b;
            _total++;
            _crc = Crc16.UpdateArc(_crc, b);
        }

        private void Start()
        {
            _state = InTelegram;
            _buffer[0] = (byte)'/';
            _length = 1;
            _total = 1;
            _skip = 0;
            _crcDeclared = false;
            _crc = Crc16.UpdateArc(0, '/');
        }

        private void Complete()
        {
            Length = _length;
            HasCrc = _crcDigits > 0;
            CrcMismatch = false;
            if (!HasCrc)
            {
                if (_crcSeen || (_stream ? _crcDeclared : DeclaresCrc()))
                {
                    if (!LenientCrc)
                    {
                        Reject(FrameError.Framing, _crcSeen ? "CRC missing after '!' (this meter sends CRCs)" : "CRC missing after '!' in a DSMR 4/5 telegram");
                        return;
                    }
                    CrcMismatch = true;
                }
                Result = FrameResult.Valid;
                return;
            }
            if (_crcValue != _crc)
            {
                if (!LenientCrc)
                {
                    Reject(FrameError.Crc, "CRC mismatch");
                    return;
                }
                CrcMismatch = true;
            }
            else
            {
                _crcSeen = true;
            }
            Result = FrameResult.Valid;
        }

        // True when the telegram shows it is DSMR 4 or later: a line 1-3:0.2.8(NN) with NN >= 40, 0-0:96.1.4( (e-MUCS
        // version) or 0-0:1.0.0( (telegram time). Those telegrams must carry a CRC.
        private bool DeclaresCrc()
        {
            int end = _length - 11;
            for (int i = 1; i < end; i++)
            {
                if (_buffer[i - 1] != 10) continue;
                if (LineIs(i, "1-3:0.2.8("))
                {
                    int d = _buffer[i + 10];
                    if (d >= '4' && d <= '9') return true;
                }
                if (LineIs(i, "0-0:96.1.4(") || LineIs(i, "0-0:1.0.0(")) return true;
            }
            return false;
        }

        // True when the buffer holds prefix at position i.
        private bool LineIs(int i, string prefix)
        {
            if (i + prefix.Length > _length) return false;
            for (int k = 0; k < prefix.Length; k++)
            {
                if (_buffer[i + k] != prefix[k]) return false;
            }
            return true;
        }

        private void Reject(FrameError error, string text)
        {
            if (_stream && Target != null) Target.Clear(); // nothing of a rejected telegram stays
            Result = FrameResult.Invalid;
            Error = error;
            ErrorText = text;
        }

        private void Fail(FrameError error, string text)
        {
            Length = _length;
            Reject(error, text);
        }
    }
}
