using MeterGateway.Link;
using MeterGateway.Mapping;
using MeterGateway.Readings;
using MeterGateway.Vscp;

namespace MeterGateway.Publishing
{
    /// <summary>
    /// Turns a <see cref="ReadingSet"/> into the MQTT messages the gateway publishes, without allocating once each
    /// quantity was published: a quantity's topic, note and fixed JSON parts (<see cref="VscpJson.RenderParts"/>) are
    /// made at its first publication and reused, values are mapped (and in the binary classes coded) by <see cref="Build"/>
    /// into arrays with one slot per quantity published so far (grown at a first publication), and each payload is
    /// written on demand into a caller's buffer (or <see cref="PayloadBuffer"/>).
    /// <para>
    /// Per mapped reading, in the set's order, one message: by default a VSCP JSON event (<see cref="VscpJson"/>) of the
    /// configured class (1040 string, 10 normalized/float, 1060 double) on the <c>[MQTT] topic</c> template; with
    /// <c>no_vscp</c> the reference script's plain form: topic = the quantity's note, payload = the value's digits
    /// (in the quantity's unit, see docs/vscp-mapping.md). A quantity is published at most once per set (a second
    /// reading with its code is counted in <see cref="Duplicates"/>). For meters without 1-0:1.8.0/2.8.0 the exact
    /// sum of their tariff registers is published as the total, just before the first tariff register.
    /// vscpDateTime is the reading's capture time, else the set's <see cref="ReadingSet.FrameTime"/>, else the
    /// clock's UTC (empty when the clock is not set); vscpTimeStamp is the clock's monotonic time in µs (32 bits),
    /// the same for every event of a set; for a set of the outbox (<see cref="ObjectId"/> above 0) it is the set's
    /// measurement time in µs (32 bits), so that a set published again has byte-identical events.
    /// </para>
    /// <para>
    /// Several meters (<see cref="MessageOptions.Meters"/>): topics and GUIDs are built per meter and quantity
    /// (<see cref="MeterAddressing"/>), and each set is published as its meter's (the one whose address is the set's
    /// header); a set of a meter not configured is not published (<see cref="UnknownMeters"/>).
    /// </para>
    /// The configuration must not change after construction. Readings that cannot be published are counted, never thrown.
    /// </summary>
    public sealed class MessageBuilder : IMessageSource
    {
        private readonly MessageOptions _config;
        private readonly IClock _clock;
        private readonly QuantityMapper _mapper;
        // A meter's quantity gets a place at its first publication (a meter sends a fraction of the table's quantities,
        // and the box's heap is small): per meter × quantity, its place, -1 before; per place, in the order of first
        // publication, the topic and the JSON parts its events always have (VscpJson.RenderParts, at its first event:
        // one array each, its lengths inside). The arrays per place grow by PlaceGrowth at a first publication.
        private readonly short[] _placeOf;
        private string[] _topics = StringArray.New(0);
        private byte[][] _parts = new byte[0][];
        private int _places;
        private const int PlaceGrowth = 4;
        // Per meter, its GUID (bytes 14..15, the quantity's id, are set before a quantity's parts are rendered; read only for that).
        private readonly byte[][] _guids;
        private readonly byte[] _mac;
        private readonly int _meters;
        private int _meter;
        private readonly VscpEvent _event = new VscpEvent();

        // Per quantity, whether the set being built has it (a quantity is published at most once per set).
        private readonly bool[] _used = new bool[Quantities.Count];
        // One slot per message: a set has at most one message per quantity, so as many slots as quantities were ever
        // given a place suffice; they grow (by PlaceGrowth) when a first publication would need one more. Rows and units
        // are bytes (Quantities.Count and the VSCP unit codes are below 256), places shorts (meters × Count at most).
        private int _quantities;
        private byte[] _quantity = new byte[0];
        private short[] _place = new short[0];
        private long[] _mantissa = new long[0];
        private int[] _exponent = new int[0];
        private byte[] _unit = new byte[0];
        private long[] _time = new long[0];
        private long[] _obis = new long[0];
        private static readonly long ImportTotalCode = Obis.Pack(1, 0, 1, 8, 0);
        private static readonly long ExportTotalCode = Obis.Pack(1, 0, 2, 8, 0);
        // The data bytes of the events. The binary codings (class 10, 1060) are coded by Build, per slot at
        // slot × _dataStride (MaxBinaryDataLength), their lengths in _dataLength; class 1040's data are the value's text,
        // coded by WritePayload into the one event's room at 0 (_dataStride 0: Build only checks that the text fits);
        // no_vscp has none.
        private readonly int _dataStride;
        private byte[] _dataLength = new byte[0];
        private byte[] _data;
        private int _count;
        private uint _timeStamp;

