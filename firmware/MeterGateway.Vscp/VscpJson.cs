using MeterGateway.Readings;

namespace MeterGateway.Vscp
{
    /// <summary>
    /// Writes a <see cref="VscpEvent"/> as the VSCP JSON event object that Node-RED's VSCP nodes and the VSCP daemon read
    /// (VSCP spec "VSCP JSON event format": prefixed keys), plus the <c>measurement</c> object of the reference P1→VSCP
    /// script (seeds/003), on one line, without allocating:
    /// <code>{"vscpHead":32864,"vscpObId":0,"vscpDateTime":"2021-04-07T09:16:27Z","vscpTimeStamp":1000000,"vscpClass":1040,
    /// "vscpType":13,"vscpGuid":"FF:…:00:01","vscpData":[1,0,0,1,…,0],"vscpNote":"…",
    /// "measurement":{"value":4788.631,"unit":1,"sensorindex":1,"zone":0,"subzone":0}}</code>
    /// The date/time is ISO 8601 UTC, or <c>""</c> when unknown (a VSCP interface then fills it in); the value is a JSON
    /// number with exactly the value's digits (never through floating point).
    /// </summary>
    public static class VscpJson
    {
        private static readonly byte[] KeyHead = Ascii.GetBytes("{\"vscpHead\":");
        private static readonly byte[] KeyObId = Ascii.GetBytes(",\"vscpObId\":");
        private static readonly byte[] KeyDateTime = Ascii.GetBytes(",\"vscpDateTime\":\"");
        private static readonly byte[] KeyTimeStamp = Ascii.GetBytes("\",\"vscpTimeStamp\":");
        private static readonly byte[] KeyClass = Ascii.GetBytes(",\"vscpClass\":");
        private static readonly byte[] KeyType = Ascii.GetBytes(",\"vscpType\":");
        private static readonly byte[] KeyGuid = Ascii.GetBytes(",\"vscpGuid\":\"");
        private static readonly byte[] KeyData = Ascii.GetBytes("\",\"vscpData\":[");
        private static readonly byte[] KeyNote = Ascii.GetBytes("],\"vscpNote\":\"");
        private static readonly byte[] KeyValue = Ascii.GetBytes("\",\"measurement\":{\"value\":");
        private static readonly byte[] KeyUnit = Ascii.GetBytes(",\"unit\":");
        private static readonly byte[] KeySensorIndex = Ascii.GetBytes(",\"sensorindex\":");
        private static readonly byte[] KeyZone = Ascii.GetBytes(",\"zone\":");
        private static readonly byte[] KeySubzone = Ascii.GetBytes(",\"subzone\":");
        private static readonly byte[] End = Ascii.GetBytes("}}");

        /// <summary>Most bytes of the part of an event up to its vscpClass value (an int head and class, a long obid).</summary>
        internal static readonly int MaxPrefixLength = KeyHead.Length + 11 + KeyObId.Length + 20 + KeyDateTime.Length
            + UnixTime.IsoLength + KeyTimeStamp.Length + 10 + KeyClass.Length + 11 + KeyType.Length;
        internal static readonly int GuidKeyLength = KeyGuid.Length + VscpGuid.PrefixTextLength;
        internal static readonly int MaxTailLength = KeyZone.Length + 11 + KeySubzone.Length + 11 + End.Length;

        // head 5, obid 10, date/time 20, timestamp 10, class 5, type 5, GUID 47, unit/index/zone/subzone 3 each
        private const int VariableNumbers = 5 + 10 + 20 + 10 + 5 + 5 + VscpGuid.TextLength + 4 * 3;

        /// <summary>
        /// The most bytes <see cref="Write"/> needs for an event whose escaped note has <paramref name="noteLength"/> bytes
        /// and whose data has at most <see cref="MeasurementEncoder.MaxDataLength"/> bytes.
        /// </summary>
        public static int MaxLength(int noteLength)
        {
            int fixedLength = KeyHead.Length + KeyObId.Length + KeyDateTime.Length + KeyTimeStamp.Length + KeyClass.Length
                + KeyType.Length + KeyGuid.Length + KeyData.Length + KeyNote.Length + KeyValue.Length + KeyUnit.Length
                + KeySensorIndex.Length + KeyZone.Length + KeySubzone.Length + End.Length;
            return fixedLength + VariableNumbers + MeasurementEncoder.MaxDataLength * 4 + noteLength + MeasurementEncoder.MaxValueChars;
        }

