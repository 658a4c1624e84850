namespace MeterGateway.Protocols
{
    /// <summary>State of an <see cref="IFrameDecoder"/> after <see cref="IFrameDecoder.Feed"/>.</summary>
    public enum FrameResult : byte
    {
        /// <summary>No frame is complete yet: feed more bytes.</summary>
        None = 0,
        /// <summary>A complete frame passed its integrity check: call <see cref="IFrameDecoder.Parse"/>.</summary>
        Valid = 1,
        /// <summary>A complete or abandoned frame failed: see <see cref="IFrameDecoder.Error"/> and <see cref="IFrameDecoder.ErrorText"/>.</summary>
        Invalid = 2,
    }
}