        /// <summary>Most bytes a payload can take (the size of <see cref="PayloadBuffer"/>).</summary>
        public readonly int MaxPayloadLength;
        /// <summary>A buffer of <see cref="MaxPayloadLength"/> bytes that <see cref="WritePayload(int)"/> fills.</summary>
        public byte[] PayloadBuffer { get; private set; }

        /// <summary>
        /// vscpObId of the events <see cref="WritePayload(int)"/> writes: the outbox's sequence number of the set being
        /// published (<c>ReadingOutbox.TakenSequence</c>), so that a set published again after a crash
        /// between publish and acknowledgement is recognisable (same vscpObId, same vscpDateTime). 0 without an outbox.
        /// </summary>
        public long ObjectId;

        /// <summary>Readings of a published quantity that had no number (since construction).</summary>
        public long NotNumbers;
        /// <summary>Readings of a published quantity whose unit did not fit it, or had none (since construction).</summary>
        public long UnitMismatches;
        /// <summary>Values the configured coding cannot carry (too many digits, out of the class 10 range) (since construction).</summary>
        public long Unencodable;
        /// <summary>Readings of a quantity already published from the same set (since construction).</summary>
        public long Duplicates;
        /// <summary>With several meters: sets whose header is none of their addresses, not published (since construction).</summary>
        public long UnknownMeters;

        /// <summary>
        /// A builder for <paramref name="config"/> on a device whose network interface has the 6-byte
        /// <paramref name="mac"/> (the default GUIDs, <see cref="VscpGuid"/>), timing events with <paramref name="clock"/>.
        /// Throws <see cref="System.ArgumentException"/> when the note of a quantity that is sent is longer, escaped, than
        /// <see cref="VscpJson.MaxNoteLength"/> bytes.
        /// </summary>
        public MessageBuilder(MessageOptions config, byte[] mac, IClock clock)
        {
            _config = config;
            _clock = clock;
            _mapper = new QuantityMapper(config.Send);
            _meters = config.Meters != null && config.Meters.Length > 1 ? config.Meters.Length : 1;
            _mac = mac;
            _placeOf = new short[_meters * Quantities.Count];
            for (int i = 0; i < _placeOf.Length; i++) _placeOf[i] = -1;
            _guids = new byte[_meters][];
            for (int m = 0; m < _meters; m++) _guids[m] = Guid(m, 0);
            bool binary = !config.NoVscp && config.EventClass != VscpClass.MeasurementString;
            _dataStride = binary ? MeasurementEncoder.MaxBinaryDataLength : 0;
            _data = new byte[binary ? 0 : MeasurementEncoder.MaxDataLength];
            int max = MeasurementEncoder.MaxValueChars;
            for (int q = 0; q < Quantities.Count && !config.NoVscp; q++)
            {
                if (!_mapper.IsEnabled(q)) continue;
                int note = VscpJson.EscapeNote(config.NoteOf(q)).Length;
                if (note > VscpJson.MaxNoteLength) throw new System.ArgumentException("note_" + Quantities.Name(q) + " is longer than " + VscpJson.MaxNoteLength + " bytes");
                int length = VscpJson.MaxLength(note);
                if (length > max) max = length;
            }
            MaxPayloadLength = max;
            PayloadBuffer = new byte[max];
        }

        /// <summary>The options the builder was made with.</summary>
        public MessageOptions Options { get { return _config; } }

        /// <summary>Number of messages of the last <see cref="Build"/>.</summary>
        public int Count { get { return _count; } }

        /// <summary>Number of meters the messages are kept apart for: <see cref="MessageOptions.Meters"/>' length when it has more than one, else 1.</summary>
        public int MeterCount { get { return _meters; } }

