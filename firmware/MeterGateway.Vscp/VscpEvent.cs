using MeterGateway.Readings;

namespace MeterGateway.Vscp
{
    /// <summary>
    /// One VSCP measurement event as <see cref="VscpJson"/> writes it: the VSCP event fields (head, obid, date/time,
    /// timestamp, class, type, GUID, data, note) and the measurement they carry (exact value, unit, sensor index,
    /// zone, subzone). A mutable holder that a builder fills and reuses: nothing is allocated per event.
    /// </summary>
    public sealed class VscpEvent
    {
        /// <summary>
        /// vscpHead: 16-bit header. The reference script's value: normal priority (0x60) | dumb node (0x8000) = 32864
        /// (vscp.py VSCP_PRIORITY_NORMAL, VSCP_HEADER16_DUMB).
        /// </summary>
        public int Head = DumbNormalPriority;
        /// <summary>vscpObId: object id, 0 (filled in by a VSCP daemon).</summary>
        public long ObId;
        /// <summary>vscpDateTime in Unix seconds UTC, or <see cref="ReadingSet.NoTime"/> for an empty date/time.</summary>
        public long DateTime = ReadingSet.NoTime;
        /// <summary>vscpTimeStamp: microseconds, 32 bits (wraps).</summary>
        public uint TimeStamp;
        /// <summary>vscpClass (<see cref="VscpClass"/>).</summary>
        public int Class;
        /// <summary>vscpType (<see cref="VscpType"/>).</summary>
        public int Type;
        /// <summary>vscpGuid: 16 bytes (<see cref="VscpGuid"/>); the array is referenced, not copied.</summary>
        public byte[] Guid;
        /// <summary>
        /// The parts of the JSON that one meter's quantity always has (type, GUID, note, unit, sensor index, zone,
        /// subzone), rendered once by <see cref="VscpJson.RenderParts"/> (one array: a small header, then the bytes), or
        /// null. A builder that publishes the same quantities again and again keeps them per quantity and sets this: the
        /// writer then copies them instead of formatting those fields for every event (an interpreter pays for each call).
        /// They must match the fields as they were rendered from; the writer does not read <see cref="Type"/>,
        /// <see cref="Guid"/> and <see cref="Note"/> then, nor <see cref="SensorIndex"/>, <see cref="Zone"/> and
        /// <see cref="Subzone"/> when <see cref="Unit"/> is the parts' unit, so a builder sets those only for a quantity's
        /// first event or another unit.
        /// </summary>
        public byte[] Parts;

        // The start of the JSON object last written, up to the vscpClass value, and the fields it was written from: the
        // events of one reading set share head, obid, date/time, timestamp and class, so VscpJson.Write formats them
        // once per set and copies them for the other events.
        internal readonly byte[] Prefix = new byte[VscpJson.MaxPrefixLength];
        internal int PrefixLength;
        internal int PrefixHead;
        internal long PrefixObId;
        internal long PrefixDateTime;
        internal uint PrefixTimeStamp;
        internal int PrefixClass;
        /// <summary>vscpData: the array holding the data bytes (from <see cref="MeasurementEncoder"/>).</summary>
        public byte[] Data;
        /// <summary>Offset of the data bytes in <see cref="Data"/>.</summary>
        public int DataOffset;
        /// <summary>Number of data bytes.</summary>
        public int DataLength;
        /// <summary>
        /// True when the data bytes are <see cref="Mantissa"/> and <see cref="Exponent"/> as
        /// <see cref="MeasurementEncoder.WriteString"/> writes them (class 1040: 4 header bytes, the decimal text, a NUL):
        /// the writer then copies measurement.value from their text instead of formatting the value a second time.
        /// </summary>
        public bool ValueInData;
        /// <summary>vscpNote: the note already escaped for a JSON string, UTF-8 (<see cref="VscpJson.EscapeNote"/>).</summary>
        public byte[] Note;
        /// <summary>measurement.value: mantissa (value = mantissa × 10^<see cref="Exponent"/>).</summary>
        public long Mantissa;
        /// <summary>measurement.value: decimal exponent.</summary>
        public int Exponent;
        /// <summary>measurement.unit: the VSCP unit code.</summary>
        public int Unit;
        /// <summary>measurement.sensorindex (0..255).</summary>
        public int SensorIndex;
        /// <summary>measurement.zone (0..255).</summary>
        public int Zone;
        /// <summary>measurement.subzone (0..255).</summary>
        public int Subzone;

        /// <summary>Head of the reference script's events: <c>VSCP_PRIORITY_NORMAL | VSCP_HEADER16_DUMB</c> = 0x8060.</summary>
        public const int DumbNormalPriority = 0x8060;
    }
}
