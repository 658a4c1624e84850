using MeterGateway.Mapping;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.HomeAssistant
{
    /// <summary>
    /// Home Assistant MQTT discovery for <c>[GENERAL] homeassistant = true</c> (docs/home-assistant.md): a retained
    /// config on <c>&lt;discovery_prefix&gt;/sensor/&lt;node&gt;/&lt;quantity&gt;/config</c> (<see cref="DiscoveryPayload"/>)
    /// for every quantity the gateway publishes, and each value as plain digits on <c>[MQTT] state_topic</c>.
    /// <list type="bullet">
    /// <item>One device per meter: node = the meter's equipment id (<see cref="MeterIdentity"/>), an M-Bus meter's own
    /// id, else the client id (meters that send none, like the Swedish HAN port). unique_id = node + "_" + quantity,
    /// so it is the same after a restart and follows the meter, not the gateway box.</item>
    /// <item>Configs are written when the set of quantities changes — a quantity seen for the first time since start,
    /// its unit or gas/water class changed, or its meter replaced — and again after each broker (re)connection. Per
    /// telegram only values are compared: nothing is allocated.</item>
    /// <item>A register going backwards is not published (<see cref="RegisterGuard"/>) and is counted in
    /// <see cref="RegistersWithheld"/>; a meter swap shows as a new identity in the status, and its old entities are
    /// removed.</item>
    /// <item>What was announced is kept in an <see cref="IDiscoveryRecordStore"/> (a small file, written only when that
    /// set changes) rather than found by subscribing to the retained configs on connect: the MQTT adapters stay
    /// publish-only, there is no wait of unknown length for retained messages, and no receive buffers on the ESP32.
    /// At start every recorded config whose quantity is now switched off (its <c>send_*</c>), unknown, or all of them
    /// when <c>homeassistant</c> is false, is removed by publishing an empty retained payload (Home Assistant deletes
    /// the entity).</item>
    /// <item>Several meters (<see cref="MessageOptions.Meters"/>, e.g. an RS-485 bus of EKM meters): one device per
    /// meter, node = its address, unique_id = address + "_" + quantity, its own state topics (<c>{meter}</c>), and a
    /// register guard per meter. The state is kept per slot = meter × <see cref="Quantities.Count"/> + quantity.</item>
    /// </list>
    /// </summary>
    public sealed class HomeAssistantPublisher
    {
        private const int MaxExponent = 30; // FixedPoint.Format needs 22 + |exponent| bytes of the 64-byte value buffer

        private readonly HomeAssistantOptions _options;
        private readonly MessageOptions _messages;
        private readonly bool _enabled;
        private readonly string _clientNode;
        private readonly string _availabilityTopic;
        private readonly string _applicationVersion;
        private readonly IDiscoveryRecordStore _store;
        private readonly int _meters;
        private readonly string[] _stateTopics;
        private readonly RegisterGuard _guard;
        private readonly JsonWriter _json;
        private readonly byte[] _value = new byte[64];
        private readonly byte[] _empty = new byte[0];

        // per slot (meter × Quantities.Count + quantity row)
        private readonly string[] _announced;   // config topic announced (retained), or null
        private readonly string[] _desired;     // config topic for the current meter, or null
        private readonly bool[] _pending;       // config to (re)publish
        private readonly bool[] _seen;          // unit and class known since start
        private readonly int[] _unit;
        private readonly int[] _deviceType;
        private readonly int[] _variant;
        private readonly DiscoveryDevice[] _deviceOf;
        private readonly string[] _uniqueId;
        // per message of the last set
        private readonly bool[] _accepted = new bool[Quantities.Count];

        private readonly string[] _removals;
        private int _removalCount;
        private bool _dirty;
        private int _identityVersion = -1;

        /// <summary>Discovery configs published (retained) since start.</summary>
        public long ConfigsPublished;
        /// <summary>Discovery configs removed (empty retained payload) since start.</summary>
        public long ConfigsRemoved;
        /// <summary>Plain values published on the state topics since start.</summary>
        public long StatesPublished;
        /// <summary>Publishes that failed (configs are tried again, values are not).</summary>
        public long PublishFailures;
        /// <summary>Register values not published because they were below the last one published.</summary>
        public long RegistersWithheld;
        /// <summary>The quantity name of the last register withheld, or null.</summary>
        public string LastWithheld;
        /// <summary>Times the record of announced configs could not be saved.</summary>
        public long RecordErrors;

        /// <summary>
        /// A publisher for <paramref name="options"/>, with the notes, <c>send_*</c> switches and QoS of
        /// <paramref name="messages"/>, on the gateway whose MQTT client id is <paramref name="clientId"/>,
        /// whose availability topic (resolved) is <paramref name="availabilityTopic"/>, running application version
        /// <paramref name="applicationVersion"/>. Reads the record of earlier announcements from <paramref name="store"/>
        /// and schedules the removals described above. Start-up code: allocates.
        /// </summary>
        public HomeAssistantPublisher(HomeAssistantOptions options, MessageOptions messages, string clientId, string availabilityTopic, string applicationVersion, IDiscoveryRecordStore store)
        {
            _options = options;
            _messages = messages;
            _enabled = options.Enabled;
            _clientNode = Sanitize(clientId);
            _availabilityTopic = availabilityTopic;
            _applicationVersion = applicationVersion;
            _store = store;
            _meters = messages.Meters != null && messages.Meters.Length > 1 ? messages.Meters.Length : 1;
            int slots = _meters * Quantities.Count;
            _stateTopics = StringArray.New(slots);
            _guard = new RegisterGuard(slots);
            _announced = StringArray.New(slots);
            _desired = StringArray.New(slots);
            _pending = new bool[slots];
            _seen = new bool[slots];
            _unit = new int[slots];
            _deviceType = new int[slots];
            _variant = new int[slots];
            _deviceOf = new DiscoveryDevice[slots];
            _uniqueId = StringArray.New(slots);
            _removals = StringArray.New(slots * 2);
            int longest = 0;
            for (int slot = 0; slot < slots; slot++)
            {
                int q = slot % Quantities.Count;
                if (_enabled) _stateTopics[slot] = options.StateTopicFor(clientId, q, _meters > 1 ? MeterAddressing.Text(messages.Meters[slot / Quantities.Count]) : HomeAssistantOptions.SingleMeter);
                int length = messages.NoteOf(q).Length + (_enabled ? _stateTopics[slot].Length : 0);
                if (length > longest) longest = length;
            }
            if (_meters > 1) SetMeterDevices(messages.Meters);
            // fixed keys and ids up to 96 characters, plus the configurable texts at 6 bytes per character (\u00XX) at worst
            _json = new JsonWriter(1536 + 6 * (longest + availabilityTopic.Length));
            ReadRecord(store.Load());
        }

        /// <summary>True when <c>homeassistant</c> is on.</summary>
        public bool Enabled { get { return _enabled; } }

        /// <summary>Number of discovery configs currently announced.</summary>
        public int Announced
        {
            get
            {
                int n = 0;
                for (int slot = 0; slot < _announced.Length; slot++) if (_announced[slot] != null) n++;
                return n;
            }
        }

        /// <summary>True while configs or removals wait to be published.</summary>
        public bool HasPending
        {
            get
            {
                if (_removalCount > 0) return true;
                for (int slot = 0; slot < _pending.Length; slot++) if (_pending[slot]) return true;
                return false;
            }
        }

        /// <summary>The discovery config topic announced for quantity row <paramref name="q"/> (of the first meter), or null.</summary>
        public string ConfigTopic(int q)
        {
            return _announced[q];
        }

        /// <summary>The discovery config topic announced for quantity row <paramref name="q"/> of meter <paramref name="meter"/> (index in <see cref="MessageOptions.Meters"/>), or null.</summary>
        public string ConfigTopic(int meter, int q)
        {
            return _announced[meter * Quantities.Count + q];
        }

        /// <summary>
        /// Takes the messages of a valid reading set (after <see cref="MessageBuilder.Build"/>) and the meter's identity:
        /// schedules the configs that are new or changed, and decides which values may be published. No allocation
        /// unless the identity or the set of quantities changed.
        /// </summary>
        public void Update(MessageBuilder builder, MeterIdentity identity)
        {
            if (!_enabled) return;
            if (_meters == 1 && identity.Version != _identityVersion)
            {
                _identityVersion = identity.Version;
                SetDevices(identity);
            }
            int first = _meters > 1 ? builder.MeterIndex * Quantities.Count : 0;
            for (int i = 0; i < builder.Count; i++)
            {
                int row = builder.QuantityOf(i);
                int q = first + row;
                int unit = builder.Unit(i);
                int channel = _meters > 1 ? 0 : ChannelOf(row);
                int type = channel > 0 ? identity.DeviceType(channel) : MeterIdentity.UnknownDeviceType;
                int variant = SensorClasses.Variant(row, unit, type);
                if (_announced[q] != _desired[q])
                {
                    if (_announced[q] != null) AddRemoval(_announced[q]);
                    _announced[q] = _desired[q];
                    _dirty = true;
                    _pending[q] = true;
                }
                else if (!_seen[q] || _variant[q] != variant) _pending[q] = true;
                _seen[q] = true;
                _unit[q] = unit;
                _deviceType[q] = type;
                _variant[q] = variant;
                _accepted[i] = !SensorClasses.IsRegister(row) || _guard.Accept(q, builder.Mantissa(i), builder.Exponent(i));
                if (_accepted[i]) continue;
                RegistersWithheld++;
                LastWithheld = Quantities.Name(row);
            }
        }

        /// <summary>After a broker (re)connection: every config announced since start is published again (retained messages may be gone).</summary>
        public void Reannounce()
        {
            for (int slot = 0; slot < _seen.Length; slot++)
            {
                if (_seen[slot] && _announced[slot] != null) _pending[slot] = true;
            }
        }

        /// <summary>
        /// Publishes the waiting removals and configs (retained, QoS 1) and saves the record when it changed. Returns
        /// false at the first failure (the rest is tried again on the next call).
        /// </summary>
        public bool PublishPending(IMqttConnection mqtt)
        {
            while (_removalCount > 0)
            {
                if (!mqtt.Publish(_removals[_removalCount - 1], _empty, 0, 0, 1, true)) return Failed();
                _removals[--_removalCount] = null;
                ConfigsRemoved++;
                _dirty = true;
            }
            for (int q = 0; q < _pending.Length; q++)
            {
                if (!_pending[q]) continue;
                int row = q % Quantities.Count;
                _json.Reset();
                DiscoveryPayload.Write(_json, row, Name(row), _uniqueId[q], _stateTopics[q], _unit[q], _deviceType[q],
                    _availabilityTopic, _deviceOf[q], _applicationVersion);
                _pending[q] = false;
                if (_json.Overflowed)
                {
                    PublishFailures++;
                    continue;
                }
                if (!mqtt.Publish(_announced[q], _json.Buffer, _json.Start, _json.Length, 1, true))
                {
                    _pending[q] = true;
                    return Failed();
                }
                ConfigsPublished++;
            }
            if (_dirty)
            {
                if (_store.Save(RecordText())) _dirty = false;
                else RecordErrors++;
            }
            return true;
        }

        /// <summary>
        /// Publishes the values of the last <see cref="Update"/> on the state topics as plain digits in the sensor's unit
        /// (QoS <c>[MQTT] qos</c>, not retained), except withheld registers. Returns false at the first failure.
        /// </summary>
        public bool PublishStates(IMqttConnection mqtt, MessageBuilder builder)
        {
            if (!_enabled) return true;
            int first = _meters > 1 ? builder.MeterIndex * Quantities.Count : 0;
            for (int i = 0; i < builder.Count; i++)
            {
                if (!_accepted[i]) continue;
                int q = builder.QuantityOf(i);
                int exponent = builder.Exponent(i) + SensorClasses.ExponentShift(q, builder.Unit(i));
                if (exponent > MaxExponent || exponent < -MaxExponent) continue;
                int n = FixedPoint.Format(builder.Mantissa(i), exponent, _value, 0);
                if (!mqtt.Publish(_stateTopics[first + q], _value, 0, n, _messages.Qos, false)) return Failed();
                StatesPublished++;
            }
            return true;
        }

        private bool Failed()
        {
            PublishFailures++;
            return false;
        }

        private string Name(int q)
        {
            string note = _messages.NoteOf(q);
            return note.Length > 0 ? note : Quantities.Name(q);
        }

        // ------------------------------------------------------------------ devices and topics (on identity change)

        private void SetDevices(MeterIdentity identity)
        {
            DiscoveryDevice meter = new DiscoveryDevice();
            meter.Node = identity.EquipmentId != null ? Sanitize(identity.EquipmentId) : _clientNode;
            meter.Manufacturer = identity.Manufacturer;
            meter.Model = identity.Model;
            meter.SerialNumber = identity.SerialNumber;
            meter.Name = (identity.Manufacturer != null ? identity.Manufacturer + " " : "") + (identity.Model != null ? identity.Model : "electricity meter");
            if (identity.Manufacturer == null && identity.Model == null) meter.Name = "Electricity meter";

            DiscoveryDevice[] channels = new DiscoveryDevice[MeterIdentity.Channels + 1];
            for (int n = 1; n <= MeterIdentity.Channels; n++) channels[n] = ChannelDevice(identity, n, meter.Node);

            for (int q = 0; q < Quantities.Count; q++)
            {
                int channel = ChannelOf(q);
                DiscoveryDevice device = channel > 0 ? channels[channel] : meter;
                string topic = _options.DiscoveryPrefix + "/" + DiscoveryPayload.Component + "/" + device.Node + "/" + Quantities.Name(q) + "/config";
                if (topic != _desired[q] && _desired[q] != null) _guard.Forget(q);
                _desired[q] = topic;
                _deviceOf[q] = device;
                _uniqueId[q] = device.Node + "_" + Quantities.Name(q);
                if (_announced[q] != null && _announced[q] != topic)
                {
                    // announced for another meter (swapped) or another prefix: remove; announced again when seen
                    AddRemoval(_announced[q]);
                    _announced[q] = null;
                    _pending[q] = false;
                    _seen[q] = false;
                    _dirty = true;
                }
                else if (_announced[q] != null && _seen[q]) _pending[q] = true; // device name or serial may have changed
            }
        }

        // Several meters: one device per address, fixed at start (the identity of the last set is some meter's, not all).
        private void SetMeterDevices(byte[][] meters)
        {
            for (int m = 0; m < meters.Length; m++)
            {
                string address = MeterAddressing.Text(meters[m]);
                DiscoveryDevice meter = new DiscoveryDevice();
                meter.Node = Sanitize(address);
                meter.Name = "Meter " + address;
                meter.SerialNumber = address;
                for (int q = 0; q < Quantities.Count; q++)
                {
                    int slot = m * Quantities.Count + q;
                    _desired[slot] = _options.DiscoveryPrefix + "/" + DiscoveryPayload.Component + "/" + meter.Node + "/" + Quantities.Name(q) + "/config";
                    _deviceOf[slot] = meter;
                    _uniqueId[slot] = meter.Node + "_" + Quantities.Name(q);
                }
            }
        }

        private static DiscoveryDevice ChannelDevice(MeterIdentity identity, int n, string meterNode)
        {
            DiscoveryDevice device = new DiscoveryDevice();
            string id = identity.ChannelId(n);
            device.Node = id != null ? Sanitize(id) : meterNode + "_mbus" + n;
            device.ViaDevice = meterNode;
            device.SerialNumber = id != null ? MeterIdentity.DecodeHexText(id) : null;
            if (device.SerialNumber != null && device.SerialNumber.Length >= 3)
                device.Manufacturer = Iec62056Manufacturers.Name(Ascii.GetBytes(device.SerialNumber), 0);
            device.Name = KindOf(identity.DeviceType(n)) + " (M-Bus " + n + ")";
            return device;
        }

        private static string KindOf(int deviceType)
        {
            if (deviceType == 3) return "Gas meter";
            if (deviceType == 4 || deviceType == 12) return "Heat meter";
            if (deviceType == 6 || deviceType == 7 || deviceType == 21 || deviceType == 22) return "Water meter";
            return "M-Bus meter";
        }

        /// <summary>The M-Bus channel a quantity row is read from (its OBIS codes' value group B for group A = 0), or 0 for the meter itself.</summary>
        private static int ChannelOf(int q)
        {
            long code = Quantities.Code(q);
            return Obis.A(code) == 0 ? Obis.B(code) : 0;
        }

        // The text with every character outside [a-zA-Z0-9_-] replaced by '_' (discovery node ids allow only those).
        private static string Sanitize(string text)
        {
            char[] chars = new char[text.Length];
            for (int i = 0; i < chars.Length; i++)
            {
                char c = text[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
                chars[i] = ok ? c : '_';
            }
            return new string(chars);
        }

        // ------------------------------------------------------------------ the record

        private void AddRemoval(string topic)
        {
            for (int i = 0; i < _removalCount; i++) if (_removals[i] == topic) return;
            if (_removalCount < _removals.Length) _removals[_removalCount++] = topic;
        }

        private void ReadRecord(string text)
        {
            if (text == null) return;
            int start = 0;
            while (start < text.Length)
            {
                int end = text.IndexOf('\n', start);
                if (end < 0) end = text.Length;
                string topic = text.Substring(start, end - start).Trim();
                start = end + 1;
                if (topic.Length == 0) continue;
                int q = QuantityOfTopic(topic);
                if (_enabled && q >= 0 && _messages.IsSent(q) && _meters > 1)
                {
                    int slot = DesiredSlot(topic);
                    if (slot >= 0 && _announced[slot] == null)
                    {
                        _announced[slot] = topic;
                        continue;
                    }
                }
                else if (_enabled && q >= 0 && _messages.IsSent(q) && _announced[q] == null)
                {
                    _announced[q] = topic;
                    continue;
                }
                AddRemoval(topic);
                _dirty = true;
            }
        }

        private int DesiredSlot(string topic)
        {
            for (int slot = 0; slot < _desired.Length; slot++) if (_desired[slot] == topic) return slot;
            return -1;
        }

        /// <summary>The quantity row of <c>…/&lt;quantity&gt;/config</c>, or -1.</summary>
        private static int QuantityOfTopic(string topic)
        {
            int last = topic.LastIndexOf('/');
            if (last <= 0 || topic.Substring(last + 1) != "config") return -1;
            int before = topic.LastIndexOf('/', last - 1);
            return before < 0 ? -1 : Quantities.Find(topic.Substring(before + 1, last - before - 1));
        }

        private string RecordText()
        {
            string text = "";
            for (int slot = 0; slot < _announced.Length; slot++)
            {
                if (_announced[slot] != null) text += _announced[slot] + "\n";
            }
            for (int i = 0; i < _removalCount; i++) text += _removals[i] + "\n";
            return text;
        }
    }
}
