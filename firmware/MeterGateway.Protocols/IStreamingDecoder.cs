using MeterGateway.Readings;

namespace MeterGateway.Protocols
{
    /// <summary>
    /// An <see cref="IFrameDecoder"/> that can parse a frame's lines into a reading set as they arrive, so that it buffers
    /// lines rather than the frame (the box's DSMR decoder: <c>DsmrDecoder</c> with a line buffer).
    /// <see cref="PushMeterSource"/> hands it the set of each poll, and leaves the set to others only between frames.
    /// </summary>
    public interface IStreamingDecoder
    {
        /// <summary>
        /// The set the lines of the frame being received go into: filled as they arrive, complete when
        /// <see cref="IFrameDecoder.Parse"/> of this set returns true, empty after a rejected frame. Null: the lines are framed
        /// and checked, not parsed. A decoder that keeps frames whole parses only in <see cref="IFrameDecoder.Parse"/>.
        /// </summary>
        ReadingSet Target { get; set; }

        /// <summary>True while a frame is half received and lines of it are in <see cref="Target"/>, which then holds no complete set.</summary>
        bool InFrame { get; }
    }
}
