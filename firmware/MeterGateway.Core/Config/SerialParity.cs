namespace MeterGateway.Core.Config
{
    /// <summary>Parity of the serial line (<c>[SERIAL] serial_parity</c>).</summary>
    public enum SerialParity : byte
    {
        /// <summary><c>none</c> (DSMR 4/5: 115200 8N1).</summary>
        None = 0,
        /// <summary><c>even</c> (DSMR 2.2/3, IEC 62056-21, EKM: 7E1).</summary>
        Even = 1,
        /// <summary><c>odd</c>.</summary>
        Odd = 2,
    }
}
