using System.Net.NetworkInformation;

namespace MeterGateway.Host.Gateway;

/// <summary>The machine's identity for default VSCP GUIDs and MQTT client ids.</summary>
public static class HostIdentity
{
    /// <summary>The 6-byte MAC of the first network interface that has one (not loopback), or six zero bytes.</summary>
    public static byte[] Mac()
    {
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces()
                     .OrderByDescending(n => n.OperationalStatus == OperationalStatus.Up)
                     .ThenBy(n => n.Name, StringComparer.Ordinal))
        {
            if (nic.NetworkInterfaceType == NetworkInterfaceType.Loopback) continue;
            byte[] mac = nic.GetPhysicalAddress().GetAddressBytes();
            if (mac.Length == 6 && mac.Any(b => b != 0)) return mac;
        }
        return new byte[6];
    }
}
