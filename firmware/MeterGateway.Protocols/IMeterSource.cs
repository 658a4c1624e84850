using MeterGateway.Readings;

namespace MeterGateway.Protocols
{
    /// <summary>
    /// Where reading sets come from: a push protocol decoded from a link (<see cref="PushMeterSource"/>: DSMR P1, SML,
    /// IEC 62056-21 mode D) or a request/response session that polls the meter (IEC 62056-21 modes A–C, EKM). The
    /// gateway loop calls <see cref="Poll"/> repeatedly; the source never blocks longer than asked and never throws on
    /// bad meter input.
    /// </summary>
    public interface IMeterSource
    {
        /// <summary>Opens the link with the protocol's character format (and raises the P1 data request line). Throws <see cref="System.IO.IOException"/> when the device cannot be opened.</summary>
        void Open();

        /// <summary>Releases the link.</summary>
        void Close();

        /// <summary>
        /// Waits at most <paramref name="timeoutMs"/> for meter data. <see cref="FrameResult.Valid"/>: <paramref name="readings"/>
        /// holds a new set. <see cref="FrameResult.Invalid"/>: a frame was rejected (<see cref="Error"/>, <see cref="ErrorText"/>).
        /// <see cref="FrameResult.None"/>: nothing complete yet.
        /// </summary>
        FrameResult Poll(ReadingSet readings, int timeoutMs);

        /// <summary>
        /// True when the source writes the set given to <see cref="Poll"/> only inside the call that returns the frame
        /// (a push source parses each frame whole once it is complete: <see cref="PushMeterSource"/>) and neither keeps
        /// the set nor reads what it held before: between two polls the set is free, so the gateway loop decodes the
        /// outbox's sets into it and keeps one reading set instead of two (docs/firmware.md, "Memory budget"). True also
        /// for the EKM meters (each poll clears the set and reads one meter whole); false for a source that fills its set
        /// over several polls (an IEC 62056-21 session). A push source whose decoder streams lines into the set (the box's
        /// DSMR, <see cref="IStreamingDecoder"/>) says true between frames and false while one is half received: the
        /// value at the gateway loop's start (<c>GatewayLoop.Start</c>) decides whether it shares the set, and then it takes no set from the
        /// outbox while this is false.
        /// </summary>
        bool SetFreeBetweenPolls { get; }

        /// <summary>Reason of the last rejection.</summary>
        FrameError Error { get; }

        /// <summary>Text of the last rejection (constant string).</summary>
        string ErrorText { get; }

        /// <summary>Drops partial data (after a timeout).</summary>
        void Reset();
    }
}
