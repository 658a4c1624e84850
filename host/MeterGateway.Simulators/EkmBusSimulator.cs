using MeterGateway.Link;
using MeterGateway.Protocols.Ekm;

namespace MeterGateway.Simulators
{
    /// <summary>
    /// Several <see cref="EkmMeterSimulator"/>s on one RS-485 bus: every meter hears every byte, the addressed one
    /// answers (two meters answering at once garble each other, as on a real bus: their replies are concatenated).
    /// Serve a real port with <see cref="Serve"/> (poll style: call it in a loop), or connect a client in memory
    /// with <see cref="EkmLoopbackLink"/>.
    /// </summary>
    public sealed class EkmBusSimulator
    {
        private readonly EkmMeterSimulator[] _meters;
        private readonly byte[] _rx = new byte[256];
        private int _count;

        /// <summary>The replies to the last request fed.</summary>
        public readonly byte[] Reply;
        /// <summary>Length of <see cref="Reply"/> after the last <see cref="Feed"/>.</summary>
        public int ReplyLength;

        /// <summary>A bus for up to <paramref name="capacity"/> meters.</summary>
        public EkmBusSimulator(int capacity)
        {
            _meters = new EkmMeterSimulator[capacity];
            Reply = new byte[capacity * EkmLayouts.ReplyLength];
        }

        /// <summary>Connects a meter to the bus.</summary>
        public void Add(EkmMeterSimulator meter)
        {
            _meters[_count++] = meter;
        }

        /// <summary>Number of meters on the bus.</summary>
        public int Count { get { return _count; } }

        /// <summary>The meter at <paramref name="index"/> (in the order added).</summary>
        public EkmMeterSimulator Meter(int index)
        {
            return _meters[index];
        }

        /// <summary>Consumes bytes up to the end of the next request (at least 1 when count &gt; 0) and collects the replies.</summary>
        public int Feed(byte[] data, int offset, int count)
        {
            ReplyLength = 0;
            int used = count;
            for (int i = 0; i < _count; i++)
            {
                EkmMeterSimulator meter = _meters[i];
                // All meters frame requests alike, so each consumes the same count.
                used = meter.Feed(data, offset, count);
                if (meter.ReplyLength > 0)
                {
                    System.Array.Copy(meter.Reply, 0, Reply, ReplyLength, meter.ReplyLength);
                    ReplyLength += meter.ReplyLength;
                }
            }
            return used;
        }

        /// <summary>
        /// One poll of a simulated bus behind a real port: reads what arrived within <paramref name="timeoutMs"/>,
        /// answers every complete request on <paramref name="link"/>. Returns the number of bytes read.
        /// </summary>
        public int Serve(IMeterLink link, int timeoutMs)
        {
            int n = link.Read(_rx, 0, _rx.Length, timeoutMs);
            int used = 0;
            while (used < n)
            {
                used += Feed(_rx, used, n - used);
                if (ReplyLength > 0) link.Write(Reply, 0, ReplyLength);
            }
            return n;
        }
    }
}
