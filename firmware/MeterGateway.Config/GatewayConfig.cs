using MeterGateway.Crypto;
using MeterGateway.Gateway;
using MeterGateway.HomeAssistant;
using MeterGateway.Link;
using MeterGateway.Mapping;
using MeterGateway.Outbox;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.TcpServer;
using MeterGateway.Vscp;

namespace MeterGateway.Config
{
    /// <summary>
    /// The gateway's settings, typed, with their defaults: what <c>config.ini</c> holds. The sections and keys are
    /// those of the reference P1→VSCP script (grodansparadis/vscp-python-p1-power-meter, seeds/003: <c>[GENERAL]</c>,
    /// <c>[VSCP]</c>, <c>[MQTT]</c> with its <c>note_*</c> keys, <c>[SERIAL]</c>) plus this project's keys and a
    /// <c>[NOTES]</c> section. docs/configuration.md and config.example.ini describe every key.
    /// <para>
    /// <c>new GatewayConfig()</c> is the configuration with all defaults (no file). <see cref="Load"/> reads a file's
    /// text; <see cref="Set"/> changes one key (the same checks, used by remote configuration too). An unknown
    /// section or key, or a bad value, throws <see cref="ConfigException"/> naming section, key and value.
    /// Start-up code: allocation is fine here.
    /// </para>
    /// </summary>
    public sealed class GatewayConfig
    {
        /// <summary>What each reading set's messages carry: <c>send_*</c>, <c>no_vscp</c>, <c>[VSCP]</c>, <c>[MQTT] topic</c> and <c>qos</c>, the notes.</summary>
        public readonly MessageOptions Messages = new MessageOptions();
        /// <summary><c>[GENERAL] homeassistant</c>, <c>[MQTT] discovery_prefix</c> and <c>state_topic</c>.</summary>
        public readonly HomeAssistantOptions HomeAssistant = new HomeAssistantOptions();
        /// <summary><c>[DOMOTICZ]</c>.</summary>
        public readonly DomoticzOptions Domoticz = new DomoticzOptions();
        /// <summary><c>[GENERAL] interval</c> and <c>[MQTT] status_interval</c>.</summary>
        public readonly GatewayOptions Gateway = new GatewayOptions();
        /// <summary><c>[TCP]</c>: the telegram server (docs/tcp.md).</summary>
        public readonly TcpServerOptions Tcp = new TcpServerOptions();

        // ---------------------------------------------------------------- [GENERAL]
        /// <summary><c>one_shot</c>: publish one reading set, then stop (cron use). Default false.</summary>
        public bool OneShot;
        /// <summary><c>protocol</c>: the meter protocol. Default <see cref="MeterProtocol.Dsmr"/>.</summary>
        public MeterProtocol Protocol = MeterProtocol.Dsmr;
        /// <summary><c>max_telegram_size</c>: largest DSMR telegram in bytes (Belgian telegrams reach 3.5 KB). Default 4096.</summary>
        public int MaxTelegramSize = 4096;
        /// <summary><c>lenient_crc</c>: accept DSMR telegrams whose CRC does not verify (they are still counted). Default false.</summary>
        public bool LenientCrc;
        /// <summary>
        /// <c>timestamp_dst</c>: <c>calendar</c> (default) places P1 timestamps in UTC by the Central European calendar;
        /// <c>flag</c> (true here) by their S/W flag alone, as Swedish H1 meters need (<see cref="Protocols.Dsmr.DsmrTimestamp"/>).
        /// </summary>
        public bool TimestampDstFlag;
        /// <summary>
        /// <c>decryption_key</c>: the AES-128 key (32 hex digits) of an encrypted P1 port (Luxembourg Smarty, Austrian
        /// meters), or null (default, empty value) for a plain one. Never logged, published or shown (<see cref="SecretKey"/>).
        /// </summary>
        public SecretKey DecryptionKey;
        /// <summary>
        /// <c>language</c>: <c>en</c> (default), <c>nl</c>, <c>de</c>, <c>fr</c> or <c>pt</c>: the language of the names of
        /// what is measured (<see cref="ObisNames"/>) in the terminal, the status page and the logs, and of the default
        /// notes (<see cref="QuantityNames"/>; configured <c>note_*</c> keys are kept as written). Kept in
        /// <see cref="MessageOptions.Language"/>, which resolves the default notes when they are used.
        /// </summary>
        public NameLanguage Language { get { return Messages.Language; } set { Messages.Language = value; } }
        /// <summary><c>authentication_key</c>: the DLMS authentication key (32 hex digits), or null (default) for the Smarty one, 00112233445566778899AABBCCDDEEFF.</summary>
        public SecretKey AuthenticationKey;

        // ---------------------------------------------------------------- [VSCP]

