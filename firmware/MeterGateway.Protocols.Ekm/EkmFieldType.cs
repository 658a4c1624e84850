namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// How a field of an EKM read is written (ekmmeters <c>FieldType</c>; PROTOCOLS.md §4). All fields are ASCII
    /// except <see cref="Hex"/> ones, which are raw bytes shown in hex.
    /// </summary>
    public enum EkmFieldType : byte
    {
        /// <summary>Raw bytes, published as upper-case hex text (Model, Firmware, status bytes, reserved bytes).</summary>
        Hex = 0,
        /// <summary>ASCII text kept as it is (Meter_Address).</summary>
        String = 1,
        /// <summary>ASCII digits divided per the field's <see cref="EkmScale"/> (an optional sign and '.' are accepted).</summary>
        Float = 2,
        /// <summary>ASCII integer, optionally signed.</summary>
        Int = 3,
        /// <summary>Cos θ: 'C' (leading), 'L' (lagging) or ' ', then 3 digits (cos θ × 100).</summary>
        PowerFactor = 4,
        /// <summary>The meter clock <c>YYMMDDWWhhmmss</c> (a String in ekmmeters; a timestamp here).</summary>
        MeterTime = 5,
    }
}
