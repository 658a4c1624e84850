namespace MeterGateway.Vscp
{
    /// <summary>
    /// The pieces of a VSCP JSON event (<see cref="VscpJson"/>) that are the same for every event of one meter's
    /// quantity, as UTF-8 bytes one after the other in <see cref="Bytes"/>: the head
    /// <c>,"vscpType":…,"vscpGuid":"…","vscpData":[</c> (<see cref="HeadLength"/> bytes), the note
    /// <c>],"vscpNote":"…","measurement":{"value":</c> (<see cref="NoteLength"/>) and the tail
    /// <c>,"unit":…,"sensorindex":…,"zone":…,"subzone":…}}</c> (<see cref="TailLength"/>, for the unit <see cref="Unit"/>).
    /// One array, so that a quantity costs one heap block for them. Made by <see cref="VscpJson.RenderParts"/>
    /// (allocates, once per quantity); read-only afterwards.
    /// </summary>
    public sealed class VscpEventParts
    {
        /// <summary>Head, note and tail, in that order.</summary>
        public readonly byte[] Bytes;
        /// <summary>Bytes of the head: from vscpType to the opening bracket of vscpData.</summary>
        public readonly int HeadLength;
        /// <summary>Bytes of the note: from the closing bracket of vscpData to the start of measurement.value.</summary>
        public readonly int NoteLength;
        /// <summary>Bytes of the tail: from measurement.unit to the end of the object, for an event whose unit is <see cref="Unit"/>.</summary>
        public readonly int TailLength;
        /// <summary>The VSCP unit code the tail was rendered with: an event with another unit has its tail written field by field.</summary>
        public readonly int Unit;

        /// <summary>The parts as rendered (the array is kept, not copied).</summary>
        public VscpEventParts(byte[] bytes, int headLength, int noteLength, int tailLength, int unit)
        {
            Bytes = bytes;
            HeadLength = headLength;
            NoteLength = noteLength;
            TailLength = tailLength;
            Unit = unit;
        }
    }
}