        // ---------------------------------------------------------------- [MQTT]
        /// <summary><c>host</c>: broker address. Default <c>127.0.0.1</c> (the reference script's).</summary>
        public string Host = "127.0.0.1";
        /// <summary><c>port</c> (1..65535). Default 1883.</summary>
        public int Port = 1883;
        /// <summary><c>user</c>: user name, empty for none. Default empty.</summary>
        public string User = "";
        /// <summary><c>password</c>, empty for none. Default empty.</summary>
        public string Password = "";
        /// <summary><c>tls</c>: connect with TLS. Default false.</summary>
        public bool Tls;
        /// <summary><c>ca_file</c>: PEM file of the CA that signed the broker's certificate; empty for the system's store. Default empty.</summary>
        public string CaFile = "";
        /// <summary><c>client_id</c>: MQTT client id; empty (default) for <c>metergateway-&lt;MAC in hex&gt;</c> (<see cref="ClientIdFor"/>).</summary>
        public string ClientId = "";
        /// <summary><c>availability_topic</c>: retained <c>online</c>/<c>offline</c> topic (and last will); <c>{client}</c> = client id. Default <c>metergateway/{client}/status</c>.</summary>
        public string AvailabilityTopic = DefaultAvailabilityTopic;
        /// <summary><c>keepalive</c>: MQTT keep-alive in seconds (0..65535, 0 = off). Default 60.</summary>
        public int KeepAlive = 60;
        /// <summary>
        /// <c>max_inflight</c>: QoS 1 messages sent and not yet acknowledged at once (1..256). Default 64: more than the
        /// events of a set, so a live set's messages go out back to back without waiting for an acknowledgement; a
        /// backlog drains in windows of that many (docs/outbox.md). The ESP32 box keeps at most 8, 4 with a small heap (Device.MeterProfile.BoxMqttInflight).
        /// </summary>
        public int MaxInflight = 64;
        /// <summary><c>status_topic</c>: topic of the gateway's status JSON (docs/status-page.md); <c>{client}</c>. Default <c>metergateway/{client}/health</c>.</summary>
        public string StatusTopic = DefaultStatusTopic;

        // ---------------------------------------------------------------- [NOTES] (also note_* in [MQTT])

        // ---------------------------------------------------------------- [SERIAL]
        /// <summary><c>serial_port</c>: the meter's serial device. Default <c>/dev/ttyUSB0</c> (the script's was <c>/dev/ttyUSB1</c>).</summary>
        public string SerialPort = "/dev/ttyUSB0";
        /// <summary><c>serial_baudrate</c> (300..4000000). Default 115200 (DSMR 4/5).</summary>
        public int SerialBaudrate = 115200;
        /// <summary><c>serial_timeout</c>: read timeout in seconds (1..3600), longer than the meter's interval (DSMR 4: 10 s). Default 20.</summary>
        public int SerialTimeout = 20;
        /// <summary><c>serial_parity</c>: none, even or odd. Default <see cref="LinkParity.None"/>.</summary>
        public LinkParity SerialParity = LinkParity.None;
        /// <summary><c>serial_databits</c> (7 or 8). Default 8.</summary>
        public int SerialDataBits = 8;
        /// <summary>
        /// <c>data_request</c>: <c>none</c> (the cable holds the P1 data request line high, as most USB P1 cables do),
        /// <c>rts</c> (drive it through the serial port's RTS line; DSMR 5.0.2 §5.7.1) or <c>gpio:CHIP:LINE</c> (a GPIO
        /// line, e.g. <c>gpio:gpiochip0:26</c> for a Raspberry Pi's GPIO26). Default none. The ESP32 drives its own GPIO regardless.
        /// </summary>
        public DataRequestMode DataRequest = DataRequestMode.None;
        /// <summary>With <c>data_request = gpio:CHIP:LINE</c>: the GPIO character device, <c>/dev/gpiochipN</c>. Default empty.</summary>
        public string DataRequestGpioChip = "";
        /// <summary>With <c>data_request = gpio:CHIP:LINE</c>: the line offset on that chip (0..1023). Default 0.</summary>
        public int DataRequestGpioLine;

        // ---------------------------------------------------------------- [LOGGER]
        /// <summary>
        /// <c>obis_selected</c>: the OBIS codes kept and published (<see cref="ObisSelection"/>): a list starting
        /// with a digit (<c>1-0:1.8.1, 1-0:1.8.2</c>), or else the path of a file in the format of the DSMR logger's
        /// ObisSelected file (seeds/004). Empty (default): everything.
        /// </summary>
        public string ObisSelected = "";

        // ---------------------------------------------------------------- [DOMOTICZ]

        /// <summary>
        /// <c>[EKM] meters</c>: the 12-digit addresses of the Omnimeters on the RS-485 bus, each optionally followed by
        /// <c>:3</c> or <c>:4</c> (the meter version, default 4), separated by commas. Default: <c>999999999999:4</c>,
        /// the address any single meter answers (PROTOCOLS.md §4).
        /// </summary>
        public byte[][] EkmMeterAddresses = { EkmRequests.Address(EkmRequests.AnyMeter) };
        /// <summary>Versions of <see cref="EkmMeterAddresses"/>, in the same order.</summary>
        public EkmMeterVersion[] EkmMeterVersions = { EkmMeterVersion.V4 };
        /// <summary><c>[EKM] poll_interval</c>: seconds between reads of all meters (1..86400). Default 10.</summary>
        public int EkmPollInterval = 10;
        /// <summary>
        /// <c>[EKM] meter_password</c>: the 8-digit password settings commands are sent with. Empty by default: nothing
        /// is written to a meter without it. A secret: never printed or published.
        /// </summary>
        public string EkmMeterPassword = "";

