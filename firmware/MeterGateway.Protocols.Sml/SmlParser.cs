using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Sml
{
    /// <summary>
    /// Parses the messages of one SML file (the bytes between the start escape sequence and the padding) into a
    /// <see cref="ReadingSet"/>, in place, allocating nothing. Source: SML 1.04 (BSI TR-03109-1 Anlage IV);
    /// volkszaehler/libsml @ dc096b40b0c0b90c7def374e92a9d186ed276c30 (<c>sml_message.c</c>, <c>sml_list.c</c>,
    /// <c>sml_time.c</c>); PROTOCOLS.md §3.
    /// <list type="bullet">
    /// <item>SML_Message = list(6){transactionId, groupNo, abortOnError, messageBody = list(2){tag, body}, crc16,
    /// endOfSmlMsg}; each message's crc16 is checked (<see cref="SmlMessageCrc"/>), a mismatch fails the file with
    /// <see cref="FrameError.Crc"/>.</item>
    /// <item>SML_PublicOpen.Res (tag 0x0101) = list(6){codepage, clientId, reqFileId, serverId, refTime,
    /// smlVersion}: the serverId becomes the header.</item>
    /// <item>SML_GetList.Res (tag 0x0701) = list(7){clientId, serverId, listName, actSensorTime, valList,
    /// listSignature, actGatewayTime}: each valList entry list(7){objName, status, valTime, unit, scaler, value,
    /// valueSignature} becomes one reading; an actSensorTime or actGatewayTime given as a timestamp becomes
    /// <see cref="ReadingSet.FrameTime"/>.</item>
    /// <item>Other messages (SML_PublicClose.Res 0x0201, attention, profiles) are checked and passed over.</item>
    /// </list>
    /// A reading is OBIS = the 6-byte objName (entries with another objName length are passed over). Integer
    /// values become numbers mantissa × 10^scaler with the DLMS unit code, exactly; booleans 0 or 1; octet strings
    /// text when all bytes are printable ASCII, else upper-case hex (up to <see cref="MaxOctetsShown"/> bytes,
    /// longer ones an empty value); lists and unsigned values of 2^63 or more an empty value. A valTime given as a
    /// timestamp is added as the reading's capture time; a seconds index (time since the meter started) is not a
    /// time and is left out, as is the status word.
    /// </summary>
    public sealed class SmlParser
    {
        /// <summary>Longest non-printable octet string shown as hex (a 48-byte public key needs 48).</summary>
        public const int MaxOctetsShown = 128;

        private const long OpenResponse = 0x0101;
        private const long GetListResponse = 0x0701;

        private const string Malformed = "SML field malformed or running past the end of the file";
        private const string NotMessage = "SML message is not a list of 6 fields";
        private const string NotBody = "SML message body is not a list of a tag and a body";
        private const string NotOpenResponse = "SML_PublicOpen.Res is not a list of 6 fields";
        private const string NotGetListResponse = "SML_GetList.Res is not a list of 7 fields";
        private const string NotEntry = "SML list entry is not a list of 7 fields";
        private const string BadTime = "SML_Time malformed";
        private const string BadUnit = "SML unit or scaler out of range";
        private const string NoCrc = "SML message has no crc16 field";
        private const string CrcMismatch = "SML message CRC mismatch";

        private readonly SmlReader _reader = new SmlReader();
        private readonly byte[] _scratch = new byte[2 * MaxOctetsShown];
        private readonly bool _dzgFix;
        private readonly bool _bareTime;
        private readonly bool _kermit;
        private bool _dzgAffected;
        private bool _wholeKwh;
        private FrameError _error;
        private string _errorText;

        /// <summary>A parser applying the quirk settings of <paramref name="options"/>.</summary>
        public SmlParser(SmlOptions options)
        {
            _dzgFix = options.DzgDvs74UnsignedPower;
            _bareTime = options.HolleyBareValTime;
            _kermit = options.AcceptKermitMessageCrc;
        }

        /// <summary>Why the last <see cref="Parse"/> failed: <see cref="FrameError.Parse"/>, <see cref="FrameError.Crc"/> (a message CRC) or None.</summary>
        public FrameError Error { get { return _error; } }

        /// <summary>The reason of the last failure as a constant text, or null.</summary>
        public string ErrorText { get { return _errorText; } }

        /// <summary>
        /// True when the last parsed file had an energy register (unit Wh) with a scaler of 3 or more: whole kWh
        /// only. Meters send that until their PIN is entered (Holley, Iskra, Itron, eBZ "without_PIN" captures);
        /// the values are kept as sent (e.g. 2324 × 10³ Wh), with no precision they do not have.
        /// </summary>
        public bool WholeKwhEnergy { get { return _wholeKwh; } }

        /// <summary>
        /// Parses the messages in <paramref name="count"/> bytes of <paramref name="buffer"/> from
        /// <paramref name="offset"/> into <paramref name="readings"/> (cleared first). False, with the set cleared
        /// and <see cref="Error"/> set, when a message is malformed or fails its CRC.
        /// </summary>
        public bool Parse(byte[] buffer, int offset, int count, ReadingSet readings)
        {
            readings.Clear();
            _error = FrameError.None;
            _errorText = null;
            _dzgAffected = false;
            _wholeKwh = false;
            _reader.Reset(buffer, offset, count);
            while (_reader.Position < _reader.End)
            {
                bool ok = _reader.Read() ? _reader.Type == SmlType.EndOfMessage || ParseMessage(readings) : Fail(Malformed);
                if (!ok)
                {
                    readings.Clear();
                    return false;
                }
            }
            return true;
        }

        private bool ParseMessage(ReadingSet readings)
        {
            int start = _reader.FieldOffset;
            if (_reader.Type != SmlType.List || _reader.Length != 6) return Fail(NotMessage);
            // transactionId, groupNo, abortOnError
            if (!_reader.Skip() || !_reader.Skip() || !_reader.Skip()) return Fail(Malformed);
            long tag;
            if (!_reader.Read() || _reader.Type != SmlType.List || _reader.Length != 2
                || !_reader.Read() || !_reader.GetInteger(out tag)) return Fail(NotBody);
            bool ok;
            if (tag == OpenResponse) ok = ParseOpenResponse(readings);
            else if (tag == GetListResponse) ok = ParseGetListResponse(readings);
            else ok = _reader.Skip() || Fail(Malformed);
            if (!ok) return false;
            int crcAt = _reader.Position;
            long crc;
            if (!_reader.Read() || _reader.Type != SmlType.Unsigned || _reader.Length > 2 || !_reader.GetInteger(out crc)) return Fail(NoCrc);
            if (!SmlMessageCrc.Matches(_reader.Buffer, start, crcAt - start, crc, _kermit)) return Fail(FrameError.Crc, CrcMismatch);
            return true;
        }

        private bool ParseOpenResponse(ReadingSet readings)
        {
            if (!_reader.Read() || _reader.Type != SmlType.List || _reader.Length != 6) return Fail(NotOpenResponse);
            // codepage, clientId, reqFileId
            if (!_reader.Skip() || !_reader.Skip() || !_reader.Skip()) return Fail(Malformed);
            if (!ReadServerId(readings)) return false;
            // refTime, smlVersion
            return (_reader.Skip() && _reader.Skip()) || Fail(Malformed);
        }

        private bool ParseGetListResponse(ReadingSet readings)
        {
            if (!_reader.Read() || _reader.Type != SmlType.List || _reader.Length != 7) return Fail(NotGetListResponse);
            if (!_reader.Skip()) return Fail(Malformed); // clientId
            if (!ReadServerId(readings)) return false;
            if (!_reader.Skip()) return Fail(Malformed); // listName
            long time;
            if (!ReadTime(out time)) return false; // actSensorTime
            if (time != ReadingSet.NoTime) readings.FrameTime = time;
            if (!_reader.Read() || _reader.Type != SmlType.List) return Fail(Malformed); // valList
            for (int n = _reader.Length; n > 0; n--)
            {
                if (!ParseEntry(readings)) return false;
            }
            if (!_reader.Skip()) return Fail(Malformed); // listSignature
            if (!ReadTime(out time)) return false; // actGatewayTime
            if (time != ReadingSet.NoTime && readings.FrameTime == ReadingSet.NoTime) readings.FrameTime = time;
            return true;
        }

        private bool ReadServerId(ReadingSet readings)
        {
            if (!_reader.Read() || _reader.Type != SmlType.OctetString) return Fail(Malformed);
            if (DzgDvs74.IsAffectedId(_reader.Buffer, _reader.DataOffset, _reader.Length)) _dzgAffected = true;
            if (readings.HeaderLength == 0)
            {
                byte[] source;
                int offset;
                int n = RenderOctets(out source, out offset);
                if (n > 0) readings.SetHeader(source, offset, n);
            }
            return true;
        }

        private bool ParseEntry(ReadingSet readings)
        {
            if (!_reader.Read() || _reader.Type != SmlType.List || _reader.Length != 7) return Fail(NotEntry);
            if (!_reader.Read() || _reader.Type != SmlType.OctetString) return Fail(Malformed); // objName
            long obis = _reader.Length == 6 ? ObisAt(_reader.Buffer, _reader.DataOffset) : Obis.None;
            if (!_reader.Skip()) return Fail(Malformed); // status
            long valTime;
            if (!ReadTime(out valTime)) return false;
            long unit, scaler;
            if (!ReadOptionalInteger(out unit) || !ReadOptionalInteger(out scaler)) return false;
            if (unit < 0 || unit > 255 || scaler < -128 || scaler > 127) return Fail(BadUnit);
            if (!_reader.Read()) return Fail(Malformed); // value
            bool ok = obis == Obis.None ? _reader.SkipElements() : AddReading(readings, obis, (byte)unit, (int)scaler, valTime);
            return (ok && _reader.Skip()) || Fail(Malformed); // valueSignature
        }

        /// <summary>Adds the reading whose value field was just read; false when a list value is malformed.</summary>
        private bool AddReading(ReadingSet readings, long obis, byte unit, int scaler, long valTime)
        {
            SmlReader field = _reader;
            if (obis == DzgDvs74.SerialObis && field.Type == SmlType.OctetString
                && DzgDvs74.IsAffectedId(field.Buffer, field.DataOffset, field.Length)) _dzgAffected = true;
            readings.BeginReading(obis);
            int value;
            long number;
            switch (field.Type)
            {
                case SmlType.List:
                    value = readings.AddEmpty();
                    if (!field.SkipElements()) return false;
                    break;
                case SmlType.OctetString:
                    value = AddOctets(readings);
                    break;
                case SmlType.Boolean:
                    value = field.Length == 1 ? readings.AddNumber(field.Buffer[field.DataOffset] != 0 ? 1 : 0, 0, unit) : readings.AddEmpty();
                    break;
                default:
                    if (_dzgFix && _dzgAffected && obis == DzgDvs74.PowerObis && DzgDvs74.IsMisSigned(field)) number = DzgDvs74.Unsigned(field);
                    else if (!field.GetInteger(out number))
                    {
                        value = readings.AddEmpty();
                        break;
                    }
                    value = readings.AddNumber(number, scaler, unit);
                    if (unit == Units.WattHour && scaler >= 3) _wholeKwh = true;
                    break;
            }
            int time = -1;
            if (valTime != ReadingSet.NoTime)
            {
                int n = UnixTime.FormatIso(valTime, _scratch, 0);
                time = readings.AddTimestamp(valTime, _scratch, 0, n);
            }
            readings.EndReading(value, time);
            return true;
        }

        private int AddOctets(ReadingSet readings)
        {
            byte[] source;
            int offset;
            int n = RenderOctets(out source, out offset);
            return n > 0 ? readings.AddText(source, offset, n, false) : readings.AddEmpty();
        }

        /// <summary>The octet string just read as printable text (in place) or upper-case hex (in the scratch buffer); its length, or 0 when empty or too long to show.</summary>
        private int RenderOctets(out byte[] source, out int offset)
        {
            SmlReader field = _reader;
            source = field.Buffer;
            offset = field.DataOffset;
            int length = field.Length;
            bool printable = true;
            for (int i = 0; i < length && printable; i++)
            {
                int b = source[offset + i];
                printable = b >= 0x20 && b <= 0x7E;
            }
            if (printable) return length;
            if (length > MaxOctetsShown) return 0;
            for (int i = 0; i < length; i++) Ascii.WriteHex2(source[offset + i], _scratch, 2 * i);
            source = _scratch;
            offset = 0;
            return 2 * length;
        }

        /// <summary>
        /// Reads an optional SML_Time: absent (<c>01</c>), list(2){1 = secIndex, u32}, list(2){2 = timestamp, u32 Unix
        /// seconds UTC} or list(2){3 = localTimestamp, list(3){u32 UTC, localOffset, seasonTimeOffset}}; with
        /// <see cref="SmlOptions.HolleyBareValTime"/> also a bare unsigned (a seconds index). <paramref name="utc"/>
        /// is the timestamp, or <see cref="ReadingSet.NoTime"/>.
        /// </summary>
        private bool ReadTime(out long utc)
        {
            utc = ReadingSet.NoTime;
            long choice, value;
            if (!_reader.Read()) return Fail(Malformed);
            if (_reader.IsAbsent) return true;
            if (_reader.Type == SmlType.Unsigned && _bareTime) return _reader.GetInteger(out value) || Fail(BadTime);
            if (_reader.Type != SmlType.List || _reader.Length != 2 || !_reader.Read() || !_reader.GetInteger(out choice)) return Fail(BadTime);
            if (choice == 3)
            {
                if (!_reader.Read() || _reader.Type != SmlType.List || _reader.Length != 3) return Fail(BadTime);
            }
            else if (choice != 1 && choice != 2)
            {
                return Fail(BadTime);
            }
            if (!_reader.Read() || !_reader.GetInteger(out value)) return Fail(BadTime);
            if (choice == 3 && !(_reader.Skip() && _reader.Skip())) return Fail(BadTime);
            if (choice != 1) utc = value;
            return true;
        }

        private bool ReadOptionalInteger(out long value)
        {
            value = 0;
            if (!_reader.Read()) return Fail(Malformed);
            return _reader.IsAbsent || _reader.GetInteger(out value) || Fail(BadUnit);
        }

        private static long ObisAt(byte[] buffer, int offset)
        {
            return Obis.Pack(buffer[offset], buffer[offset + 1], buffer[offset + 2], buffer[offset + 3], buffer[offset + 4], buffer[offset + 5]);
        }

        private bool Fail(string text)
        {
            return Fail(FrameError.Parse, text);
        }

        private bool Fail(FrameError error, string text)
        {
            _error = error;
            _errorText = text;
            return false;
        }
    }
}
