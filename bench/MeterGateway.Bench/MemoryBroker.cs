using System.Net;
using System.Threading.Tasks.Sources;
using MQTTnet.Channel;

namespace MeterGateway.Bench;

/// <summary>
/// A broker in memory for MQTTnet's client (<see cref="IMqttClientStreamProvider"/>): the client encodes every packet
/// as it would for a socket and writes it to this stream, which answers CONNECT with CONNACK, a QoS 1 PUBLISH with its
/// PUBACK, SUBSCRIBE with SUBACK and PINGREQ with PINGRESP, and counts the PUBLISH packets and their bytes. The client's
/// receive loop reads the answers. It allocates nothing per packet itself (a pending read completes through a reused
/// <see cref="IValueTaskSource{TResult}"/>), so what a benchmark measures is the client's. One client at a time.
/// </summary>
public sealed class MemoryBroker : IMqttClientStreamProvider
{
    /// <summary>PUBLISH packets received since the last connection.</summary>
    public long Publishes => _stream?.Publishes ?? 0;

    /// <summary>Their bytes, fixed header included.</summary>
    public long PublishBytes => _stream?.PublishBytes ?? 0;

    private BrokerStream? _stream;

    /// <inheritdoc/>
    public Task<Stream> ConnectAsync(EndPoint brokerEndPoint, CancellationToken cancellationToken)
    {
        _stream = new BrokerStream();
        return Task.FromResult<Stream>(_stream);
    }

    private sealed class BrokerStream : Stream, IValueTaskSource<int>
    {
        private readonly object _gate = new();
        private readonly byte[] _in = new byte[64 * 1024];
        private readonly byte[] _out = new byte[64 * 1024];
        private int _inCount;
        private int _outHead;
        private int _outCount;
        private bool _closed;
        private ManualResetValueTaskSourceCore<int> _read = new() { RunContinuationsAsynchronously = true };
        private Memory<byte> _readBuffer;
        private bool _reading;

        public long Publishes;
        public long PublishBytes;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() { }

        public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            lock (_gate)
            {
                if (_outCount > 0 || _closed) return new ValueTask<int>(Take(buffer.Span));
                _read.Reset();
                _readBuffer = buffer;
                _reading = true;
                return new ValueTask<int>(this, _read.Version);
            }
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Write(buffer.Span);
            return ValueTask.CompletedTask;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Write(buffer.AsSpan(offset, count));
            return Task.CompletedTask;
        }

        public override void Write(ReadOnlySpan<byte> data)
        {
            bool complete = false;
            int result = 0;
            lock (_gate)
            {
                data.CopyTo(_in.AsSpan(_inCount));
                _inCount += data.Length;
                int used = 0;
                while (TryPacket(used, out int length)) used += length;
                Array.Copy(_in, used, _in, 0, _inCount - used);
                _inCount -= used;
                if (_reading && (_outCount > 0 || _closed))
                {
                    _reading = false;
                    result = Take(_readBuffer.Span);
                    _readBuffer = default;
                    complete = true;
                }
            }
            if (complete) _read.SetResult(result);
        }

        // One whole packet at 'at' of the bytes written: answers it. False when the packet is not complete yet.
        private bool TryPacket(int at, out int length)
        {
            length = 0;
            if (_inCount - at < 2) return false;
            int remaining = 0, shift = 0, i = at + 1;
            while (true)
            {
                if (i >= _inCount) return false;
                byte b = _in[i++];
                remaining |= (b & 0x7F) << shift;
                shift += 7;
                if ((b & 0x80) == 0) break;
            }
            if (_inCount - i < remaining) return false;
            length = i - at + remaining;
            byte type = (byte)(_in[at] >> 4);
            switch (type)
            {
                case 1: Answer(0x20, 0, 0); break; // CONNECT → CONNACK accepted
                case 3: // PUBLISH
                    Publishes++;
                    PublishBytes += length;
                    if ((_in[at] & 0x06) != 0)
                    {
                        int topicLength = (_in[i] << 8) | _in[i + 1];
                        int id = i + 2 + topicLength;
                        Answer(0x40, _in[id], _in[id + 1]);
                    }
                    break;
                case 8: Answer(0x90, _in[i], _in[i + 1], 1); break; // SUBSCRIBE → SUBACK QoS 1
                case 12: Answer(0xD0); break; // PINGREQ → PINGRESP
                case 14: _closed = true; break; // DISCONNECT
            }
            return true;
        }

        private void Answer(byte header, params ReadOnlySpan<byte> body)
        {
            int end = (_outHead + _outCount) % _out.Length;
            Put(ref end, header);
            Put(ref end, (byte)body.Length);
            foreach (byte b in body) Put(ref end, b);
            _outCount += 2 + body.Length;
        }

        private void Put(ref int end, byte b)
        {
            _out[end] = b;
            end = (end + 1) % _out.Length;
        }

        private int Take(Span<byte> into)
        {
            int n = Math.Min(into.Length, _outCount);
            for (int k = 0; k < n; k++)
            {
                into[k] = _out[_outHead];
                _outHead = (_outHead + 1) % _out.Length;
            }
            _outCount -= n;
            return n;
        }

        protected override void Dispose(bool disposing)
        {
            bool complete = false;
            lock (_gate)
            {
                _closed = true;
                if (_reading)
                {
                    _reading = false;
                    complete = true;
                }
            }
            if (complete) _read.SetResult(0);
            base.Dispose(disposing);
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        int IValueTaskSource<int>.GetResult(short token) => _read.GetResult(token);

        ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _read.GetStatus(token);

        void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
            _read.OnCompleted(continuation, state, token, flags);
    }
}
