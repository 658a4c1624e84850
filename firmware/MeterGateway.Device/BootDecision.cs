using MeterGateway.Readings;

namespace MeterGateway.Device
{
    /// <summary>
    /// The provisioning state machine's decisions (docs/firmware.md, "Provisioning"):
    /// <code>
    ///  power-up ──(button held, or config.ini missing/invalid/without [WIFI] ssid)──► StartPortal: AP on, restart
    ///     │                                                                              │
    ///     │ (config usable, button not held)                                             ▼
    ///     ▼                                                        power-up with the AP on: Portal
    ///   Normal ◄── restart ◄── AP off ◄── settings saved (valid) ◄──┤  bad input: the form again, naming the key
    ///     ▲                                                         └─ idle timeout (config usable): StopPortal
    ///     └──────────────────────────────── restart ◄── AP off ◄──────┘
    /// </code>
    /// The access point's own configuration (kept by the firmware across restarts) is the state that says "portal":
    /// once it is on, the box comes back into the portal at every power-up until the settings are saved, or, when the
    /// stored configuration is usable, until the portal has been idle for <see cref="ProvisioningPortal.IdleTimeoutMs"/>.
    /// </summary>
    public static class BootDecision
    {
        /// <summary>
        /// The mode at power-up: <paramref name="configUsable"/> is <see cref="StoredConfig.IsUsable"/>,
        /// <paramref name="buttonHeld"/> the provisioning button's state, <paramref name="accessPointOn"/> whether the
        /// soft access point is configured to run.
        /// </summary>
        public static BootMode Decide(bool configUsable, bool buttonHeld, bool accessPointOn)
        {
            if (accessPointOn) return BootMode.Portal;
            if (buttonHeld || !configUsable) return BootMode.StartPortal;
            return BootMode.Normal;
        }

        /// <summary>What the portal leads to: <see cref="BootMode.StopPortal"/> once settings were saved or the idle portal may give up, else stay.</summary>
        public static BootMode AfterPortal(ProvisioningPortal portal, long nowMs)
        {
            return portal.Saved || portal.IdleExpired(nowMs) ? BootMode.StopPortal : BootMode.Portal;
        }

        /// <summary>The soft access point's SSID: <c>MeterGateway-</c> and the last three bytes of the 6-byte MAC in upper-case hex.</summary>
        public static string AccessPointSsid(byte[] mac)
        {
            byte[] hex = new byte[6];
            for (int i = 0; i < 3; i++) Ascii.WriteHex2(mac[3 + i], hex, i * 2);
            return "MeterGateway-" + Ascii.ToString(hex, 0, 6);
        }
    }
}
