namespace MeterGateway.Protocols.Sml
{
    /// <summary>
    /// Settings of an <see cref="SmlDecoder"/>: the largest SML file it buffers and the meter quirks it works
    /// around (each documented in PROTOCOLS.md §3 "Meter bugs"). Read once, when the decoder is constructed.
    /// </summary>
    public sealed class SmlOptions
    {
        /// <summary>Default <see cref="MaxFileSize"/>: the largest capture in the corpus is a 4096-byte dump; push files are 200–600 bytes.</summary>
        public const int DefaultMaxFileSize = 4096;

        /// <summary>Smallest <see cref="MaxFileSize"/>: a start and an end escape sequence.</summary>
        public const int MinFileSize = 16;

        /// <summary>Largest SML file (escape sequences included) the decoder buffers; a longer one is rejected as <see cref="FrameError.TooLong"/>.</summary>
        public int MaxFileSize { get; set; } = DefaultMaxFileSize;

        /// <summary>
        /// DZG DVS74 meters with serials 42 000 000–48 999 999 and 55 000 000–58 999 999 send the power
        /// <c>1-0:16.7.0</c> as a signed integer of 1 or 2 bytes while it is unsigned (raw −29912 × 10⁻² W is really
        /// 356.24 W). When true, such a value is read unsigned for those serials only (<see cref="DzgDvs74"/>).
        /// Default true, as libsml does.
        /// </summary>
        public bool DzgDvs74UnsignedPower { get; set; } = true;

        /// <summary>
        /// Holley DTZ541 meters write a list entry's valTime as a bare Unsigned32 (<c>65 xx xx xx xx</c>) instead of
        /// an SML_Time list. When true it is accepted as a seconds index; when false such a file fails to parse.
        /// Default true (libsml <c>sml_time.c</c> workaround).
        /// </summary>
        public bool HolleyBareValTime { get; set; } = true;

        /// <summary>
        /// Some Holley DTZ541 units compute their message CRCs as CRC-16/KERMIT instead of CRC-16/X.25
        /// (<see cref="SmlMessageCrc.Kermit"/>). When true either is accepted; the file CRC (X.25) is always
        /// checked. Default true, as libsml does.
        /// </summary>
        public bool AcceptKermitMessageCrc { get; set; } = true;
    }
}
