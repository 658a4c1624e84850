using System.IO;
using System.Text;
using MeterGateway.Core.Device;
using nanoFramework.Runtime.Native;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IDeviceInfo"/> from nanoFramework: free managed memory from <c>GC.Run(false)</c> (a collection
    /// without compaction, which returns the free bytes), the firmware version from <c>SystemInfo</c>, the station's
    /// IPv4 address, and the reason the watchdog wrote to <c>I:\last_reboot.txt</c> before its last restart.
    /// </summary>
    public sealed class Esp32DeviceInfo : IDeviceInfo
    {
        /// <summary>Where the watchdog leaves its reason for the next start.</summary>
        public const string RebootReasonPath = "I:\\last_reboot.txt";

        private const string Application = "MeterGateway 1.0";
        private readonly string _lastReboot;

        /// <summary>Reads and removes the reason left by the last watchdog restart.</summary>
        public Esp32DeviceInfo()
        {
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
            get { return Application + " / nanoFramework " + SystemInfo.Version.ToString() + " " + SystemInfo.TargetName; }
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
