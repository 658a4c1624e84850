namespace MeterGateway.Publishing
{
    /// <summary>
    /// An MQTT client session as the core needs it: M2Mqtt on the ESP32, MQTTnet on the host, an in-memory
    /// recorder in tests. Broker address, TLS, credentials, client id and the last will (the availability topic
    /// with payload <c>offline</c>, retained) are given to the adapter when it is created.
    /// </summary>
    public interface IMqttConnection
    {
        /// <summary>True while the session is up.</summary>
        bool IsConnected { get; }

        /// <summary>Connects (with the last will); returns false when the broker cannot be reached or refuses. Never throws.</summary>
        bool Connect();

        /// <summary>
        /// Publishes <paramref name="count"/> bytes of <paramref name="payload"/> from <paramref name="offset"/>.
        /// With QoS 1 it returns true only when the broker acknowledged (PUBACK); false when the session is down or
        /// the acknowledgement did not come in time. Never throws. The bytes may be reused when it returns.
        /// </summary>
        bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain);

        /// <summary>Ends the session cleanly (the will is not sent); safe to call when not connected.</summary>
        void Disconnect();
    }
}