        /// <summary>Index of the meter of the last <see cref="Build"/> in <see cref="MessageOptions.Meters"/> (0 with a single meter).</summary>
        public int MeterIndex { get { return _meter; } }

        /// <summary>
        /// Maps and encodes the readings of <paramref name="set"/>; returns the number of messages. The set may be reused
        /// once this returns: the messages keep their own copies of the values.
        /// </summary>
        public int Build(ReadingSet set)
        {
            _count = 0;
            System.Array.Clear(_used, 0, _used.Length);
            _meter = 0;
            if (_meters > 1)
            {
                _meter = MeterAddressing.IndexOf(_config.Meters, set);
                if (_meter < 0)
                {
                    _meter = 0;
                    UnknownMeters++;
                    return 0;
                }
            }
            _timeStamp = (uint)(_clock.MonotonicMs * 1000);
            long fallback = set.FrameTime;
            if (fallback == ReadingSet.NoTime && _clock.UtcNowSeconds > 0) fallback = _clock.UtcNowSeconds;
            // A set from the outbox may be published again (a connection lost half way, a restart): its events must be
            // the same bytes every time, so its timestamp comes from its own measurement time, not from the clock.
            if (ObjectId > 0 && set.FrameTime != ReadingSet.NoTime) _timeStamp = (uint)(set.FrameTime * 1000000L);

            _mapper.FindTariffTotals(set);
            int importAt = _mapper.TariffTotal(1);
            long importMantissa = _mapper.Mantissa;
            int importExponent = _mapper.Exponent, importUnit = _mapper.Unit;
            int exportAt = _mapper.TariffTotal(2);
            long exportMantissa = _mapper.Mantissa;
            int exportExponent = _mapper.Exponent, exportUnit = _mapper.Unit;

            QuantityMapper mapper = _mapper;
            for (int r = 0, readings = set.ReadingCount; r < readings; r++)
            {
                if (r == importAt) Add(Quantities.SumActiveEnergyOut, importMantissa, importExponent, importUnit, fallback, ImportTotalCode);
                if (r == exportAt) Add(Quantities.SumActiveEnergyIn, exportMantissa, exportExponent, exportUnit, fallback, ExportTotalCode);
                MapResult result = mapper.Map(set, r);
                if (result == MapResult.Mapped)
                    Add(mapper.Quantity, mapper.Mantissa, mapper.Exponent, mapper.Unit, mapper.Time != ReadingSet.NoTime ? mapper.Time : fallback, set.ObisCode[r]);
                else if (result == MapResult.NotNumber) NotNumbers++;
                else if (result == MapResult.UnitMismatch) UnitMismatches++;
            }
            return _count;
        }

        /// <summary>Topic of message <paramref name="i"/> (built at its quantity's first publication: no allocation).</summary>
        public string Topic(int i)
        {
            return _topics[_place[i]];
        }

        /// <summary>QoS of message <paramref name="i"/>: <c>[MQTT] qos</c>.</summary>
        public int Qos(int i)
        {
            return _config.Qos;
        }

        /// <summary>Whether message <paramref name="i"/> is retained: measurements are not.</summary>
        public bool Retain(int i)
        {
            return false;
        }

        /// <summary>The quantity row (<see cref="Quantities"/>) of message <paramref name="i"/>.</summary>
        public int QuantityOf(int i)
        {
            return _quantity[i];
        }

        /// <summary>
        /// The OBIS code message <paramref name="i"/>'s value was read from (<see cref="Obis"/>): the reading's own code
        /// (channel and F group as the meter sent them), or for a total the gateway computed from the tariff registers
        /// 1-0:1.8.0 (import) or 1-0:2.8.0 (export).
        /// </summary>
        public long ObisOf(int i)
        {
            return _obis[i];
        }

        /// <summary>Mantissa of message <paramref name="i"/>'s value: value = mantissa × 10^<see cref="Exponent"/> in VSCP unit <see cref="Unit"/>.</summary>
        public long Mantissa(int i)
        {
            return _mantissa[i];
        }

        /// <summary>Decimal exponent of message <paramref name="i"/>'s value.</summary>
        public int Exponent(int i)
        {
            return _exponent[i];
        }

