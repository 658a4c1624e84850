using MeterGateway.Publishing;

namespace MeterGateway.NanoBench
{
    /// <summary>A broker connection in memory that acknowledges every message (QoS 1 as if the PUBACK came at once).</summary>
    public sealed class AckingMqtt : IMqttConnection
    {
        private bool _connected;

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
    }
}