        /// <summary>Writes the event at <paramref name="offset"/>; returns the number of bytes written (at most <see cref="MaxLength"/>).</summary>
        public static int Write(VscpEvent e, byte[] buffer, int offset)
        {
            int p = offset;
            if (e.PrefixLength == 0 || e.Head != e.PrefixHead || e.ObId != e.PrefixObId || e.DateTime != e.PrefixDateTime
                || e.TimeStamp != e.PrefixTimeStamp || e.Class != e.PrefixClass)
            {
                e.PrefixLength = WritePrefix(e, e.Prefix, 0);
                e.PrefixHead = e.Head;
                e.PrefixObId = e.ObId;
                e.PrefixDateTime = e.DateTime;
                e.PrefixTimeStamp = e.TimeStamp;
                e.PrefixClass = e.Class;
            }
            System.Array.Copy(e.Prefix, 0, buffer, p, e.PrefixLength);
            p += e.PrefixLength;
            p += Ascii.WriteInt(e.Type, buffer, p);
            if (e.GuidPrefixText != null)
            {
                if (e.GuidKeyFrom != e.GuidPrefixText)
                {
                    Put(KeyGuid, e.GuidKey, 0);
                    Put(e.GuidPrefixText, e.GuidKey, KeyGuid.Length);
                    e.GuidKeyFrom = e.GuidPrefixText;
                }
                p += Put(e.GuidKey, buffer, p);
                Ascii.WriteHex2(e.Guid[14], buffer, p);
                buffer[p + 2] = (byte)':';
                Ascii.WriteHex2(e.Guid[15], buffer, p + 3);
                p += 5;
            }
            else
            {
                p += Put(KeyGuid, buffer, p);
                p += VscpGuid.Format(e.Guid, buffer, p);
            }
            p += Put(KeyData, buffer, p);
            for (int i = 0; i < e.DataLength; i++)
            {
                if (i > 0) buffer[p++] = (byte)',';
                p += Ascii.WriteInt(e.Data[e.DataOffset + i], buffer, p);
            }
            p += Put(KeyNote, buffer, p);
            p += Put(e.Note, buffer, p);
            p += Put(KeyValue, buffer, p);
            p += FixedPoint.Format(e.Mantissa, e.Exponent, buffer, p);
            p += Put(KeyUnit, buffer, p);
            p += Ascii.WriteInt(e.Unit, buffer, p);
            p += Put(KeySensorIndex, buffer, p);
            p += Ascii.WriteInt(e.SensorIndex, buffer, p);
            if (e.TailLength == 0 || e.Zone != e.TailZone || e.Subzone != e.TailSubzone)
            {
                // ,"zone":…,"subzone":…}} is the same for every event of a configuration: written once, then copied
                int t = Put(KeyZone, e.Tail, 0);
                t += Ascii.WriteInt(e.Zone, e.Tail, t);
                t += Put(KeySubzone, e.Tail, t);
                t += Ascii.WriteInt(e.Subzone, e.Tail, t);
                t += Put(End, e.Tail, t);
                e.TailLength = t;
                e.TailZone = e.Zone;
                e.TailSubzone = e.Subzone;
            }
            System.Array.Copy(e.Tail, 0, buffer, p, e.TailLength);
            p += e.TailLength;
            return p - offset;
        }

        // {"vscpHead":…,"vscpObId":…,"vscpDateTime":"…","vscpTimeStamp":…,"vscpClass":…,"vscpType": (the part shared by a set's events)
        private static int WritePrefix(VscpEvent e, byte[] buffer, int offset)
        {
            int p = offset;
            p += Put(KeyHead, buffer, p);
            p += Ascii.WriteInt(e.Head, buffer, p);
            p += Put(KeyObId, buffer, p);
            p += Ascii.WriteInt(e.ObId, buffer, p);
            p += Put(KeyDateTime, buffer, p);
            if (e.DateTime != ReadingSet.NoTime) p += UnixTime.FormatIso(e.DateTime, buffer, p);
            p += Put(KeyTimeStamp, buffer, p);
            p += Ascii.WriteInt(e.TimeStamp, buffer, p);
            p += Put(KeyClass, buffer, p);
            p += Ascii.WriteInt(e.Class, buffer, p);
            p += Put(KeyType, buffer, p);
            return p - offset;
        }

        /// <summary>
        /// The note as the inside of a JSON string in UTF-8: <c>"</c> and <c>\</c> escaped with a backslash, control
        /// characters as <c>\n</c>, <c>\r</c>, <c>\t</c> or <c>\u00XX</c> (RFC 8259 §7). Start-up code (allocates).
        /// </summary>
        public static byte[] EscapeNote(string note)
        {
            string escaped = "";
            for (int i = 0; i < note.Length; i++)
            {
                char c = note[i];
                if (c == '"' || c == '\\') escaped += "\\" + c;
                else if (c == '\n') escaped += "\\n";
                else if (c == '\r') escaped += "\\r";
                else if (c == '\t') escaped += "\\t";
                else if (c < 0x20)
                {
                    byte[] hex = new byte[2];
                    Ascii.WriteHex2(c, hex, 0);
                    escaped += "\\u00" + Ascii.ToString(hex, 0, 2);
                }
                else escaped += c;
            }
            return Utf8.GetBytes(escaped);
        }

        private static int Put(byte[] bytes, byte[] buffer, int offset)
        {
            System.Array.Copy(bytes, 0, buffer, offset, bytes.Length);
            return bytes.Length;
        }
    }
}
