// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.HomeAssistant;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Health
{
    /// <summary>
    /// An MQTT session in memory that records every publish (topic, payload bytes, retain flag, the availability
    /// messages included) while "connected". <see cref="Reachable"/> decides whether <see cref="Connect"/> succeeds;
    /// <see cref="Drop"/> ends the session. (GatewayLoopTests' RecordingMqtt keeps texts only and is always reachable.)
    /// A payload handed over (<see cref="IMqttHandOver"/>) is kept as it came, and counted in <see cref="HandedOver"/>.
    /// </summary>
    public sealed class BrokerSession : IMqttConnection, IMqttHandOver
    {
        private bool _connected;
        private string[] _topics = StringArray.New(64);
        private byte[][] _payloads = new byte[64][];
        private bool[] _retained = new bool[64];

        /// <summary>Whether the broker can be reached.</summary>
        public bool Reachable = true;
        /// <summary>Messages recorded.</summary>
        public int Count;
        /// <summary>Messages of them whose payload was handed over (<see cref="PublishWhole"/>).</summary>
        public int HandedOver;

        /// <inheritdoc/>
        public bool IsConnected { get { return _connected; } }

        /// <inheritdoc/>
        public bool Connect()
        {
            _connected = Reachable;
            return _connected;
        }

        /// <inheritdoc/>
        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            if (!_connected) return false;
            if (Count == _topics.Length) Grow();
            _topics[Count] = topic;
            _payloads[Count] = TestReadings.Slice(payload, offset, count);
            _retained[Count] = retain;
            Count++;
            return true;
        }

        /// <inheritdoc/>
        public bool PublishWhole(string topic, byte[] payload, int qos, bool retain)
        {
            if (!Publish(topic, payload, 0, payload.Length, qos, retain)) return false;
            _payloads[Count - 1] = payload;
            HandedOver++;
            return true;
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            _connected = false;
        }

        /// <summary>The broker goes away.</summary>
        public void Drop()
        {
            _connected = false;
        }

        /// <summary>Topic of message <paramref name="i"/>.</summary>
        public string Topic(int i) { return _topics[i]; }

        /// <summary>Payload of message <paramref name="i"/> as ASCII text.</summary>
        public string Text(int i) { return Ascii.ToString(_payloads[i], 0, _payloads[i].Length); }

        /// <summary>Payload bytes of message <paramref name="i"/>.</summary>
        public byte[] Payload(int i) { return _payloads[i]; }

        /// <summary>Payload length of message <paramref name="i"/>.</summary>
        public int Length(int i) { return _payloads[i].Length; }

        /// <summary>Retain flag of message <paramref name="i"/>.</summary>
        public bool Retained(int i) { return _retained[i]; }

        /// <summary>Messages published on <paramref name="topic"/>.</summary>
        public int CountOn(string topic)
        {
            int n = 0;
            for (int i = 0; i < Count; i++) if (_topics[i] == topic) n++;
            return n;
        }

        /// <summary>Index of the last message on <paramref name="topic"/>, or -1.</summary>
        public int LastOn(string topic)
        {
            for (int i = Count - 1; i >= 0; i--) if (_topics[i] == topic) return i;
            return -1;
        }

        /// <summary>Forgets what was recorded.</summary>
        public void Clear()
        {
            Count = 0;
        }

        private void Grow()
        {
            string[] topics = StringArray.New(_topics.Length * 2);
            byte[][] payloads = new byte[_topics.Length * 2][];
            bool[] retained = new bool[_topics.Length * 2];
            System.Array.Copy(_topics, topics, Count);
            System.Array.Copy(_payloads, payloads, Count);
            System.Array.Copy(_retained, retained, Count);
            _topics = topics;
            _payloads = payloads;
            _retained = retained;
        }
    }

    /// <summary>The record of announced discovery configs, in memory.</summary>
    public sealed class MemoryRecordStore : IDiscoveryRecordStore
    {
        /// <summary>The saved text (null before the first save).</summary>
        public string Text;
        /// <summary>Saves done.</summary>
        public int Saves;

        /// <inheritdoc/>
        public string Load() { return Text; }

        /// <inheritdoc/>
        public bool Save(string text)
        {
            Text = text;
            Saves++;
            return true;
        }
    }
}
