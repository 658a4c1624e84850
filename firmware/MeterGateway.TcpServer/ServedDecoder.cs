using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.TcpServer
{
    /// <summary>
    /// An <see cref="IFrameDecoder"/> in front of a push protocol's decoder (DSMR, possibly behind the DLMS decryptor, or
    /// SML) that hands each frame passing the decoder's check to a <see cref="TelegramServer"/>, straight from the
    /// decoder's <see cref="IFrameDecoder.FrameBuffer"/>, before anything is parsed or published. Everything else is the
    /// inner decoder's: <see cref="PushMeterSource"/> and the gateway loop see no difference. Rejected frames and the
    /// bytes between frames are never served. Allocates nothing.
    /// </summary>
    public sealed class ServedDecoder : IFrameDecoder
    {
        private readonly IFrameDecoder _inner;
        private readonly TelegramServer _server;
        private readonly TelegramFormat _format;

        /// <summary>Serves the checked frames of <paramref name="inner"/>, which are of <paramref name="format"/>, on <paramref name="server"/>.</summary>
        public ServedDecoder(IFrameDecoder inner, TelegramServer server, TelegramFormat format)
        {
            _inner = inner;
            _server = server;
            _format = format;
        }

        /// <summary>The decoder served.</summary>
        public IFrameDecoder Inner { get { return _inner; } }

        /// <inheritdoc/>
        public int Feed(byte[] data, int offset, int count)
        {
            int used = _inner.Feed(data, offset, count);
            if (_inner.Result == FrameResult.Valid)
            {
                _server.Serve(_format, _inner.FrameBuffer, _inner.FrameOffset, _inner.FrameLength);
            }
            return used;
        }

        /// <inheritdoc/>
        public FrameResult Result { get { return _inner.Result; } }

        /// <inheritdoc/>
        public FrameError Error { get { return _inner.Error; } }

        /// <inheritdoc/>
        public string ErrorText { get { return _inner.ErrorText; } }

        /// <inheritdoc/>
        public byte[] FrameBuffer { get { return _inner.FrameBuffer; } }

        /// <inheritdoc/>
        public int FrameOffset { get { return _inner.FrameOffset; } }

        /// <inheritdoc/>
        public int FrameLength { get { return _inner.FrameLength; } }

        /// <inheritdoc/>
        public bool Parse(ReadingSet readings)
        {
            return _inner.Parse(readings);
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _inner.Reset();
        }
    }
}
