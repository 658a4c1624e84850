using MeterGateway.Link;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// Talks to EKM Omnimeters on an RS-485 bus through an <see cref="IMeterLink"/> opened at 9600 7E1
    /// (<see cref="BaudRate"/>, <see cref="Parity"/>, <see cref="DataBits"/>), poll style: each call sends a request
    /// and waits for the reply with the link's read timeout, on the caller's thread. Several meters share the bus:
    /// every exchange names the meter's 12-digit address, and commands (which carry no address) are sent inside a
    /// session opened by an A read of that meter and ended with the close string, as ekmmeters does:
    /// <c>A read → P1 password → ACK → W1 command → ACK → close</c>. Reads allocate nothing.
    /// Source: PROTOCOLS.md §4; ekmmetering/ekmmeters @ 3933c34884334027c8d9edb6bd9e07c75834db00 (<c>request</c>,
    /// <c>serialCmdPwdAuth</c>, <c>serialPostEnd</c>, <c>readSettings</c>, <c>SerialPort.getResponse</c>).
    /// </summary>
    public sealed class EkmClient
    {
        /// <summary>Line speed of the meters.</summary>
        public const int BaudRate = 9600;
        /// <summary>Parity of the meters (7E1; ekmmeters opens the port with PARITY_EVEN although its docstring says none).</summary>
        public const LinkParity Parity = LinkParity.Even;
        /// <summary>Data bits of the meters.</summary>
        public const int DataBits = 7;

        /// <summary>Longest wait for the first byte of a reply (ekmmeters waits up to 60 × 50 ms).</summary>
        public int FirstByteTimeoutMs = 3000;
        /// <summary>Longest silence inside a reply before it counts as stopped (255 bytes take 266 ms at 9600 7E1).</summary>
        public int ByteGapTimeoutMs = 500;
        /// <summary>Time given to the meter after the close string before the next request (ekmmeters sleeps 200 ms after each write).</summary>
        public int SettleMs = 200;

        /// <summary>The raw A read (V3 A or V4 A) of the last successful <see cref="Read"/>: 255 bytes (ekmmeters' Raw_A).</summary>
        public readonly byte[] RawA = new byte[EkmLayouts.ReplyLength];
        /// <summary>The raw V4 B read of the last successful v4 <see cref="Read"/> (ekmmeters' Raw_B).</summary>
        public readonly byte[] RawB = new byte[EkmLayouts.ReplyLength];
        /// <summary>True when <see cref="RawB"/> belongs to the last read (v4).</summary>
        public bool HasRawB;
        /// <summary>The decoder of the replies; after a failure its ErrorText tells why.</summary>
        public readonly EkmReplyDecoder Decoder = new EkmReplyDecoder();

        private const int MaxNoiseBytes = 4 * EkmLayouts.ReplyLength;
        private readonly IMeterLink _link;
        private readonly byte[] _tx = new byte[EkmRequests.MaxCommandLength];
        private readonly byte[] _rx = new byte[EkmLayouts.ReplyLength + 1];

        /// <summary>A client on an opened link (open it with <see cref="BaudRate"/>, <see cref="Parity"/>, <see cref="DataBits"/>).</summary>
        public EkmClient(IMeterLink link)
        {
            _link = link;
        }

        /// <summary>
        /// Reads a meter into <paramref name="readings"/> (cleared first): the V3 A read, or the V4 A and B reads
        /// combined. <paramref name="address"/> is 12 ASCII digits (<see cref="EkmRequests.Address"/>). When the B read
        /// fails the set keeps the A read's readings and the B read's status is returned.
        /// </summary>
        public EkmStatus Read(byte[] address, EkmMeterVersion version, ReadingSet readings)
        {
            HasRawB = false;
            readings.Clear();
            EkmStatus status = RequestRead(version == EkmMeterVersion.V3 ? EkmLayouts.V3A : EkmLayouts.V4A, address, RawA);
            if (status != EkmStatus.Ok) return status;
            if (!Decoder.Parse(readings)) return Decoder.Status;
            if (version == EkmMeterVersion.V3) return EkmStatus.Ok;
            status = RequestRead(EkmLayouts.V4B, address, RawB);
            if (status != EkmStatus.Ok) return status;
            HasRawB = true;
            return Decoder.Append(readings) ? EkmStatus.Ok : Decoder.Status;
        }

        /// <summary>
        /// Sends a command built by <see cref="EkmCommands"/> (<paramref name="command"/>, <paramref name="count"/> bytes at
        /// <paramref name="offset"/>): A read to open the session, the password, the command, the close string.
        /// Ok only when the meter acknowledged both the password and the command. Throws
        /// <see cref="EkmSettingException"/> before sending anything when the password is not 8 digits.
        /// </summary>
        public EkmStatus Write(byte[] address, EkmMeterVersion version, string password, byte[] command, int offset, int count)
        {
            EkmRequests.CheckPassword("meter password", password);
            EkmStatus status = OpenSession(address, version);
            if (status == EkmStatus.Ok)
            {
                Decoder.ExpectAck();
                status = Exchange(EkmRequests.Password(password, _tx, 0));
                if (status == EkmStatus.Refused) status = EkmStatus.PasswordRefused;
            }
            if (status == EkmStatus.Ok)
            {
                System.Array.Copy(command, offset, _tx, 0, count);
                Decoder.ExpectAck();
                status = Exchange(count);
            }
            CloseSession();
            return status;
        }

        /// <summary>
        /// Reads one settings block (A read, R1 command, close) into <paramref name="settings"/>. The kWh decimals of
        /// month blocks come from the A read. Returns BadContent when the block's fields are not digits.
        /// </summary>
        public EkmStatus ReadBlock(byte[] address, EkmMeterVersion version, EkmBlock block, EkmMeterSettings settings)
        {
            EkmStatus status = OpenSession(address, version);
            int decimals = EkmReadParser.KwhDecimals(RawA, 0, version == EkmMeterVersion.V3 ? EkmLayouts.V3A : EkmLayouts.V4A, 0);
            if (status == EkmStatus.Ok)
            {
                Decoder.ExpectBlock();
                status = Exchange(EkmRequests.ReadBlock(block, _tx, 0));
            }
            if (status == EkmStatus.Ok && !settings.Parse(block, Decoder.FrameBuffer, 0, decimals)) status = EkmStatus.BadContent;
            CloseSession();
            return status;
        }

        /// <summary>Reads all five settings blocks (ekmmeters <c>readSettings</c>); stops at the first failure and returns its status.</summary>
        public EkmStatus ReadSettings(byte[] address, EkmMeterVersion version, EkmMeterSettings settings)
        {
            for (int b = 0; b <= (int)EkmBlock.Holidays; b++)
            {
                EkmStatus status = ReadBlock(address, version, (EkmBlock)b, settings);
                if (status != EkmStatus.Ok) return status;
            }
            return EkmStatus.Ok;
        }

        private EkmStatus OpenSession(byte[] address, EkmMeterVersion version)
        {
            return RequestRead(version == EkmMeterVersion.V3 ? EkmLayouts.V3A : EkmLayouts.V4A, address, RawA);
        }

        private void CloseSession()
        {
            _link.Write(_tx, 0, EkmRequests.Close(_tx, 0));
            // Give the meter its pause and drop anything it still sends.
            _link.Read(_rx, 0, _rx.Length, SettleMs);
        }

        private EkmStatus RequestRead(EkmLayout layout, byte[] address, byte[] raw)
        {
            Decoder.ExpectRead(layout, address);
            EkmStatus status = Exchange(EkmRequests.Read(layout, address, _tx, 0));
            if (status == EkmStatus.Ok) System.Array.Copy(Decoder.FrameBuffer, 0, raw, 0, EkmLayouts.ReplyLength);
            return status;
        }

        private EkmStatus Exchange(int count)
        {
            _link.Write(_tx, 0, count);
            int timeout = FirstByteTimeoutMs;
            int received = 0;
            while (received <= MaxNoiseBytes)
            {
                int n = _link.Read(_rx, 0, _rx.Length, timeout);
                if (n == 0) return Decoder.Finish() ? Decoder.Status : EkmStatus.NoReply;
                received += n;
                int used = 0;
                while (used < n)
                {
                    used += Decoder.Feed(_rx, used, n - used);
                    if (Decoder.Result == Protocols.FrameResult.Valid) return EkmStatus.Ok;
                    if (Decoder.Result == Protocols.FrameResult.Invalid) return Decoder.Status;
                }
                timeout = ByteGapTimeoutMs;
            }
            return EkmStatus.NoReply;
        }
    }
}
