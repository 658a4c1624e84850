using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Gateway
{
    /// <summary>
    /// Hears what the gateway loop does, for the host's terminal output (<c>-v</c>, <c>-d</c>) and logs. Called on the
    /// loop's thread; keep it quick. The ESP32 passes none.
    /// </summary>
    public interface IGatewayObserver
    {
        /// <summary>A frame was rejected (never published).</summary>
        void FrameRejected(FrameError error, string reason);

        /// <summary>A valid reading set is about to be published (it passed <c>interval</c> and went through the OBIS selection).</summary>
        void SetReceived(ReadingSet readings);

        /// <summary>
        /// One message was handed to the broker; <paramref name="acknowledged"/> tells whether it was acknowledged (when an
        /// outbox drains through a window of messages in flight: whether it was sent; its set is marked delivered later).
        /// </summary>
        void MessagePublished(string topic, byte[] payload, int offset, int count, bool acknowledged);

        /// <summary>
        /// The broker connection went up or down, with a reason. While the broker stays unreachable it is called again
        /// with the outcome of the retries: at the first failed attempt, then at most once every
        /// <see cref="GatewayLoop.RetryReportIntervalMs"/> (the attempts so far, the reason, the wait until the next).
        /// </summary>
        void ConnectionChanged(bool connected, string detail);
    }
}
