using System.Device.Wifi;
using System.Net.NetworkInformation;
using System.Threading;
using nanoFramework.Networking;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The ESP32's Wi-Fi station interface: joining the configured network with DHCP and waiting for SNTP
    /// (<c>WifiNetworkHelper.ConnectDhcp(.., requiresDateTime: true, ..)</c>, nanoframework/System.Device.Wifi), which
    /// also stores the network in the native Wi-Fi configuration and reconnects automatically after a drop.
    /// </summary>
    public static class WifiStation
    {
        /// <summary>How long the first connection (association, DHCP and SNTP) may take, in ms.</summary>
        public const int ConnectTimeoutMs = 60000;
        private static WifiAdapter _adapter;

        /// <summary>Joins <paramref name="ssid"/>; false when it did not come up within <see cref="ConnectTimeoutMs"/> (it keeps trying in the background).</summary>
        public static bool Connect(string ssid, string password)
        {
            CancellationTokenSource timeout = new CancellationTokenSource(ConnectTimeoutMs);
            return WifiNetworkHelper.ConnectDhcp(ssid, password, WifiReconnectionKind.Automatic, true, 0, timeout.Token);
        }

        /// <summary>
        /// Stores <paramref name="ssid"/> as the network to join at the next start (station enabled, auto-connect),
        /// as the nanoFramework WiFiAP sample does when leaving the access point.
        /// </summary>
        public static void Configure(string ssid, string password)
        {
            Wireless80211Configuration config = Wireless80211Configuration.GetAllWireless80211Configurations()[Interface().SpecificConfigId];
            config.Options = Wireless80211Configuration.ConfigurationOptions.AutoConnect | Wireless80211Configuration.ConfigurationOptions.Enable;
            config.Ssid = ssid;
            config.Password = password;
            config.Authentication = password.Length == 0 ? AuthenticationType.Open : AuthenticationType.WPA2;
            config.SaveConfiguration();
        }

        /// <summary>Turns the station off for the next start (while the access point runs).</summary>
        public static void Disable()
        {
            Wireless80211Configuration config = Wireless80211Configuration.GetAllWireless80211Configurations()[Interface().SpecificConfigId];
            config.Options = Wireless80211Configuration.ConfigurationOptions.None;
            config.SaveConfiguration();
        }

        /// <summary>True while the station has an IPv4 address.</summary>
        public static bool IsUp()
        {
            string ip = IpAddress();
            return ip.Length > 0 && ip != "0.0.0.0";
        }

        /// <summary>The station's IPv4 address, or an empty string.</summary>
        public static string IpAddress()
        {
            string ip = Interface().IPv4Address;
            return ip == null ? "" : ip;
        }

        /// <summary>
        /// The signal of <paramref name="ssid"/> in dBm from the adapter's last scan report (<c>WifiAdapter.NetworkReport</c>;
        /// nanoFramework gives no RSSI of the joined network otherwise), or <paramref name="none"/> when it is not in it.
        /// </summary>
        public static int Rssi(string ssid, int none)
        {
            try
            {
                WifiAvailableNetwork[] networks = Adapter().NetworkReport.AvailableNetworks;
                for (int i = 0; i < networks.Length; i++)
                {
                    if (networks[i].Ssid.TrimEnd('\0') == ssid) return (int)networks[i].NetworkRssiInDecibelMilliwatts;
                }
            }
            catch (System.Exception)
            {
                // no adapter or no scan yet
            }
            return none;
        }

        /// <summary>Starts a background scan, whose report <see cref="Rssi"/> reads; ignored while the adapter is busy connecting.</summary>
        public static void RequestScan()
        {
            try
            {
                Adapter().ScanAsync();
            }
            catch (System.Exception)
            {
                // busy or not started: the next request scans
            }
        }

        private static WifiAdapter Adapter()
        {
            if (_adapter == null) _adapter = WifiAdapter.FindAllAdapters()[0];
            return _adapter;
        }

        /// <summary>The station's 6-byte MAC (the default VSCP GUIDs, client id and access point name come from it).</summary>
        public static byte[] Mac()
        {
            return Interface().PhysicalAddress;
        }

        private static NetworkInterface Interface()
        {
            NetworkInterface[] all = NetworkInterface.GetAllNetworkInterfaces();
            for (int i = 0; i < all.Length; i++)
            {
                if (all[i].NetworkInterfaceType == NetworkInterfaceType.Wireless80211) return all[i];
            }
            return all[0];
        }
    }
}
