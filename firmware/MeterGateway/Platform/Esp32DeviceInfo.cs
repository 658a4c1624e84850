using System.IO;
using System.Text;
using MeterGateway.Device;
using MeterGateway.Health;
using nanoFramework.Runtime.Native;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IDeviceInfo"/> from nanoFramework: free managed memory from <c>GC.Run(false)</c> (a collection
    /// without compaction, which returns the free bytes), the firmware version from <c>SystemInfo</c>, the station's
    /// IPv4 address, and the reason the watchdog wrote to <c>I:\last_reboot.txt</c> before its last restart; and for
    /// the status page (<see cref="IPlatformHealth"/>) the running set's version and the Wi-Fi signal of the joined
    /// network from the station's last scan (<see cref="WifiStation.Rssi"/>).
    /// </summary>
    public sealed class Esp32DeviceInfo : IPlatformHealth
    {
        /// <summary>Where the watchdog leaves its reason for the next start.</summary>
        public const string RebootReasonPath = "I:\\last_reboot.txt";

        private readonly string _lastReboot;
        private readonly string _ssid;
        private readonly string _version;

        /// <summary>
        /// Health of a box running application version <paramref name="applicationVersion"/>, joined to
        /// <paramref name="ssid"/>; reads and removes the reason left by the last watchdog restart.
        /// </summary>
        public Esp32DeviceInfo(string applicationVersion, string ssid)
        {
            _version = applicationVersion;
            _ssid = ssid;
            _lastReboot = "";
            if (!File.Exists(RebootReasonPath)) return;
            byte[] bytes = Esp32ConfigStore.ReadAll(RebootReasonPath);
            _lastReboot = Encoding.UTF8.GetString(bytes, 0, bytes.Length);
            File.Delete(RebootReasonPath);
        }

        /// <inheritdoc/>
        public long FreeMemory()
        {
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        /// <inheritdoc/>
        public string Firmware
        {
            get { return "MeterGateway " + _version + " / nanoFramework " + SystemInfo.Version.ToString() + " " + SystemInfo.TargetName; }
        }

        /// <inheritdoc/>
        public string ApplicationVersion
        {
            get { return _version; }
        }

        /// <inheritdoc/>
        public int WifiRssi
        {
            get { return WifiStation.IsUp() ? WifiStation.Rssi(_ssid, PlatformHealth.NoWifi) : PlatformHealth.NoWifi; }
        }

        /// <inheritdoc/>
        public string IpAddress
        {
            get { return WifiStation.IpAddress(); }
        }

        /// <inheritdoc/>
        public string LastRebootReason
        {
            get { return _lastReboot; }
        }

        /// <summary>Leaves <paramref name="reason"/> for the next start (best effort: the device restarts either way).</summary>
        public static void RememberRebootReason(string reason)
        {
            try
            {
                byte[] bytes = Encoding.UTF8.GetBytes(reason);
                using (FileStream file = new FileStream(RebootReasonPath, FileMode.Create, FileAccess.Write))
                {
                    file.Write(bytes, 0, bytes.Length);
                }
            }
            catch (IOException)
            {
                // a full or broken partition must not keep the watchdog from restarting
            }
        }
    }
}
