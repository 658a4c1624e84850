namespace MeterGateway.Device
{
    /// <summary>
    /// The status LED as a pure function of the device's state and the time, so that the ESP32 adapter only writes
    /// the pin every few tens of milliseconds. Patterns are listed in <see cref="LedState"/> and in docs/user-guide.md
    /// (troubleshooting). Allocates nothing.
    /// </summary>
    public static class StatusLed
    {
        /// <summary>Length of each blink pattern, in ms.</summary>
        public const int PatternMs = 2000;
        /// <summary>How long the LED goes dark at a valid frame when <see cref="LedState.Running"/>, in ms.</summary>
        public const int HeartbeatMs = 100;

        /// <summary>The state to show: the portal first, then the first missing link from Wi-Fi to broker to meter.</summary>
        public static LedState StateOf(bool portal, bool wifiUp, bool brokerUp, bool meterSilent)
        {
            if (portal) return LedState.Portal;
            if (!wifiUp) return LedState.NoWifi;
            if (!brokerUp) return LedState.NoBroker;
            if (meterSilent) return LedState.NoMeterData;
            return LedState.Running;
        }

        /// <summary>
        /// Whether the LED is lit at <paramref name="nowMs"/> (monotonic); <paramref name="lastFrameMs"/> is when the
        /// last valid frame arrived (for the heartbeat of <see cref="LedState.Running"/>), or a negative number for none.
        /// </summary>
        public static bool IsOn(LedState state, long nowMs, long lastFrameMs)
        {
            if (state == LedState.Running) return lastFrameMs < 0 || nowMs - lastFrameMs >= HeartbeatMs || nowMs < lastFrameMs;
            int phase = (int)(nowMs % PatternMs);
            if (phase < 0) phase += PatternMs;
            // the patterns within a PatternMs cycle, computed (no static table on nanoFramework's heap)
            switch (state)
            {
                case LedState.Portal: return phase < 1000;                                    // 1 s on, 1 s off
                case LedState.NoWifi: return phase % 200 < 100;                               // fast blink, 100 ms on and off
                case LedState.NoBroker: return phase < 100 || (phase >= 300 && phase < 400); // double flash
                case LedState.NoMeterData: return phase < 100;                               // single flash
                default: return false;
            }
        }
    }
}
