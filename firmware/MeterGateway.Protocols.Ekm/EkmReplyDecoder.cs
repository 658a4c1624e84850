using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// Framer of what an EKM meter answers, told beforehand what is expected (the line is request/response):
    /// <list type="bullet">
    /// <item><see cref="ExpectRead"/>: a 255-byte read starting with STX; bytes before STX are skipped; valid when
    /// the EKM CRC over bytes 1..252 matches bytes 253..254, the Meter_Address (bytes 4..15) is the one requested
    /// (any address when <see cref="EkmRequests.AnyMeter"/> was requested) and, on V4, Request_Type (bytes 247..248)
    /// is the one requested; a V4 A read must also have kWh_Scale 0..2, which is kept for the B read that follows.</item>
    /// <item><see cref="ExpectBlock"/>: a 255-byte settings block (STX and CRC checked).</item>
    /// <item><see cref="ExpectAck"/>: a single ACK (0x06) to a password or write command; any other first byte is a refusal.</item>
    /// </list>
    /// The caller ends a reply that stops short with <see cref="Finish"/>. Rejections carry an <see cref="EkmStatus"/>
    /// and a constant text; nothing is allocated after construction and nothing is thrown.
    /// Source: PROTOCOLS.md §4 (ekmmeters <c>getResponse</c>, <c>crcMeterRead</c>).
    /// </summary>
    public sealed class EkmReplyDecoder : IFrameDecoder
    {
        private const int ModeRead = 0;
        private const int ModeBlock = 1;
        private const int ModeAck = 2;

        /// <summary>Error text: CRC mismatch.</summary>
        public const string CrcText = "EKM reply CRC does not match";
        /// <summary>Error text: address mismatch.</summary>
        public const string WrongMeterText = "EKM reply is from another meter address";
        /// <summary>Error text: V4 request type mismatch.</summary>
        public const string WrongTypeText = "EKM reply has another Request_Type than requested";
        /// <summary>Error text: reply stopped short.</summary>
        public const string IncompleteText = "EKM reply stopped before 255 bytes";
        /// <summary>Error text: no ACK.</summary>
        public const string RefusedText = "EKM meter answered without ACK";
        /// <summary>Error text: Parse called without a valid read.</summary>
        public const string NoReadText = "no valid EKM read to parse";

        private readonly byte[] _frame = new byte[EkmLayouts.ReplyLength];
        private readonly EkmReadParser _parser = new EkmReadParser();
        private int _length;
        private int _mode;
        private EkmLayout _layout;
        private byte[] _address;

        /// <summary>A decoder waiting for nothing yet; call one of the Expect methods before feeding.</summary>
        public EkmReplyDecoder()
        {
            _mode = ModeAck;
        }

        /// <inheritdoc/>
        public FrameResult Result { get; private set; }
        /// <inheritdoc/>
        public FrameError Error { get; private set; }
        /// <inheritdoc/>
        public string ErrorText { get; private set; }
        /// <summary>The EKM view of the last outcome (Ok, Incomplete, Crc, WrongMeter, WrongRequestType, BadContent, Refused).</summary>
        public EkmStatus Status { get; private set; }
        /// <inheritdoc/>
        public byte[] FrameBuffer { get { return _frame; } }
        /// <inheritdoc/>
        public int FrameOffset { get { return 0; } }
        /// <inheritdoc/>
        public int FrameLength { get { return _length; } }
        /// <summary>True when bytes of a reply have arrived but it is not complete.</summary>
        public bool HasPartial { get { return Result == FrameResult.None && _length > 0; } }
        /// <summary>kWh decimals of the last valid V4 A read (0 until one is seen, as ekmmeters defaults); used for V4 B.</summary>
        public int KwhDecimals { get; set; }

        /// <summary>Expects the reply to a read request of <paramref name="layout"/> to meter <paramref name="address"/> (12 ASCII digits).</summary>
        public void ExpectRead(EkmLayout layout, byte[] address)
        {
            _layout = layout;
            _address = address;
            Start(ModeRead);
        }

        /// <summary>Expects a 255-byte settings block (the reply to an R1 command).</summary>
        public void ExpectBlock()
        {
            Start(ModeBlock);
        }

        /// <summary>Expects the single ACK that answers a password or write command.</summary>
        public void ExpectAck()
        {
            Start(ModeAck);
        }

        /// <inheritdoc/>
        public void Reset()
        {
            Start(_mode);
        }

        private void Start(int mode)
        {
            _mode = mode;
            _length = 0;
            Result = FrameResult.None;
            Error = FrameError.None;
            ErrorText = null;
            Status = EkmStatus.Ok;
        }

        /// <inheritdoc/>
        public int Feed(byte[] data, int offset, int count)
        {
            if (Result != FrameResult.None) Start(_mode);
            if (count <= 0) return 0;
            if (_mode == ModeAck)
            {
                _frame[0] = data[offset];
                _length = 1;
                if (data[offset] == EkmRequests.Ack) Result = FrameResult.Valid;
                else Reject(FrameError.Framing, EkmStatus.Refused, RefusedText);
                return 1;
            }
            int used = 0;
            if (_length == 0)
            {
                while (used < count && data[offset + used] != EkmRequests.Stx) used++;
                if (used == count) return used;
            }
            int take = EkmLayouts.ReplyLength - _length;
            if (take > count - used) take = count - used;
            System.Array.Copy(data, offset + used, _frame, _length, take);
            _length += take;
            used += take;
            if (_length == EkmLayouts.ReplyLength) Validate();
            return used;
        }

        /// <summary>
        /// Tells the decoder the line went silent: a partial reply becomes <see cref="FrameResult.Invalid"/>
        /// (<see cref="EkmStatus.Incomplete"/>). Returns true when that happened.
        /// </summary>
        public bool Finish()
        {
            if (!HasPartial) return false;
            Reject(FrameError.Timeout, EkmStatus.Incomplete, IncompleteText);
            return true;
        }

        private void Validate()
        {
            if (!EkmCrc.Check(_frame, 1, EkmLayouts.ReplyLength - 3))
            {
                Reject(FrameError.Crc, EkmStatus.Crc, CrcText);
                return;
            }
            if (_mode == ModeRead)
            {
                if (!EkmRequests.IsAnyMeter(_address) && !Same(_address, 0, _frame, 4, EkmRequests.AddressLength))
                {
                    Reject(FrameError.Framing, EkmStatus.WrongMeter, WrongMeterText);
                    return;
                }
                byte[] type = _layout.RequestType;
                if (type != null && !Same(type, 0, _frame, 247, 2))
                {
                    Reject(FrameError.Framing, EkmStatus.WrongRequestType, WrongTypeText);
                    return;
                }
                int decimals = EkmReadParser.KwhDecimals(_frame, 0, _layout, KwhDecimals);
                if (decimals < 0)
                {
                    Reject(FrameError.Parse, EkmStatus.BadContent, EkmReadParser.BadKwhScale);
                    return;
                }
                if (_layout.IndexOf(EkmFieldId.kWh_Scale) >= 0) KwhDecimals = decimals;
            }
            Result = FrameResult.Valid;
        }

        private void Reject(FrameError error, EkmStatus status, string text)
        {
            Result = FrameResult.Invalid;
            Error = error;
            Status = status;
            ErrorText = text;
        }

        /// <summary>True when the last frame was the ACK of a command.</summary>
        public bool IsAck { get { return _mode == ModeAck && Result == FrameResult.Valid; } }

        /// <inheritdoc/>
        public bool Parse(ReadingSet readings)
        {
            readings.Clear();
            return Append(readings);
        }

        /// <summary>
        /// Adds the last valid read to <paramref name="readings"/> without clearing it (a V4 B read after its A read;
        /// fields already there are not repeated). False, with <see cref="Error"/> = Parse, when there is no valid read.
        /// </summary>
        public bool Append(ReadingSet readings)
        {
            if (_mode != ModeRead || Result != FrameResult.Valid)
            {
                Error = FrameError.Parse;
                ErrorText = NoReadText;
                return false;
            }
            if (_parser.Append(_frame, 0, _layout, KwhDecimals, readings)) return true;
            Reject(FrameError.Parse, EkmStatus.BadContent, _parser.ErrorText);
            return false;
        }

        private static bool Same(byte[] a, int aOffset, byte[] b, int bOffset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (a[aOffset + i] != b[bOffset + i]) return false;
            }
            return true;
        }
    }
}
