namespace MeterGateway.Vscp
{
    /// <summary>
    /// The pieces of a VSCP JSON event (<see cref="VscpJson"/>) that are the same for every event of one meter's
    /// quantity, as UTF-8 bytes: <see cref="Head"/> <c>,"vscpType":…,"vscpGuid":"…","vscpData":[</c>, <see cref="Note"/>
    /// <c>],"vscpNote":"…","measurement":{"value":</c> and <see cref="Tail"/>
    /// <c>,"unit":…,"sensorindex":…,"zone":…,"subzone":…}}</c> (for the unit <see cref="Unit"/>). Made by
    /// <see cref="VscpJson.RenderParts"/> (allocates, once per quantity); read-only afterwards.
    /// </summary>
    public sealed class VscpEventParts
    {
        /// <summary>From vscpType to the opening bracket of vscpData.</summary>
        public readonly byte[] Head;
        /// <summary>From the closing bracket of vscpData to the start of measurement.value.</summary>
        public readonly byte[] Note;
        /// <summary>From measurement.unit to the end of the object, for an event whose unit is <see cref="Unit"/>.</summary>
        public readonly byte[] Tail;
        /// <summary>The VSCP unit code <see cref="Tail"/> was rendered with: an event with another unit has its tail written field by field.</summary>
        public readonly int Unit;

        /// <summary>The parts as rendered (the arrays are kept, not copied).</summary>
        public VscpEventParts(byte[] head, byte[] note, byte[] tail, int unit)
        {
            Head = head;
            Note = note;
            Tail = tail;
            Unit = unit;
        }
    }
}
