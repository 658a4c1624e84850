using MeterGateway.Checksums;
using MeterGateway.Protocols;

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
    /// Allocates only its buffer, at construction.
    /// </summary>
    public sealed class DsmrFramer
    {
        private const int Hunting = 0, InTelegram = 1, InCrc = 2;

        private readonly byte[] _buffer;
        private int _state = Hunting;
        private int _length;
        private int _crc;
        private int _crcDigits;
        private int _crcValue;
        private bool _crcSeen;

        /// <summary>Default maximum telegram size in bytes (Belgian e-MUCS telegrams reach 3.5 KB).</summary>
        public const int DefaultMaxSize = 4096;

        /// <summary>A framer for telegrams up to <paramref name="maxSize"/> bytes (64..65536).</summary>
        public DsmrFramer(int maxSize)
        {
            if (maxSize < 64 || maxSize > 65536) throw new System.ArgumentOutOfRangeException("maxSize");
            _buffer = new byte[maxSize];
        }

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
        /// <summary>The telegram buffer: the last telegram is at 0 for <see cref="Length"/> bytes, from '/' to the last CRC digit (or '!').</summary>
        public byte[] Buffer { get { return _buffer; } }
        /// <summary>Length of the last telegram (valid or rejected), 0 when none.</summary>
        public int Length { get; private set; }
        /// <summary>Offset of the '!' in the last telegram.</summary>
        public int EndMarker { get; private set; }

        /// <summary>
        /// True once a telegram with a matching CRC has been delivered: the meter on this stream sends CRCs, so every
        /// later telegram must carry one. Kept by <see cref="Reset"/> (the same meter is on the line).
        /// </summary>
        public bool CrcSeen { get { return _crcSeen; } }

        /// <summary>Forgets any partial telegram.</summary>
        public void Reset()
        {
            _state = Hunting;
            _length = 0;
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
                    at = CopyBody(data, at, end);
                    if (at == end) break;
                    if (_length >= _buffer.Length)
                    {
                        _state = Hunting;
                        Fail(FrameError.TooLong, "telegram longer than the configured maximum (max_telegram_size)");
                        return at + 1 - offset;
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
                if (h >= 0 && _crcDigits < 4 && _length < _buffer.Length)
                {
                    _buffer[_length++] = (byte)d;
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

        // Copies telegram bytes and updates the CRC until '!', a '/' at the start of a line, the size limit or the
        // end of the data. Returns the position of the byte that stopped it (or 'end').
        private int CopyBody(byte[] data, int at, int end)
        {
            byte[] buffer = _buffer;
            int start = _length;
            int room = buffer.Length - start;
            int stop = end - at < room ? end : at + room;
            int i = at;
            while (i < stop)
            {
                int c = data[i];
                if (c == '!') break;
                if (c == '/')
                {
                    int previous = i > at ? data[i - 1] : buffer[start - 1];
                    if (previous == 10 || previous == 13) break;
                }
                i++;
            }
            // one copy and one CRC call for the whole run of bytes: the interpreter pays for every call and every byte
            // it moves itself
            int count = i - at;
            System.Array.Copy(data, at, buffer, start, count);
            _length = start + count;
            _crc = Crc16.UpdateArc(_crc, buffer, start, count);
            return i;
        }

        private void Append(int b)
        {
            _buffer[_length++] = (byte)b;
            _crc = Crc16.UpdateArc(_crc, b);
        }

        private void Start()
        {
            _state = InTelegram;
            _buffer[0] = (byte)'/';
            _length = 1;
            _crc = Crc16.UpdateArc(0, '/');
        }

        private void Complete()
        {
            Length = _length;
            HasCrc = _crcDigits > 0;
            CrcMismatch = false;
            if (!HasCrc)
            {
                if (_crcSeen || DeclaresCrc())
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
