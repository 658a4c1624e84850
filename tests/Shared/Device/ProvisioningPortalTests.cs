// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Link;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>
    /// The provisioning portal as a browser sees it: the form, the captive-portal redirects, a valid post saved as a
    /// config.ini that loads, bad input answered with the form again naming the key, and secrets never shown.
    /// </summary>
    [TestClass]
    public class ProvisioningPortalTests
    {
        private const string Ap = "MeterGateway-334455";

        private const string Stored =
            "# kitchen meter\n"
            + "[GENERAL]\nsend_voltage = false\n"
            + "[WIFI]\nssid = Old Net\npassword = oldsecret1\n"
            + "[MQTT]\nhost = 10.0.0.2\npassword = brokersecret\n"
            + "[DEVICE]\nadmin_password = adminsecret\n";

        [TestMethod]
        public void TheFormShowsTheStoredSettingsButNoSecret()
        {
            ProvisioningPortal portal = new ProvisioningPortal(StoredConfig.Read(Stored), Ap, 0);
            PortalResponse r = portal.Handle("GET", "/", new byte[0], 0, 0, 1);
            Assert.AreEqual(200, r.Status);
            Assert.AreEqual("text/html; charset=utf-8", r.ContentType);
            string page = Text(r);
            Assert.IsTrue(page.IndexOf("<form method=\"post\" action=\"/\">") >= 0);
            Assert.IsTrue(page.IndexOf("name=\"WIFI.ssid\" value=\"Old Net\" required>") >= 0);
            Assert.IsTrue(page.IndexOf("name=\"MQTT.host\" value=\"10.0.0.2\" required>") >= 0);
            Assert.IsTrue(page.IndexOf("name=\"MQTT.port\" value=\"1883\" required>") >= 0);
            Assert.IsTrue(page.IndexOf("<option selected>dsmr</option>") >= 0);
            Assert.IsTrue(page.IndexOf("<option selected>none</option>") >= 0);
            Assert.IsTrue(page.IndexOf("name=\"WIFI.password\" autocomplete=\"new-password\" placeholder=\"(unchanged)\">") >= 0);
            Assert.IsTrue(page.IndexOf("The gateway is set up.") >= 0);
            Assert.IsTrue(page.IndexOf(Ap) >= 0);
            Assert.IsTrue(page.IndexOf("oldsecret1") < 0);
            Assert.IsTrue(page.IndexOf("brokersecret") < 0);
            Assert.IsTrue(page.IndexOf("adminsecret") < 0);
            Assert.AreEqual(200, portal.Handle("GET", "/index.html?x=1", new byte[0], 0, 0, 2).Status);
        }

        [TestMethod]
        public void CaptivePortalProbesAreRedirectedToTheForm()
        {
            ProvisioningPortal portal = new ProvisioningPortal(StoredConfig.Read(null), Ap, 0);
            string[] probes = { "/generate_204", "/hotspot-detect.html", "/connecttest.txt", "/ncsi.txt", "/library/test/success.html" };
            for (int i = 0; i < probes.Length; i++)
            {
                PortalResponse r = portal.Handle("GET", probes[i], new byte[0], 0, 0, 1);
                Assert.AreEqual(302, r.Status, probes[i]);
                Assert.AreEqual("http://192.168.4.1/", r.Location);
            }
            Assert.AreEqual(404, portal.Handle("GET", "/favicon.ico", new byte[0], 0, 0, 1).Status);
            Assert.AreEqual(405, portal.Handle("PUT", "/", new byte[0], 0, 0, 1).Status);
            Assert.AreEqual(404, portal.Handle("POST", "/save", new byte[0], 0, 0, 1).Status);
            Assert.AreEqual(413, portal.Handle("POST", "/", new byte[5000], 0, ProvisioningPortal.MaxBodyLength + 1, 1).Status);
            PortalResponse notText = Post(portal, "WIFI.ssid=New%C3+Net&MQTT.host=broker.lan");
            Assert.AreEqual(400, notText.Status);
            Assert.IsTrue(Text(notText).IndexOf("a form field is not UTF-8 text") >= 0);
            Assert.IsFalse(portal.Saved);
        }

        [TestMethod]
        public void AValidPostIsSavedAsAConfigThatLoadsAndKeepsTheRest()
        {
            ProvisioningPortal portal = new ProvisioningPortal(StoredConfig.Read(Stored), Ap, 0);
            PortalResponse r = Post(portal,
                "WIFI.ssid=New+Net&WIFI.password=&MQTT.host=broker.lan&MQTT.port=8883&MQTT.user=meter&MQTT.password=n%C3%A9wpass"
                + "&MQTT.tls=false&MQTT.tls=true&GENERAL.protocol=sml&SERIAL.serial_baudrate=9600&SERIAL.serial_databits=8"
                + "&SERIAL.serial_parity=none&DEVICE.admin_password=");
            Assert.AreEqual(200, r.Status);
            Assert.IsTrue(portal.Saved);
            Assert.IsTrue(Text(r).IndexOf("Settings saved. The gateway restarts now and joins the network <b>New Net</b>") >= 0);

            GatewayConfig c = GatewayConfig.Load(portal.SavedText);
            Assert.AreEqual("New Net", c.WifiSsid);
            Assert.AreEqual("oldsecret1", c.WifiPassword);        // left empty: kept
            Assert.AreEqual("broker.lan", c.Host);
            Assert.AreEqual(8883, c.Port);
            Assert.AreEqual("meter", c.User);
            Assert.AreEqual("néwpass", c.Password);
            Assert.IsTrue(c.Tls);
            Assert.AreEqual((int)MeterProtocol.Sml, (int)c.Protocol);
            Assert.AreEqual(9600, c.SerialBaudrate);
            Assert.AreEqual("adminsecret", c.AdminPassword);
            Assert.IsFalse(c.Messages.Send[3]);                            // send_voltage, not on the form: kept
            Assert.IsTrue(portal.SavedText.IndexOf("# kitchen meter\n") == 0);

            // after saving, the portal only shows the saved page
            Assert.IsTrue(Text(portal.Handle("GET", "/", new byte[0], 0, 0, 5)).IndexOf("Settings saved") >= 0);
        }

        [TestMethod]
        public void BadInputGivesTheFormAgainNamingTheKey()
        {
            ProvisioningPortal portal = new ProvisioningPortal(StoredConfig.Read(Stored), Ap, 0);
            PortalResponse r = Post(portal, "WIFI.ssid=New&MQTT.host=%3Cb%3Ebroker&MQTT.port=88830");
            Assert.AreEqual(400, r.Status);
            Assert.IsFalse(portal.Saved);
            Assert.IsNull(portal.SavedText);
            string page = Text(r);
            Assert.IsTrue(page.IndexOf("<p class=\"error\" role=\"alert\">[MQTT] port = &quot;88830&quot;: out of range 1..65535</p>") >= 0);
            // what was entered is shown again, escaped
            Assert.IsTrue(page.IndexOf("name=\"WIFI.ssid\" value=\"New\" required>") >= 0);
            Assert.IsTrue(page.IndexOf("name=\"MQTT.host\" value=\"&lt;b&gt;broker\" required>") >= 0);
            Assert.IsTrue(page.IndexOf("<b>broker") < 0);

            Assert.IsTrue(Text(Post(portal, "WIFI.ssid=&MQTT.host=x")).IndexOf("[WIFI] ssid: required") >= 0);
            Assert.IsTrue(Text(Post(portal, "WIFI.ssid=a&MQTT.host=")).IndexOf("[MQTT] host: required") >= 0);
            Assert.IsTrue(Text(Post(portal, "WIFI.ssid=a&GENERAL.protocol=modbus")).IndexOf("[GENERAL] protocol = &quot;modbus&quot;: not one of dsmr, iec62056-21, sml, ekm") >= 0);
            Assert.IsFalse(portal.Saved);
        }

        [TestMethod]
        public void ASecretIsNeverEchoedInAnError()
        {
            ProvisioningPortal portal = new ProvisioningPortal(StoredConfig.Read(Stored), Ap, 0);
            PortalResponse r = Post(portal, "WIFI.ssid=New&WIFI.password=tiny7ch");
            Assert.AreEqual(400, r.Status);
            string page = Text(r);
            Assert.IsTrue(page.IndexOf("[WIFI] password: empty for an open network, else 8..63 characters (WPA2)") >= 0);
            Assert.IsTrue(page.IndexOf("tiny7ch") < 0);
            Assert.IsTrue(Text(Post(portal, "WIFI.ssid=New&DEVICE.admin_password=abc")).IndexOf("abc\"") < 0);
        }

        [TestMethod]
        public void WithoutAFileTheFormStartsFromDefaults()
        {
            ProvisioningPortal portal = new ProvisioningPortal(StoredConfig.Read(null), Ap, 0);
            string page = Text(portal.Handle("GET", "/", new byte[0], 0, 0, 1));
            Assert.IsTrue(page.IndexOf("Setup needed: no config.ini yet.") >= 0);
            Assert.IsTrue(page.IndexOf("name=\"MQTT.host\" value=\"127.0.0.1\" required>") >= 0);
            Assert.IsTrue(page.IndexOf("placeholder=\"(none)\"") >= 0);

            Post(portal, "WIFI.ssid=Home&WIFI.password=12345678&MQTT.host=10.0.0.9&MQTT.tls=false");
            Assert.IsTrue(portal.Saved);
            Assert.AreEqual("[WIFI]\nssid = Home\npassword = 12345678\n\n[MQTT]\nhost = 10.0.0.9\ntls = false\n", portal.SavedText);
            Assert.IsTrue(StoredConfig.Read(portal.SavedText).IsUsable);
        }

        [TestMethod]
        public void AnInvalidFileIsReplacedAndSaysSo()
        {
            ProvisioningPortal portal = new ProvisioningPortal(StoredConfig.Read("[WIFI]\nssid = Home\n[MQTT]\nport = x\n"), Ap, 0);
            string page = Text(portal.Handle("GET", "/", new byte[0], 0, 0, 1));
            Assert.IsTrue(page.IndexOf("Setup needed: config.ini: [MQTT] port = &quot;x&quot;: not a number 1..65535 (line 4). Saving writes a new config.ini") >= 0);
            Assert.IsTrue(page.IndexOf("name=\"WIFI.ssid\" value=\"\" required>") >= 0);
            Post(portal, "WIFI.ssid=Home&MQTT.host=h");
            Assert.AreEqual("[WIFI]\nssid = Home\n\n[MQTT]\nhost = h\n", portal.SavedText);
            Assert.IsFalse(portal.IdleExpired(100 * ProvisioningPortal.IdleTimeoutMs));
        }

        /// <summary>Posting back exactly what the form shows changes nothing: every field maps to its key both ways.</summary>
        [TestMethod]
        public void PostingTheShownValuesBackChangesNothing()
        {
            string text = "[GENERAL]\nprotocol = iec62056-21\n" + Stored.Substring(Stored.IndexOf("[WIFI]"))
                + "[SERIAL]\nserial_baudrate = 9600\nserial_parity = even\nserial_databits = 7\n";
            text = IniEditor.Set(text, "MQTT", "tls", "true");
            text = IniEditor.Set(text, "MQTT", "port", "8883");
            text = IniEditor.Set(text, "MQTT", "user", "me & you");
            GatewayConfig before = GatewayConfig.Load(text);
            string[] shown = PortalForm.Values(before, null);
            string body = "";
            for (int i = 0; i < PortalForm.Fields.Length; i++)
            {
                PortalField f = PortalForm.Fields[i];
                string value = f.Kind == PortalFieldKind.Secret ? "" : shown[i];
                body += (i > 0 ? "&" : "") + Encode(f.Name) + "=" + Encode(value);
            }
            ProvisioningPortal portal = new ProvisioningPortal(StoredConfig.Read(text), Ap, 0);
            Post(portal, body);
            Assert.IsTrue(portal.Saved);
            GatewayConfig after = GatewayConfig.Load(portal.SavedText);
            for (int i = 0; i < PortalForm.Fields.Length; i++)
            {
                Assert.AreEqual(PortalForm.CurrentValue(before, i), PortalForm.CurrentValue(after, i), PortalForm.Fields[i].Name);
            }
            Assert.AreEqual("iec62056-21", PortalForm.CurrentValue(after, 7));
            Assert.AreEqual("even", PortalForm.CurrentValue(after, 10));
            Assert.AreEqual("7", PortalForm.CurrentValue(after, 9));
            Assert.AreEqual((int)LinkParity.Even, (int)after.SerialParity);
            Assert.AreEqual("me & you", after.User);
            Assert.AreEqual("brokersecret", after.Password);
        }

        [TestMethod]
        public void IdleTimeCountsFromTheLastRequest()
        {
            ProvisioningPortal portal = new ProvisioningPortal(StoredConfig.Read(Stored), Ap, 1000);
            Assert.IsFalse(portal.IdleExpired(1000 + ProvisioningPortal.IdleTimeoutMs - 1));
            portal.Handle("GET", "/", new byte[0], 0, 0, 200000);
            Assert.IsFalse(portal.IdleExpired(1000 + ProvisioningPortal.IdleTimeoutMs));
            Assert.IsTrue(portal.IdleExpired(200000 + ProvisioningPortal.IdleTimeoutMs));
        }

        private static PortalResponse Post(ProvisioningPortal portal, string body)
        {
            byte[] bytes = Utf8.GetBytes(body);
            return portal.Handle("POST", "/", bytes, 0, bytes.Length, 10);
        }

        private static string Text(PortalResponse r)
        {
            return Utf8.GetString(r.Body, 0, r.Body.Length);
        }

        // What a browser sends: unreserved characters as is, space as '+', every other UTF-8 byte as %XX.
        private static string Encode(string value)
        {
            byte[] bytes = Utf8.GetBytes(value);
            string hex = "0123456789ABCDEF";
            string result = "";
            for (int i = 0; i < bytes.Length; i++)
            {
                int b = bytes[i];
                bool plain = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '*';
                if (plain) result += (char)b;
                else if (b == ' ') result += "+";
                else result += "%" + hex[b >> 4] + hex[b & 15];
            }
            return result;
        }
    }
}