        /// <summary><c>[IEC] address</c>: the device address sent in the sign-on <c>/?ADDRESS!</c>; empty = <c>/?!</c>.</summary>
        public string IecAddress = "";
        /// <summary><c>[IEC] mode</c>: <c>auto</c> (from the identification), <c>A</c>, <c>B</c>, <c>C</c> or <c>D</c> (the meter pushes).</summary>
        public Iec62056Mode IecMode = Iec62056Mode.Auto;
        /// <summary><c>[IEC] max_baud</c>: the highest speed to accept in the option select (300..19200). Default 9600.</summary>
        public int IecMaxBaud = 9600;
        /// <summary><c>[IEC] poll_interval</c>: seconds between data readouts (1..86400). Default 60.</summary>
        public int IecPollInterval = 60;
        /// <summary><c>[IEC] wakeup</c>: NUL characters sent before the sign-on to wake battery meters (0..200). Default 0.</summary>
        public int IecWakeUp;

        private static Iec62056Mode[] IecModes { get { return new Iec62056Mode[] { Iec62056Mode.Auto, Iec62056Mode.A, Iec62056Mode.B, Iec62056Mode.C, Iec62056Mode.D }; } }

        // ---------------------------------------------------------------- [WIFI] (ESP32 only)
        /// <summary><c>ssid</c>: the Wi-Fi network the ESP32 joins (at most 32 bytes). Empty (default): the box opens its provisioning portal.</summary>
        public string WifiSsid = "";
        /// <summary><c>password</c>: the Wi-Fi password, empty for an open network, else 8..63 characters (WPA2). Default empty.</summary>
        public string WifiPassword = "";

        // ---------------------------------------------------------------- [DEVICE] (ESP32 only)
        /// <summary>
        /// <c>admin_password</c>: the token every remote command must carry (docs/firmware.md); empty (default) turns
        /// remote commands off. At least 8 characters when set.
        /// </summary>
        public string AdminPassword = "";
        /// <summary><c>device_topic</c>: base topic of the command (<c>&lt;base&gt;/command</c>) and reply (<c>&lt;base&gt;/reply</c>) topics; <c>{client}</c> = client id. Default <c>metergateway/{client}</c>.</summary>
        public string DeviceTopic = DefaultDeviceTopic;
        /// <summary><c>watchdog_timeout</c>: seconds the main loop may go without a step before the box reboots (10..3600). Default 60.</summary>
        public int WatchdogTimeout = 60;
        /// <summary><c>broker_reboot_minutes</c>: minutes without the broker, with nothing more to keep, after which the box reboots (0 = never, ..1440). Default 30.</summary>
        public int BrokerRebootMinutes = 30;
        /// <summary><c>min_free_memory</c>: free managed memory in bytes below which (three checks in a row) the box reboots (0 = never, ..1000000). Default 8192.</summary>
        public int MinFreeMemory = 8192;

        // ---------------------------------------------------------------- [OUTBOX]
        /// <summary>
        /// <c>[OUTBOX] directory</c>: folder of the store-and-forward outbox (<see cref="Outbox.ReadingOutbox"/>); on the
        /// ESP32 <c>I:\outbox</c>. Empty (the default): on the host, a folder in the state folder (<c>metergateway run</c>'s
        /// StateDirectory); <c>none</c>: no outbox, and a set the broker does not acknowledge is dropped.
        /// </summary>
        public string OutboxDirectory = "";
        /// <summary><c>[OUTBOX] max_size</c>: KB of storage the outbox may occupy, its compacted copy included (64..16384). Default 80 (<see cref="Outbox.OutboxOptions.MaxBytes"/>).</summary>
        public int OutboxMaxSize = 80;
        /// <summary><c>[OUTBOX] write_delay</c>: milliseconds a reading set may stay only in memory before it is written (0..60000). Default 2000.</summary>
        public int OutboxWriteDelay = 2000;
        /// <summary><c>[OUTBOX] thin_period</c>: seconds of the periods whose first and last set thinning always keeps (60..86400). Default 900.</summary>
        public int OutboxThinPeriod = 900;
        /// <summary><c>[OUTBOX] thin_keep_every</c>: thinning keeps every n-th set of a period (2..1000). Default 2.</summary>
        public int OutboxThinKeepEvery = 2;
        /// <summary><c>[OUTBOX] full_interval</c>: seconds between the sets a full outbox still takes (0..86400, 0 = all). Default 60.</summary>
        public int OutboxFullInterval = 60;
        /// <summary><c>[OUTBOX] interleave</c>: alternate live and replayed sets after an outage (else the backlog first). Default true.</summary>
        public bool OutboxInterleave = true;

        private static LinkParity[] ParityChoices { get { return new LinkParity[] { LinkParity.None, LinkParity.Even, LinkParity.Odd }; } }

        /// <summary>Default availability topic template.</summary>
        public const string DefaultAvailabilityTopic = "metergateway/{client}/status";
        /// <summary>Default device topic template (commands and replies below it).</summary>
        public const string DefaultDeviceTopic = "metergateway/{client}";
        /// <summary>Default status JSON topic template.</summary>
        public const string DefaultStatusTopic = "metergateway/{client}/health";
        /// <summary>Smallest and largest <c>max_telegram_size</c>.</summary>
        public const int MinTelegramSize = 1024, MaxTelegramSizeLimit = 32768;

