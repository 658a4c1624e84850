using MeterGateway.Link;

namespace MeterGateway.Simulators
{
    /// <summary>
    /// An in-memory serial line between the code under test and an <see cref="ISimulatedMeter"/>, in virtual time: it is
    /// both the <see cref="IMeterLink"/> and the <see cref="IClock"/> of the client, and time passes only while the client
    /// waits in <see cref="Read"/> (or through <see cref="Advance"/>), so sessions run deterministically and fast.
    /// <para>
    /// It models what the optical head and UARTs do: each character takes 10 bit times (7E1) at its sender's speed; a
    /// character received at another speed than it was sent arrives as a garbled byte (0x7F); changing speed while
    /// characters are still being shifted out sends the rest at the new speed (so a baud switch before the option
    /// select has gone out breaks the session, as on a real line); with <see cref="Echo"/> the half-duplex head returns
    /// every character the client sends. For tests and development tools, not for the gateway.
    /// </para>
    /// </summary>
    public sealed class SimulatedSerialLine : IMeterLink, IClock
    {
        /// <summary>The byte a character received at the wrong speed turns into.</summary>
        public const byte Garbled = 0x7F;

        private readonly ISimulatedMeter _meter;
        private readonly CharacterQueue _toMeter;
        private readonly CharacterQueue _toClient;
        private readonly byte[] _received;
        private readonly byte[] _meterOut = new byte[256];
        private readonly byte[] _one = new byte[1];
        private int _receivedHead;
        private int _receivedTail;
        private long _nowUs;
        private long _clientBusyUs;
        private long _meterBusyUs;
        private int _clientBaud;
        private bool _open;

        /// <summary>A line to <paramref name="meter"/> holding up to <paramref name="capacity"/> characters in flight each way.</summary>
        public SimulatedSerialLine(ISimulatedMeter meter, int capacity)
        {
            _meter = meter;
            _toMeter = new CharacterQueue(capacity);
            _toClient = new CharacterQueue(capacity);
            _received = new byte[capacity];
        }

        /// <summary>A line with room for 64 K characters each way.</summary>
        public SimulatedSerialLine(ISimulatedMeter meter) : this(meter, 65536) { }

        /// <summary>When true, every character the client sends also comes back to it (half-duplex optical head).</summary>
        public bool Echo;

        /// <summary>Unix seconds at virtual time 0 (for <see cref="UtcNowSeconds"/>).</summary>
        public long StartUtcSeconds = 1700000000;

        /// <summary>The client's speed (0 while closed).</summary>
        public int ClientBaudRate { get { return _open ? _clientBaud : 0; } }

        /// <summary>True while the client has the link open.</summary>
        public bool IsOpen { get { return _open; } }

        /// <summary>The state of the data request line as the client set it last.</summary>
        public bool DataRequest { get; private set; }

        /// <inheritdoc/>
        public long MonotonicMs { get { return _nowUs / 1000; } }

        /// <inheritdoc/>
        public long UtcNowSeconds { get { return StartUtcSeconds + _nowUs / 1000000; } }

        /// <inheritdoc/>
        public void Open(int baudRate, LinkParity parity, int dataBits)
        {
            if (_open) throw new System.InvalidOperationException("link already open");
            Run(_nowUs);
            _open = true;
            _clientBaud = baudRate;
        }

        /// <inheritdoc/>
        public void Close()
        {
            _open = false;
        }

        /// <inheritdoc/>
        public void Configure(int baudRate, LinkParity parity, int dataBits)
        {
            if (!_open) throw new System.InvalidOperationException("link not open");
            Run(_nowUs);
            _toMeter.Rebaud(_nowUs, baudRate);
            _clientBaud = baudRate;
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            if (!_open) throw new System.InvalidOperationException("link not open");
            Run(_nowUs);
            long charUs = CharacterUs(_clientBaud);
            long at = _clientBusyUs > _nowUs ? _clientBusyUs : _nowUs;
            for (int i = 0; i < count; i++)
            {
                at += charUs;
                _toMeter.Add(buffer[offset + i], _clientBaud, at);
                if (Echo) _toClient.Add(buffer[offset + i], _clientBaud, at);
            }
            _clientBusyUs = at;
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            if (!_open) throw new System.InvalidOperationException("link not open");
            long target = _nowUs + (long)timeoutMs * 1000;
            Run(_nowUs);
            while (_receivedHead == _receivedTail)
            {
                long next = NextEventUs();
                if (next > target)
                {
                    _nowUs = target;
                    return 0;
                }
                _nowUs = next > _nowUs ? next : _nowUs;
                Run(_nowUs);
            }
            int n = 0;
            while (n < count && _receivedHead != _receivedTail)
            {
                buffer[offset + n++] = _received[_receivedHead];
                _receivedHead = (_receivedHead + 1) % _received.Length;
            }
            return n;
        }

