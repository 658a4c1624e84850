using MeterGateway.Device;

namespace MeterGateway.Health
{
    /// <summary>
    /// What only the platform knows about the gateway's own health, for the status JSON (<see cref="StatusJson"/>): the
    /// device facts of the firmware's <see cref="IDeviceInfo"/> (free memory, firmware, IP address, last reboot reason)
    /// plus the application version and the Wi-Fi signal. ESP32: <c>Esp32DeviceInfo</c> and the station's RSSI; host:
    /// the .NET runtime, no Wi-Fi, and the GC's figures. Read on the gateway loop's thread, once per status document;
    /// quick, and never throwing.
    /// </summary>
    public interface IPlatformHealth : IDeviceInfo
    {
        /// <summary>The MeterGateway application version, e.g. <c>0.1.0</c>.</summary>
        string ApplicationVersion { get; }

        /// <summary>Wi-Fi signal strength in dBm, or <see cref="PlatformHealth.NoWifi"/> where there is no Wi-Fi (the host).</summary>
        int WifiRssi { get; }
    }

    /// <summary>Sentinels of <see cref="IPlatformHealth"/> (written as JSON <c>null</c>).</summary>
    public static class PlatformHealth
    {
        /// <summary>No Wi-Fi interface (or not connected).</summary>
        public const int NoWifi = int.MinValue;

        /// <summary>Free memory not known (<see cref="IDeviceInfo.FreeMemory"/>'s -1).</summary>
        public const long Unknown = -1;
    }
}
