namespace MeterGateway.Vscp
{
    /// <summary>
    /// How CLASS1.MEASUREMENT (10) values are coded (<c>[VSCP] class1_coding</c>; VSCP spec vscp_measurements.md, data coding).
    /// </summary>
    public enum Class1Coding : byte
    {
        /// <summary><c>normalized</c>: normalized integer (coding 0b100): exponent byte + two's-complement mantissa.</summary>
        Normalized = 0,
        /// <summary><c>float</c>: IEEE-754 single precision (coding 0b101), big-endian.</summary>
        Float = 1,
    }
}
