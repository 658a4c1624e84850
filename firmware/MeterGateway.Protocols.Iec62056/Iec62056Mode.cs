namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// Protocol modes of IEC 62056-21 §6.4 (summary in Apollon77/smartmeter-obis @ e06eec5c <c>lib/protocols/D0Protocol.js</c>).
    /// </summary>
    public enum Iec62056Mode : byte
    {
        /// <summary>Decided by the identification's baud character: digit → C, letter A–I → B, other → A.</summary>
        Auto = 0,
        /// <summary>Mode A: request, identification, data at the initial 300 baud; no baud change.</summary>
        A = 1,
        /// <summary>Mode B: the baud changes to the identification's rate right after it, without acknowledgement.</summary>
        B = 2,
        /// <summary>Mode C: the HHU answers the identification with the option select <c>ACK 0 Z Y</c>, then both change baud.</summary>
        C = 3,
        /// <summary>Mode D: no request; the meter pushes identification and data at a fixed rate (usually 2400).</summary>
        D = 4,
    }
}
