using System.Net;
using System.Net.NetworkInformation;
using Iot.Device.DhcpServer;
using MeterGateway.Device;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The ESP32's soft access point for the provisioning portal, as the nanoFramework WiFiAP sample sets it up
    /// (nanoframework/Samples, samples/WiFiAP): the access-point configuration is saved with <c>Enable | AutoStart</c>
    /// and a static address, and takes effect at the next start; then a DHCP server hands out addresses and announces
    /// the portal's URL (DHCP option 114, RFC 8910), so that phones open the form by themselves.
    /// </summary>
    public static class SoftAccessPoint
    {
        private const string Mask = "255.255.255.0";

        /// <summary>True when the access point is configured to run and has the portal's address (it runs now).</summary>
        public static bool IsOn()
        {
            NetworkInterface ni = Interface();
            WirelessAPConfiguration config = Configuration(ni);
            return config.Options == (WirelessAPConfiguration.ConfigurationOptions.Enable | WirelessAPConfiguration.ConfigurationOptions.AutoStart)
                && ni.IPv4Address == ProvisioningPortal.Address;
        }

        /// <summary>
        /// Configures an open access point named <paramref name="ssid"/> on 192.168.4.1 for the next start and turns
        /// the station off; the caller restarts.
        /// </summary>
        public static void TurnOn(string ssid)
        {
            WifiStation.Disable();
            NetworkInterface ni = Interface();
            ni.EnableStaticIPv4(ProvisioningPortal.Address, Mask, ProvisioningPortal.Address);
            WirelessAPConfiguration config = Configuration(ni);
            config.Options = WirelessAPConfiguration.ConfigurationOptions.AutoStart | WirelessAPConfiguration.ConfigurationOptions.Enable;
            config.Ssid = ssid;
            config.MaxConnections = 1;
            config.Authentication = System.Net.NetworkInformation.AuthenticationType.Open;
            config.Password = "";
            config.SaveConfiguration();
        }

        /// <summary>Turns the access point off for the next start; the caller restarts.</summary>
        public static void TurnOff()
        {
            WirelessAPConfiguration config = Configuration(Interface());
            config.Options = WirelessAPConfiguration.ConfigurationOptions.None;
            config.SaveConfiguration();
        }

        /// <summary>Starts the DHCP server with the captive-portal URL; false when it could not (freshly flashed devices need a restart).</summary>
        public static bool StartDhcp()
        {
            DhcpServer dhcp = new DhcpServer { CaptivePortalUrl = "http://" + ProvisioningPortal.Address };
            return dhcp.Start(IPAddress.Parse(ProvisioningPortal.Address), IPAddress.Parse(Mask));
        }

        private static WirelessAPConfiguration Configuration(NetworkInterface ni)
        {
            return WirelessAPConfiguration.GetAllWirelessAPConfigurations()[ni.SpecificConfigId];
        }

        private static NetworkInterface Interface()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.WirelessAP) return all[i];
            }
            return null;
        }
    }
}