        // The key and choice lists are made on each use (reading the configuration), not held in static fields:
        // nanoFramework runs every static initializer at start and keeps what it makes for good.
        private static string[] SendKeys
        {
            get
            {
                return new string[]
                {
                    "send_energy", "send_active_effect", "send_reactive_effect", "send_voltage", "send_current",
                    "send_tariffs", "send_power_factor", "send_frequency", "send_gas", "send_heat", "send_demand", "send_phase_energy",
                };
            }
        }
        private static string[] Sections
        {
            get { return new string[] { "GENERAL", "VSCP", "MQTT", "NOTES", "SERIAL", "EKM", "IEC", "LOGGER", "DOMOTICZ", "WIFI", "DEVICE", "OUTBOX", "TCP" }; }
        }
        private const string Hidden = "(not shown)";
        private static int[] EventClasses { get { return new int[] { VscpClass.MeasurementString, VscpClass.Measurement, VscpClass.MeasurementFloat }; } }

        // The keys Load has read (section/key), to refuse one given twice: only while it reads.
        private string[] _seen;
        private int _seenCount;

        /// <summary>
        /// Reads the text of a <c>config.ini</c> over the defaults, then checks the settings together
        /// (<see cref="Validate"/>). Throws <see cref="ConfigException"/> at the first problem; a key given twice is one.
        /// </summary>
        public static GatewayConfig Load(string text)
        {
            GatewayConfig config = new GatewayConfig();
            IniReader reader = new IniReader(text);
            while (reader.Next())
            {
                if (reader.Key.Length == 0)
                {
                    CheckSection(reader.Section, reader.Line);
                    continue;
                }
                config.Apply(reader.Section, reader.Key, reader.Value, reader.Line);
            }
            config._seen = null;
            config._seenCount = 0;
            config.DropDefaultNotes();
            config.Validate();
            return config;
        }

        // A note_* equal to its quantity's default note in the configured language (config.example.ini lists them all) is
        // not kept: MessageOptions.NoteOf gives the same text, and the heap is spared a string per note (and the array
        // when no other note is left). Done once the whole file is read, as the language may come after the notes.
        private void DropDefaultNotes()
        {
            string[] notes = Messages.Note;
            if (notes == null) return;
            bool kept = false;
            for (int q = 0; q < Quantities.Count; q++)
            {
                if (notes[q] != null && notes[q] == QuantityNames.DefaultNote(q, Language)) notes[q] = null;
                kept |= notes[q] != null;
            }
            if (!kept) Messages.Note = null;
        }

        /// <summary>
        /// Sets one key (section and key case-insensitive) with the checks of <see cref="Load"/>. Throws
        /// <see cref="ConfigException"/> for an unknown section or key or a bad value. Call <see cref="Validate"/> after a batch.
        /// </summary>
        public void Set(string section, string key, string value)
        {
            Assign(ConfigText.ToUpper(section), ConfigText.ToLower(key), value, 0);
        }

        /// <summary>
        /// Checks what single keys cannot: with <c>no_vscp</c> every note is an MQTT topic, so it must be a valid
        /// topic name; with <c>homeassistant</c> the state topic must name the quantity. Throws <see cref="ConfigException"/>.
        /// </summary>
        public void Validate()
        {
            if (Tcp.Enabled && (Protocol == MeterProtocol.Ekm || (Protocol == MeterProtocol.Iec62056_21 && IecMode != Iec62056Mode.D)))
                throw new ConfigException("TCP", "listen", Tcp.Listen, "needs a meter that pushes: protocol dsmr, sml, or iec62056-21 with [IEC] mode = d", 0);
            Messages.Meters = Protocol == MeterProtocol.Ekm && EkmMeterAddresses.Length > 1 ? EkmMeterAddresses : null;
            if (Messages.Meters != null && !Messages.NoVscp && Messages.Topic.IndexOf("{guid}") < 0 && Messages.Topic.IndexOf("{xguid}") < 0)
                throw new ConfigException("MQTT", "topic", Messages.Topic, "needs {guid} with several [EKM] meters (each meter has its own GUID)", 0);
            if (Messages.Meters != null && HomeAssistant.Enabled && HomeAssistant.StateTopic.IndexOf("{meter}") < 0)
                throw new ConfigException("MQTT", "state_topic", HomeAssistant.StateTopic, "needs {meter} with several [EKM] meters and homeassistant = true (one topic per meter)", 0);
            if (HomeAssistant.Enabled && HomeAssistant.StateTopic.IndexOf("{quantity}") < 0)
                throw new ConfigException("MQTT", "state_topic", HomeAssistant.StateTopic, "needs {quantity} with homeassistant = true (one topic per quantity)", 0);
            if (!Messages.NoVscp) return;
            for (int q = 0; q < Quantities.Count; q++)
            {
                string note = Messages.NoteOf(q);
                string problem = TopicTemplate.CheckTopic(note);
                if (problem != null)
                    throw new ConfigException("NOTES", "note_" + Quantities.Name(q), note, problem + " (no_vscp publishes on the note as topic)", 0);
            }
        }

