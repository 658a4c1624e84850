namespace MeterGateway.Protocols
{
    /// <summary>
    /// Framer and parser of one meter protocol over a byte stream (DSMR P1 telegrams, SML files, IEC 62056-21
    /// mode D pushes, EKM replies). The caller feeds bytes as they arrive; the decoder consumes them up to the end
    /// of the next frame and stops there, so one call yields at most one frame:
    /// <code>
    /// int used = 0;
    /// while (used &lt; count) {
    ///     used += decoder.Feed(buf, off + used, count - used);
    ///     if (decoder.Result == FrameResult.Valid &amp;&amp; decoder.Parse(set)) publish(set);
    ///     else if (decoder.Result == FrameResult.Invalid) count(decoder.Error);
    /// }
    /// </code>
    /// Implementations allocate nothing after construction, survive garbage, half frames and frames run together,
    /// and never throw on bad input.
    /// </summary>
    public interface IFrameDecoder
    {
        /// <summary>Consumes bytes up to and including the end of the next frame; returns how many were consumed (at least 1 when count &gt; 0).</summary>
        int Feed(byte[] data, int offset, int count);

        /// <summary>Outcome of the last <see cref="Feed"/>: nothing yet, a valid frame, or a rejected one.</summary>
        FrameResult Result { get; }

        /// <summary>Reason of the last rejection (<see cref="FrameResult.Invalid"/> or a failed <see cref="Parse"/>).</summary>
        FrameError Error { get; }

        /// <summary>Human-readable reason of the last rejection (a constant string: no allocation), or null.</summary>
        string ErrorText { get; }

        /// <summary>The buffer holding the last complete frame (valid or not), from <see cref="FrameOffset"/> for <see cref="FrameLength"/> bytes.</summary>
        byte[] FrameBuffer { get; }

        /// <summary>Start of the last frame in <see cref="FrameBuffer"/>.</summary>
        int FrameOffset { get; }

        /// <summary>Length of the last frame (0 when none).</summary>
        int FrameLength { get; }

        /// <summary>Parses the last valid frame into <paramref name="readings"/> (cleared first). False, with <see cref="Error"/> = <see cref="FrameError.Parse"/>, when the content is malformed.</summary>
        bool Parse(Readings.ReadingSet readings);

        /// <summary>Drops any partial frame (after a link error or a reconnect).</summary>
        void Reset();
    }
}
