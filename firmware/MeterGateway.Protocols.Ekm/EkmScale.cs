namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// Decimal scaling of a numeric EKM field (ekmmeters <c>ScaleType</c>): the digits on the wire are divided by
    /// a power of ten, which here only lowers the fixed-point exponent, exactly.
    /// </summary>
    public enum EkmScale : byte
    {
        /// <summary>Not scaled.</summary>
        None = 0,
        /// <summary>kWh scaling: ÷10 on v3; on v4 per the kWh_Scale field of the A read (0 none, 1 ÷10, 2 ÷100).</summary>
        Kwh = 1,
        /// <summary>÷10.</summary>
        Div10 = 2,
        /// <summary>÷100.</summary>
        Div100 = 3,
    }
}
