namespace MeterGateway.Readings
{
    /// <summary>What one value of a reading holds.</summary>
    public enum ValueKind : byte
    {
        /// <summary>An empty value, <c>()</c>.</summary>
        Empty = 0,
        /// <summary>A fixed-point number with an optional unit.</summary>
        Number = 1,
        /// <summary>Text (octet strings, identifiers, messages, OBIS references), kept as the meter wrote it.</summary>
        Text = 2,
        /// <summary>A point in time: the meter's text and, where it can be known, UTC.</summary>
        Timestamp = 3,
    }
}
