namespace MeterGateway.Publishing
{
    /// <summary>
    /// An <see cref="IMqttConnection"/> that can keep several messages in flight: <see cref="Send"/> hands a message to
    /// the client without waiting for its PUBACK, <see cref="NextCompletion"/> reports the outcomes. The gateway loop
    /// uses it to drain the outbox (<see cref="PublishWindow"/>); MQTTnet on the host and M2Mqtt's in-flight queue on the
    /// ESP32 implement it. Tickets count up from 1 in the order of sending; the synchronous
    /// <see cref="IMqttConnection.Publish"/> may be called between sends, and its messages are not reported here.
    /// </summary>
    public interface IMqttPipeline
    {
        /// <summary>Most messages sent with <see cref="Send"/> and not yet reported (<c>[MQTT] max_inflight</c>).</summary>
        int WindowSize { get; }

        /// <summary>Messages sent with <see cref="Send"/> and not yet reported by <see cref="NextCompletion"/>.</summary>
        int Pending { get; }

        /// <summary>
        /// Sends a message without waiting for its acknowledgement; returns its ticket (1, 2, … in the order sent), or 0
        /// when it was not sent (session down, or <see cref="WindowSize"/> messages pending). The bytes may be reused when
        /// it returns. Never throws. A QoS 0 message is reported as complete once it is written.
        /// </summary>
        long Send(string topic, byte[] payload, int offset, int count, int qos, bool retain);

        /// <summary>
        /// Waits at most <paramref name="timeoutMs"/> (0: does not wait) for an outcome of a sent message and returns its
        /// ticket when the broker acknowledged it, minus its ticket when it failed (session lost, refused), 0 when nothing
        /// was reported in time. Outcomes may come in any order; each ticket is reported once. Never throws.
        /// </summary>
        long NextCompletion(int timeoutMs);
    }
}
