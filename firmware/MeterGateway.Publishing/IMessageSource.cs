using MeterGateway.Readings;

namespace MeterGateway.Publishing
{
    /// <summary>
    /// Something that turns a reading set into MQTT messages for the gateway loop to publish: the VSCP events
    /// (<see cref="MessageBuilder"/>) and the Domoticz updates (<see cref="DomoticzMessages"/>). <see cref="Build"/> maps
    /// the set; then each message's topic, QoS, retain flag and payload (written into <see cref="PayloadBuffer"/>) are
    /// read by index. Implementations allocate nothing per set.
    /// </summary>
    public interface IMessageSource
    {
        /// <summary>Maps <paramref name="set"/>; returns the number of messages. The set may be reused afterwards.</summary>
        int Build(ReadingSet set);

        /// <summary>Topic of message <paramref name="i"/>.</summary>
        string Topic(int i);

        /// <summary>QoS of message <paramref name="i"/>.</summary>
        int Qos(int i);

        /// <summary>Whether message <paramref name="i"/> is retained.</summary>
        bool Retain(int i);

        /// <summary>Writes the payload of message <paramref name="i"/> into <see cref="PayloadBuffer"/>; returns its length.</summary>
        int WritePayload(int i);

        /// <summary>The buffer <see cref="WritePayload"/> fills, from offset 0.</summary>
        byte[] PayloadBuffer { get; }
    }
}
