namespace MeterGateway.TcpServer
{
    /// <summary>What a checked frame is, for <see cref="TelegramServer.Serve"/>: which bytes go out around it.</summary>
    public enum TelegramFormat : byte
    {
        /// <summary>
        /// A DSMR P1 telegram as <c>DsmrFramer</c> holds it, <c>/</c> to the last CRC digit: sent with its CR LF after
        /// the server checked the CRC again (a telegram that <c>lenient_crc</c> let through with a wrong CRC is withheld).
        /// DSMR 2.2/3 telegrams, which have no CRC, are sent as they came.
        /// </summary>
        Dsmr = 0,
        /// <summary>
        /// The plaintext of an authenticated DLMS frame (Luxembourg Smarty, Austrian P1): a DSMR telegram, sent with a CRC
        /// the server computes (the GCM tag vouches for the content; Smarty firmware writes some CRCs wrong), so that a
        /// client without the key reads it as a plain DSMR 5 telegram.
        /// </summary>
        DecryptedDsmr = 1,
        /// <summary>An SML file (transport v1) as <c>SmlDecoder</c> holds it: sent with each escaped <c>1B 1B 1B 1B</c> doubled again, so byte for byte as received.</summary>
        Sml = 2,
        /// <summary>An IEC 62056-21 mode D push (<c>/</c>identification CR LF, the data, <c>!</c> CR LF, ETX and BCC when the meter sends them): sent as is.</summary>
        Iec62056 = 3,
    }
}
