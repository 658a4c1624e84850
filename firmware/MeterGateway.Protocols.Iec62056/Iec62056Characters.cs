namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// The control characters of IEC 62056-21 messages (IEC 62056-21 §6.3; pwitab/iec62056-21 @ 09d9acfa
    /// <c>constants.py</c>). Sign-on <c>/?!</c>, identification <c>/XXXZ…</c>, option select <c>ACK V Z Y CR LF</c>,
    /// data message <c>STX … ! CR LF ETX BCC</c>, programming command <c>SOH C D STX … ETX BCC</c>.
    /// </summary>
    public static class Iec62056Characters
    {
        /// <summary>NUL: the wake-up character for battery meters.</summary>
        public const byte Nul = 0x00;
        /// <summary>SOH: starts a programming command message.</summary>
        public const byte Soh = 0x01;
        /// <summary>STX: starts a data block.</summary>
        public const byte Stx = 0x02;
        /// <summary>ETX: ends a data block; the BCC follows it.</summary>
        public const byte Etx = 0x03;
        /// <summary>ACK: option select (from the HHU) or positive acknowledgement (from the meter).</summary>
        public const byte Ack = 0x06;
        /// <summary>NAK: negative acknowledgement, asks for the last message again.</summary>
        public const byte Nak = 0x15;
        /// <summary>CR.</summary>
        public const byte Cr = 0x0D;
        /// <summary>LF.</summary>
        public const byte Lf = 0x0A;
        /// <summary>'!': end of the data readout (<c>! CR LF</c>) and end of the sign-on request.</summary>
        public const byte End = (byte)'!';
    }
}