        /// <summary>The MQTT client id: <see cref="ClientId"/>, or <c>metergateway-</c> and the 6-byte MAC in lower-case hex.</summary>
        public string ClientIdFor(byte[] mac)
        {
            if (ClientId.Length > 0) return ClientId;
            byte[] hex = new byte[12];
            for (int i = 0; i < 6; i++) Ascii.WriteHex2(mac[i], hex, i * 2);
            return "metergateway-" + ConfigText.ToLower(Ascii.ToString(hex, 0, 12));
        }

        /// <summary>The availability topic with <c>{client}</c> replaced by <paramref name="clientId"/>.</summary>
        public string AvailabilityTopicFor(string clientId)
        {
            return TopicTemplate.Expand(AvailabilityTopic, TopicTemplate.AvailabilityPlaceholders, new string[] { clientId });
        }

        /// <summary>The status JSON topic with <c>{client}</c> replaced by <paramref name="clientId"/>.</summary>
        public string StatusTopicFor(string clientId)
        {
            return TopicTemplate.Expand(StatusTopic, TopicTemplate.AvailabilityPlaceholders, new string[] { clientId });
        }

        private void Apply(string section, string key, string value, int line)
        {
            string canonical = (key.Length > 5 && key.Substring(0, 5) == "note_" ? "NOTES" : section) + "/" + key;
            if (_seen == null) _seen = StringArray.New(16);
            for (int i = 0; i < _seenCount; i++)
            {
                if (_seen[i] == canonical) throw new ConfigException(section, key, Hides(section, key, value) ? Hidden : value, "given twice", line);
            }
            if (_seenCount == _seen.Length)
            {
                string[] bigger = StringArray.New(_seen.Length * 2);
                System.Array.Copy(_seen, bigger, _seenCount);
                _seen = bigger;
            }
            _seen[_seenCount++] = canonical;
            Assign(section, key, value, line);
        }

        private static void CheckSection(string section, int line)
        {
            string[] sections = Sections;
            for (int i = 0; i < sections.Length; i++)
            {
                if (sections[i] == section) return;
            }
            string known = "";
            for (int i = 0; i < sections.Length; i++) known += (i > 0 ? ", " : "") + sections[i];
            throw new ConfigException(section, "", "", "unknown section (known: " + known + ")", line);
        }

        // Errors leave out the value of a secret key, of any key whose name looks like a secret's ("key", "pw",
        // "pas", "secret", "token": a misspelt passwort or admin_pasword), and any value that looks like a key (a misspelt
        // decryption_key).
        private static bool Hides(string section, string key, string value)
        {
            string k = ConfigText.ToLower(key);
            return IsSecret(section, key) || k.IndexOf("key") >= 0 || k.IndexOf("pas") >= 0 || k.IndexOf("pw") >= 0
                || k.IndexOf("secret") >= 0 || k.IndexOf("token") >= 0 || ConfigText.LooksLikeKey(value);
        }

        private void Assign(string section, string key, string value, int line)
        {
            CheckSection(section, line);
            Setting s = new Setting(section, key, value, line);
            bool known;
            if (section == "GENERAL") known = AssignGeneral(s);
            else if (section == "VSCP") known = AssignVscp(s);
            else if (section == "MQTT") known = AssignMqtt(s) || AssignNote(s);
            else if (section == "NOTES") known = AssignNote(s);
            else if (section == "EKM") known = AssignEkm(s);
            else if (section == "IEC") known = AssignIec(s);
            else if (section == "LOGGER") known = AssignLogger(s);
            else if (section == "DOMOTICZ") known = AssignDomoticz(s);
            else if (section == "WIFI") known = AssignWifi(s);
            else if (section == "DEVICE") known = AssignDevice(s);
            else if (section == "OUTBOX") known = AssignOutbox(s);
            else if (section == "TCP") known = AssignTcp(s);
            else known = AssignSerial(s);
            if (!known) throw s.Error("unknown key");
        }

        // Plain if-chains: a switch on strings compiles to a hash helper that the nanoFramework toolchain may not take.
        private bool AssignGeneral(Setting s)
        {
            string k = s.Key;
            if (k.Length > 5 && k.Substring(0, 5) == "send_")
            {
                string[] sendKeys = SendKeys;
                for (int g = 0; g < MessageOptions.SendGroupCount; g++)
                {
                    if (k == sendKeys[g]) { Messages.Send[g] = s.Bool(); return true; }
                }
            }
            if (k == "one_shot") OneShot = s.Bool();
            else if (k == "no_vscp") Messages.NoVscp = s.Bool();
            else if (k == "protocol") Protocol = (MeterProtocol)s.Choice(new string[] { "dsmr", "iec62056-21", "sml", "ekm" });
            else if (k == "max_telegram_size") MaxTelegramSize = s.Int(MinTelegramSize, MaxTelegramSizeLimit);
            else if (k == "lenient_crc") LenientCrc = s.Bool();
            else if (k == "interval") Gateway.Interval = s.Int(0, 86400);
            else if (k == "timestamp_dst") TimestampDstFlag = s.Choice(new string[] { "calendar", "flag" }) == 1;
            else if (k == "decryption_key") DecryptionKey = s.Key16();
            else if (k == "authentication_key") AuthenticationKey = s.Key16();
            else if (k == "homeassistant") HomeAssistant.Enabled = s.Bool();
            else if (k == "language") Language = (NameLanguage)s.Choice(ObisNames.LanguageCodes);
            else return false;
            return true;
        }

