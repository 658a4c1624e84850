namespace MeterGateway.Device
{
    /// <summary>What the ESP32 application does after power-up (<see cref="BootDecision"/>).</summary>
    public enum BootMode : byte
    {
        /// <summary>Join the configured Wi-Fi and run the gateway.</summary>
        Normal = 0,
        /// <summary>
        /// Configure the soft access point to start with the system and restart: the nanoFramework Wi-Fi driver
        /// applies an access-point configuration at boot (the nanoFramework WiFiAP sample does the same).
        /// </summary>
        StartPortal = 1,
        /// <summary>The access point is up: serve the provisioning portal until settings are saved.</summary>
        Portal = 2,
        /// <summary>
        /// The access point is still configured although the portal is not needed (it was left without saving and
        /// timed out): turn it off and restart into normal mode.
        /// </summary>
        StopPortal = 3,
    }
}
