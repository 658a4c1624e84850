namespace MeterGateway.Config
{
    /// <summary>The meter protocol read on the serial line (<c>[GENERAL] protocol</c>).</summary>
    public enum MeterProtocol : byte
    {
        /// <summary><c>dsmr</c>: DSMR P1 telegrams (NL/BE/LU/SE/AT/HU variants), PROTOCOLS.md §1.</summary>
        Dsmr = 0,
        /// <summary><c>iec62056-21</c>: IEC 62056-21 data readout through an optical head, PROTOCOLS.md §2.</summary>
        Iec62056_21 = 1,
        /// <summary><c>sml</c>: SML push (German eHZ), PROTOCOLS.md §3.</summary>
        Sml = 2,
        /// <summary><c>ekm</c>: EKM Omnimeter on RS-485, PROTOCOLS.md §4.</summary>
        Ekm = 3,
    }
}