        private bool AssignVscp(Setting s)
        {
            string k = s.Key;
            int q;
            if ((q = QuantityOf(s, "sensorindex_")) >= 0) Messages.SensorIndex[q] = (byte)s.Int(0, 255);
            else if ((q = QuantityOf(s, "id_")) >= 0) Messages.Id[q] = (ushort)s.Int(0, 65535);
            else if (k == "guid") Messages.Guid = s.Guid();
            else if (k == "zone") Messages.Zone = s.Int(0, 255);
            else if (k == "subzone") Messages.Subzone = s.Int(0, 255);
            else if (k == "event_class") Messages.EventClass = EventClasses[s.Choice(new string[] { "1040", "10", "1060" })];
            else if (k == "class1_coding") Messages.Class1Coding = (Class1Coding)s.Choice(new string[] { "normalized", "float" });
            else return false;
            return true;
        }

        private bool AssignMqtt(Setting s)
        {
            string k = s.Key;
            if (k == "host") Host = s.NonEmpty();
            else if (k == "port") Port = s.Int(1, 65535);
            else if (k == "user") User = s.Value;
            else if (k == "password") Password = s.Value;
            else if (k == "topic") Messages.Topic = s.Template(TopicTemplate.EventPlaceholders);
            else if (k == "tls") Tls = s.Bool();
            else if (k == "ca_file") CaFile = s.Value;
            else if (k == "client_id") ClientId = s.ClientId();
            else if (k == "qos") Messages.Qos = s.Int(0, 1);
            else if (k == "availability_topic") AvailabilityTopic = s.Template(TopicTemplate.AvailabilityPlaceholders);
            else if (k == "keepalive") KeepAlive = s.Int(0, 65535);
            else if (k == "max_inflight") MaxInflight = s.Int(1, 256);
            else if (k == "discovery_prefix") HomeAssistant.DiscoveryPrefix = s.Template(TopicTemplate.NoPlaceholders);
            else if (k == "state_topic") HomeAssistant.StateTopic = s.Template(TopicTemplate.StatePlaceholders);
            else if (k == "status_topic") StatusTopic = s.Template(TopicTemplate.AvailabilityPlaceholders);
            else if (k == "status_interval") Gateway.StatusInterval = s.Int(0, 86400);
            else return false;
            return true;
        }

        private bool AssignNote(Setting s)
        {
            int q = QuantityOf(s, "note_");
            if (q < 0) return false;
            Messages.SetNote(q, s.Value);
            return true;
        }

        private bool AssignSerial(Setting s)
        {
            string k = s.Key;
            if (k == "serial_port") SerialPort = s.NonEmpty();
            else if (k == "serial_baudrate") SerialBaudrate = s.Int(300, 4000000);
            else if (k == "serial_timeout") SerialTimeout = s.Int(1, 3600);
            else if (k == "serial_parity") SerialParity = ParityChoices[s.Choice(new string[] { "none", "even", "odd" })];
            else if (k == "serial_databits") SerialDataBits = s.Choice(new string[] { "7", "8" }) + 7;
            else if (k == "data_request") AssignDataRequest(s);
            else return false;
            return true;
        }

        // none | rts | gpio:CHIP:LINE, CHIP = gpiochipN, N, or a /dev path
        private void AssignDataRequest(Setting s)
        {
            string v = ConfigText.ToLower(s.Value);
            if (v.Length > 5 && v.Substring(0, 5) == "gpio:")
            {
                string rest = s.Value.Substring(5);
                int colon = rest.LastIndexOf(':');
                int line;
                if (colon <= 0 || !ConfigText.TryParseInt(rest.Substring(colon + 1), out line) || line < 0 || line > 1023)
                    throw s.Error("not gpio:CHIP:LINE (e.g. gpio:gpiochip0:26; LINE 0..1023)");
                string chip = rest.Substring(0, colon);
                int number;
                if (ConfigText.TryParseInt(chip, out number) && number >= 0) chip = "gpiochip" + number;
                DataRequestGpioChip = chip[0] == '/' ? chip : "/dev/" + chip;
                DataRequestGpioLine = line;
                DataRequest = DataRequestMode.Gpio;
                return;
            }
            if (v == "none") DataRequest = DataRequestMode.None;
            else if (v == "rts") DataRequest = DataRequestMode.Rts;
            else throw s.Error("not one of none, rts, gpio:CHIP:LINE (e.g. gpio:gpiochip0:26)");
        }

        private bool AssignLogger(Setting s)
        {
            if (s.Key != "obis_selected") return false;
            if (s.Value.Length > 0 && Ascii.IsDigit(s.Value[0]))
            {
                string problem = ObisSelection.Check(s.Value);
                if (problem != null) throw s.Error(problem);
            }
            ObisSelected = s.Value;
            return true;
        }

        private bool AssignDomoticz(Setting s)
        {
            string k = s.Key;
            if (k == "topic") Domoticz.Topic = s.Topic();
            else if (k == "idx_electricity") Domoticz.IdxElectricity = s.Int(0, 999999999);
            else if (k == "idx_gas") Domoticz.IdxGas = s.Int(0, 999999999);
            else return false;
            return true;
        }