        /// <inheritdoc/>
        public void SetDataRequest(bool active)
        {
            DataRequest = active;
        }

        /// <summary>Lets <paramref name="ms"/> milliseconds of virtual time pass (the meter keeps running).</summary>
        public void Advance(int ms)
        {
            long target = _nowUs + (long)ms * 1000;
            while (true)
            {
                long next = NextEventUs();
                if (next > target) break;
                _nowUs = next > _nowUs ? next : _nowUs;
                Run(_nowUs);
            }
            _nowUs = target;
            Run(_nowUs);
        }

        private static long CharacterUs(int baud)
        {
            return baud > 0 ? 10000000L / baud : 1000000L;
        }

        private long NextEventUs()
        {
            long next = long.MaxValue;
            if (_toMeter.Count > 0) next = _toMeter.NextAt;
            if (_toClient.Count > 0 && _toClient.NextAt < next) next = _toClient.NextAt;
            long meterMs = _meter.NextTransmitMs;
            if (meterMs != long.MaxValue)
            {
                long meterUs = meterMs * 1000;
                if (meterUs < _meterBusyUs) meterUs = _meterBusyUs;
                if (meterUs < next) next = meterUs;
            }
            return next;
        }

        // Delivers everything due at or before 'now', in time order: characters to the meter, characters to the client,
        // and what the meter sends when its line is free.
        private void Run(long now)
        {
            while (true)
            {
                long toMeter = _toMeter.Count > 0 ? _toMeter.NextAt : long.MaxValue;
                long toClient = _toClient.Count > 0 ? _toClient.NextAt : long.MaxValue;
                long meterMs = _meter.NextTransmitMs;
                long meterUs = meterMs == long.MaxValue ? long.MaxValue : meterMs * 1000 > _meterBusyUs ? meterMs * 1000 : _meterBusyUs;
                long first = toMeter < toClient ? toMeter : toClient;
                if (meterUs < first) first = meterUs;
                if (first > now) return;
                if (first == toMeter)
                {
                    int baud = _toMeter.NextBaud;
                    byte b = _toMeter.Take();
                    _one[0] = baud == _meter.BaudRate ? b : Garbled;
                    _meter.Receive(_one, 0, 1, first / 1000);
                }
                else if (first == toClient)
                {
                    int baud = _toClient.NextBaud;
                    byte b = _toClient.Take();
                    if (_open) Deliver(baud == _clientBaud ? b : Garbled);
                }
                else
                {
                    int baud = _meter.BaudRate;
                    int n = _meter.Transmit(_meterOut, 0, _meterOut.Length, first / 1000);
                    long charUs = CharacterUs(baud);
                    long at = first;
                    for (int i = 0; i < n; i++)
                    {
                        at += charUs;
                        _toClient.Add(_meterOut[i], baud, at);
                    }
                    _meterBusyUs = at;
                    if (n == 0 && _meter.NextTransmitMs * 1000 <= first)
                    {
                        // The meter acted on a timer without sending and wants to be called again at once: let time move on.
                        _meterBusyUs = first + 1000;
                    }
                }
            }
        }

        private void Deliver(byte b)
        {
            int next = (_receivedTail + 1) % _received.Length;
            if (next == _receivedHead) return; // overrun: the UART drops it
            _received[_receivedTail] = b;
            _receivedTail = next;
        }

        // Characters in flight in one direction: byte, the speed it was sent at, and when its stop bit ends (µs).
        private sealed class CharacterQueue
        {
            private readonly byte[] _bytes;
            private readonly int[] _bauds;
            private readonly long[] _at;
            private int _head;
            private int _count;

            public CharacterQueue(int capacity)
            {
                _bytes = new byte[capacity];
                _bauds = new int[capacity];
                _at = new long[capacity];
            }

            public int Count { get { return _count; } }
            public long NextAt { get { return _at[_head]; } }
            public int NextBaud { get { return _bauds[_head]; } }

            public void Add(byte b, int baud, long at)
            {
                if (_count == _bytes.Length) return; // overrun: dropped
                int i = (_head + _count) % _bytes.Length;
                _bytes[i] = b;
                _bauds[i] = baud;
                _at[i] = at;
                _count++;
            }

            public byte Take()
            {
                byte b = _bytes[_head];
                _head = (_head + 1) % _bytes.Length;
                _count--;
                return b;
            }

            // Characters not yet fully sent at 'now' go out at the new speed.
            public void Rebaud(long now, int baud)
            {
                for (int k = 0; k < _count; k++)
                {
                    int i = (_head + k) % _bytes.Length;
                    if (_at[i] > now) _bauds[i] = baud;
                }
            }
        }
    }
}
