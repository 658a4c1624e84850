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
        // The keys of the JSON object, one after the other in one array (one heap block rather than one per key: static
        // fields stay on nanoFramework's heap for good); each key below is its offset << 8 | its length.
        private static readonly byte[] Keys = Ascii.GetBytes(
            "{\"vscpHead\":"
            + ",\"vscpObId\":"
            + ",\"vscpDateTime\":\""
            + "\",\"vscpTimeStamp\":"
            + ",\"vscpClass\":"
            + ",\"vscpType\":"
            + ",\"vscpGuid\":\""
            + "\",\"vscpData\":["
            + "],\"vscpNote\":\""
            + "\",\"measurement\":{\"value\":"
            + ",\"unit\":"
            + ",\"sensorindex\":"
            + ",\"zone\":"
            + ",\"subzone\":"
            + "}}");
        private const int KeyHead = 0 << 8 | 12; // {"vscpHead":
        private const int KeyObId = 12 << 8 | 12; // ,"vscpObId":
        private const int KeyDateTime = 24 << 8 | 17; // ,"vscpDateTime":"
        private const int KeyTimeStamp = 41 << 8 | 18; // ","vscpTimeStamp":
        private const int KeyClass = 59 << 8 | 13; // ,"vscpClass":
        private const int KeyType = 72 << 8 | 12; // ,"vscpType":
        private const int KeyGuid = 84 << 8 | 13; // ,"vscpGuid":"
        private const int KeyData = 97 << 8 | 14; // ","vscpData":[
        private const int KeyNote = 111 << 8 | 14; // ],"vscpNote":"
        private const int KeyValue = 125 << 8 | 25; // ","measurement":{"value":
        private const int KeyUnit = 150 << 8 | 8; // ,"unit":
        private const int KeySensorIndex = 158 << 8 | 15; // ,"sensorindex":
        private const int KeyZone = 173 << 8 | 8; // ,"zone":
        private const int KeySubzone = 181 << 8 | 11; // ,"subzone":
        private const int End = 192 << 8 | 2; // }}

        /// <summary>Most bytes of the part of an event up to its vscpClass value (an int head and class, a long obid).</summary>
        internal const int MaxPrefixLength = (KeyHead & 0xFF) + 11 + (KeyObId & 0xFF) + 20 + (KeyDateTime & 0xFF)
            + UnixTime.IsoLength + (KeyTimeStamp & 0xFF) + 10 + (KeyClass & 0xFF) + 11;

        // head 5, obid 10, date/time 20, timestamp 10, class 5, type 5, GUID 47, unit/index/zone/subzone 3 each
        private const int VariableNumbers = 5 + 10 + 20 + 10 + 5 + 5 + VscpGuid.TextLength + 4 * 3;

        /// <summary>
        /// The most bytes <see cref="Write"/> needs for an event whose escaped note has <paramref name="noteLength"/> bytes
        /// and whose data has at most <see cref="MeasurementEncoder.MaxDataLength"/> bytes.
        /// </summary>
        public static int MaxLength(int noteLength)
        {
            // every key once (the keys' array is exactly that)
            int fixedLength = Keys.Length;
            return fixedLength + VariableNumbers + MeasurementEncoder.MaxDataLength * 4 + noteLength + MeasurementEncoder.MaxValueChars;
        }

        /// <summary>Writes the event at <paramref name="offset"/>; returns the number of bytes written (at most <see cref="MaxLength"/>).</summary>
        public static int Write(VscpEvent e, byte[] buffer, int offset)
        {
            int p = offset;
            // fields read more than once are taken into locals: an interpreter resolves a field on every access
            int prefixLength = e.PrefixLength;
            if (prefixLength == 0 || e.Head != e.PrefixHead || e.ObId != e.PrefixObId || e.DateTime != e.PrefixDateTime
                || e.TimeStamp != e.PrefixTimeStamp || e.Class != e.PrefixClass)
            {
                prefixLength = e.PrefixLength = WritePrefix(e, e.Prefix, 0);
                e.PrefixHead = e.Head;
                e.PrefixObId = e.ObId;
                e.PrefixDateTime = e.DateTime;
                e.PrefixTimeStamp = e.TimeStamp;
                e.PrefixClass = e.Class;
            }
            System.Array.Copy(e.Prefix, 0, buffer, p, prefixLength);
            p += prefixLength;
            byte[] parts = e.Parts;
            int head = 0, tail = 0;
            if (parts != null)
            {
                // the parts' layout (RenderParts): unit, head length, tail start (2 bytes), head, note, tail
                head = parts[1];
                tail = parts[2] | parts[3] << 8;
                System.Array.Copy(parts, PartsHeader, buffer, p, head);
                p += head;
            }
            else p += WriteHead(e, buffer, p);
            byte[] data = e.Data;
            int dataOffset = e.DataOffset, dataLength = e.DataLength;
            p += WriteDataList(data, dataOffset, dataLength, buffer, p);
            if (parts != null)
            {
                int note = PartsHeader + head;
                System.Array.Copy(parts, note, buffer, p, tail - note);
                p += tail - note;
            }
            else p += WriteNote(e, buffer, p);
            if (e.ValueInData)
            {
                // the decimal text between the 4 header bytes and the NUL of class 1040's data: copied natively
                int text = dataLength - 5;
                System.Array.Copy(data, dataOffset + 4, buffer, p, text);
                p += text;
            }
            else p += FixedPoint.Format(e.Mantissa, e.Exponent, buffer, p);
            if (parts != null && parts[0] == e.Unit)
            {
                System.Array.Copy(parts, tail, buffer, p, parts.Length - tail);
                p += parts.Length - tail;
            }
            else p += WriteTail(e, buffer, p);
            return p - offset;
        }

        /// <summary>Bytes before the head in the parts <see cref="RenderParts"/> makes: unit, head length, tail start (2 bytes).</summary>
        public const int PartsHeader = 4;

        /// <summary>Most bytes of an escaped note (<see cref="EscapeNote"/>) that <see cref="RenderParts"/> takes.</summary>
        public const int MaxNoteLength = 65535 - PartsHeader - 255 - (KeyNote & 0xFF) - (KeyValue & 0xFF);

        /// <summary>
        /// Renders the parts of <paramref name="e"/> that are the same for every event of its meter's quantity (type,
        /// GUID, note, unit, sensor index, zone, subzone), for <see cref="VscpEvent.Parts"/>: one array, so that a quantity
        /// costs one heap block for them, holding <see cref="PartsHeader"/> bytes (the unit the tail was rendered with, the
        /// head's length, the tail's start, little-endian) and then, as UTF-8, the head
        /// <c>,"vscpType":…,"vscpGuid":"…","vscpData":[</c>, the note <c>],"vscpNote":"…","measurement":{"value":</c> and
        /// the tail <c>,"unit":…,"sensorindex":…,"zone":…,"subzone":…}}</c>. Allocates: once per quantity. The unit must
        /// be 0..255 and the note at most <see cref="MaxNoteLength"/> bytes (<see cref="System.ArgumentException"/>).
        /// </summary>
        public static byte[] RenderParts(VscpEvent e)
        {
            if (e.Note.Length > MaxNoteLength || e.Unit < 0 || e.Unit > 255) throw new System.ArgumentException("note too long or unit out of range");
            byte[] scratch = new byte[PartsHeader + MaxLength(e.Note.Length)];
            int head = WriteHead(e, scratch, PartsHeader);
            int tail = PartsHeader + head + WriteNote(e, scratch, PartsHeader + head);
            int end = tail + WriteTail(e, scratch, tail);
            byte[] parts = new byte[end];
            System.Array.Copy(scratch, 0, parts, 0, end);
            parts[0] = (byte)e.Unit;
            parts[1] = (byte)head;
            parts[2] = (byte)tail;
            parts[3] = (byte)(tail >> 8);
            return parts;
        }

        // ,"vscpType":…,"vscpGuid":"…","vscpData":[
        private static int WriteHead(VscpEvent e, byte[] buffer, int offset)
        {
            int p = offset;
            p += Put(KeyType, buffer, p);
            p += Ascii.WriteInt(e.Type, buffer, p);
            p += Put(KeyGuid, buffer, p);
            p += VscpGuid.Format(e.Guid, buffer, p);
            p += Put(KeyData, buffer, p);
            return p - offset;
        }

        // ],"vscpNote":"…","measurement":{"value":
        private static int WriteNote(VscpEvent e, byte[] buffer, int offset)
        {
            int p = offset;
            p += Put(KeyNote, buffer, p);
            p += Put(e.Note, buffer, p);
            p += Put(KeyValue, buffer, p);
            return p - offset;
        }

        // ,"unit":…,"sensorindex":…,"zone":…,"subzone":…}}
        private static int WriteTail(VscpEvent e, byte[] buffer, int offset)
        {
            int p = offset;
            p += Put(KeyUnit, buffer, p);
            p += Ascii.WriteInt(e.Unit, buffer, p);
            p += Put(KeySensorIndex, buffer, p);
            p += Ascii.WriteInt(e.SensorIndex, buffer, p);
            p += Put(KeyZone, buffer, p);
            p += Ascii.WriteInt(e.Zone, buffer, p);
            p += Put(KeySubzone, buffer, p);
            p += Ascii.WriteInt(e.Subzone, buffer, p);
            p += Put(End, buffer, p);
            return p - offset;
        }

        // {"vscpHead":…,"vscpObId":…,"vscpDateTime":"…","vscpTimeStamp":…,"vscpClass":… (the part shared by a set's events)
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

        // The data bytes as decimal numbers separated by commas (the inside of "vscpData":[…]); in one loop without a call
        // per byte, as a payload's data are a dozen bytes and more (class 1040 carries the value's digits).
        private static int WriteDataList(byte[] data, int dataOffset, int count, byte[] buffer, int offset)
        {
            if (count <= 0) return 0;
            int p = offset;
            for (int i = dataOffset, end = dataOffset + count; i < end; i++)
            {
                // each byte with a comma after it (the last one taken back below)
                int b = data[i];
                if (b < 10)
                {
                    buffer[p] = (byte)('0' + b);
                    buffer[p + 1] = (byte)',';
                    p += 2;
                }
                else if (b < 100)
                {
                    buffer[p] = (byte)('0' + b / 10);
                    buffer[p + 1] = (byte)('0' + b % 10);
                    buffer[p + 2] = (byte)',';
                    p += 3;
                }
                else
                {
                    int hundreds = b / 100;
                    buffer[p] = (byte)('0' + hundreds);
                    b -= hundreds * 100;
                    buffer[p + 1] = (byte)('0' + b / 10);
                    buffer[p + 2] = (byte)('0' + b % 10);
                    buffer[p + 3] = (byte)',';
                    p += 4;
                }
            }
            return p - 1 - offset;
        }

        private static int Put(byte[] bytes, byte[] buffer, int offset)
        {
            System.Array.Copy(bytes, 0, buffer, offset, bytes.Length);
            return bytes.Length;
        }

        // Writes one of the keys (offset << 8 | length in Keys); returns its length.
        private static int Put(int key, byte[] buffer, int offset)
        {
            int length = key & 0xFF;
            System.Array.Copy(Keys, key >> 8, buffer, offset, length);
            return length;
        }
    }
}
