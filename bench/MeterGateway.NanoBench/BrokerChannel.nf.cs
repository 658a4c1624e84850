using System;
using System.Threading;
using nanoFramework.M2Mqtt;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// The broker at the other end of M2Mqtt's network channel, in memory (the Linux nanoCLR has no sockets). It reads
    /// the MQTT 3.1.1 control packets the client sends (OASIS MQTT 3.1.1, section 3; M2Mqtt sends one whole packet per
    /// <see cref="Send"/>) and queues the broker's answers: CONNACK accepted (3.2) to CONNECT, SUBACK granting QoS 1 to
    /// every filter (3.9) to SUBSCRIBE, PUBACK with the packet id (3.4) to a QoS 1 PUBLISH, PINGRESP (3.13) to PINGREQ;
    /// nothing to a QoS 0 PUBLISH or to DISCONNECT. <see cref="Receive(byte[])"/> blocks until the bytes asked for are
    /// queued or the channel is closed (then it returns 0), as a socket does. <see cref="HoldAcks"/> holds PUBACKs back
    /// until the window is full, to sample the heap with every message in flight. It is scaffolding: its buffers are made
    /// once, and NanoBench counts them apart from the gateway (<see cref="Bytes"/>).
    /// </summary>
    public sealed class BrokerChannel : IMqttNetworkChannel
    {
        /// <summary>Bytes of answers the channel queues at most (a PUBACK takes 4).</summary>
        public const int AnswerBytes = 256;

        /// <summary>PUBACKs the channel holds back at most.</summary>
        public const int MaxHeld = 16;

        // Control packet types (2.2.1).
        private const int ConnectType = 1, PublishType = 3, SubscribeType = 8, PingReqType = 12;

        private readonly object _gate = new object();
        private readonly object _sendGate = new object();
        private readonly AutoResetEvent _ready = new AutoResetEvent(false);
        private readonly byte[] _answers = new byte[AnswerBytes];
        private int _head;
        private int _count;
        private bool _closed = true;
        private readonly int[] _held = new int[MaxHeld];
        private int _heldCount;
        private int _holdCount;
        private string _holdPrefix;

        /// <summary>PUBLISH packets received, and the bytes of their payloads.</summary>
        public long Messages, PayloadBytes;

        /// <summary>Topic filters subscribed, and PINGREQ packets answered.</summary>
        public long Subscriptions, Pings;

        /// <summary>
        /// The managed heap in use (after a collection) when the held PUBACKs reached the count given to
        /// <see cref="HoldAcks"/>, sampled on the client's sending thread just before they are released; -1 before.
        /// </summary>
        public long WindowHeap = -1;

        /// <summary>The heap this channel takes: its object, its answer buffer, its table of held ids, its locks and event (bytes, set by NanoBench).</summary>
        public long Bytes;

        /// <inheritdoc/>
        public bool ValidateServerCertificate { get; set; }

        /// <inheritdoc/>
        public bool DataAvailable
        {
            get
            {
                lock (_gate) return _count > 0;
            }
        }

        /// <summary>
        /// Holds back the PUBACKs of QoS 1 messages to topics that start with <paramref name="topicPrefix"/> until
        /// <paramref name="count"/> (at most <see cref="MaxHeld"/>) are held; then samples the heap into
        /// <see cref="WindowHeap"/> and releases them all, and answers at once again.
        /// </summary>
        public void HoldAcks(int count, string topicPrefix)
        {
            if (count < 0 || count > MaxHeld) throw new ArgumentOutOfRangeException("count");
            lock (_sendGate)
            {
                _holdPrefix = topicPrefix;
                _holdCount = count;
            }
        }

        /// <summary>Opens the channel for a new session: no answers queued, none held.</summary>
        public void Connect()
        {
            lock (_gate)
            {
                _closed = false;
                _head = 0;
                _count = 0;
            }
            lock (_sendGate) _heldCount = 0;
        }

        /// <summary>Not used by a client.</summary>
        public void Accept()
        {
            throw new NotSupportedException();
        }

        /// <summary>Closes the channel: a receive waiting, and every later one, returns 0.</summary>
        public void Close()
        {
            lock (_gate) _closed = true;
            _ready.Set();
        }

        /// <summary>Reads the client's packets in <paramref name="buffer"/> and queues the answers. Returns its length.</summary>
        public int Send(byte[] buffer)
        {
            lock (_sendGate)
            {
                int at = 0;
                while (at < buffer.Length)
                {
                    int type = buffer[at] >> 4;
                    int flags = buffer[at] & 0x0F;
                    int length = 0;
                    int shift = 0;
                    int body = at + 1;
                    int b;
                    do
                    {
                        b = buffer[body++];
                        length |= (b & 0x7F) << shift;
                        shift += 7;
                    }
                    while ((b & 0x80) != 0);
                    if (type == ConnectType) Answer(0x20, 2, 0, 0);
                    else if (type == PublishType) Published(buffer, body, length, (flags >> 1) & 3);
                    else if (type == SubscribeType) Subscribed(buffer, body, length);
                    else if (type == PingReqType)
                    {
                        Pings++;
                        Answer(0xD0, 0);
                    }
                    at = body + length;
                }
                return buffer.Length;
            }
        }

        // A PUBLISH (3.3): topic name, packet id when QoS > 0, payload.
        private void Published(byte[] buffer, int body, int length, int qos)
        {
            int topicLength = (buffer[body] << 8) | buffer[body + 1];
            int id = qos > 0 ? (buffer[body + 2 + topicLength] << 8) | buffer[body + 3 + topicLength] : -1;
            Messages++;
            PayloadBytes += length - 2 - topicLength - (qos > 0 ? 2 : 0);
            if (qos != 1) return;
            if (_holdCount == 0 || !StartsWith(buffer, body + 2, topicLength, _holdPrefix))
            {
                Acknowledge(id);
                return;
            }
            _held[_heldCount++] = id;
            if (_heldCount < _holdCount) return;
            WindowHeap = Program.Used();
            for (int i = 0; i < _heldCount; i++) Acknowledge(_held[i]);
            _heldCount = 0;
            _holdCount = 0;
        }

        // PUBACK (3.4).
        private void Acknowledge(int id)
        {
            Answer(0x40, 2, id >> 8, id & 0xFF);
        }

        // A SUBSCRIBE (3.8): packet id, then filters (length, topic, requested QoS); SUBACK grants QoS 1 to each.
        private void Subscribed(byte[] buffer, int body, int length)
        {
            int filters = 0;
            for (int at = body + 2; at < body + length; at += 2 + ((buffer[at] << 8) | buffer[at + 1]) + 1) filters++;
            Subscriptions += filters;
            lock (_gate)
            {
                Put(0x90);
                Put(2 + filters);
                Put(buffer[body]);
                Put(buffer[body + 1]);
                for (int i = 0; i < filters; i++) Put(1);
            }
            _ready.Set();
        }

        private static bool StartsWith(byte[] buffer, int offset, int length, string prefix)
        {
            if (length < prefix.Length) return false;
            for (int i = 0; i < prefix.Length; i++)
            {
                if (buffer[offset + i] != prefix[i]) return false;
            }
            return true;
        }

        private void Answer(int b0, int b1)
        {
            lock (_gate)
            {
                Put(b0);
                Put(b1);
            }
            _ready.Set();
        }

        private void Answer(int b0, int b1, int b2, int b3)
        {
            lock (_gate)
            {
                Put(b0);
                Put(b1);
                Put(b2);
                Put(b3);
            }
            _ready.Set();
        }

        // Under _gate.
        private void Put(int b)
        {
            if (_count == AnswerBytes) throw new InvalidOperationException("broker channel: answer queue full");
            _answers[(_head + _count) % AnswerBytes] = (byte)b;
            _count++;
        }

        /// <summary>Waits until <paramref name="buffer"/> can be filled with answers and fills it; 0 when the channel is closed.</summary>
        public int Receive(byte[] buffer)
        {
            while (true)
            {
                lock (_gate)
                {
                    if (_closed) return 0;
                    if (_count >= buffer.Length)
                    {
                        for (int i = 0; i < buffer.Length; i++)
                        {
                            buffer[i] = _answers[_head];
                            _head = (_head + 1) % AnswerBytes;
                        }
                        _count -= buffer.Length;
                        return buffer.Length;
                    }
                }
                _ready.WaitOne();
            }
        }

        /// <summary>
        /// As a socket's poll then receive: waits at most <paramref name="timeout"/> ms for an answer (0 when none comes),
        /// then fills <paramref name="buffer"/>.
        /// </summary>
        public int Receive(byte[] buffer, int timeout)
        {
            if (!DataAvailable)
            {
                _ready.WaitOne(timeout, false);
                if (!DataAvailable) return 0;
                _ready.Set(); // this wait took the signal of the answer it found: the receive below waits on it again
            }
            return Receive(buffer);
        }
    }
}
