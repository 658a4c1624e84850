using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;

namespace MeterGateway.Simulators
{
    /// <summary>
    /// A meter with an IEC 62056-21 optical port, scripted from a capture (<see cref="Iec62056MeterScript"/>): it answers
    /// the sign-on <c>/?!</c> or <c>/?ADDRESS!</c> with the captured identification, then behaves as its mode says
    /// (A: readout at 300 baud; B: switches to the announced rate and sends the readout; C: waits for the option select
    /// <c>ACK 0 Z Y</c>, switches to Z and sends the readout (Y=0) or enters programming mode (Y=1); D: pushes every
    /// interval). In programming mode it sends P0 with its operand, checks the P1 password (ACK or NAK), answers R1/R2
    /// reads with the data set of the register found in the captured readout (<c>STX 1.8.0(000285.4*kWh) ETX BCC</c>,
    /// or <c>(ERROR)</c>), answers a bad BCC with NAK, repeats its last answer on NAK, and returns to 300 baud on the
    /// break B0, after a readout, or after <see cref="Iec62056MeterScript.IdleTimeoutMs"/> of silence. Wake-up NULs and
    /// garbage are ignored.
    /// <para>
    /// It is an <see cref="ISimulatedMeter"/>: tests run it behind a <see cref="SimulatedSerialLine"/>; the host's
    /// <c>simulate</c> command runs it on a serial port. Allocates only at construction.
    /// </para>
    /// </summary>
    public sealed class Iec62056MeterSimulator : ISimulatedMeter
    {
        private const int Idle = 0, Identifying = 1, AwaitingOption = 2, ReadingOut = 3, Programming = 4, Pushing = 5;
        private const int SourceScript = 0, SourceAnswer = 1;

        private readonly Iec62056MeterScript _script;
        private readonly Iec62056Identification _identification = new Iec62056Identification();
        private readonly Iec62056Framer _commands = new Iec62056Framer(1024, Iec62056FramerMode.Answer);
        private readonly byte[] _address;
        private readonly byte[] _password;
        private readonly byte[] _operand;
        private readonly byte[] _line = new byte[96];
        private readonly byte[] _answer = new byte[1024];
        private readonly Iec62056Mode _mode;
        private readonly int _offeredBaud;

        private int _state;
        private int _baud;
        private int _lineLength;
        private bool _authorized;
        private int _chunk;
        private long _lastActivity;

        // The message being sent: from the script's bytes or from _answer.
        private byte[] _job;
        private int _jobLength;
        private int _jobPosition;
        private long _sendAt;
        private int _answerLength;

        /// <summary>A meter that behaves as <paramref name="script"/> says. Throws <see cref="System.ArgumentException"/> when the script's identification has no <c>/XXXZ</c> line (a request/response script) or it has no readout.</summary>
        public Iec62056MeterSimulator(Iec62056MeterScript script)
        {
            _script = script;
            if (script.Readout == null || script.Readout.Length == 0) throw new System.ArgumentException("the script has no readout");
            _address = Ascii.GetBytes(script.Address == null ? "" : script.Address);
            _password = script.Password == null ? null : Ascii.GetBytes("(" + script.Password + ")");
            _operand = Ascii.GetBytes("(" + script.PasswordOperand + ")");
            if (script.Mode == Iec62056Mode.D)
            {
                _mode = Iec62056Mode.D;
                _state = Pushing;
                _baud = script.PushBaudRate;
                Start(script.Readout[0], script.Readout[0].Length, 0);
                return;
            }
            if (!FindIdentification(script.Identification)) throw new System.ArgumentException("the script's identification has no /XXXZ line");
            _mode = script.Mode == Iec62056Mode.Auto ? _identification.ImpliedMode : script.Mode;
            _offeredBaud = _identification.AnnouncedBaudRate > 0 ? _identification.AnnouncedBaudRate : Iec62056BaudRate.Initial;
            _baud = Iec62056BaudRate.Initial;
        }

        /// <summary>The identification the meter sends (parsed from the script).</summary>
        public Iec62056Identification Identification { get { return _identification; } }

        /// <summary>Sign-on requests the meter answered.</summary>
        public int SignOns { get; private set; }

        /// <summary>Option selects the meter accepted.</summary>
        public int OptionSelects { get; private set; }

        /// <summary>Programming commands whose BCC did not match (each answered with NAK).</summary>
        public int BadCommands { get; private set; }

        /// <summary>Breaks (B0) the meter received.</summary>
        public int Breaks { get; private set; }

