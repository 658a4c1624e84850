using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// The HHU side of an IEC 62056-21 session (IEC 62056-21 §6.4, modes A–D; pwitab/iec62056-21 @ 09d9acfa
    /// <c>client.py</c>; Apollon77/smartmeter-obis @ e06eec5c <c>lib/protocols/D0Protocol.js</c>), as a poll-driven
    /// state machine: the ESP32 loop or the host calls <see cref="Poll"/> repeatedly; each call waits at most
    /// <see cref="Iec62056ClientOptions.PollWaitMs"/> and returns at most one event. No threads, no allocation after
    /// construction.
    /// <list type="number">
    /// <item>Opens the link at 300 baud 7E1, optionally sends wake-up NULs and pauses, sends <c>/?!</c> or
    /// <c>/?ADDRESS!</c>.</item>
    /// <item>Reads the identification (<see cref="Iec62056Identification"/>), skipping the echo a half-duplex optical
    /// head returns of what the HHU sent.</item>
    /// <item>Mode A: the readout follows at 300 baud. Mode B: switches to the announced rate at once, no acknowledgement.
    /// Mode C: after the reaction time sends <c>ACK 0 Z Y</c> (Z = the meter's rate lowered to
    /// <see cref="Iec62056ClientOptions.MaxBaudRate"/>, Y = 0 readout or 1 programming) at 300 baud and switches only
    /// when it has gone out (its transmission time plus <see cref="Iec62056ClientOptions.BaudSwitchDelayMs"/>).</item>
    /// <item>Readout: <see cref="Iec62056Framer"/> checks the BCC; the data sets go into the reading set, whose header is
    /// the identification. A bad BCC is counted and reported, never delivered.</item>
    /// <item>Programming mode (registers given): waits for the meter's P0, sends the password (P1/P2) if any, reads
    /// each register with R1/R2; a bad BCC is answered with NAK, a NAK from the meter repeats the command, up to
    /// <see cref="Iec62056ClientOptions.MaxRepeats"/> times.</item>
    /// <item>Every attempt, successful or not, ends with a break <c>SOH B0 ETX BCC</c> and a return to 300 baud. A
    /// failed attempt (timeout, bad message) is reported and retried after a doubling delay, up to
    /// <see cref="Iec62056ClientOptions.MaxAttempts"/> attempts; registers already read are not read again.</item>
    /// <item>Mode D: listens at the push rate; each push is a readout; silence and bad pushes are reported, and it keeps
    /// listening until <see cref="Stop"/>.</item>
    /// </list>
    /// Errors of the meter or the link never escape as exceptions: they end the attempt with an
    /// <see cref="Iec62056Error"/> and a constant text.
    /// </summary>
    public sealed class Iec62056Client
    {
        private const int Idle = 0, Waiting = 1, Identifying = 2, ReadingOut = 3, Answering = 4, Listening = 5;
        private const int ActBegin = 0, ActRequest = 1, ActOptionSelect = 2, ActSwitchBaud = 3, ActPassword = 4,
            ActReadRegister = 5, ActNak = 6, ActBreak = 7, ActEndBreak = 8;
        private const int ExpectP0 = 0, ExpectPasswordAck = 1, ExpectRegister = 2;

        private readonly IMeterLink _link;
        private readonly IClock _clock;
        private readonly Iec62056ClientOptions _options;
        private readonly ReadingSet _readings;
        private readonly Iec62056Framer _framer;
        private readonly Iec62056Parser _parser = new Iec62056Parser();
        // Lines of the readout being received already parsed into the set (Iec62056ClientOptions.StreamLines): the
        // framer's data start they belong to (-1: none), the readings they added and the data sets found malformed.
        private int _streamStart = -1;
        private int _streamAdded;
        private int _streamMalformed;
        private readonly Iec62056Identification _identification = new Iec62056Identification();
        private readonly Backoff _backoff;

        private readonly byte[] _rx = new byte[256];
        private readonly byte[] _tx;
        private readonly byte[] _one = new byte[1];
        private readonly byte[] _line = new byte[Iec62056Identification.MaxLength + 4];
        private readonly byte[] _address;
        private readonly byte[] _passwordData;
        private readonly byte[][] _registerData;
        private readonly long[] _registerCodes;

        private int _step = Idle;
        private int _action;
        private int _expect;
        private long _deadline;
        private long _attemptStart;
        private int _rxPos;
        private int _rxCount;
        private int _echoLength;
        private int _echoPos;
        private int _lineLength;
        private bool _linkOpen;
        private bool _failed;
        private bool _ending;
        private int _repeats;
        private int _targetBaud;
        private int _reactionMs;
        private int _nextRegister;

        /// <summary>
        /// A client on <paramref name="link"/>, timed by <paramref name="clock"/>, filling <paramref name="readings"/>
        /// (size it for the meter: the Iskra MT174 readout has 343 data sets). Converts the address, password and
        /// registers to bytes once, here. Throws <see cref="System.ArgumentOutOfRangeException"/> for retry delays that are
        /// not positive and increasing (<see cref="Backoff"/>).
        /// </summary>
        public Iec62056Client(IMeterLink link, IClock clock, Iec62056ClientOptions options, ReadingSet readings)
        {
            _link = link;
            _clock = clock;
            _options = options;
            _readings = readings;
            _framer = new Iec62056Framer(options.MaxMessageSize, Iec62056FramerMode.Readout);
            _framer.AcceptMissingBcc = options.AcceptMissingBcc;
            _framer.StreamLines = options.StreamLines;
            _parser.Medium = options.Medium;
            _backoff = new Backoff(options.RetryDelayMs, options.MaxRetryDelayMs);
            _address = Ascii.GetBytes(options.Address == null ? "" : options.Address);
            _passwordData = options.Password == null ? null : Ascii.GetBytes("(" + options.Password + ")");
            int registers = options.Registers == null ? 0 : options.Registers.Length;
            _registerData = new byte[registers][];
            _registerCodes = new long[registers];
            int longest = _passwordData == null ? 0 : _passwordData.Length;
            for (int i = 0; i < registers; i++)
            {
                string register = options.Registers[i];
                bool hasOperand = register.IndexOf('(') >= 0;
                _registerData[i] = Ascii.GetBytes(hasOperand ? register : register + "()");
                int open = hasOperand ? register.IndexOf('(') : register.Length;
                long code;
                _registerCodes[i] = Iec62056Address.TryParse(_registerData[i], 0, open, options.Medium, out code) ? code : Obis.None;
                if (_registerData[i].Length > longest) longest = _registerData[i].Length;
            }
            int size = 64 + _address.Length + longest;
            _tx = new byte[size > options.WakeUpCharacters ? size : options.WakeUpCharacters];
        }

        /// <summary>The identification of the meter in the current or last session.</summary>
        public Iec62056Identification Identification { get { return _identification; } }

        /// <summary>
        /// The framer: after a <see cref="Iec62056ClientEvent.Readout"/> its buffer holds the message read (in mode D the
        /// whole push, from '/' to the BCC); with <see cref="Iec62056ClientOptions.StreamLines"/> a data readout's only
        /// from its last line on.
        /// </summary>
        public Iec62056Framer Framer { get { return _framer; } }

        /// <summary>The mode of the current or last attempt (after the identification).</summary>
        public Iec62056Mode ActiveMode { get; private set; }

        /// <summary>The link's speed as the client set it last.</summary>
        public int BaudRate { get; private set; }

        /// <summary>Index into <see cref="Iec62056ClientOptions.Registers"/> of the register in the reading set after a <see cref="Iec62056ClientEvent.Register"/> event.</summary>
        public int RegisterIndex { get; private set; }

        /// <summary>Attempt number within the session (1 for the first).</summary>
        public int Attempt { get; private set; }

        /// <summary>Why the last attempt failed.</summary>
        public Iec62056Error Error { get; private set; }

        /// <summary>Text of the last failure (a constant), or null.</summary>
        public string ErrorText { get; private set; }

        /// <summary>Data messages rejected for their BCC, since construction.</summary>
        public int BccErrors { get; private set; }

        /// <summary>Failed attempts, since construction.</summary>
        public int FailedAttempts { get; private set; }

        /// <summary>True from <see cref="Start"/> until the session completed, failed or was stopped.</summary>
        public bool IsBusy { get { return _step != Idle; } }

        /// <summary>The reading set the client fills.</summary>
        public ReadingSet Readings { get { return _readings; } }

        /// <summary>
        /// Starts a session (mode D: starts listening). The link is opened at the first <see cref="Poll"/>, which reports
        /// a failure to open as any other. A session already running is stopped first.
        /// </summary>
        public void Start()
        {
            if (_step != Idle) Stop();
            Attempt = 1;
            RegisterIndex = 0;
            _nextRegister = 0;
            _backoff.Succeeded();
            Error = Iec62056Error.None;
            ErrorText = null;
            Schedule(0, ActBegin);
        }

        /// <summary>Ends the session now: a request-mode session sends its break first (best effort). The client becomes idle.</summary>
        public void Stop()
        {
            if (_step != Idle && _step != Listening && _linkOpen && !_ending)
            {
                int n = Iec62056Messages.Break(_tx, 0);
                Write(n);
            }
            _step = Idle;
        }

        /// <summary>Advances the session; see <see cref="Iec62056ClientEvent"/>. Never throws on meter or link errors.</summary>
        public Iec62056ClientEvent Poll()
        {
            if (_step == Idle) return Iec62056ClientEvent.None;
            long now = _clock.MonotonicMs;
            if (_step == Waiting)
            {
                if (now >= _deadline) return Act(_action);
                // Meanwhile take in what arrives: the echo of what was just sent; anything else is dropped.
                int n = Read(Wait(now));
                for (int i = 0; i < n; i++) Echo(_rx[i]);
                return Iec62056ClientEvent.None;
            }
            if (_step != Listening && !_ending && now - _attemptStart > _options.MaxAttemptMs)
            {
                return Fail(Iec62056Error.Timeout, "attempt took longer than the configured maximum");
            }
            if (_rxPos >= _rxCount)
            {
                _rxPos = 0;
                _rxCount = Read(Wait(now));
                if (_rxCount == 0)
                {
                    return _clock.MonotonicMs >= _deadline ? Silence() : Iec62056ClientEvent.None;
                }
                _deadline = _clock.MonotonicMs + (_step == Listening ? _options.PushTimeoutMs : _options.InterCharacterTimeoutMs);
            }
            int step = _step;
            while (_rxPos < _rxCount && _step == step)
            {
                Iec62056ClientEvent e = Input(_rx[_rxPos++]);
                if (e != Iec62056ClientEvent.None) return e;
            }
            return Iec62056ClientEvent.None;
        }

        private int Wait(long now)
        {
            long left = _deadline - now;
            if (left < 1) left = 1;
            return left < _options.PollWaitMs ? (int)left : _options.PollWaitMs;
        }

        // ---- attempts -------------------------------------------------------------------------------------------

        private Iec62056ClientEvent Listen()
        {
            ActiveMode = Iec62056Mode.D;
            _framer.Mode = Iec62056FramerMode.Push;
            _rxPos = _rxCount = 0;
            _echoLength = 0;
            _step = Listening;
            _deadline = _clock.MonotonicMs + _options.PushTimeoutMs;
            return OpenLink(_options.PushBaudRate) ? Iec62056ClientEvent.None : Fail(Iec62056Error.Link, "serial link could not be opened");
        }

        private void BeginAttempt()
        {
            _failed = false;
            _ending = false;
            _repeats = 0;
            _rxPos = _rxCount = 0;
            _echoLength = 0;
            _lineLength = 0;
            _identification.Clear();
            ActiveMode = Iec62056Mode.Auto;
            _attemptStart = _clock.MonotonicMs;
            if (!OpenLink(Iec62056BaudRate.Initial))
            {
                Fail(Iec62056Error.Link, "serial link could not be opened");
                return;
            }
            if (_options.WakeUpCharacters > 0)
            {
                int n = _options.WakeUpCharacters;
                for (int i = 0; i < n; i++) _tx[i] = Iec62056Characters.Nul;
                Write(n);
                _echoLength = 0;
                Schedule(Iec62056BaudRate.TransmitMs(n, BaudRate) + _options.WakeUpPauseMs, ActRequest);
                return;
            }
            Schedule(0, ActRequest);
        }

        private bool OpenLink(int baud)
        {
            if (_linkOpen && BaudRate == baud) return true;
            try
            {
                if (_linkOpen) _link.Configure(baud, LinkParity.Even, 7);
                else _link.Open(baud, LinkParity.Even, 7);
                _linkOpen = true;
                BaudRate = baud;
                return true;
            }
            catch (System.IO.IOException) { }
            catch (System.InvalidOperationException) { }
            catch (System.ArgumentException) { }
            CloseLink();
            return false;
        }

        private void CloseLink()
        {
            _linkOpen = false;
            try { _link.Close(); }
            catch (System.IO.IOException) { }
            catch (System.InvalidOperationException) { }
        }

        private Iec62056ClientEvent Fail(Iec62056Error error, string text)
        {
            DropStreamed();
            Error = error;
            ErrorText = text;
            FailedAttempts++;
            if (_step == Listening)
            {
                _framer.Reset();
                _deadline = _clock.MonotonicMs + _options.PushTimeoutMs;
                if (!_linkOpen) _step = Idle;
                return Iec62056ClientEvent.AttemptFailed;
            }
            _failed = true;
            if (_linkOpen && !_ending) Schedule(_reactionMs, ActBreak);
            else Schedule(0, ActEndBreak);
            return Iec62056ClientEvent.AttemptFailed;
        }

        private void Schedule(int delayMs, int action)
        {
            _step = Waiting;
            _action = action;
            _deadline = _clock.MonotonicMs + delayMs;
        }

        private void Expect(int step, int timeoutMs)
        {
            _step = step;
            _rxPos = _rxCount = 0;
            _deadline = _clock.MonotonicMs + timeoutMs;
        }

        // ---- actions at their time ------------------------------------------------------------------------------

        private Iec62056ClientEvent Act(int action)
        {
            int n;
            switch (action)
            {
                case ActBegin:
                    if (_options.Mode == Iec62056Mode.D) return Listen();
                    BeginAttempt();
                    return _failed ? Iec62056ClientEvent.AttemptFailed : Iec62056ClientEvent.None;

                case ActRequest:
                    n = Iec62056Messages.Request(_address, 0, _address.Length, _tx, 0);
                    Send(n);
                    _framer.Mode = Iec62056FramerMode.Readout;
                    _lineLength = 0;
                    Expect(Identifying, Iec62056BaudRate.TransmitMs(n, BaudRate) + _options.ResponseTimeoutMs);
                    return Iec62056ClientEvent.None;

                case ActOptionSelect:
                    byte mode = _registerData.Length > 0 ? Iec62056Messages.ProgrammingMode : Iec62056Messages.ReadoutMode;
                    byte z = Iec62056BaudRate.ModeCCharacter(_targetBaud);
                    n = Iec62056Messages.OptionSelect(Iec62056Messages.NormalProtocol, z, mode, _tx, 0);
                    Send(n);
                    Schedule(Iec62056BaudRate.TransmitMs(n, BaudRate) + _options.BaudSwitchDelayMs, ActSwitchBaud);
                    return Iec62056ClientEvent.None;

                case ActSwitchBaud:
                    if (!OpenLink(_targetBaud)) return Fail(Iec62056Error.Link, "serial link failed to change speed");
                    if (_registerData.Length > 0)
                    {
                        _framer.Mode = Iec62056FramerMode.Answer;
                        _expect = ExpectP0;
                        Expect(Answering, _options.ResponseTimeoutMs);
                    }
                    else
                    {
                        _framer.Mode = Iec62056FramerMode.Readout;
                        Expect(ReadingOut, _options.ResponseTimeoutMs);
                    }
                    return Iec62056ClientEvent.None;

                case ActPassword:
                    n = Iec62056Messages.Command('P', _options.PasswordCommandType, _passwordData, 0, _passwordData.Length, _tx, 0);
                    Send(n);
                    _expect = ExpectPasswordAck;
                    Expect(Answering, Iec62056BaudRate.TransmitMs(n, BaudRate) + _options.ResponseTimeoutMs);
                    return Iec62056ClientEvent.None;

                case ActReadRegister:
                    RegisterIndex = _nextRegister;
                    byte[] data = _registerData[RegisterIndex];
                    n = Iec62056Messages.Command('R', _options.ReadCommandType, data, 0, data.Length, _tx, 0);
                    Send(n);
                    _expect = ExpectRegister;
                    Expect(Answering, Iec62056BaudRate.TransmitMs(n, BaudRate) + _options.ResponseTimeoutMs);
                    return Iec62056ClientEvent.None;

                case ActNak:
                    _tx[0] = Iec62056Characters.Nak;
                    Send(1);
                    Expect(Answering, Iec62056BaudRate.TransmitMs(1, BaudRate) + _options.ResponseTimeoutMs);
                    return Iec62056ClientEvent.None;

                case ActBreak:
                    _ending = true;
                    n = Iec62056Messages.Break(_tx, 0);
                    Send(n);
                    Schedule(Iec62056BaudRate.TransmitMs(n, BaudRate) + _options.BaudSwitchDelayMs, ActEndBreak);
                    return Iec62056ClientEvent.None;

                default: // ActEndBreak
                    if (_linkOpen && BaudRate != Iec62056BaudRate.Initial) OpenLink(Iec62056BaudRate.Initial);
                    if (!_failed)
                    {
                        _step = Idle;
                        return Iec62056ClientEvent.Completed;
                    }
                    if (Attempt < _options.MaxAttempts)
                    {
                        Attempt++;
                        Schedule(_backoff.Failed(_clock.MonotonicMs), ActBegin);
                        return Iec62056ClientEvent.None;
                    }
                    _step = Idle;
                    return Iec62056ClientEvent.Failed;
            }
        }

        // ---- link ----------------------------------------------------------------------------------------------

        private void Send(int count)
        {
            Write(count);
            _echoLength = count;
            _echoPos = 0;
        }

        private void Write(int count)
        {
            if (!_linkOpen) return;
            try
            {
                _link.Write(_tx, 0, count);
                return;
            }
            catch (System.IO.IOException) { }
            catch (System.InvalidOperationException) { }
            catch (System.TimeoutException) { }
            CloseLink();
        }

        private int Read(int timeoutMs)
        {
            if (!_linkOpen) return 0;
            try
            {
                return _link.Read(_rx, 0, _rx.Length, timeoutMs);
            }
            catch (System.IO.IOException) { }
            catch (System.InvalidOperationException) { }
            catch (System.TimeoutException) { }
            CloseLink();
            return 0;
        }

        // ---- input ---------------------------------------------------------------------------------------------

        // Skips the echo of the last message sent; true when the byte was part of it.
        private bool Echo(byte b)
        {
            if (_echoLength == 0) return false;
            if ((b & 0x7F) == _tx[_echoPos])
            {
                if (++_echoPos == _echoLength) _echoLength = 0;
                return true;
            }
            return false;
        }

        private Iec62056ClientEvent Input(byte b)
        {
            if (_echoLength > 0)
            {
                if (Echo(b)) return Iec62056ClientEvent.None;
                // Not an echo after all: what matched so far was the meter's.
                int matched = _echoPos;
                _echoLength = 0;
                for (int i = 0; i < matched; i++)
                {
                    Iec62056ClientEvent e = Handle(_tx[i]);
                    if (e != Iec62056ClientEvent.None) return e;
                }
            }
            return Handle(b);
        }

        private Iec62056ClientEvent Handle(byte b)
        {
            switch (_step)
            {
                case Identifying:
                    return IdentificationByte(b);
                case ReadingOut:
                case Answering:
                case Listening:
                    _one[0] = b;
                    _framer.Feed(_one, 0, 1);
                    if (_framer.LinesLength > 0) TakeLines();
                    return _framer.Result == FrameResult.None ? Iec62056ClientEvent.None : Message();
                default:
                    return Iec62056ClientEvent.None;
            }
        }

        private Iec62056ClientEvent IdentificationByte(byte b)
        {
            if (_lineLength == 0 && b != '/') return Iec62056ClientEvent.None;
            if (_lineLength >= _line.Length) return Fail(Iec62056Error.Identification, "identification line too long");
            _line[_lineLength++] = b;
            if (b != Iec62056Characters.Lf) return Iec62056ClientEvent.None;
            int length = _lineLength - 1;
            if (length > 0 && _line[length - 1] == Iec62056Characters.Cr) length--;
            _lineLength = 0;
            if (length >= 2 && _line[1] == '?') return Iec62056ClientEvent.None; // an echoed request
            if (!_identification.TryParse(_line, 0, length)) return Fail(Iec62056Error.Identification, "malformed identification message");
            return Identified();
        }

        private Iec62056ClientEvent Identified()
        {
            Iec62056Mode mode = _options.Mode == Iec62056Mode.Auto ? _identification.ImpliedMode : _options.Mode;
            ActiveMode = mode;
            _reactionMs = _identification.ShortReactionTime && _options.ReactionTimeMs > 20 ? 20 : _options.ReactionTimeMs;
            if (_registerData.Length > 0 && mode != Iec62056Mode.C)
            {
                return Fail(Iec62056Error.ModeNotSupported, "programming mode needs mode C, the meter offers no option select");
            }
            int offered = _identification.AnnouncedBaudRate;
            switch (mode)
            {
                case Iec62056Mode.A:
                    _framer.Mode = Iec62056FramerMode.Readout;
                    _step = ReadingOut;
                    _deadline = _clock.MonotonicMs + _options.ResponseTimeoutMs;
                    return Iec62056ClientEvent.None;

                case Iec62056Mode.B:
                    _framer.Mode = Iec62056FramerMode.Readout;
                    if (offered > 0 && offered != BaudRate && !OpenLink(offered))
                    {
                        return Fail(Iec62056Error.Link, "serial link failed to change speed");
                    }
                    Expect(ReadingOut, _options.ResponseTimeoutMs);
                    return Iec62056ClientEvent.None;

                default: // C
                    if (offered == 0) offered = Iec62056BaudRate.Initial;
                    _targetBaud = Iec62056BaudRate.ModeC(Iec62056BaudRate.ModeCCharacter(offered < _options.MaxBaudRate ? offered : _options.MaxBaudRate));
                    _rxPos = _rxCount = 0;
                    Schedule(_reactionMs, ActOptionSelect);
                    return Iec62056ClientEvent.None;
            }
        }

        // Whole lines of the readout being received (Iec62056Framer.StreamLines): parsed into the set now, so that the
        // framer keeps only the line being received; the set is cleared at the first line of each data start.
        private void TakeLines()
        {
            if (_streamStart != _framer.DataStarts)
            {
                _readings.Clear();
                _streamStart = _framer.DataStarts;
                _streamAdded = 0;
                _streamMalformed = 0;
            }
            _streamAdded += _parser.Parse(_framer.Buffer, _framer.LinesOffset, _framer.LinesLength, Obis.None, _readings);
            _streamMalformed += _parser.MalformedDataSets;
            _framer.DropLines();
        }

        // Forgets the lines taken of a message that will not be delivered (rejected, cut short): the set holds none of them.
        private void DropStreamed()
        {
            if (_streamStart < 0) return;
            _readings.Clear();
            _streamStart = -1;
        }

        private Iec62056ClientEvent Message()
        {
            if (_framer.Result == FrameResult.Invalid) return Rejected();
            if (_step == Answering) return Answer();
            int added = 0, malformed = 0;
            if (_streamStart == _framer.DataStarts)
            {
                added = _streamAdded;
                malformed = _streamMalformed;
            }
            else _readings.Clear();
            _streamStart = -1;
            added += _parser.Parse(_framer.Buffer, _framer.DataOffset, _framer.DataLength, Obis.None, _readings);
            malformed += _parser.MalformedDataSets;
            if (_step == Listening)
            {
                if (_framer.IdentLength > 0) _readings.SetHeader(_framer.Buffer, _framer.IdentOffset, _framer.IdentLength);
            }
            else
            {
                _readings.SetHeader(_identification.Line, 0, _identification.Length);
            }
            if (added == 0 && malformed > 0) return Fail(Iec62056Error.Parse, "no data set of the readout could be read");
            if (_step == ReadingOut) Schedule(_reactionMs, ActBreak);
            return Iec62056ClientEvent.Readout;
        }

        private Iec62056ClientEvent Rejected()
        {
            switch (_framer.Error)
            {
                case FrameError.Bcc:
                    BccErrors++;
                    if (_step == Answering && _repeats < _options.MaxRepeats)
                    {
                        _repeats++;
                        Schedule(_reactionMs, ActNak);
                        return Iec62056ClientEvent.None;
                    }
                    return Fail(Iec62056Error.Bcc, "BCC mismatch");
                case FrameError.TooLong:
                    return Fail(Iec62056Error.TooLong, "message longer than the receive buffer");
                case FrameError.Timeout:
                    return Fail(Iec62056Error.Timeout, "message cut short: the meter fell silent");
                default:
                    return Fail(Iec62056Error.Framing, _framer.ErrorText);
            }
        }

        private Iec62056ClientEvent Answer()
        {
            Iec62056FrameKind kind = _framer.Kind;
            if (kind == Iec62056FrameKind.Command && _framer.CommandLetter == 'B')
            {
                return Fail(Iec62056Error.MeterBreak, "the meter ended the session with a break");
            }
            switch (_expect)
            {
                case ExpectP0:
                    if (kind == Iec62056FrameKind.NegativeAcknowledge) return Fail(Iec62056Error.Nak, "the meter refused the option select");
                    _repeats = 0;
                    return Next(_passwordData != null ? ActPassword : ActReadRegister);

                case ExpectPasswordAck:
                    if (kind == Iec62056FrameKind.Acknowledge)
                    {
                        _repeats = 0;
                        return Next(ActReadRegister);
                    }
                    if (kind == Iec62056FrameKind.NegativeAcknowledge && _repeats < _options.MaxRepeats)
                    {
                        _repeats++;
                        return Next(ActPassword);
                    }
                    return Fail(Iec62056Error.PasswordRejected, "the meter refused the password");

                default: // ExpectRegister
                    if (kind == Iec62056FrameKind.NegativeAcknowledge)
                    {
                        if (_repeats >= _options.MaxRepeats) return Fail(Iec62056Error.Nak, "the meter kept answering NAK");
                        _repeats++;
                        return Next(ActReadRegister);
                    }
                    if (kind != Iec62056FrameKind.DataMessage) return Fail(Iec62056Error.Framing, "unexpected answer to a read command");
                    _readings.Clear();
                    _readings.SetHeader(_identification.Line, 0, _identification.Length);
                    int added = _parser.Parse(_framer.Buffer, _framer.DataOffset, _framer.DataLength, _registerCodes[RegisterIndex], _readings);
                    if (added == 0) return Fail(Iec62056Error.Parse, "the register answer held no data set");
                    _repeats = 0;
                    _nextRegister = RegisterIndex + 1;
                    Schedule(_reactionMs, _nextRegister < _registerData.Length ? ActReadRegister : ActBreak);
                    return Iec62056ClientEvent.Register;
            }
        }

        private Iec62056ClientEvent Next(int action)
        {
            Schedule(_reactionMs, action);
            return Iec62056ClientEvent.None;
        }

        private Iec62056ClientEvent Silence()
        {
            switch (_step)
            {
                case Identifying:
                    return Fail(Iec62056Error.Timeout, _lineLength > 0 ? "identification cut short" : "no identification from the meter");
                case Listening:
                    if (_framer.Flush() != FrameResult.None) return Message();
                    return Fail(Iec62056Error.Timeout, "no push from the meter");
                default:
                    if (_framer.Flush() != FrameResult.None) return Message();
                    return Fail(Iec62056Error.Timeout, "no answer from the meter");
            }
        }
    }
}
