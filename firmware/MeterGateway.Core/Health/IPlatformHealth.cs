namespace MeterGateway.Core.Health
{
    /// <summary>
    /// What only the platform knows about the gateway's own health, for the status JSON (<see cref="StatusJson"/>): the
    /// versions, the Wi-Fi signal and the free managed memory. ESP32: the nanoFramework firmware version,
    /// <c>WifiNetworkHelper</c>/<c>NetworkInterface</c> RSSI and <c>nanoFramework.Runtime.Native.GC.Run(false)</c>;
    /// host: the .NET runtime, no Wi-Fi, and the GC's figures. Properties are read on the gateway loop's thread, once
    /// per status message; they must be quick and must not throw.
    /// </summary>
    public interface IPlatformHealth
    {
        /// <summary>The MeterGateway application version, e.g. <c>0.1.0</c>.</summary>
        string ApplicationVersion { get; }

        /// <summary>The firmware or runtime the application runs on, e.g. <c>nanoFramework 1.17.11</c> or <c>.NET 10.0.1</c>.</summary>
        string FirmwareVersion { get; }

        /// <summary>Wi-Fi signal strength in dBm, or <see cref="PlatformHealth.NoWifi"/> where there is no Wi-Fi (the host).</summary>
        int WifiRssi { get; }

        /// <summary>Free managed memory in bytes, or <see cref="PlatformHealth.Unknown"/>.</summary>
        long FreeMemory { get; }
    }

    /// <summary>Sentinels of <see cref="IPlatformHealth"/> (written as JSON <c>null</c>).</summary>
    public static class PlatformHealth
    {
        /// <summary>No Wi-Fi interface (or not connected).</summary>
        public const int NoWifi = int.MinValue;

        /// <summary>A figure the platform cannot give.</summary>
        public const long Unknown = -1;
    }
}
