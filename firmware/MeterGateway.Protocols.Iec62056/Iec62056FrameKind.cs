namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>The kind of the last message an <see cref="Iec62056Framer"/> delivered.</summary>
    public enum Iec62056FrameKind : byte
    {
        /// <summary>No message.</summary>
        None = 0,
        /// <summary>A data message: a readout, a push, or a programming-mode data answer.</summary>
        DataMessage = 1,
        /// <summary>A programming command <c>SOH C D [STX data] ETX BCC</c> (the meter's P0, or a break B0).</summary>
        Command = 2,
        /// <summary>A single ACK (0x06).</summary>
        Acknowledge = 3,
        /// <summary>A single NAK (0x15).</summary>
        NegativeAcknowledge = 4,
    }
}
