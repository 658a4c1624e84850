namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>What an <see cref="Iec62056Framer"/> expects on the line.</summary>
    public enum Iec62056FramerMode : byte
    {
        /// <summary>
        /// Mode D pushes and captures: an identification line <c>/XXXZ…</c> followed by a data message (framed
        /// <c>STX … ! CR LF ETX BCC</c> or bare <c>… ! CR LF</c>), or a framed data message alone.
        /// </summary>
        Push = 0,
        /// <summary>The data readout that follows an identification or option select: framed, or bare from the first printable character.</summary>
        Readout = 1,
        /// <summary>Programming mode answers: <c>SOH C D [STX …] ETX BCC</c> commands, <c>STX … ETX BCC</c> data, single ACK or NAK.</summary>
        Answer = 2,
    }
}
