using MeterGateway.Link;
using MeterGateway.Readings;

namespace MeterGateway.Protocols
{
    /// <summary>
    /// A meter that sends on its own (DSMR P1 every 1–10 s while the data request line is high, SML every second,
    /// IEC 62056-21 mode D): bytes from an <see cref="IMeterLink"/> through an <see cref="IFrameDecoder"/>, read in
    /// pieces of <see cref="ReadBytes"/> (the decoder gathers the frame in its own buffer). Bytes after a frame's end stay
    /// buffered for the next <see cref="Poll"/>, so frames run together are all delivered. A line
    /// without a complete frame for the silence timeout (<c>[SERIAL] serial_timeout</c>) is reported as
    /// <see cref="FrameError.Timeout"/> (unplugged cable, data request line low, wrong speed) and the decoder starts over.
    /// A decoder that streams lines (<see cref="IStreamingDecoder"/>) gets the set of each poll to fill as they arrive.
    /// </summary>
    public sealed class PushMeterSource : IMeterSource
    {
        private readonly IMeterLink _link;
        private readonly IFrameDecoder _decoder;
        private readonly IStreamingDecoder _streaming;
        private readonly int _baudRate;
        private readonly LinkParity _parity;
        private readonly int _dataBits;
        private readonly bool _dataRequest;
        private readonly IClock _clock;
        private readonly int _silenceTimeoutMs;
        private long _lastFrameMs;
        private readonly byte[] _buffer = new byte[ReadBytes];
        private int _position;
        private int _count;

        /// <summary>
        /// The read buffer's size: the link is read in pieces of at most this many bytes, each fed to the decoder, which
        /// keeps the frame in its own buffer (a telegram of 1 KB is four pieces).
        /// </summary>
        public const int ReadBytes = 256;

        /// <summary>
        /// Most bytes one <see cref="Poll"/> reads from the link without finding a frame's end (then it returns
        /// <see cref="FrameResult.None"/> and the loop does its other work): 1,024, at 115,200 baud the bytes of 90 ms.
        /// </summary>
        public const int PollBytes = 1024;

        /// <summary>
        /// A source reading <paramref name="link"/> at the given character format; with <paramref name="dataRequest"/> the
        /// P1 data request line is raised while open (DSMR 5.0.2 §5.7.1). <paramref name="silenceTimeoutMs"/> without a
        /// frame (by <paramref name="clock"/>) is reported as a timeout.
        /// </summary>
        public PushMeterSource(IMeterLink link, IFrameDecoder decoder, int baudRate, LinkParity parity, int dataBits, bool dataRequest,
            IClock clock, int silenceTimeoutMs)
        {
            _clock = clock;
            _silenceTimeoutMs = silenceTimeoutMs;
            _link = link;
            _decoder = decoder;
            _streaming = decoder as IStreamingDecoder;
            _baudRate = baudRate;
            _parity = parity;
            _dataBits = dataBits;
            _dataRequest = dataRequest;
        }

        /// <summary>The decoder (for the raw bytes of the last frame).</summary>
        public IFrameDecoder Decoder { get { return _decoder; } }

        /// <inheritdoc/>
        public FrameError Error { get; private set; }

        /// <inheritdoc/>
        public string ErrorText { get; private set; }

        /// <inheritdoc/>
        public void Open()
        {
            _link.Open(_baudRate, _parity, _dataBits);
            if (_dataRequest) _link.SetDataRequest(true);
            _lastFrameMs = _clock.MonotonicMs;
        }

        /// <inheritdoc/>
        public void Close()
        {
            if (_dataRequest) _link.SetDataRequest(false);
            _link.Close();
        }

        /// <summary>
        /// True when the set is free: a frame is parsed into it only in the <see cref="Poll"/> that completes it, or, by a
        /// decoder that streams lines (<see cref="IStreamingDecoder"/>), while it arrives: then false while a frame is half
        /// received.
        /// </summary>
        public bool SetFreeBetweenPolls { get { return _streaming == null || !_streaming.InFrame; } }

        /// <inheritdoc/>
        public FrameResult Poll(ReadingSet readings, int timeoutMs)
        {
            if (_streaming != null) _streaming.Target = readings;
            // Bytes left from the last poll (after a frame's end) first; then pieces of the link, waiting only for the first.
            for (int read = 0; _position < _count || read < PollBytes; timeoutMs = 0)
            {
                if (_position >= _count)
                {
                    _position = 0;
                    _count = _link.Read(_buffer, 0, _buffer.Length, timeoutMs);
                    if (_count <= 0)
                    {
                        _count = 0;
                        break;
                    }
                    read += _count;
                }
                _position += _decoder.Feed(_buffer, _position, _count - _position);
                FrameResult result = _decoder.Result;
                if (result == FrameResult.None) continue;
                _lastFrameMs = _clock.MonotonicMs;
                if (result == FrameResult.Valid && _decoder.Parse(readings)) return FrameResult.Valid;
                Error = _decoder.Error;
                ErrorText = _decoder.ErrorText;
                return FrameResult.Invalid;
            }
            long now = _clock.MonotonicMs;
            if (now - _lastFrameMs > _silenceTimeoutMs)
            {
                Reset();
                _lastFrameMs = now;
                Error = FrameError.Timeout;
                ErrorText = "no frame from the meter within serial_timeout";
                return FrameResult.Invalid;
            }
            return FrameResult.None;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _decoder.Reset();
            _position = 0;
            _count = 0;
        }
    }
}
