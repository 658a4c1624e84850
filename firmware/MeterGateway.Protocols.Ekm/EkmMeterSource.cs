using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// EKM Omnimeters on an RS-485 bus as a gateway <see cref="IMeterSource"/>: every poll interval each configured
    /// meter is read in turn (v3: the A read; v4: the A and B reads, PROTOCOLS.md §4) at 9600 7E1, one meter per
    /// <see cref="Poll"/>. A meter that does not answer or answers damaged is reported and the next one is read.
    /// </summary>
    public sealed class EkmMeterSource : IMeterSource
    {
        private readonly IMeterLink _link;
        private readonly EkmClient _client;
        private readonly byte[][] _addresses;
        private readonly EkmMeterVersion[] _versions;
        private readonly int _intervalMs;
        private readonly IClock _clock;
        private int _next;
        private long _roundStart = long.MinValue;

        /// <summary>Polls <paramref name="addresses"/> (12 ASCII digits each) every <paramref name="intervalMs"/>.</summary>
        public EkmMeterSource(IMeterLink link, byte[][] addresses, EkmMeterVersion[] versions, int intervalMs, IClock clock)
        {
            if (addresses.Length == 0 || addresses.Length != versions.Length) throw new System.ArgumentException("one version per meter address");
            _link = link;
            _client = new EkmClient(link);
            _addresses = addresses;
            _versions = versions;
            _intervalMs = intervalMs;
            _clock = clock;
        }

        /// <summary>The client (raw replies of the last read, for storage).</summary>
        public EkmClient Client { get { return _client; } }

        /// <summary>Index of the meter read by the last <see cref="Poll"/>.</summary>
        public int LastMeter { get; private set; }

        /// <inheritdoc/>
        public FrameError Error { get; private set; }

        /// <inheritdoc/>
        public string ErrorText { get; private set; }

        /// <inheritdoc/>
        public void Open()
        {
            _link.Open(EkmClient.BaudRate, EkmClient.Parity, EkmClient.DataBits);
        }

        /// <inheritdoc/>
        public void Close()
        {
            _link.Close();
        }

        /// <summary>True: each poll reads one meter whole into the set (<see cref="EkmClient.Read"/> clears it first) and keeps nothing of it.</summary>
        public bool SetFreeBetweenPolls { get { return true; } }

        /// <inheritdoc/>
        public FrameResult Poll(ReadingSet readings, int timeoutMs)
        {
            long now = _clock.MonotonicMs;
            if (_next == 0)
            {
                long due = _roundStart == long.MinValue ? now : _roundStart + _intervalMs;
                if (now < due)
                {
                    long wait = due - now;
                    System.Threading.Thread.Sleep((int)(wait < timeoutMs ? wait : timeoutMs));
                    return FrameResult.None;
                }
                _roundStart = now;
            }
            LastMeter = _next;
            _next = (_next + 1) % _addresses.Length;
            EkmStatus status = _client.Read(_addresses[LastMeter], _versions[LastMeter], readings);
            if (status == EkmStatus.Ok) return FrameResult.Valid;
            Error = ErrorOf(status);
            ErrorText = EkmStatusText.Of(status);
            return FrameResult.Invalid;
        }

        /// <inheritdoc/>
        public void Reset()
        {
        }

        /// <summary>The gateway's rejection reason for a failed read.</summary>
        public static FrameError ErrorOf(EkmStatus status)
        {
            switch (status)
            {
                case EkmStatus.NoReply:
                case EkmStatus.Incomplete: return FrameError.Timeout;
                case EkmStatus.Crc: return FrameError.Crc;
                case EkmStatus.BadContent: return FrameError.Parse;
                default: return FrameError.Framing;
            }
        }
    }
}
