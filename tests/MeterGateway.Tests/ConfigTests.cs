using System;
using System.IO;
using System.Reflection;
using MeterGateway.Config;
using MeterGateway.Link;
using MeterGateway.Mapping;
using MeterGateway.Readings;
using MeterGateway.Vscp;
using Xunit;

namespace MeterGateway.Tests
{
    /// <summary>config.ini: a full file, the reference script's sample, the example file, and every kind of error.</summary>
    public class ConfigTests
    {
        [Fact]
        public void FullFileIsRead()
        {
            const string text =
                "\uFEFF# a comment\r\n"
                + "; another\r\n"
                + "[general]\r\n"
                + "One_Shot = YES\r\n"
                + "no_vscp = 0\r\n"
                + "send_voltage = false\r\n"
                + "send_heat = no\r\n"
                + "protocol = IEC62056-21\r\n"
                + "max_telegram_size = 8192\r\n"
                + "lenient_crc = true\r\n"
                + "\r\n"
                + "[VSCP]\r\n"
                + "guid = \"00:00:00:00:00:00:00:00:00:00:00:00:FF:FF:00:00\"\r\n"
                + "zone = 12\r\n"
                + "subzone = 255\r\n"
                + "event_class = 10\r\n"
                + "class1_coding = Float\r\n"
                + "sensorindex_current_l2 = 0\r\n"
                + "id_mbus1_volume = 65535\r\n"
                + "[MQTT]\r\n"
                + "host = broker.example.org\r\n"
                + "port = 8883\r\n"
                + "user = meter\r\n"
                + "password = p#ss; word \r\n"
                + "topic = home/{nickname}/{type}\r\n"
                + "tls = true\r\n"
                + "ca_file = /etc/ssl/ca.pem\r\n"
                + "client_id = p1-kitchen\r\n"
                + "qos = 0\r\n"
                + "availability_topic = home/{client}/up\r\n"
                + "keepalive = 0\r\n"
                + "note_voltage_l1 = Spänning L1\r\n"
                + "[NOTES]\r\n"
                + "note_frequency = Mains \"Hz\"\r\n"
                + "[Serial]\r\n"
                + "serial_port = COM2\r\n"
                + "serial_baudrate = 9600\r\n"
                + "serial_timeout = 5\r\n"
                + "serial_parity = EVEN\r\n"
                + "serial_databits = 7\r\n";
            GatewayConfig c = GatewayConfig.Load(text);
            Xunit.Assert.True(c.OneShot);
            Xunit.Assert.False(c.Messages.NoVscp);
            Xunit.Assert.False(c.Messages.Send[(int)SendGroup.Voltage]);
            Xunit.Assert.False(c.Messages.Send[(int)SendGroup.Heat]);
            Xunit.Assert.True(c.Messages.Send[(int)SendGroup.Energy]);
            Xunit.Assert.Equal(MeterProtocol.Iec62056_21, c.Protocol);
            Xunit.Assert.Equal(8192, c.MaxTelegramSize);
            Xunit.Assert.True(c.LenientCrc);
            Xunit.Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0, 0 }, c.Messages.Guid);
            Xunit.Assert.Equal(12, c.Messages.Zone);
            Xunit.Assert.Equal(255, c.Messages.Subzone);
            Xunit.Assert.Equal(VscpClass.Measurement, c.Messages.EventClass);
            Xunit.Assert.Equal(Class1Coding.Float, c.Messages.Class1Coding);
            Xunit.Assert.Equal(0, c.Messages.SensorIndex[Quantities.Find("current_l2")]);
            Xunit.Assert.Equal(26, c.Messages.SensorIndex[Quantities.Find("current_l3")]);
            Xunit.Assert.Equal(65535, c.Messages.Id[Quantities.Find("mbus1_volume")]);
            Xunit.Assert.Equal("broker.example.org", c.Host);
            Xunit.Assert.Equal(8883, c.Port);
            Xunit.Assert.Equal("meter", c.User);
            Xunit.Assert.Equal("p#ss; word", c.Password);
            Xunit.Assert.Equal("home/{nickname}/{type}", c.Messages.Topic);
            Xunit.Assert.True(c.Tls);
            Xunit.Assert.Equal("/etc/ssl/ca.pem", c.CaFile);
            Xunit.Assert.Equal("p1-kitchen", c.ClientIdFor(new byte[6]));
            Xunit.Assert.Equal(0, c.Messages.Qos);
            Xunit.Assert.Equal("home/p1-kitchen/up", c.AvailabilityTopicFor(c.ClientIdFor(new byte[6])));
            Xunit.Assert.Equal(0, c.KeepAlive);
            Xunit.Assert.Equal("Spänning L1", c.Messages.NoteOf(Quantities.Find("voltage_l1")));
            Xunit.Assert.Equal("Mains \"Hz\"", c.Messages.NoteOf(Quantities.Find("frequency")));
            Xunit.Assert.Equal("Voltage L2", c.Messages.NoteOf(Quantities.Find("voltage_l2")));
            Xunit.Assert.Equal("COM2", c.SerialPort);
            Xunit.Assert.Equal(9600, c.SerialBaudrate);
            Xunit.Assert.Equal(5, c.SerialTimeout);
            Xunit.Assert.Equal(LinkParity.Even, c.SerialParity);
            Xunit.Assert.Equal(7, c.SerialDataBits);
        }

        [Fact]
        public void DefaultsAreTheReferenceScriptsAndOurs()
        {
            GatewayConfig c = new GatewayConfig();
            Xunit.Assert.False(c.OneShot);
            Xunit.Assert.False(c.Messages.NoVscp);
            foreach (bool send in c.Messages.Send) Xunit.Assert.True(send);
            Xunit.Assert.Null(c.Messages.Guid);
            Xunit.Assert.Equal(VscpClass.MeasurementString, c.Messages.EventClass);
            Xunit.Assert.Equal("vscp/{guid}/{class}/{type}", c.Messages.Topic);
            Xunit.Assert.Equal(1883, c.Port);
            Xunit.Assert.Equal(1, c.Messages.Qos);
            Xunit.Assert.Equal(115200, c.SerialBaudrate);
            Xunit.Assert.Equal(20, c.SerialTimeout);
            Xunit.Assert.Equal(4096, c.MaxTelegramSize);
            for (int q = 0; q < Quantities.SeedCount; q++)
            {
                Xunit.Assert.Equal(q + 1, c.Messages.SensorIndex[q]);
                Xunit.Assert.Equal(q + 1, c.Messages.Id[q]);
            }
            Xunit.Assert.Equal("Meter reading active energy out", c.Messages.NoteOf(0));
            Xunit.Assert.Equal("Current L3", c.Messages.NoteOf(25));
            Xunit.Assert.Equal("metergateway-0a1b2c3d4e5f", c.ClientIdFor(new byte[] { 0x0A, 0x1B, 0x2C, 0x3D, 0x4E, 0x5F }));
        }

        [Fact]
        public void DefaultNotesAreNotStoredButFollowTheLanguage()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nlanguage = nl\n[NOTES]\nnote_voltage_l2 =\n");
            int l1 = Quantities.Find("voltage_l1"), l2 = Quantities.Find("voltage_l2");
            Xunit.Assert.Null(c.Messages.Note[l1]);
            Xunit.Assert.Equal("Spanning L1", c.Messages.NoteOf(l1));
            Xunit.Assert.Equal("", c.Messages.NoteOf(l2));
            // a quantity without an OBIS name keeps the English note; set changes the language of every default
            Xunit.Assert.Equal("Average demand out", c.Messages.NoteOf(Quantities.Find("demand_active_effect_out")));
            c.Set("GENERAL", "language", "de");
            Xunit.Assert.Equal("Spannung L1", c.Messages.NoteOf(l1));
            Xunit.Assert.Equal(NameLanguage.German, c.Messages.Language);
            // a note_* equal to its default in the file's language is not kept; in another language it is
            Xunit.Assert.Null(GatewayConfig.Load("[NOTES]\nnote_voltage_l3 = Voltage L3\n").Messages.Note);
            Xunit.Assert.Null(new GatewayConfig().Messages.Note);
            Xunit.Assert.Equal("Voltage L3", GatewayConfig.Load("[NOTES]\nnote_voltage_l3 = Voltage L3\n[GENERAL]\nlanguage = nl\n").Messages.Note[22]);
        }

        /// <summary>
        /// The reference script's own sample config.ini (grodansparadis/vscp-python-p1-power-meter, config.ini, abridged to one
        /// key of each kind): its "one_shot = false:" typo is refused with a message naming it; fixed, it loads.
        /// </summary>
        [Fact]
        public void ReferenceScriptSampleLoadsOnceItsTypoIsFixed()
        {
            string sample =
                "# Configuration file exampel for vscp-bme680.py and mqtt-bme680.py\n\n[GENERAL]\n# Run only once\none_shot = false:\n\n"
                + "no_vscp = true\n\nsend_energy = true\nsend_active_effect = true \nsend_reactive_effect = true\nsend_voltage = true\nsend_current = true\n\n"
                + "[VSCP]\n\n# guid=00:00:00:00:00:00:00:00:00:00:00:00:FF:FF:00:00\nguid=''\n\n"
                + "sensorindex_sum_active_energy_out=1\nsensorindex_momentan_reactive_effect_l3_in=20\nzone=0\nsubzone=0\n"
                + "id_sum_active_energy_out=1\nid_current_l3=26\n\n"
                + "[MQTT]\nhost=192.168.1.7\nport=1883\nuser=vscp\npassword=secret\ntopic=vscp/{xguid}/{xclass}/{xtype}\n\n"
                + "note_sum_active_energy_out=Meter reading active energy out\nnote_current_l3=Current L3\n\n"
                + "[SERIAL]\n\nserial_port=/dev/ttyUSB1\nserial_baudrate=115200\nserial_timeout=20\n\n\n\n";
            ConfigException e = Xunit.Assert.Throws<ConfigException>(() => GatewayConfig.Load(sample));
            Xunit.Assert.Equal("[GENERAL] one_shot = \"false:\": not a boolean (true/false, yes/no, 1/0) (line 5)", e.Message);
            Xunit.Assert.Equal("GENERAL", e.Section);
            Xunit.Assert.Equal("one_shot", e.Key);
            Xunit.Assert.Equal(5, e.Line);

            GatewayConfig c = GatewayConfig.Load(sample.Replace("one_shot = false:", "one_shot = false"));
            Xunit.Assert.True(c.Messages.NoVscp);
            Xunit.Assert.Null(c.Messages.Guid);
            Xunit.Assert.Equal("192.168.1.7", c.Host);
            Xunit.Assert.Equal("vscp", c.User);
            Xunit.Assert.Equal("vscp/{xguid}/{xclass}/{xtype}", c.Messages.Topic);
            Xunit.Assert.Equal("/dev/ttyUSB1", c.SerialPort);
        }

        [Theory]
        [InlineData("[MQTT]\nport = abc", "[MQTT] port = \"abc\": not a number 1..65535 (line 2)")]
        [InlineData("[MQTT]\nport = 70000", "[MQTT] port = \"70000\": out of range 1..65535 (line 2)")]
        [InlineData("[MQTT]\nport = 0", "[MQTT] port = \"0\": out of range 1..65535 (line 2)")]
        [InlineData("[MQTT]\nport = 1883.0", "[MQTT] port = \"1883.0\": not a number 1..65535 (line 2)")]
        [InlineData("[MQTT]\nport =", "[MQTT] port = \"\": not a number 1..65535 (line 2)")]
        [InlineData("[MQTT]\nqos = 2", "[MQTT] qos = \"2\": out of range 0..1 (line 2)")]
        [InlineData("[MQTT]\nkeepalive = -1", "[MQTT] keepalive = \"-1\": out of range 0..65535 (line 2)")]
        [InlineData("[MQTT]\nhost =", "[MQTT] host = \"\": may not be empty (line 2)")]
        [InlineData("[MQTT]\ntls = maybe", "[MQTT] tls = \"maybe\": not a boolean (true/false, yes/no, 1/0) (line 2)")]
        [InlineData("[MQTT]\ntopic = vscp/{mac}/{type}", "[MQTT] topic = \"vscp/{mac}/{type}\": unknown placeholder {mac} (known: {guid}, {class}, {type}, {sensorindex}, {zone}, {subzone}, {nickname}, {xguid}, {xclass}, {xtype}) (line 2)")]
        [InlineData("[MQTT]\ntopic = vscp/{guid", "[MQTT] topic = \"vscp/{guid\": a { without } (line 2)")]
        [InlineData("[MQTT]\ntopic = vscp/#", "[MQTT] topic = \"vscp/#\": an MQTT topic name may not contain '+', '#' or NUL (line 2)")]
        [InlineData("[MQTT]\navailability_topic = status/{guid}", "[MQTT] availability_topic = \"status/{guid}\": unknown placeholder {guid} (known: {client}) (line 2)")]
        [InlineData("[MQTT]\nprot = 1883", "[MQTT] prot = \"1883\": unknown key (line 2)")]
        [InlineData("[MQTT]\nnote_voltage_l4 = x", "[MQTT] note_voltage_l4 = \"x\": unknown quantity \"voltage_l4\" (see docs/vscp-mapping.md) (line 2)")]
        [InlineData("[VSCP]\nguid = FF:FF", "[VSCP] guid = \"FF:FF\": not a GUID: 16 bytes of two hex digits separated by ':' (FF:FF:FF:FF:FF:FF:FF:FE:00:00:00:00:00:00:00:00), or empty for the MAC-based default (line 2)")]
        [InlineData("[VSCP]\nguid = FF:FF:FF:FF:FF:FF:FF:FE:00:00:00:00:00:00:00:0G", "[VSCP] guid = \"FF:FF:FF:FF:FF:FF:FF:FE:00:00:00:00:00:00:00:0G\": not a GUID: 16 bytes of two hex digits separated by ':' (FF:FF:FF:FF:FF:FF:FF:FE:00:00:00:00:00:00:00:00), or empty for the MAC-based default (line 2)")]
        [InlineData("[VSCP]\nzone = 256", "[VSCP] zone = \"256\": out of range 0..255 (line 2)")]
        [InlineData("[VSCP]\nsubzone = -1", "[VSCP] subzone = \"-1\": out of range 0..255 (line 2)")]
        [InlineData("[VSCP]\nsensorindex_voltage_l1 = 300", "[VSCP] sensorindex_voltage_l1 = \"300\": out of range 0..255 (line 2)")]
        [InlineData("[VSCP]\nid_voltage_l1 = 65536", "[VSCP] id_voltage_l1 = \"65536\": out of range 0..65535 (line 2)")]
        [InlineData("[VSCP]\nid_voltage_l1 = 1234567890123", "[VSCP] id_voltage_l1 = \"1234567890123\": not a number 0..65535 (line 2)")]
        [InlineData("[VSCP]\nsensorindex_volt_l1 = 3", "[VSCP] sensorindex_volt_l1 = \"3\": unknown quantity \"volt_l1\" (see docs/vscp-mapping.md) (line 2)")]
        [InlineData("[VSCP]\nevent_class = 1050", "[VSCP] event_class = \"1050\": not one of 1040, 10, 1060 (line 2)")]
        [InlineData("[VSCP]\nclass1_coding = double", "[VSCP] class1_coding = \"double\": not one of normalized, float (line 2)")]
        [InlineData("[VSCP]\nnote_voltage_l1 = x", "[VSCP] note_voltage_l1 = \"x\": unknown key (line 2)")]
        [InlineData("[GENERAL]\nprotocol = modbus", "[GENERAL] protocol = \"modbus\": not one of dsmr, iec62056-21, sml, ekm (line 2)")]
        [InlineData("[GENERAL]\nmax_telegram_size = 512", "[GENERAL] max_telegram_size = \"512\": out of range 1024..32768 (line 2)")]
        [InlineData("[GENERAL]\nsend_everything = true", "[GENERAL] send_everything = \"true\": unknown key (line 2)")]
        [InlineData("[IEC]\nmode = e", "[IEC] mode = \"e\": not one of auto, a, b, c, d (line 2)")]
        [InlineData("[IEC]\nmax_baud = 38400", "[IEC] max_baud = \"38400\": out of range 300..19200 (line 2)")]
        [InlineData("[EKM]\nmeters = 300001162:5", "[EKM] meters = \"300001162:5\": meter \"300001162:5\": version must be 3 or 4 (line 2)")]
        [InlineData("[EKM]\nmeters = 30000116x", "[EKM] meters = \"30000116x\": meter \"30000116x\": the address must be 1 to 12 digits (line 2)")]
        [InlineData("[EKM]\nmeter_password = 1234", "[EKM] meter_password = \"(not shown)\": must be 8 digits (line 2)")]
        [InlineData("[EKM]\npoll_interval = 0", "[EKM] poll_interval = \"0\": out of range 1..86400 (line 2)")]
        [InlineData("[SERIAL]\nserial_databits = 9", "[SERIAL] serial_databits = \"9\": not one of 7, 8 (line 2)")]
        [InlineData("[SERIAL]\nserial_parity = mark", "[SERIAL] serial_parity = \"mark\": not one of none, even, odd (line 2)")]
        [InlineData("[SERIAL]\nserial_baudrate = 110", "[SERIAL] serial_baudrate = \"110\": out of range 300..4000000 (line 2)")]
        [InlineData("[SERIAL]\nserial_timeout = 0", "[SERIAL] serial_timeout = \"0\": out of range 1..3600 (line 2)")]
        [InlineData("[SERIAL]\nserial_port =", "[SERIAL] serial_port = \"\": may not be empty (line 2)")]
        [InlineData("[DSMR]\nlenient_crc = true", "[DSMR]: unknown section (known: GENERAL, VSCP, MQTT, NOTES, SERIAL, EKM, IEC, LOGGER, DOMOTICZ, WIFI, DEVICE, OUTBOX, TCP) (line 1)")]
        [InlineData("port = 1883", "port = \"1883\": setting before any [SECTION] (line 1)")]
        [InlineData("[MQTT]\nport 1883", "[MQTT]: line (not shown): expected key = value, [SECTION] or a # comment (line 2)")]
        // Issue 16: a mistyped secret is not echoed (a key whose name looks like a secret's, a line without '=').
        [InlineData("[MQTT]\npassword S3cret", "[MQTT]: line (not shown): expected key = value, [SECTION] or a # comment (line 2)")]
        [InlineData("[MQTT]\npasswort = S3cret", "[MQTT] passwort = \"(not shown)\": unknown key (line 2)")]
        [InlineData("[DEVICE]\nadmin_pasword = S3cret-long", "[DEVICE] admin_pasword = \"(not shown)\": unknown key (line 2)")]
        [InlineData("[WIFI]\npwd = S3cret-long", "[WIFI] pwd = \"(not shown)\": unknown key (line 2)")]
        [InlineData("[DEVICE]\nadmin_token = S3cret-long", "[DEVICE] admin_token = \"(not shown)\": unknown key (line 2)")]
        // Issue 16: a client id is one topic level (evil/# made the gateway never connect, saying only "broker unreachable").
        [InlineData("[MQTT]\nclient_id = evil/#", "[MQTT] client_id = \"evil/#\": a client id is one MQTT topic level: no '+', '#', '/', spaces or control characters (line 2)")]
        [InlineData("[MQTT]\nclient_id = a+b", "[MQTT] client_id = \"a+b\": a client id is one MQTT topic level: no '+', '#', '/', spaces or control characters (line 2)")]
        [InlineData("[MQTT]\nclient_id = my gateway", "[MQTT] client_id = \"my gateway\": a client id is one MQTT topic level: no '+', '#', '/', spaces or control characters (line 2)")]
        [InlineData("[MQTT\nport = 1883", "line \"[MQTT\": a section header is [NAME] (line 1)")]
        [InlineData("[MQTT]\nport = 1883\nPORT = 1884", "[MQTT] port = \"1884\": given twice (line 3)")]
        [InlineData("[MQTT]\nnote_frequency = a\n[NOTES]\nnote_frequency = b", "[NOTES] note_frequency = \"b\": given twice (line 4)")]
        [InlineData("[GENERAL]\nno_vscp = true\n[NOTES]\nnote_frequency = mains/+", "[NOTES] note_frequency = \"mains/+\": an MQTT topic name may not contain '+', '#' or NUL (no_vscp publishes on the note as topic)")]
        public void BadSettingsNameTheirKeyAndValue(string text, string message)
        {
            ConfigException e = Xunit.Assert.Throws<ConfigException>(() => GatewayConfig.Load(text));
            Xunit.Assert.Equal(message, e.Message);
        }

        [Fact]
        public void SetUsesTheSameChecks()
        {
            GatewayConfig c = new GatewayConfig();
            c.Set("mqtt", "PORT", "1884");
            Xunit.Assert.Equal(1884, c.Port);
            ConfigException e = Xunit.Assert.Throws<ConfigException>(() => c.Set("MQTT", "port", "x"));
            Xunit.Assert.Equal("[MQTT] port = \"x\": not a number 1..65535", e.Message);
            Xunit.Assert.Equal(0, e.Line);
            Xunit.Assert.Throws<ConfigException>(() => c.Set("LORA", "ssid", "x"));
            c.Set("VSCP", "guid", "00:00:00:00:00:00:00:00:00:00:00:00:00:00:00:00");
            Xunit.Assert.Null(c.Messages.Guid);
        }

        /// <summary>config.example.ini at the repository root documents every key with its default: loading it gives the defaults.</summary>
        [Fact]
        public void ExampleFileHoldsEveryKeyWithItsDefault()
        {
            string text = File.ReadAllText(Path.Combine(RepositoryRoot(), "config.example.ini"));
            GatewayConfig example = GatewayConfig.Load(text);
            GatewayConfig defaults = new GatewayConfig();
            AssertSameFields(defaults, example);
            for (int q = 0; q < Quantities.Count; q++)
            {
                foreach (string prefix in new[] { "sensorindex_", "id_", "note_" })
                    Xunit.Assert.Contains("\n" + prefix + Quantities.Name(q) + " = ", text);
            }
        }

        // Public fields equal, option objects (MessageOptions, HomeAssistantOptions…) field by field.
        private static void AssertSameFields(object expected, object actual)
        {
            foreach (FieldInfo field in expected.GetType().GetFields(BindingFlags.Public | BindingFlags.Instance))
            {
                object? a = field.GetValue(expected), b = field.GetValue(actual);
                if (a is Array arrayA) Xunit.Assert.Equal(arrayA, (Array?)b);
                else if (a != null && a.GetType().IsClass && a.GetType().Name.EndsWith("Options")) AssertSameFields(a, b!);
                else Xunit.Assert.Equal(a, b);
            }
        }

        /// <summary>docs/configuration.md names every key of the example file, docs/vscp-mapping.md every quantity.</summary>
        [Fact]
        public void DocsNameEveryKeyAndQuantity()
        {
            string root = RepositoryRoot();
            string configuration = File.ReadAllText(Path.Combine(root, "docs", "configuration.md"));
            string mapping = File.ReadAllText(Path.Combine(root, "docs", "vscp-mapping.md"));
            foreach (string line in File.ReadAllLines(Path.Combine(root, "config.example.ini")))
            {
                int eq = line.IndexOf('=');
                if (line.StartsWith("#") || eq < 0) continue;
                string key = line.Substring(0, eq).Trim();
                int underscore = key.IndexOf('_');
                bool perQuantity = key.StartsWith("sensorindex_") || key.StartsWith("id_") || key.StartsWith("note_");
                Xunit.Assert.Contains("`" + (perQuantity ? key.Substring(0, underscore + 1) + "<quantity>" : key) + "`", configuration);
            }
            for (int q = 0; q < Quantities.Count; q++)
            {
                string name = Quantities.Name(q);
                bool mbus = name.StartsWith("mbus");
                Xunit.Assert.Contains("`" + (mbus ? "mbus1" + name.Substring(5) : name) + "`", mapping);
                if (!mbus) Xunit.Assert.Contains("| " + Quantities.DefaultNote(q) + " |", mapping);
            }
        }

        private static string RepositoryRoot()
        {
            DirectoryInfo? dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir != null && !File.Exists(Path.Combine(dir.FullName, "MeterGateway.sln"))) dir = dir.Parent;
            Xunit.Assert.NotNull(dir);
            return dir.FullName;
        }
    }
}
