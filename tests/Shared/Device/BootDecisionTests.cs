// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>The provisioning state machine at power-up, and what makes a stored config.ini usable.</summary>
    [TestClass]
    public class BootDecisionTests
    {
        private const string Usable = "[WIFI]\nssid = Home\npassword = secret123\n[MQTT]\nhost = 10.0.0.2\n";

        [TestMethod]
        public void EveryCombinationAtPowerUp()
        {
            // (config usable, button held, access point on) → mode
            Assert.AreEqual((int)BootMode.Normal, (int)BootDecision.Decide(true, false, false));
            Assert.AreEqual((int)BootMode.StartPortal, (int)BootDecision.Decide(true, true, false));
            Assert.AreEqual((int)BootMode.StartPortal, (int)BootDecision.Decide(false, false, false));
            Assert.AreEqual((int)BootMode.StartPortal, (int)BootDecision.Decide(false, true, false));
            // once the access point is on, the box stays in the portal whatever the button does
            Assert.AreEqual((int)BootMode.Portal, (int)BootDecision.Decide(true, false, true));
            Assert.AreEqual((int)BootMode.Portal, (int)BootDecision.Decide(true, true, true));
            Assert.AreEqual((int)BootMode.Portal, (int)BootDecision.Decide(false, false, true));
            Assert.AreEqual((int)BootMode.Portal, (int)BootDecision.Decide(false, true, true));
        }

        [TestMethod]
        public void StoredConfigSaysWhyItCannotBeUsed()
        {
            StoredConfig none = StoredConfig.Read(null);
            Assert.IsFalse(none.IsUsable);
            Assert.AreEqual("no config.ini yet", none.Problem);
            Assert.AreEqual("", none.Text);
            Assert.IsNull(none.Config);

            StoredConfig noWifi = StoredConfig.Read("[MQTT]\nhost = 10.0.0.2\n");
            Assert.IsFalse(noWifi.IsUsable);
            Assert.AreEqual("no Wi-Fi network set ([WIFI] ssid is empty)", noWifi.Problem);
            Assert.AreEqual("10.0.0.2", noWifi.Config.Host);

            StoredConfig broken = StoredConfig.Read("[WIFI]\nssid = Home\n[MQTT]\nport = abc\n");
            Assert.IsFalse(broken.IsUsable);
            Assert.AreEqual("config.ini: [MQTT] port = \"abc\": not a number 1..65535 (line 4)", broken.Problem);
            Assert.IsNull(broken.Config);

            StoredConfig secret = StoredConfig.Read("[WIFI]\nssid = Home\npassword = short\n");
            Assert.AreEqual("config.ini: [WIFI] password: empty for an open network, else 8..63 characters (WPA2)", secret.Problem);

            StoredConfig ekm = StoredConfig.Read(Usable + "[GENERAL]\nprotocol = ekm\n");
            Assert.IsTrue(ekm.IsUsable); // every protocol of the README is read by the box
            Assert.IsNotNull(ekm.Config);

            StoredConfig ok = StoredConfig.Read(Usable);
            Assert.IsTrue(ok.IsUsable);
            Assert.IsNull(ok.Problem);
            Assert.AreEqual("Home", ok.Config.WifiSsid);
            Assert.AreEqual(Usable, ok.Text);
        }

        [TestMethod]
        public void ThePortalEndsWhenSavedOrIdleOverAUsableConfig()
        {
            ProvisioningPortal usable = new ProvisioningPortal(StoredConfig.Read(Usable), "MeterGateway-334455", 1000);
            Assert.AreEqual((int)BootMode.Portal, (int)BootDecision.AfterPortal(usable, 1000 + ProvisioningPortal.IdleTimeoutMs - 1));
            Assert.AreEqual((int)BootMode.StopPortal, (int)BootDecision.AfterPortal(usable, 1000 + ProvisioningPortal.IdleTimeoutMs));

            ProvisioningPortal needed = new ProvisioningPortal(StoredConfig.Read(null), "MeterGateway-334455", 1000);
            Assert.AreEqual((int)BootMode.Portal, (int)BootDecision.AfterPortal(needed, 1000 + 10 * ProvisioningPortal.IdleTimeoutMs));
            byte[] body = Utf8.GetBytes("WIFI.ssid=Home&MQTT.host=10.0.0.2");
            needed.Handle("POST", "/", body, 0, body.Length, 5000);
            Assert.IsTrue(needed.Saved);
            Assert.AreEqual((int)BootMode.StopPortal, (int)BootDecision.AfterPortal(needed, 5000));
        }

        [TestMethod]
        public void AccessPointIsNamedAfterTheMac()
        {
            Assert.AreEqual("MeterGateway-3D4E5F", BootDecision.AccessPointSsid(new byte[] { 0x0A, 0x1B, 0x2C, 0x3D, 0x4E, 0x5F }));
        }

        [TestMethod]
        public void DeviceKeysAreCheckedAndSecretsKnown()
        {
            GatewayConfig c = new GatewayConfig();
            Assert.AreEqual("", c.WifiSsid);
            Assert.AreEqual("", c.AdminPassword);
            Assert.AreEqual(60, c.WatchdogTimeout);
            Assert.AreEqual(30, c.BrokerRebootMinutes);
            Assert.AreEqual(8192, c.MinFreeMemory);
            Assert.AreEqual("metergateway/p1/kitchen", new GatewayConfig { DeviceTopic = "metergateway/{client}/kitchen" }.DeviceTopicFor("p1"));
            Assert.AreEqual("metergateway/metergateway-001122334455", c.DeviceTopicFor(c.ClientIdFor(TestReadings.Mac())));

            c.Set("wifi", "SSID", "Home");
            c.Set("WIFI", "password", "");
            c.Set("WIFI", "password", "12345678");
            c.Set("DEVICE", "admin_password", "correct horse");
            c.Set("DEVICE", "device_topic", "meters/{client}");
            c.Set("DEVICE", "watchdog_timeout", "10");
            c.Set("DEVICE", "broker_reboot_minutes", "0");
            c.Set("DEVICE", "min_free_memory", "0");
            Assert.AreEqual("Home", c.WifiSsid);
            Assert.AreEqual("12345678", c.WifiPassword);
            Assert.AreEqual("correct horse", c.AdminPassword);
            Assert.AreEqual("meters/x", c.DeviceTopicFor("x"));
            Assert.AreEqual(10, c.WatchdogTimeout);
            Assert.AreEqual(0, c.BrokerRebootMinutes);
            Assert.AreEqual(0, c.MinFreeMemory);

            Assert.AreEqual("[WIFI] ssid = \"the-neighbours-very-long-wifi-name\": at most 32 characters",
                SetError(c, "WIFI", "ssid", "the-neighbours-very-long-wifi-name"));
            Assert.AreEqual("[WIFI] password = \"(not shown)\": empty for an open network, else 8..63 characters (WPA2)",
                SetError(c, "WIFI", "password", "1234567"));
            Assert.AreEqual("[DEVICE] admin_password = \"(not shown)\": empty (remote commands off), else 8..128 characters",
                SetError(c, "DEVICE", "admin_password", "short"));
            Assert.AreEqual("[DEVICE] device_topic = \"m/{guid}\": unknown placeholder {guid} (known: {client})",
                SetError(c, "DEVICE", "device_topic", "m/{guid}"));
            Assert.AreEqual("[DEVICE] watchdog_timeout = \"5\": out of range 10..3600", SetError(c, "DEVICE", "watchdog_timeout", "5"));

            Assert.IsTrue(GatewayConfig.IsSecret("mqtt", "PASSWORD"));
            Assert.IsTrue(GatewayConfig.IsSecret("WIFI", "password"));
            Assert.IsTrue(GatewayConfig.IsSecret("DEVICE", "admin_password"));
            Assert.IsTrue(GatewayConfig.IsSecret("ekm", "METER_PASSWORD"));
            Assert.IsFalse(GatewayConfig.IsSecret("EKM", "meters"));
            Assert.IsFalse(GatewayConfig.IsSecret("MQTT", "user"));
            Assert.IsFalse(GatewayConfig.IsSecret("WIFI", "ssid"));
            Assert.IsFalse(GatewayConfig.IsSecret("SERIAL", "password"));
        }

        private static string SetError(GatewayConfig c, string section, string key, string value)
        {
            try
            {
                c.Set(section, key, value);
            }
            catch (ConfigException e)
            {
                return e.Message;
            }
            return null;
        }
    }
}
