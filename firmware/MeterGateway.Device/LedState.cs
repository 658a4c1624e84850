namespace MeterGateway.Device
{
    /// <summary>What the status LED shows (<see cref="StatusLed"/>), most urgent first.</summary>
    public enum LedState : byte
    {
        /// <summary>Provisioning portal open: slow blink, 1 s on, 1 s off.</summary>
        Portal = 0,
        /// <summary>No Wi-Fi: fast blink, 100 ms on, 100 ms off.</summary>
        NoWifi = 1,
        /// <summary>Wi-Fi up, no broker: two short flashes every 2 s.</summary>
        NoBroker = 2,
        /// <summary>Broker up, no valid frame from the meter for <c>serial_timeout</c>: one short flash every 2 s.</summary>
        NoMeterData = 3,
        /// <summary>All well: on, going dark for 100 ms at each valid frame (a heartbeat).</summary>
        Running = 4,
    }
}
