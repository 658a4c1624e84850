using MeterGateway.Link;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// A meter that pushes its captures in turn, one a second: a serial link whose every read returns the rest of the
    /// current capture (at most what the reader asks for), and the clock that moves a second forward with each capture.
    /// </summary>
    public sealed class ReplayLink : IMeterLink, IClock
    {
        private readonly byte[][] _frames;
        private byte[] _current;
        private int _position;
        private int _next;
        private long _ms;

        /// <summary>A link replaying <paramref name="frames"/> in a loop.</summary>
        public ReplayLink(byte[][] frames)
        {
            _frames = frames;
        }

        /// <summary>Captures started so far.</summary>
        public long Frames;

        /// <inheritdoc/>
        public long UtcNowSeconds { get { return 1700000000 + _ms / 1000; } }

        /// <inheritdoc/>
        public long MonotonicMs { get { return _ms; } }

        /// <inheritdoc/>
        public void Open(int baudRate, LinkParity parity, int dataBits) { }

        /// <inheritdoc/>
        public void Close() { }

        /// <inheritdoc/>
        public void Configure(int baudRate, LinkParity parity, int dataBits) { }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_current == null || _position >= _current.Length)
            {
                _current = _frames[_next];
                _next = (_next + 1) % _frames.Length;
                _position = 0;
                _ms += 1000;
                Frames++;
            }
            int n = _current.Length - _position;
            if (n > count) n = count;
            System.Array.Copy(_current, _position, buffer, offset, n);
            _position += n;
            return n;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count) { }

        /// <inheritdoc/>
        public void SetDataRequest(bool active) { }
    }
}