        /// <summary>VSCP unit code of message <paramref name="i"/>'s value (docs/vscp-mapping.md).</summary>
        public int Unit(int i)
        {
            return _unit[i];
        }

        /// <summary>Writes the payload of message <paramref name="i"/> into <see cref="PayloadBuffer"/>; returns its length.</summary>
        public int WritePayload(int i)
        {
            return WritePayload(i, PayloadBuffer, 0);
        }

        /// <summary>
        /// Writes the payload of message <paramref name="i"/> at <paramref name="offset"/> (room for
        /// <see cref="MaxPayloadLength"/> bytes needed); returns its length.
        /// </summary>
        public int WritePayload(int i, byte[] buffer, int offset)
        {
            if (_config.NoVscp) return FixedPoint.Format(_mantissa[i], _exponent[i], buffer, offset);
            MessageOptions config = _config;
            int q = _quantity[i];
            VscpEvent e = _event;
            e.ObId = ObjectId;
            e.DateTime = _time[i];
            e.TimeStamp = _timeStamp;
            int eventClass = config.EventClass;
            e.Class = eventClass;
            long mantissa = _mantissa[i];
            int exponent = _exponent[i];
            int unit = _unit[i];
            byte[] data = _data;
            e.Data = data;
            if (eventClass == VscpClass.MeasurementString)
            {
                // class 1040's data are the value's text, coded here (Build checked that it fits), and the value is copied from them
                e.ValueInData = true;
                e.DataOffset = 0;
                e.DataLength = MeasurementEncoder.WriteString(config.SensorIndex[q], config.Zone, config.Subzone, unit, mantissa, exponent, data, 0);
            }
            else
            {
                e.ValueInData = false;
                e.DataOffset = i * MeasurementEncoder.MaxBinaryDataLength;
                e.DataLength = _dataLength[i];
            }
            e.Mantissa = mantissa;
            e.Exponent = exponent;
            e.Unit = unit;
            int place = _place[i];
            byte[] parts = _parts[place];
            if (parts == null || parts[0] != unit)
            {
                // the fields the parts stand for (VscpEvent.Parts): to render them, or to write the tail of another unit
                e.Type = Quantities.TypeOf(q);
                byte[] guid = _guids[_meter];
                int id = config.Id[q];
                guid[14] = (byte)(id >> 8);
                guid[15] = (byte)id;
                e.Guid = guid;
                e.SensorIndex = config.SensorIndex[q];
                e.Zone = config.Zone;
                e.Subzone = config.Subzone;
                if (parts == null)
                {
                    // the quantity's first event: allocates once (the note is in the parts from then on)
                    e.Note = VscpJson.EscapeNote(config.NoteOf(q));
                    parts = _parts[place] = VscpJson.RenderParts(e);
                    e.Note = null;
                }
            }
            e.Parts = parts;
            return VscpJson.Write(e, buffer, offset);
        }

        private void Add(int q, long mantissa, int exponent, int unit, long time, long obis)
        {
            if (_used[q])
            {
                Duplicates++;
                return;
            }
            int place = _placeOf[_meter * Quantities.Count + q];
            if (place < 0) place = Prepare(q); // before encoding: it makes room for one more message
            // class 1040 and no_vscp only check that the value's text fits: always, within ±MaxFastExponent (no call)
            int n = 0;
            if (_dataStride > 0 || exponent > MeasurementEncoder.MaxFastExponent || exponent < -MeasurementEncoder.MaxFastExponent)
                n = Encode(q, mantissa, exponent, unit, _count * _dataStride);
            if (n < 0)
            {
                Unencodable++;
                return;
            }
            _used[q] = true;
            int i = _count;
            _quantity[i] = (byte)q;
            _place[i] = (short)place;
            _mantissa[i] = mantissa;
            _exponent[i] = exponent;
            _unit[i] = (byte)unit;
            _time[i] = time;
            _obis[i] = obis;
            _dataLength[i] = (byte)n;
            _count = i + 1;
        }

