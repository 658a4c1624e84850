using MeterGateway.Link;

namespace MeterGateway.TcpServer
{
    /// <summary>
    /// <c>[TCP] raw = true</c>: an <see cref="IMeterLink"/> in front of the meter's link that hands every byte read to
    /// <see cref="TelegramServer.ServeRaw"/> from the reader's own buffer, unchecked (garbage and damaged frames included),
    /// before the decoder sees it. Writes (IEC 62056-21 requests) are not served. Allocates nothing.
    /// </summary>
    public sealed class ServedLink : IMeterLink
    {
        private readonly IMeterLink _inner;
        private readonly TelegramServer _server;

        /// <summary>Serves what <paramref name="inner"/> reads on <paramref name="server"/>.</summary>
        public ServedLink(IMeterLink inner, TelegramServer server)
        {
            _inner = inner;
            _server = server;
        }

        /// <inheritdoc/>
        public void Open(int baudRate, LinkParity parity, int dataBits)
        {
            _inner.Open(baudRate, parity, dataBits);
        }

        /// <inheritdoc/>
        public void Close()
        {
            _inner.Close();
        }

        /// <inheritdoc/>
        public void Configure(int baudRate, LinkParity parity, int dataBits)
        {
            _inner.Configure(baudRate, parity, dataBits);
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int read = _inner.Read(buffer, offset, count, timeoutMs);
            if (read > 0) _server.ServeRaw(buffer, offset, read);
            return read;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            _inner.Write(buffer, offset, count);
        }

        /// <inheritdoc/>
        public void SetDataRequest(bool active)
        {
            _inner.SetDataRequest(active);
        }
    }
}