        /// <summary>True while the meter is in programming mode.</summary>
        public bool InProgrammingMode { get { return _state == Programming; } }

        /// <inheritdoc/>
        public int BaudRate { get { return _baud; } }

        /// <inheritdoc/>
        public long NextTransmitMs
        {
            get
            {
                if (_job != null) return _sendAt;
                if (_state == Idle || _state == Pushing) return long.MaxValue;
                return _lastActivity + _script.IdleTimeoutMs;
            }
        }

        /// <inheritdoc/>
        public void Receive(byte[] data, int offset, int count, long nowMs)
        {
            for (int i = 0; i < count; i++)
            {
                _lastActivity = nowMs;
                byte b = data[offset + i];
                switch (_state)
                {
                    case Idle:
                        RequestByte(b, nowMs);
                        break;
                    case AwaitingOption:
                        OptionByte(b, nowMs);
                        break;
                    case Programming:
                        CommandByte(b, nowMs);
                        break;
                }
            }
        }

        /// <inheritdoc/>
        public int Transmit(byte[] buffer, int offset, int count, long nowMs)
        {
            if (_job == null)
            {
                if (_state != Idle && _state != Pushing && nowMs >= _lastActivity + _script.IdleTimeoutMs) ReturnToIdle();
                return 0;
            }
            if (nowMs < _sendAt) return 0;
            int n = _jobLength - _jobPosition;
            if (n > count) n = count;
            System.Array.Copy(_job, _jobPosition, buffer, offset, n);
            _jobPosition += n;
            long lineFree = nowMs + Iec62056BaudRate.TransmitMs(n, _baud);
            _lastActivity = lineFree;
            if (_jobPosition >= _jobLength)
            {
                _job = null;
                Sent(lineFree);
            }
            return n;
        }

        private bool FindIdentification(byte[] bytes)
        {
            if (bytes == null) return false;
            int start = -1;
            for (int i = 0; i < bytes.Length; i++)
            {
                if (bytes[i] == '/' && i + 1 < bytes.Length && bytes[i + 1] != '?') start = i;
                else if (bytes[i] == Iec62056Characters.Lf && start >= 0)
                {
                    int end = i > 0 && bytes[i - 1] == Iec62056Characters.Cr ? i - 1 : i;
                    return _identification.TryParse(bytes, start, end - start);
                }
            }
            return false;
        }

        private void Start(byte[] source, int length, long at)
        {
            _job = source;
            _jobLength = length;
            _jobPosition = 0;
            _sendAt = at;
        }

        private void Answer(int length, long nowMs)
        {
            _answerLength = length;
            Start(_answer, length, nowMs + _script.ReactionTimeMs);
        }

        // What follows once a message is out.
        private void Sent(long lineFree)
        {
            switch (_state)
            {
                case Identifying:
                    if (_mode == Iec62056Mode.C)
                    {
                        _state = AwaitingOption;
                        _lineLength = 0;
                        return;
                    }
                    if (_mode == Iec62056Mode.B) _baud = _offeredBaud;
                    _state = ReadingOut;
                    _chunk = 0;
                    Start(_script.Readout[0], _script.Readout[0].Length, lineFree + _script.ReactionTimeMs);
                    return;
                case ReadingOut:
                    if (++_chunk < _script.Readout.Length) Start(_script.Readout[_chunk], _script.Readout[_chunk].Length, lineFree);
                    else ReturnToIdle();
                    return;
                case Pushing:
                    _chunk = (_chunk + 1) % _script.Readout.Length;
                    Start(_script.Readout[_chunk], _script.Readout[_chunk].Length, lineFree + _script.PushIntervalMs);
                    return;
            }
        }

        private void ReturnToIdle()
        {
            _state = Idle;
            _job = null;
            _lineLength = 0;
            _baud = Iec62056BaudRate.Initial;
            _authorized = false;
        }

        private void RequestByte(byte b, long nowMs)
        {
            if (b == '/') _lineLength = 0;
            else if (_lineLength == 0) return;
            if (_lineLength >= _line.Length)
            {
                _lineLength = 0;
                return;
            }
            _line[_lineLength++] = b;
            if (b != Iec62056Characters.Lf) return;
            // "/?" address "!" CR LF
            int n = _lineLength;
            _lineLength = 0;
            if (n < 5 || _line[1] != '?' || _line[n - 2] != Iec62056Characters.Cr || _line[n - 3] != Iec62056Characters.End) return;
            int addressLength = n - 5;
            if (addressLength > 0 && _address.Length > 0 && !SameBytes(_line, 2, addressLength, _address)) return;
            SignOns++;
            _state = Identifying;
            Start(_script.Identification, _script.Identification.Length, nowMs + _script.ReactionTimeMs);
        }

