namespace MeterGateway.Protocols.Sml
{
    /// <summary>
    /// Type of an SML field, from bits 6..4 of its TL byte (SML 1.04 §6.3.1; volkszaehler/libsml @
    /// dc096b40b0c0b90c7def374e92a9d186ed276c30 <c>sml_shared.h</c>), plus the one-byte end of an SML message.
    /// </summary>
    public enum SmlType : byte
    {
        /// <summary>Octet string (TL type 000). With no data bytes (TL <c>01</c>) it marks an absent optional field.</summary>
        OctetString = 0,
        /// <summary>Boolean (TL type 100), one data byte.</summary>
        Boolean = 4,
        /// <summary>Signed integer (TL type 101), 1 to 8 data bytes, big-endian two's complement.</summary>
        Integer = 5,
        /// <summary>Unsigned integer (TL type 110), 1 to 8 data bytes, big-endian.</summary>
        Unsigned = 6,
        /// <summary>List (TL type 111): the length is the number of elements that follow.</summary>
        List = 7,
        /// <summary>The byte <c>00</c> (endOfSmlMsg) that closes an SML message.</summary>
        EndOfMessage = 8,
    }
}