        private bool AssignIec(Setting s)
        {
            string k = s.Key;
            if (k == "address") IecAddress = s.Value;
            else if (k == "mode") IecMode = IecModes[s.Choice(new string[] { "auto", "a", "b", "c", "d" })];
            else if (k == "max_baud") IecMaxBaud = s.Int(300, 19200);
            else if (k == "poll_interval") IecPollInterval = s.Int(1, 86400);
            else if (k == "wakeup") IecWakeUp = s.Int(0, 200);
            else return false;
            return true;
        }

        private bool AssignEkm(Setting s)
        {
            string k = s.Key;
            if (k == "meters") s.EkmMeters(out EkmMeterAddresses, out EkmMeterVersions);
            else if (k == "poll_interval") EkmPollInterval = s.Int(1, 86400);
            else if (k == "meter_password") EkmMeterPassword = s.Value.Length == 0 ? "" : s.Digits(8);
            else return false;
            return true;
        }

        private bool AssignWifi(Setting s)
        {
            string k = s.Key;
            if (k == "ssid") WifiSsid = s.Length(0, 32, "at most 32 characters");
            else if (k == "password")
            {
                if (s.Value.Length != 0) s.Length(8, 63, "empty for an open network, else 8..63 characters (WPA2)");
                WifiPassword = s.Value;
            }
            else return false;
            return true;
        }

        private bool AssignOutbox(Setting s)
        {
            string k = s.Key;
            if (k == "directory") OutboxDirectory = s.Value;
            else if (k == "max_size") OutboxMaxSize = s.Int(64, 16384);
            else if (k == "write_delay") OutboxWriteDelay = s.Int(0, 60000);
            else if (k == "thin_period") OutboxThinPeriod = s.Int(60, 86400);
            else if (k == "thin_keep_every") OutboxThinKeepEvery = s.Int(2, 1000);
            else if (k == "full_interval") OutboxFullInterval = s.Int(0, 86400);
            else if (k == "interleave") OutboxInterleave = s.Bool();
            else return false;
            return true;
        }

        private bool AssignTcp(Setting s)
        {
            string k = s.Key;
            if (k == "listen")
            {
                string problem = TcpServerOptions.CheckListen(s.Value);
                if (problem != null) throw s.Error(problem);
                Tcp.Listen = s.Value;
            }
            else if (k == "raw") Tcp.Raw = s.Bool();
            else if (k == "max_clients") Tcp.MaxClients = s.Int(1, TcpServerOptions.MaxClientsLimit);
            else return false;
            return true;
        }

        private bool AssignDevice(Setting s)
        {
            string k = s.Key;
            if (k == "admin_password")
            {
                if (s.Value.Length != 0) s.Length(8, 128, "empty (remote commands off), else 8..128 characters");
                AdminPassword = s.Value;
            }
            else if (k == "device_topic") DeviceTopic = s.Template(TopicTemplate.AvailabilityPlaceholders);
            else if (k == "watchdog_timeout") WatchdogTimeout = s.Int(10, 3600);
            else if (k == "broker_reboot_minutes") BrokerRebootMinutes = s.Int(0, 1440);
            else if (k == "min_free_memory") MinFreeMemory = s.Int(0, 1000000);
            else return false;
            return true;
        }

        /// <summary>
        /// True for the keys whose values are secrets (<c>[MQTT] password</c>, <c>[WIFI] password</c>,
        /// <c>[DEVICE] admin_password</c>, <c>[EKM] meter_password</c>, <c>[GENERAL] decryption_key</c> and
        /// <c>authentication_key</c>): error messages, remote configuration and the portal never show them. Section and
        /// key as <see cref="Set"/> takes them (any case).
        /// </summary>
        public static bool IsSecret(string section, string key)
        {
            string s = ConfigText.ToUpper(section), k = ConfigText.ToLower(key);
            return (k == "password" && (s == "MQTT" || s == "WIFI")) || (k == "admin_password" && s == "DEVICE")
                || (k == "meter_password" && s == "EKM") || (s == "GENERAL" && (k == "decryption_key" || k == "authentication_key"));
        }

        /// <summary>The device topic with <c>{client}</c> replaced: commands arrive below it on <c>/command</c>, replies go to <c>/reply</c>.</summary>
        public string DeviceTopicFor(string clientId)
        {
            return TopicTemplate.Expand(DeviceTopic, TopicTemplate.AvailabilityPlaceholders, new string[] { clientId });
        }

        /// <summary>The outbox settings of <c>[OUTBOX]</c> (the other <see cref="Outbox.OutboxOptions"/> keep their defaults).</summary>
        public Outbox.OutboxOptions OutboxOptions()
        {
            Outbox.OutboxOptions options = new Outbox.OutboxOptions();
            options.MaxBytes = OutboxMaxSize * 1024;
            options.WriteDelayMs = OutboxWriteDelay;
            options.ThinPeriodSeconds = OutboxThinPeriod;
            options.ThinKeepEvery = OutboxThinKeepEvery;
            options.FullLogIntervalSeconds = OutboxFullInterval;
            options.Interleave = OutboxInterleave;
            return options;
        }

