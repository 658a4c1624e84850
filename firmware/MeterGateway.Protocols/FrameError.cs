namespace MeterGateway.Protocols
{
    /// <summary>Why a frame was rejected; the gateway counts rejections by this reason and never publishes such a frame.</summary>
    public enum FrameError : byte
    {
        /// <summary>No error.</summary>
        None = 0,
        /// <summary>A CRC did not match (DSMR CRC-16/ARC, SML CRC-16/X.25, EKM CRC).</summary>
        Crc = 1,
        /// <summary>The IEC 62056-21 block check character did not match.</summary>
        Bcc = 2,
        /// <summary>The bytes did not form a frame (missing end, garbage inside, malformed checksum field).</summary>
        Framing = 3,
        /// <summary>The frame exceeded the configured maximum size.</summary>
        TooLong = 4,
        /// <summary>The meter did not answer or stopped mid-frame.</summary>
        Timeout = 5,
        /// <summary>The frame passed its checksum but its content could not be parsed.</summary>
        Parse = 6,
        /// <summary>Decryption or authentication (GCM tag) failed, or the frame counter went backwards.</summary>
        Decrypt = 7,
    }

    /// <summary>The JSON keys of the frame errors in the status documents (docs/status-page.md, <c>frames.rejected</c>).</summary>
    public static class FrameErrorNames
    {
        /// <summary>The key of an error: <c>crc</c>, <c>bcc</c>, <c>framing</c>, <c>too_long</c>, <c>timeout</c>, <c>parse</c>, <c>decrypt</c>; null for <see cref="FrameError.None"/> and unknown values.</summary>
        public static string Of(FrameError error)
        {
            switch (error)
            {
                case FrameError.Crc: return "crc";
                case FrameError.Bcc: return "bcc";
                case FrameError.Framing: return "framing";
                case FrameError.TooLong: return "too_long";
                case FrameError.Timeout: return "timeout";
                case FrameError.Parse: return "parse";
                case FrameError.Decrypt: return "decrypt";
                default: return null;
            }
        }
    }
}