        private int Encode(int q, long mantissa, int exponent, int unit, int offset)
        {
            MessageOptions config = _config;
            int eventClass = config.EventClass;
            if (config.NoVscp || eventClass == VscpClass.MeasurementString) return MeasurementEncoder.FitsString(mantissa, exponent) ? 0 : -1;
            int index = config.SensorIndex[q];
            if (eventClass == VscpClass.Measurement)
            {
                return config.Class1Coding == Class1Coding.Float
                    ? MeasurementEncoder.WriteFloat(index, unit, mantissa, exponent, _data, offset)
                    : MeasurementEncoder.WriteNormalized(index, unit, mantissa, exponent, _data, offset);
            }
            return MeasurementEncoder.WriteDouble(index, config.Zone, config.Subzone, unit, mantissa, exponent, _data, offset);
        }

        // The first publication of the current meter's quantity q (allocates once): its place and topic, and a message
        // slot more when no other meter published q before. Returns the place.
        private int Prepare(int q)
        {
            MessageOptions config = _config;
            int m = _meter;
            bool known = false;
            for (int other = 0; other < _meters; other++) known |= _placeOf[other * Quantities.Count + q] >= 0;
            if (!known && ++_quantities > _quantity.Length) GrowMessages(_quantity.Length + PlaceGrowth);
            int place = _places++;
            if (place == _topics.Length)
            {
                string[] topics = StringArray.New(place + PlaceGrowth);
                System.Array.Copy(_topics, topics, place);
                _topics = topics;
                byte[][] parts = new byte[place + PlaceGrowth][];
                System.Array.Copy(_parts, parts, place);
                _parts = parts;
            }
            _placeOf[m * Quantities.Count + q] = (short)place;
            if (config.NoVscp) _topics[place] = _meters > 1 ? MeterAddressing.Text(config.Meters[m]) + "/" + config.NoteOf(q) : config.NoteOf(q);
            else _topics[place] = EventTopic(config, q, Guid(m, config.Id[q]));
            return place;
        }

        // The message slots, grown to capacity (at a first publication only; the messages of the set being built are kept).
        private void GrowMessages(int capacity)
        {
            if (capacity > Quantities.Count) capacity = Quantities.Count;
            int n = _count;
            byte[] quantity = new byte[capacity], unit = new byte[capacity], dataLength = new byte[capacity];
            short[] place = new short[capacity];
            int[] exponent = new int[capacity];
            long[] mantissa = new long[capacity], time = new long[capacity], obis = new long[capacity];
            System.Array.Copy(_quantity, quantity, n);
            System.Array.Copy(_place, place, n);
            System.Array.Copy(_exponent, exponent, n);
            System.Array.Copy(_unit, unit, n);
            System.Array.Copy(_dataLength, dataLength, n);
            System.Array.Copy(_mantissa, mantissa, n);
            System.Array.Copy(_time, time, n);
            System.Array.Copy(_obis, obis, n);
            if (_dataStride > 0)
            {
                byte[] data = new byte[capacity * _dataStride];
                System.Array.Copy(_data, data, n * _dataStride);
                _data = data;
            }
            _quantity = quantity;
            _place = place;
            _exponent = exponent;
            _unit = unit;
            _dataLength = dataLength;
            _mantissa = mantissa;
            _time = time;
            _obis = obis;
        }

        // A new GUID of meter m for the quantity id (VscpGuid.Make, or MeterAddressing.MakeGuid with several meters).
        private byte[] Guid(int m, int id)
        {
            byte[] guid = new byte[VscpGuid.Length];
            if (_meters > 1) MeterAddressing.MakeGuid(_config.Guid, _config.Meters[m], id, guid);
            else VscpGuid.Make(_config.Guid, _mac, id, guid);
            return guid;
        }

        private static string EventTopic(MessageOptions config, int q, byte[] guid)
        {
            string guidText = VscpGuid.ToText(guid);
            string eventClass = config.EventClass.ToString();
            string type = Quantities.TypeOf(q).ToString();
            string[] values =
            {
                guidText, eventClass, type, config.SensorIndex[q].ToString(), config.Zone.ToString(), config.Subzone.ToString(),
                config.Id[q].ToString(), guidText, eventClass, type,
            };
            return TopicTemplate.Expand(config.Topic, TopicTemplate.EventPlaceholders, values);
        }
    }
}
