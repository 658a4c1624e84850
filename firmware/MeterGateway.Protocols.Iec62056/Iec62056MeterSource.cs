using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// An IEC 62056-21 meter on the optical head as a gateway <see cref="IMeterSource"/>: every poll interval an
    /// <see cref="Iec62056Client"/> session reads the data readout (modes A–C; the client opens the link at 300 baud
    /// 7E1 itself and switches speed as the meter announces); in mode D it listens to the meter's pushes. Failed
    /// attempts are reported (never published) and retried by the client.
    /// </summary>
    public sealed class Iec62056MeterSource : IMeterSource
    {
        private readonly IMeterLink _link;
        private readonly IClock _clock;
        private readonly Iec62056ClientOptions _options;
        private readonly int _intervalMs;
        private Iec62056Client _client;
        private long _nextSession = long.MinValue;

        /// <summary>A source reading the meter every <paramref name="intervalMs"/> (ignored in mode D).</summary>
        public Iec62056MeterSource(IMeterLink link, IClock clock, Iec62056ClientOptions options, int intervalMs)
        {
            _link = link;
            _clock = clock;
            _options = options;
            _intervalMs = intervalMs;
        }

        /// <summary>The client of the current session (its identification and counters), or null before the first poll.</summary>
        public Iec62056Client Client { get { return _client; } }

        /// <inheritdoc/>
        public FrameError Error { get; private set; }

        /// <inheritdoc/>
        public string ErrorText { get; private set; }

        /// <summary>Nothing to do: the client opens the link at the start of each session.</summary>
        public void Open()
        {
        }

        /// <inheritdoc/>
        public void Close()
        {
            if (_client != null) _client.Stop();
            _link.Close();
        }

        /// <summary>False: the client fills the set as the readout's data sets arrive, over several polls, and keeps it.</summary>
        public bool SetFreeBetweenPolls { get { return false; } }

        /// <summary>
        /// Runs the session for at most <paramref name="timeoutMs"/>. The client fills <paramref name="readings"/> in place:
        /// it is created at the first poll for the set the gateway loop passes (always the same one).
        /// </summary>
        public FrameResult Poll(ReadingSet readings, int timeoutMs)
        {
            if (_client == null || _client.Readings != readings) _client = new Iec62056Client(_link, _clock, _options, readings);
            long start = _clock.MonotonicMs;
            if (!_client.IsBusy)
            {
                if (_nextSession != long.MinValue && start < _nextSession)
                {
                    long wait = _nextSession - start;
                    System.Threading.Thread.Sleep((int)(wait < timeoutMs ? wait : timeoutMs));
                    return FrameResult.None;
                }
                _nextSession = start + _intervalMs;
                _client.Start();
            }
            do
            {
                Iec62056ClientEvent e = _client.Poll();
                if (e == Iec62056ClientEvent.Readout) return FrameResult.Valid;
                if (e == Iec62056ClientEvent.AttemptFailed)
                {
                    Error = ErrorOf(_client.Error);
                    ErrorText = _client.ErrorText;
                    return FrameResult.Invalid;
                }
                if (!_client.IsBusy) return FrameResult.None;
            } while (_clock.MonotonicMs - start < timeoutMs);
            return FrameResult.None;
        }

        /// <inheritdoc/>
        public void Reset()
        {
        }

        /// <summary>The gateway's rejection reason for a failed attempt.</summary>
        public static FrameError ErrorOf(Iec62056Error error)
        {
            switch (error)
            {
                case Iec62056Error.Timeout: return FrameError.Timeout;
                case Iec62056Error.Bcc: return FrameError.Bcc;
                case Iec62056Error.TooLong: return FrameError.TooLong;
                case Iec62056Error.Parse: return FrameError.Parse;
                default: return FrameError.Framing;
            }
        }
    }
}
