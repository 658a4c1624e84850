using MeterGateway.Readings;

namespace MeterGateway.Gateway
{
    /// <summary>
    /// The gateway's status as a document the loop publishes on its status topic (<see cref="GatewayLoop.StatusTopic"/>,
    /// retained) and the status page serves. It lives above the loop (the status JSON of docs/status-page.md, in
    /// MeterGateway.Device) so that the loop never knows what the page shows.
    /// </summary>
    public interface IStatusDocument
    {
        /// <summary>
        /// Writes the document into <paramref name="w"/> (a buffer of <see cref="GatewayLoop.StatusCapacity"/> bytes: what
        /// does not fit is left out, or the writer overflows and the document is not used). Must not allocate.
        /// </summary>
        void Write(JsonWriter w);
    }
}
