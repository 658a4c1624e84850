namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>Why an IEC 62056-21 session attempt failed (<see cref="Iec62056Client.Error"/>).</summary>
    public enum Iec62056Error : byte
    {
        /// <summary>No error.</summary>
        None = 0,
        /// <summary>The meter did not answer in time, fell silent mid-message, or the session took too long.</summary>
        Timeout = 1,
        /// <summary>The identification message was malformed.</summary>
        Identification = 2,
        /// <summary>A data message failed its block check character (after the allowed repeats in programming mode).</summary>
        Bcc = 3,
        /// <summary>A message was not framed as the protocol requires (missing ETX/BCC, cut short).</summary>
        Framing = 4,
        /// <summary>A message was longer than the receive buffer.</summary>
        TooLong = 5,
        /// <summary>A data message held no readable data set.</summary>
        Parse = 6,
        /// <summary>The meter kept answering NAK.</summary>
        Nak = 7,
        /// <summary>The meter refused the password.</summary>
        PasswordRejected = 8,
        /// <summary>The meter ended the session with a break (B0).</summary>
        MeterBreak = 9,
        /// <summary>Programming mode was asked of a meter that offers no option select (modes A and B).</summary>
        ModeNotSupported = 10,
        /// <summary>The serial link could not be opened or failed.</summary>
        Link = 11,
    }
}
