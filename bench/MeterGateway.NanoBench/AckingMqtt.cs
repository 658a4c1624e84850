using MeterGateway.Publishing;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// A broker connection in memory that acknowledges every message (QoS 1 as if the PUBACK came at once). Like the box's
    /// M2Mqtt connection it is an <see cref="IMqttPipeline"/> with a window of 7 messages, acknowledged in the order sent,
    /// so the loop drains its outbox as on the box (with its publish window).
    /// </summary>
    public sealed class AckingMqtt : IMqttConnection, IMqttPipeline
    {
        private bool _connected;
        private long _sent;
        private long _reported;

        /// <summary>Messages and payload bytes acknowledged.</summary>
        public long Messages, Bytes;

        /// <summary>A checksum of every payload byte, so the payloads are read as a real connection would.</summary>
        public int Sum;

        /// <inheritdoc/>
        public bool IsConnected { get { return _connected; } }

        /// <inheritdoc/>
        public bool Connect()
        {
            _connected = true;
            return true;
        }

        /// <inheritdoc/>
        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            Messages++;
            Bytes += count;
            int sum = Sum;
            for (int i = offset; i < offset + count; i++) sum += payload[i];
            Sum = sum;
            return true;
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            _connected = false;
        }

        /// <summary>7 messages, as M2MqttConnection's window on the box by default (Device.MeterProfile.BoxMqttInflight less one).</summary>
        public int WindowSize { get { return 7; } }

        /// <inheritdoc/>
        public int Pending { get { return (int)(_sent - _reported); } }

        /// <inheritdoc/>
        public long Send(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            if (!_connected || Pending >= WindowSize) return 0;
            Publish(topic, payload, offset, count, qos, retain);
            return ++_sent;
        }

        /// <inheritdoc/>
        public long NextCompletion(int timeoutMs)
        {
            return _reported < _sent ? ++_reported : 0;
        }
    }
}
