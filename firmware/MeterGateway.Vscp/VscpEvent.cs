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
        /// The text of the GUID's first 14 bytes with the colon after them (<see cref="VscpGuid.PrefixTextLength"/> bytes,
        /// as <see cref="VscpGuid.Format"/> writes them), or null. A builder whose events share those bytes (one meter's
        /// GUIDs differ only in bytes 14..15, the quantity's id) formats them once and sets this: the writer then copies it
        /// and formats only the last two bytes. The writer keeps a copy of it for as long as the same array is set here:
        /// set another array rather than changing this one's bytes.
        /// </summary>
        public byte[] GuidPrefixText;

        // The start of the JSON object last written, up to the vscpType key, and the fields it was written from: the
        // events of one reading set share head, obid, date/time, timestamp and class, so VscpJson.Write formats them
        // once per set and copies them for the other events.
        internal readonly byte[] Prefix = new byte[VscpJson.MaxPrefixLength];
        internal int PrefixLength;
        internal int PrefixHead;
        internal long PrefixObId;
        internal long PrefixDateTime;
        internal uint PrefixTimeStamp;
        internal int PrefixClass;
        // The vscpGuid key with GuidPrefixText after it, for the GuidPrefixText array it was made from (null: none yet).
        internal readonly byte[] GuidKey = new byte[VscpJson.GuidKeyLength];
        internal byte[] GuidKeyFrom;
        // The end of the JSON object from the zone key on, and the zone and subzone it was written for (length 0: none yet).
        internal readonly byte[] Tail = new byte[VscpJson.MaxTailLength];
        internal int TailLength;
        internal int TailZone;
        internal int TailSubzone;
        /// <summary>vscpData: the array holding the data bytes (from <see cref="MeasurementEncoder"/>).</summary>
        public byte[] Data;
        /// <summary>Offset of the data bytes in <see cref="Data"/>.</summary>
        public int DataOffset;
        /// <summary>Number of data bytes.</summary>
        public int DataLength;
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
