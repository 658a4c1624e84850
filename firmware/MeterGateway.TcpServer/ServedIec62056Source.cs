using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;

namespace MeterGateway.TcpServer
{
    /// <summary>
    /// An IEC 62056-21 meter in mode D (it pushes on its own) with its pushes served: an <see cref="IMeterSource"/> in
    /// front of <see cref="Iec62056MeterSource"/> that hands each push whose BCC matched (or that came without one, as
    /// EMH and Easymeter pushes do) to a <see cref="TelegramServer"/> from the client's framer buffer, as
    /// <see cref="TelegramFormat.Iec62056"/>. Pushes it rejects are not served. Readouts of modes A–C are not served.
    /// </summary>
    public sealed class ServedIec62056Source : IMeterSource
    {
        private readonly Iec62056MeterSource _inner;
        private readonly TelegramServer _server;

        /// <summary>Serves the pushes <paramref name="inner"/> accepts on <paramref name="server"/>.</summary>
        public ServedIec62056Source(Iec62056MeterSource inner, TelegramServer server)
        {
            _inner = inner;
            _server = server;
        }

        /// <inheritdoc/>
        public FrameError Error { get { return _inner.Error; } }

        /// <inheritdoc/>
        public string ErrorText { get { return _inner.ErrorText; } }

        /// <inheritdoc/>
        public void Open()
        {
            _inner.Open();
        }

        /// <inheritdoc/>
        public void Close()
        {
            _inner.Close();
        }

        /// <inheritdoc/>
        public bool SetFreeBetweenPolls { get { return _inner.SetFreeBetweenPolls; } }

        /// <inheritdoc/>
        public FrameResult Poll(ReadingSet readings, int timeoutMs)
        {
            FrameResult result = _inner.Poll(readings, timeoutMs);
            Iec62056Client client = _inner.Client;
            if (result == FrameResult.Valid && client != null && client.ActiveMode == Iec62056Mode.D)
            {
                Iec62056Framer framer = client.Framer;
                _server.Serve(TelegramFormat.Iec62056, framer.Buffer, 0, framer.Length);
            }
            return result;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _inner.Reset();
        }
    }
}
