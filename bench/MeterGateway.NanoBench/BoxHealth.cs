using MeterGateway.Health;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// A stand-in of the box's <c>Esp32DeviceInfo</c> (firmware/MeterGateway/Platform, which reads nanoFramework's
    /// <c>SystemInfo</c>, the Wi-Fi station and the file system) of the same shape: the application version, the
    /// network's SSID and the last restart's reason (empty), three strings, for <see cref="BoxParts"/>. Fixed answers.
    /// </summary>
    public sealed class BoxHealth : IPlatformHealth
    {
        private readonly string _lastReboot;
        private readonly string _ssid;
        private readonly string _version;

        /// <summary>Health of a box running <paramref name="applicationVersion"/> joined to <paramref name="ssid"/>; no restart reason.</summary>
        public BoxHealth(string applicationVersion, string ssid)
        {
            _version = applicationVersion;
            _ssid = ssid;
            _lastReboot = "";
        }

        /// <summary>Unknown here: <see cref="PlatformHealth.Unknown"/>.</summary>
        public long FreeMemory()
        {
            return PlatformHealth.Unknown;
        }

        /// <summary>The application version.</summary>
        public string Firmware
        {
            get { return _version; }
        }

        /// <inheritdoc/>
        public string ApplicationVersion
        {
            get { return _version; }
        }

        /// <summary>None: <see cref="PlatformHealth.NoWifi"/>.</summary>
        public int WifiRssi
        {
            get { return PlatformHealth.NoWifi; }
        }

        /// <summary>The network's SSID (the box looks its signal up by it).</summary>
        public string Ssid
        {
            get { return _ssid; }
        }

        /// <summary>None: an empty string.</summary>
        public string IpAddress
        {
            get { return ""; }
        }

        /// <inheritdoc/>
        public string LastRebootReason
        {
            get { return _lastReboot; }
        }
    }
}
