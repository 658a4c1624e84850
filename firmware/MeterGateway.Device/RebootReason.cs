namespace MeterGateway.Device
{
    /// <summary>Why <see cref="WatchdogPolicy"/> wants the device restarted.</summary>
    public enum RebootReason : byte
    {
        /// <summary>No reason: keep running.</summary>
        None = 0,
        /// <summary>The main loop has not fed the watchdog within <c>watchdog_timeout</c>.</summary>
        LoopStalled = 1,
        /// <summary>No broker for <c>broker_reboot_minutes</c> while nothing more can be kept for later.</summary>
        BrokerUnreachable = 2,
        /// <summary>Free managed memory below <c>min_free_memory</c> in <see cref="WatchdogPolicy.LowMemoryChecks"/> checks in a row.</summary>
        LowMemory = 3,
    }
}
