namespace MeterGateway.Publishing
{
    /// <summary>
    /// Optional beside <see cref="IMqttConnection"/>: why the last <see cref="IMqttConnection.Connect"/> or publish failed
    /// (the host's MQTTnet adapter), for the gateway loop's retry reports.
    /// </summary>
    public interface IMqttDiagnostics
    {
        /// <summary>The last connection or publish failure as text, or null when there was none.</summary>
        string LastError { get; }
    }
}
