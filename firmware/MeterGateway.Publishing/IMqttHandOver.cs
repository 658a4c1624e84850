namespace MeterGateway.Publishing
{
    /// <summary>
    /// An <see cref="IMqttConnection"/> that can take a payload over instead of copying it. M2Mqtt on the box publishes
    /// whole arrays and keeps the array until the broker acknowledges it, so its <see cref="IMqttConnection.Publish"/>
    /// copies the bytes first; a payload made for one message (the box's status document, <c>GatewayLoop.StatusOnDemand</c>)
    /// is handed over instead, so that the heap holds it once.
    /// </summary>
    public interface IMqttHandOver
    {
        /// <summary>
        /// As <see cref="IMqttConnection.Publish"/> of the whole of <paramref name="payload"/>, which the connection may
        /// keep: the caller hands it over and never writes it again. Never throws.
        /// </summary>
        bool PublishWhole(string topic, byte[] payload, int qos, bool retain);
    }
}
