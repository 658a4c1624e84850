using MeterGateway.Link;

namespace MeterGateway.Simulators
{
    /// <summary>
    /// An in-memory <see cref="IMeterLink"/> whose far end is an <see cref="EkmBusSimulator"/>: what the client
    /// writes is fed to the bus at once and the replies wait to be read, at most <see cref="ChunkSize"/> bytes per
    /// <see cref="Read"/> (as a UART hands them over). For tests and for running the client without hardware.
    /// </summary>
    public sealed class EkmLoopbackLink : IMeterLink
    {
        private readonly EkmBusSimulator _bus;
        private readonly byte[] _pending = new byte[4096];
        private int _start;
        private int _end;

        /// <summary>Most bytes one <see cref="Read"/> returns.</summary>
        public int ChunkSize = 64;
        /// <summary>Baud rate of the last Open/Configure.</summary>
        public int BaudRate;
        /// <summary>Parity of the last Open/Configure.</summary>
        public LinkParity Parity;
        /// <summary>Data bits of the last Open/Configure.</summary>
        public int DataBits;
        /// <summary>True between Open and Close.</summary>
        public bool IsOpen;

        /// <summary>A link to the meters of <paramref name="bus"/>.</summary>
        public EkmLoopbackLink(EkmBusSimulator bus)
        {
            _bus = bus;
        }

        /// <inheritdoc/>
        public void Open(int baudRate, LinkParity parity, int dataBits)
        {
            Configure(baudRate, parity, dataBits);
            IsOpen = true;
        }

        /// <inheritdoc/>
        public void Close()
        {
            IsOpen = false;
        }

        /// <inheritdoc/>
        public void Configure(int baudRate, LinkParity parity, int dataBits)
        {
            BaudRate = baudRate;
            Parity = parity;
            DataBits = dataBits;
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = _end - _start;
            if (n > count) n = count;
            if (n > ChunkSize) n = ChunkSize;
            System.Array.Copy(_pending, _start, buffer, offset, n);
            _start += n;
            return n;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            if (_start == _end) _start = _end = 0;
            int used = 0;
            while (used < count)
            {
                used += _bus.Feed(buffer, offset + used, count - used);
                if (_bus.ReplyLength > 0 && _end + _bus.ReplyLength <= _pending.Length)
                {
                    System.Array.Copy(_bus.Reply, 0, _pending, _end, _bus.ReplyLength);
                    _end += _bus.ReplyLength;
                }
            }
        }

        /// <inheritdoc/>
        public void SetDataRequest(bool active)
        {
        }
    }
}
