namespace MeterGateway.Device
{
    /// <summary>What the status report tells about the device beyond the gateway's counters; the ESP32 adapter asks nanoFramework.</summary>
    public interface IDeviceInfo
    {
        /// <summary>Free managed memory in bytes after a collection (ESP32: <c>nanoFramework.Runtime.Native.GC.Run(false)</c>), or -1 when unknown.</summary>
        long FreeMemory();

        /// <summary>Version of the application and of the nanoFramework firmware, as text.</summary>
        string Firmware { get; }

        /// <summary>The device's IPv4 address as text, or an empty string while it has none.</summary>
        string IpAddress { get; }

        /// <summary>Why the device last restarted on its own (the watchdog's reason), or an empty string.</summary>
        string LastRebootReason { get; }
    }
}
