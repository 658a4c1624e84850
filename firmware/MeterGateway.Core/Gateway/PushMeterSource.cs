using MeterGateway.Core.Link;
using MeterGateway.Core.Protocols;
using MeterGateway.Core.Readings;

namespace MeterGateway.Core.Gateway
{
    /// <summary>
    /// A meter that sends on its own (DSMR P1 every 1–10 s while the data request line is high, SML every second,
    /// IEC 62056-21 mode D): bytes from an <see cref="IMeterLink"/> through an <see cref="IFrameDecoder"/>. Bytes after
    /// a frame's end stay buffered for the next <see cref="Poll"/>, so frames run together are all delivered.
    /// </summary>
    public sealed class PushMeterSource : IMeterSource
    {
        private readonly IMeterLink _link;
        private readonly IFrameDecoder _decoder;
        private readonly int _baudRate;
        private readonly LinkParity _parity;
        private readonly int _dataBits;
        private readonly bool _dataRequest;
        private readonly byte[] _buffer = new byte[1024];
        private int _position;
        private int _count;

        /// <summary>
        /// A source reading <paramref name="link"/> at the given character format; with <paramref name="dataRequest"/> the
        /// P1 data request line is raised while open (DSMR 5.0.2 §5.7.1).
        /// </summary>
        public PushMeterSource(IMeterLink link, IFrameDecoder decoder, int baudRate, LinkParity parity, int dataBits, bool dataRequest)
        {
            _link = link;
            _decoder = decoder;
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
        }

        /// <inheritdoc/>
        public void Close()
        {
            if (_dataRequest) _link.SetDataRequest(false);
            _link.Close();
        }

        /// <inheritdoc/>
        public FrameResult Poll(ReadingSet readings, int timeoutMs)
        {
            if (_position >= _count)
            {
                _position = 0;
                _count = _link.Read(_buffer, 0, _buffer.Length, timeoutMs);
            }
            while (_position < _count)
            {
                _position += _decoder.Feed(_buffer, _position, _count - _position);
                FrameResult result = _decoder.Result;
                if (result == FrameResult.None) continue;
                if (result == FrameResult.Valid && _decoder.Parse(readings)) return FrameResult.Valid;
                Error = _decoder.Error;
                ErrorText = _decoder.ErrorText;
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
