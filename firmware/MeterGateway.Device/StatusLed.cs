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

        // Per LedState: pairs of [on from, on until) within a PatternMs cycle.
        private static readonly int[][] OnIntervals =
        {
            new int[] { 0, 1000 },                                                              // Portal
            new int[] { 0, 100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300, 1400, 1500, 1600, 1700, 1800, 1900 }, // NoWifi
            new int[] { 0, 100, 300, 400 },                                                     // NoBroker
            new int[] { 0, 100 },                                                               // NoMeterData
        };

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
            int[] intervals = OnIntervals[(int)state];
            for (int i = 0; i < intervals.Length; i += 2)
            {
                if (phase >= intervals[i] && phase < intervals[i + 1]) return true;
            }
            return false;
        }
    }
}