        private static int QuantityOf(Setting s, string prefix)
        {
            if (s.Key.Length <= prefix.Length || s.Key.Substring(0, prefix.Length) != prefix) return -1;
            int q = Quantities.Find(s.Key.Substring(prefix.Length));
            if (q < 0) throw s.Error("unknown quantity \"" + s.Key.Substring(prefix.Length) + "\" (see docs/vscp-mapping.md)");
            return q;
        }

        /// <summary>One key = value being applied, with the typed parsers that name it in their errors.</summary>
        private sealed class Setting
        {
            public readonly string Section, Key, Value;
            private readonly int _line;

            public Setting(string section, string key, string value, int line)
            {
                Section = section;
                Key = key;
                Value = value;
                _line = line;
            }

            public ConfigException Error(string problem)
            {
                return new ConfigException(Section, Key, Hides(Section, Key, Value) ? Hidden : Value, problem, _line);
            }

            public bool Bool()
            {
                string v = ConfigText.ToLower(Value);
                if (v == "true" || v == "yes" || v == "1") return true;
                if (v == "false" || v == "no" || v == "0") return false;
                throw Error("not a boolean (true/false, yes/no, 1/0)");
            }

            public int Int(int min, int max)
            {
                int v;
                if (!ConfigText.TryParseInt(Value, out v)) throw Error("not a number " + min + ".." + max);
                if (v < min || v > max) throw Error("out of range " + min + ".." + max);
                return v;
            }

            public int Choice(string[] choices)
            {
                string v = ConfigText.ToLower(Value);
                string list = "";
                for (int i = 0; i < choices.Length; i++)
                {
                    if (choices[i] == v) return i;
                    list += (i > 0 ? ", " : "") + choices[i];
                }
                throw Error("not one of " + list);
            }

            public string Length(int min, int max, string problem)
            {
                if (Value.Length < min || Value.Length > max) throw Error(problem);
                return Value;
            }

            public string NonEmpty()
            {
                if (Value.Length == 0) throw Error("may not be empty");
                return Value;
            }

            public string Digits(int count)
            {
                bool ok = Value.Length == count;
                for (int i = 0; ok && i < count; i++) ok = Value[i] >= '0' && Value[i] <= '9';
                if (!ok) throw Error("must be " + count + " digits");
                return Value;
            }

            // "300001162:4, 300001163:3": addresses of up to 12 digits with an optional meter version (default 4).
            public void EkmMeters(out byte[][] addresses, out EkmMeterVersion[] versions)
            {
                string[] items = Value.Split(new char[] { ',' });
                addresses = new byte[items.Length][];
                versions = new EkmMeterVersion[items.Length];
                for (int i = 0; i < items.Length; i++)
                {
                    string item = items[i].Trim();
                    string address = item;
                    versions[i] = EkmMeterVersion.V4;
                    int colon = item.IndexOf(':');
                    if (colon >= 0)
                    {
                        address = item.Substring(0, colon);
                        string version = item.Substring(colon + 1);
                        if (version == "3") versions[i] = EkmMeterVersion.V3;
                        else if (version != "4") throw Error("meter \"" + item + "\": version must be 3 or 4");
                    }
                    try
                    {
                        addresses[i] = EkmRequests.Address(address);
                    }
                    catch (EkmSettingException)
                    {
                        throw Error("meter \"" + item + "\": the address must be 1 to 12 digits");
                    }
                }
            }

            // The MQTT client id: one topic level of {client} in the availability, status and command topics, so no
            // '+', '#', '/', NUL, space or control character (the broker would refuse the will topic, silently).
            public string ClientId()
            {
                for (int i = 0; i < Value.Length; i++)
                {
                    char c = Value[i];
                    if (c == '+' || c == '#' || c == '/' || c <= ' ' || c == (char)127)
                        throw Error("a client id is one MQTT topic level: no '+', '#', '/', spaces or control characters");
                }
                return Value;
            }

            public string Topic()
            {
                string problem = TopicTemplate.CheckTopic(NonEmpty());
                if (problem != null) throw Error(problem);
                return Value;
            }

            public SecretKey Key16()
            {
                if (Value.Length == 0) return null;
                byte[] bytes = Value.Length == 2 * SecretKey.Length ? Crypto.HexText.ToBytes(Value) : null;
                if (bytes == null) throw Error("not a key: 32 hex digits (16 bytes), or empty for none");
                SecretKey key = new SecretKey(bytes, 0);
                System.Array.Clear(bytes, 0, bytes.Length);
                return key;
            }

            public string Template(string[] placeholders)
            {
                string problem = TopicTemplate.Check(Value, placeholders);
                if (problem != null) throw Error(problem);
                return Value;
            }

            public byte[] Guid()
            {
                if (Value.Length == 0) return null;
                byte[] guid = new byte[VscpGuid.Length];
                if (!VscpGuid.TryParse(Value, guid))
                    throw Error("not a GUID: 16 bytes of two hex digits separated by ':' (FF:FF:FF:FF:FF:FF:FF:FE:00:00:00:00:00:00:00:00), or empty for the MAC-based default");
                for (int i = 0; i < guid.Length; i++)
                {
                    if (guid[i] != 0) return guid;
                }
                return null;
            }
        }
    }
}
