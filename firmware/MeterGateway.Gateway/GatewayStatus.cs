using MeterGateway.Protocols;

namespace MeterGateway.Gateway
{
    /// <summary>
    /// The gateway's counters, read by the status topic, the host's terminal output and the status page. Plain fields
    /// updated by the gateway loop only; readers on other threads see values at most one step old.
    /// </summary>
    public sealed class GatewayStatus
    {
        /// <summary>Frames that passed their integrity check and parsed.</summary>
        public long FramesValid;
        /// <summary>Frames rejected, indexed by <see cref="FrameError"/> (CRC, BCC, framing, too long, timeout, parse, decrypt).</summary>
        public readonly long[] FramesRejected = new long[8];
        /// <summary>MQTT messages acknowledged by the broker.</summary>
        public long MessagesPublished;
        /// <summary>Messages that could not be published (broker down or no acknowledgement).</summary>
        public long PublishFailures;
        /// <summary>Reading sets that could not be published and were not kept (no outbox, or too large for its records).</summary>
        public long SetsDropped;
        /// <summary>Valid reading sets not published because <c>[GENERAL] interval</c> had not passed since the last one.</summary>
        public long SetsSkipped;
        /// <summary>Successful broker connections since start.</summary>
        public long Connects;
        /// <summary>True while connected to the broker.</summary>
        public bool Connected;
        /// <summary>UTC (Unix seconds) of the meter's last valid frame (its own time when it sends one), or 0.</summary>
        public long LastFrameTime;
        /// <summary>The last rejection's reason text, or null.</summary>
        public string LastError;

        /// <summary>All rejected frames.</summary>
        public long FramesRejectedTotal
        {
            get
            {
                long total = 0;
                for (int i = 0; i < FramesRejected.Length; i++) total += FramesRejected[i];
                return total;
            }
        }

        /// <summary>Counts a rejected frame.</summary>
        public void Reject(FrameError error, string text)
        {
            int i = (int)error;
            if (i >= 0 && i < FramesRejected.Length) FramesRejected[i]++;
            LastError = text;
        }
    }
}
