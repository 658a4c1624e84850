namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// Cuts an IEC 62056-21 byte stream into messages and checks their BCC (IEC 62056-21 §6.3; pwitab/iec62056-21
    /// @ 09d9acfa43dffdbbf602caf1e5d638cca1e571f6 <c>messages.py</c>, <c>utils.py</c>).
    /// <list type="bullet">
    /// <item>Data message <c>STX data ! CR LF ETX BCC</c>, and the programming answer <c>STX data ETX BCC</c> without
    /// <c>!</c>: the BCC (<see cref="Iec62056Bcc"/>, after STX through ETX) is checked; a mismatch is
    /// <see cref="FrameError.Bcc"/> and the message is never delivered as valid.</item>
    /// <item>Meters that omit the framing send <c>data ! CR LF</c> with no STX (Siemens 2WR5, EMH eHZ pushes): such a
    /// message is delivered without a BCC (<see cref="HasBcc"/> false). When ETX and a BCC follow it anyway, the BCC is
    /// checked from the first data byte, so a damaged STX does not let damaged data through. A message that began with
    /// STX but ends without ETX/BCC is rejected unless <see cref="AcceptMissingBcc"/> is set (the smartmeter-obis
    /// fixtures of Elster, Actaris and Itron meters are written that way).</item>
    /// <item>Push mode also takes the identification line <c>/XXXZ… CR LF</c> before the data (mode D).</item>
    /// <item>Programming mode answers (<see cref="Iec62056FramerMode.Answer"/>): commands <c>SOH C D [STX …] ETX BCC</c>
    /// with the BCC after SOH, data answers, and single ACK/NAK bytes.</item>
    /// <item>Resynchronises: bytes before a message start are skipped (echo remains, NUL wake-up, ACK), an STX inside a
    /// message restarts its data, a '/' at the start of a line inside a push starts the next push (the cut one is
    /// reported), a message longer than the buffer is reported as <see cref="FrameError.TooLong"/>. <see cref="Flush"/>
    /// ends a message when the line falls silent.</item>
    /// </list>
    /// A '!' inside parentheses is data. The link is 7 bits wide (7E1): a message holding a byte with bit 7 set (its
    /// BCC included) is rejected as <see cref="FrameError.Framing"/>, since a BCC kept in 7 bits cannot see that bit.
    /// With <see cref="StreamLines"/> a data readout's lines are handed over as they end, so that the buffer holds a
    /// line, not the readout. Allocates only its buffer, at construction.
    /// </summary>
    public sealed class Iec62056Framer
    {
        private const int Hunting = 0, Identifying = 1, DataStart = 2, InData = 3, AfterEnd = 4, InCommand = 5, AtBcc = 6;

        /// <summary>Default buffer size: the 9.5 KB Iskra MT174 readout with its load history fits.</summary>
        public const int DefaultMaxSize = 16384;

        private readonly byte[] _buffer;
        private Iec62056FramerMode _mode;
        private int _state;
        private int _length;
        private int _bcc;
        private bool _framed;
        private bool _inParenthesis;
        private int _identLength;
        private int _dataStart;
        private int _dataEnd;
        private int _carry = -1;
        private bool _bit7;

        /// <summary>A framer for messages up to <paramref name="maxSize"/> bytes (64..65536) in the given mode.</summary>
        public Iec62056Framer(int maxSize, Iec62056FramerMode mode)
        {
            if (maxSize < 64 || maxSize > 65536) throw new System.ArgumentOutOfRangeException("maxSize");
            _buffer = new byte[maxSize];
            _mode = mode;
        }

        /// <summary>When true, a message that began with STX but ended without ETX/BCC is delivered (unchecked) instead of rejected.</summary>
        public bool AcceptMissingBcc;

        /// <summary>
        /// When true, the data of a message in <see cref="Iec62056FramerMode.Readout"/> mode is handed over line by line:
        /// <see cref="Feed"/> stops after a line feed outside parentheses with the whole lines received so far at
        /// <see cref="LinesOffset"/> for <see cref="LinesLength"/> bytes, which the caller takes and then drops
        /// (<see cref="DropLines"/>). The BCC still covers the whole message: lines taken from a message that is then
        /// rejected, or that starts over (<see cref="DataStarts"/>), must be discarded. The buffer then bounds a line
        /// and the identification, not the message; <see cref="Buffer"/> holds only the message's last part when it
        /// completes (<see cref="DataOffset"/> and <see cref="DataLength"/> are that part).
        /// </summary>
        public bool StreamLines;

        /// <summary>Bytes of whole data lines waiting at <see cref="LinesOffset"/> after the last <see cref="Feed"/> (<see cref="StreamLines"/>), 0 when none.</summary>
        public int LinesLength { get; private set; }

        /// <summary>Offset in <see cref="Buffer"/> of the lines of <see cref="LinesLength"/>.</summary>
        public int LinesOffset { get { return _dataStart; } }

        /// <summary>Data starts so far: one more each time a message's data begins, or begins again after an STX inside it.</summary>
        public int DataStarts { get; private set; }

        /// <summary>Forgets the lines of <see cref="LinesLength"/> (taken by the caller): the buffer keeps only what follows them.</summary>
        public void DropLines()
        {
            _length = _dataStart;
            LinesLength = 0;
        }

        /// <summary>What the framer expects; setting it drops any partial message.</summary>
        public Iec62056FramerMode Mode
        {
            get { return _mode; }
            set { _mode = value; Reset(); }
        }

        /// <summary>Outcome of the last <see cref="Feed"/> or <see cref="Flush"/>.</summary>
        public FrameResult Result { get; private set; }
        /// <summary>Reason of the last rejection.</summary>
        public FrameError Error { get; private set; }
        /// <summary>Text of the last rejection (constant), or null.</summary>
        public string ErrorText { get; private set; }
        /// <summary>Kind of the last message.</summary>
        public Iec62056FrameKind Kind { get; private set; }
        /// <summary>True when the last message carried a BCC (and it matched, if the message is valid).</summary>
        public bool HasBcc { get; private set; }
        /// <summary>Command letter C of the last command message (<c>'P'</c>, <c>'B'</c>…), 0 otherwise.</summary>
        public int CommandLetter { get; private set; }
        /// <summary>Command type D of the last command message (<c>'0'</c>…), 0 otherwise.</summary>
        public int CommandType { get; private set; }
        /// <summary>The message buffer: the last message is at 0 for <see cref="Length"/> bytes.</summary>
        public byte[] Buffer { get { return _buffer; } }
        /// <summary>Length of the last message (valid or rejected), 0 when none.</summary>
        public int Length { get; private set; }
        /// <summary>Offset of the identification in <see cref="Buffer"/> (after '/'), for push messages.</summary>
        public int IdentOffset { get { return 1; } }
        /// <summary>Length of the identification without '/' and CR LF; 0 when the message had none.</summary>
        public int IdentLength { get; private set; }
        /// <summary>Offset in <see cref="Buffer"/> of the data (after STX, or the first data byte of a bare message).</summary>
        public int DataOffset { get; private set; }
        /// <summary>Length of the data, up to (not including) the '!' or the ETX.</summary>
        public int DataLength { get; private set; }

        /// <summary>Forgets any partial message.</summary>
        public void Reset()
        {
            _state = Hunting;
            _length = 0;
            _carry = -1;
            _bit7 = false;
            Result = FrameResult.None;
        }

        /// <summary>
        /// Consumes bytes up to the end of the next message (see <see cref="IFrameDecoder.Feed"/>): returns the count
        /// consumed, at least 1 when <paramref name="count"/> &gt; 0.
        /// </summary>
        public int Feed(byte[] data, int offset, int count)
        {
            Result = FrameResult.None;
            Error = FrameError.None;
            ErrorText = null;
            LinesLength = 0;
            if (_carry >= 0)
            {
                // A message start that ended the previous message: it only opens this one, it cannot complete it.
                int c = _carry;
                _carry = -1;
                Step(c);
            }
            for (int i = 0; i < count; i++)
            {
                if (Step(data[offset + i]) || LinesLength > 0) return i + 1;
            }
            return count;
        }

        /// <summary>
        /// The line fell silent: a message that reached its '!' (and waits for an ETX that may never come) ends here;
        /// one cut short is rejected as <see cref="FrameError.Timeout"/>. Returns <see cref="Result"/>.
        /// </summary>
        public FrameResult Flush()
        {
            Result = FrameResult.None;
            Error = FrameError.None;
            ErrorText = null;
            _carry = -1;
            if (_state == AfterEnd) CompleteWithoutBcc();
            else if (_state != Hunting) Fail(FrameError.Timeout, "message cut short: the line fell silent before its end");
            return Result;
        }

        // Processes one byte; true when a message was completed or rejected.
        private bool Step(int b)
        {
            if (b > 0x7F && _state != Hunting) _bit7 = true;
            switch (_state)
            {
                case Hunting:
                    return Hunt(b);

                case Identifying:
                    if (!Append(b)) return true;
                    if (b == Iec62056Characters.Lf)
                    {
                        int end = _length - 1;
                        if (end > 1 && _buffer[end - 1] == Iec62056Characters.Cr) end--;
                        _identLength = end - 1;
                        _state = DataStart;
                    }
                    else if (_length > Iec62056Identification.MaxLength + 3)
                    {
                        return Fail(FrameError.Framing, "identification line too long");
                    }
                    return false;

                case DataStart:
                    if (b == '/')
                    {
                        Fail(FrameError.Framing, "identification without data message");
                        _carry = b;
                        return true;
                    }
                    if (b == Iec62056Characters.Stx) return !Append(b) || StartData(true);
                    if (b > 0x20 && b < 0x7F) return !Append(b) || StartData(false) || Data(b);
                    return !Append(b);

                case InData:
                    if (b == Iec62056Characters.Stx)
                    {
                        // The data starts again: keep the identification, drop what came before this STX.
                        _length = _identLength > 0 ? DataStartAfterIdent() : 0;
                        _bit7 = false;
                        return !Append(b) || StartData(true);
                    }
                    if (b == '/' && _mode == Iec62056FramerMode.Push && !_inParenthesis && AtLineStart())
                    {
                        Fail(FrameError.Framing, "push cut short by the next identification");
                        _carry = b;
                        return true;
                    }
                    if (!Append(b) || Data(b)) return true;
                    if (b == Iec62056Characters.Lf && StreamLines && _mode == Iec62056FramerMode.Readout && !_inParenthesis && _state == InData)
                    {
                        LinesLength = _length - _dataStart;
                    }
                    return false;

                case AfterEnd:
                    if (b == Iec62056Characters.Cr || b == Iec62056Characters.Lf)
                    {
                        if (!Append(b)) return true;
                        _bcc ^= b;
                        if (b == Iec62056Characters.Lf && !_framed && _mode == Iec62056FramerMode.Push)
                        {
                            CompleteWithoutBcc();
                            return true;
                        }
                        return false;
                    }
                    if (b == Iec62056Characters.Etx)
                    {
                        if (!Append(b)) return true;
                        _bcc ^= b;
                        _state = AtBcc;
                        return false;
                    }
                    CompleteWithoutBcc();
                    if (b == '/' || b == Iec62056Characters.Stx || b == Iec62056Characters.Soh) _carry = b;
                    return true;

                case InCommand:
                    if (!Append(b)) return true;
                    _bcc ^= b;
                    if (_length == 2) CommandLetter = b;
                    else if (_length == 3) CommandType = b;
                    else if (b == Iec62056Characters.Stx && DataOffset == 0) DataOffset = _length;
                    if (b == Iec62056Characters.Etx)
                    {
                        if (DataOffset == 0) DataOffset = _length - 1;
                        _dataEnd = _length - 1;
                        _state = AtBcc;
                    }
                    return false;

                default: // AtBcc
                    if (!Append(b)) return true;
                    Complete(Iec62056Bcc.Matches(_bcc, b));
                    return true;
            }
        }

        private bool Hunt(int b)
        {
            _length = 0;
            _identLength = 0;
            _bit7 = false;
            switch (_mode)
            {
                case Iec62056FramerMode.Push:
                    if (b == '/')
                    {
                        Append(b);
                        _state = Identifying;
                    }
                    else if (b == Iec62056Characters.Stx)
                    {
                        Append(b);
                        StartData(true);
                    }
                    return false;

                case Iec62056FramerMode.Readout:
                    if (b == Iec62056Characters.Stx)
                    {
                        Append(b);
                        StartData(true);
                    }
                    else if (b > 0x20 && b < 0x7F && b != '/')
                    {
                        Append(b);
                        StartData(false);
                        return Data(b);
                    }
                    return false;

                default: // Answer
                    if (b == Iec62056Characters.Soh)
                    {
                        Append(b);
                        _bcc = 0;
                        CommandLetter = 0;
                        CommandType = 0;
                        DataOffset = 0;
                        _state = InCommand;
                    }
                    else if (b == Iec62056Characters.Stx)
                    {
                        Append(b);
                        StartData(true);
                    }
                    else if (b == Iec62056Characters.Ack || b == Iec62056Characters.Nak)
                    {
                        Append(b);
                        Length = 1;
                        IdentLength = 0;
                        DataOffset = 0;
                        DataLength = 0;
                        HasBcc = false;
                        Kind = b == Iec62056Characters.Ack ? Iec62056FrameKind.Acknowledge : Iec62056FrameKind.NegativeAcknowledge;
                        Result = FrameResult.Valid;
                        return true;
                    }
                    return false;
            }
        }

        // Begins the data at the current end of the buffer; a framed start has just appended its STX.
        private bool StartData(bool framed)
        {
            _framed = framed;
            _dataStart = framed ? _length : _length - 1;
            DataStarts++;
            _bcc = 0;
            _inParenthesis = false;
            _state = InData;
            return false;
        }

        // A data byte (already appended): updates the BCC and watches for the end.
        private bool Data(int b)
        {
            _bcc ^= b;
            if (b == '(') _inParenthesis = true;
            else if (b == ')') _inParenthesis = false;
            else if (b == Iec62056Characters.End && !_inParenthesis)
            {
                _dataEnd = _length - 1;
                _state = AfterEnd;
            }
            else if (b == Iec62056Characters.Etx)
            {
                _dataEnd = _length - 1;
                _state = AtBcc;
            }
            return false;
        }

        private bool AtLineStart()
        {
            return _length > _dataStart && _buffer[_length - 1] == Iec62056Characters.Lf;
        }

        private int DataStartAfterIdent()
        {
            // '/' + identification + its CR LF: the first LF after the identification ends it.
            int p = 1 + _identLength;
            while (p < _length && _buffer[p] != Iec62056Characters.Lf) p++;
            return p < _length ? p + 1 : _length;
        }

        private bool Append(int b)
        {
            if (_length >= _buffer.Length)
            {
                Fail(FrameError.TooLong, "message longer than the framer's buffer");
                return false;
            }
            _buffer[_length++] = (byte)b;
            return true;
        }

        private void Complete(bool bccMatches)
        {
            Deliver();
            HasBcc = true;
            if (Bit7()) return;
            if (bccMatches)
            {
                Result = FrameResult.Valid;
            }
            else
            {
                Result = FrameResult.Invalid;
                Error = FrameError.Bcc;
                ErrorText = "BCC mismatch";
            }
        }

        private void CompleteWithoutBcc()
        {
            Deliver();
            HasBcc = false;
            if (Bit7()) return;
            if (_framed && !AcceptMissingBcc)
            {
                Result = FrameResult.Invalid;
                Error = FrameError.Framing;
                ErrorText = "data message without ETX and BCC";
                return;
            }
            Result = FrameResult.Valid;
        }

        // A byte with bit 7 set in the message just delivered: rejected (a 7E1 link carries 7 data bits).
        private bool Bit7()
        {
            if (!_bit7) return false;
            _bit7 = false;
            Result = FrameResult.Invalid;
            Error = FrameError.Framing;
            ErrorText = "byte with bit 7 set on a 7-bit link";
            return true;
        }

        private void Deliver()
        {
            Kind = _state == AtBcc && _buffer[0] == Iec62056Characters.Soh ? Iec62056FrameKind.Command : Iec62056FrameKind.DataMessage;
            if (Kind == Iec62056FrameKind.DataMessage)
            {
                CommandLetter = 0;
                CommandType = 0;
                DataOffset = _dataStart;
            }
            DataLength = _dataEnd - DataOffset;
            if (DataLength < 0) DataLength = 0;
            IdentLength = _identLength;
            Length = _length;
            _state = Hunting;
        }

        private bool Fail(FrameError error, string text)
        {
            Length = _length;
            IdentLength = 0;
            DataLength = 0;
            Kind = Iec62056FrameKind.None;
            _state = Hunting;
            Result = FrameResult.Invalid;
            Error = error;
            ErrorText = text;
            return true;
        }
    }
}
