// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Config;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>Writing one key into a config.ini text: the rest of the file kept byte for byte, the value read back exactly.</summary>
    [TestClass]
    public class IniEditorTests
    {
        private const string File =
            "# my meter\n"
            + "[MQTT]\n"
            + "Host = 10.0.0.2\n"
            + "; the port\n"
            + "port = 1883\n"
            + "\n"
            + "[SERIAL]\n"
            + "serial_port = COM2\n";

        [TestMethod]
        public void AKeyInItsSectionIsReplacedInPlace()
        {
            Assert.AreEqual(
                "# my meter\n[MQTT]\nhost = broker.lan\n; the port\nport = 1883\n\n[SERIAL]\nserial_port = COM2\n",
                IniEditor.Set(File, "mqtt", "HOST", "broker.lan"));
        }

        [TestMethod]
        public void AMissingKeyGoesAfterTheSectionsLastSetting()
        {
            Assert.AreEqual(
                "# my meter\n[MQTT]\nHost = 10.0.0.2\n; the port\nport = 1883\nuser = meter\n\n[SERIAL]\nserial_port = COM2\n",
                IniEditor.Set(File, "MQTT", "user", "meter"));
            Assert.AreEqual(File + "serial_baudrate = 9600\n", IniEditor.Set(File, "SERIAL", "serial_baudrate", "9600"));
        }

        [TestMethod]
        public void AMissingSectionIsAppended()
        {
            Assert.AreEqual(File + "\n[WIFI]\nssid = Home\n", IniEditor.Set(File, "wifi", "ssid", "Home"));
            Assert.AreEqual("[WIFI]\nssid = Home\n", IniEditor.Set("", "WIFI", "ssid", "Home"));
            Assert.AreEqual("[A]\nx = 1\n\n[WIFI]\nssid = Home\n", IniEditor.Set("[A]\nx = 1", "WIFI", "ssid", "Home"));
            Assert.AreEqual("[WIFI]\nssid = Home\nx = 1\n", IniEditor.Set("[WIFI]\nssid = Home", "WIFI", "x", "1"));
        }

        [TestMethod]
        public void CrLfFilesStayCrLf()
        {
            string crlf = "[MQTT]\r\nport = 1883\r\n# end\r\n";
            Assert.AreEqual("[MQTT]\r\nport = 8883\r\n# end\r\n", IniEditor.Set(crlf, "MQTT", "port", "8883"));
            Assert.AreEqual("[MQTT]\r\nport = 1883\r\nhost = h\r\n# end\r\n", IniEditor.Set(crlf, "MQTT", "host", "h"));
            Assert.AreEqual(crlf + "\r\n[WIFI]\r\nssid = s\r\n", IniEditor.Set(crlf, "WIFI", "ssid", "s"));
        }

        [TestMethod]
        public void TheSameKeyInAnotherSectionIsNotTouched()
        {
            string text = "[MQTT]\npassword = a\n[WIFI]\npassword = b\n";
            Assert.AreEqual("[MQTT]\npassword = a\n[WIFI]\npassword = secret123\n", IniEditor.Set(text, "WIFI", "password", "secret123"));
        }

        [TestMethod]
        public void ValuesReadBackExactly()
        {
            string[] values = { "plain", "", " leading", "trailing ", "\"quoted\"", "'single'", "p#ss; word", "a = b", "\"", "Spänning \"L1\"" };
            for (int i = 0; i < values.Length; i++)
            {
                string text = IniEditor.Set(File, "MQTT", "password", values[i]);
                Assert.AreEqual(values[i], GatewayConfig.Load(text).Password, "value " + i);
            }
            Assert.AreEqual("\" leading\"", IniEditor.Encode(" leading"));
            Assert.AreEqual("\"'single'\"", IniEditor.Encode("'single'"));
            Assert.AreEqual("p#ss; word", IniEditor.Encode("p#ss; word"));
        }

        [TestMethod]
        public void ALineBreakCannotBeWritten()
        {
            Assert.ThrowsException(typeof(ConfigException), () => IniEditor.Set(File, "MQTT", "host", "a\nb"));
            Assert.ThrowsException(typeof(ConfigException), () => IniEditor.Set(File, "MQTT", "host", "a\rb"));
        }
    }
}