        private void OptionByte(byte b, long nowMs)
        {
            if (b == '/')
            {
                // A new sign-on instead of an option select.
                _state = Idle;
                RequestByte(b, nowMs);
                return;
            }
            if (b == Iec62056Characters.Ack) _lineLength = 0;
            else if (_lineLength == 0) return;
            if (_lineLength >= 6)
            {
                _lineLength = 0;
                return;
            }
            _line[_lineLength++] = b;
            if (_lineLength < 6) return;
            _lineLength = 0;
            if (_line[4] != Iec62056Characters.Cr || _line[5] != Iec62056Characters.Lf || _line[1] != Iec62056Messages.NormalProtocol) return;
            int rate = Iec62056BaudRate.ModeC(_line[2]);
            if (rate == 0 || rate > _offeredBaud) return;
            OptionSelects++;
            _baud = rate;
            if (_line[3] == Iec62056Messages.ReadoutMode)
            {
                _state = ReadingOut;
                _chunk = 0;
                Start(_script.Readout[0], _script.Readout[0].Length, nowMs + _script.ReactionTimeMs);
            }
            else if (_line[3] == Iec62056Messages.ProgrammingMode)
            {
                _state = Programming;
                _authorized = _password == null;
                _commands.Reset();
                Answer(Iec62056Messages.Command('P', '0', _operand, 0, _operand.Length, _answer, 0), nowMs);
            }
            else
            {
                ReturnToIdle();
            }
        }

        private void CommandByte(byte b, long nowMs)
        {
            _line[0] = b;
            _commands.Feed(_line, 0, 1);
            if (_commands.Result == FrameResult.None) return;
            if (_commands.Result == FrameResult.Invalid)
            {
                if (_commands.Error == FrameError.Bcc) BadCommands++;
                _answer[0] = Iec62056Characters.Nak;
                Answer(1, nowMs);
                return;
            }
            switch (_commands.Kind)
            {
                case Iec62056FrameKind.NegativeAcknowledge:
                    if (_answerLength > 0) Start(_answer, _answerLength, nowMs + _script.ReactionTimeMs);
                    return;
                case Iec62056FrameKind.Command:
                    break;
                default:
                    return;
            }
            byte[] m = _commands.Buffer;
            int data = _commands.DataOffset, dataLength = _commands.DataLength;
            switch (_commands.CommandLetter)
            {
                case 'B':
                    Breaks++;
                    ReturnToIdle();
                    return;
                case 'P':
                    _authorized = _password == null || SameBytes(m, data, dataLength, _password);
                    _answer[0] = _authorized ? Iec62056Characters.Ack : Iec62056Characters.Nak;
                    Answer(1, nowMs);
                    return;
                case 'R':
                    Answer(ReadAnswer(m, data, dataLength), nowMs);
                    return;
                default:
                    Answer(Error(), nowMs);
                    return;
            }
        }

        // The data set of the register asked for, from the captured readout, as a data message; (ERROR) when unknown.
        private int ReadAnswer(byte[] m, int data, int dataLength)
        {
            if (!_authorized) return Error();
            int open = 0;
            while (open < dataLength && m[data + open] != '(') open++;
            long code;
            if (!Iec62056Address.TryParse(m, data, open, _script.Medium, out code)) return Error();
            for (int c = 0; c < _script.Readout.Length; c++)
            {
                byte[] chunk = _script.Readout[c];
                int from = 0;
                for (int i = 0; i < chunk.Length; i++)
                {
                    if (chunk[i] == Iec62056Characters.Stx) { from = i + 1; break; }
                }
                int start, length;
                if (Iec62056Parser.Find(chunk, from, chunk.Length - from, code, _script.Medium, out start, out length) && length + 3 <= _answer.Length)
                {
                    return Iec62056Messages.DataMessage(chunk, start, length, _answer, 0);
                }
            }
            return Error();
        }

        private int Error()
        {
            return Iec62056Messages.DataMessage(ErrorData, 0, ErrorData.Length, _answer, 0);
        }

        private static readonly byte[] ErrorData = Ascii.GetBytes("(ERROR)");

        private static bool SameBytes(byte[] a, int offset, int count, byte[] b)
        {
            if (count != b.Length) return false;
            for (int i = 0; i < count; i++)
            {
                if (a[offset + i] != b[i]) return false;
            }
            return true;
        }
    }
}
