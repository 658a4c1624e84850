using MeterGateway.Link;

namespace MeterGateway.Tests.Shared.Gateway
{
    /// <summary>
    /// A link and clock for portable tests: reads return the chunks queued with <see cref="Queue"/>, at most one chunk and
    /// at most the bytes asked for per read; a read with nothing queued advances the clock by its timeout and returns 0.
    /// </summary>
    public sealed class ScriptedLink : IMeterLink, IClock
    {
        private readonly byte[][] _chunks = new byte[16][];
        private int _head, _tail, _position;

        /// <summary>True while open.</summary>
        public bool IsOpen;
        /// <summary>State of the data request line.</summary>
        public bool DataRequest;
        /// <summary>The time reads see, ms.</summary>
        public long Now;
        /// <summary>Bytes handed out by <see cref="Read"/> so far.</summary>
        public long Served;

        /// <summary>Adds a chunk the next read returns.</summary>
        public void Queue(byte[] chunk) { _chunks[_tail++ % _chunks.Length] = chunk; }

        public long UtcNowSeconds { get { return 1700000000 + Now / 1000; } }
        public long MonotonicMs { get { return Now; } }
        public void Open(int baudRate, LinkParity parity, int dataBits) { IsOpen = true; }
        public void Close() { IsOpen = false; }
        public void Configure(int baudRate, LinkParity parity, int dataBits) { }
        public void Write(byte[] buffer, int offset, int count) { }
        public void SetDataRequest(bool active) { DataRequest = active; }

        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (_head == _tail)
            {
                Now += timeoutMs;
                return 0;
            }
            byte[] chunk = _chunks[_head % _chunks.Length];
            int n = chunk.Length - _position < count ? chunk.Length - _position : count;
            System.Array.Copy(chunk, _position, buffer, offset, n);
            _position += n;
            Served += n;
            if (_position == chunk.Length)
            {
                _head++;
                _position = 0;
            }
            Now += 1;
            return n;
        }
    }
}
