namespace MeterGateway.Vscp
{
    /// <summary>
    /// The VSCP event classes the gateway sends (VSCP specification, grodansparadis/vscp-doc-spec:
    /// class1.measurement.md, class2.measurement_str.md, class2.measurement_float.md).
    /// </summary>
    public static class VscpClass
    {
        /// <summary>CLASS1.MEASUREMENT (10): data coding byte + up to 7 bytes (normalized integer or single float).</summary>
        public const int Measurement = 10;
        /// <summary>CLASS2.MEASUREMENT_STR (1040): sensor index, zone, subzone, unit, decimal string. The default.</summary>
        public const int MeasurementString = 1040;
        /// <summary>CLASS2.MEASUREMENT_FLOAT (1060): sensor index, zone, subzone, unit, IEEE-754 double big-endian.</summary>
        public const int MeasurementFloat = 1060;
    }
}
