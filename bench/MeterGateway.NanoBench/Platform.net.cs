namespace MeterGateway.NanoBench
{
    /// <summary>.NET: the managed heap after a collection, bytes allocated, and the time.</summary>
    public static class Platform
    {
        /// <summary>What the figures are from.</summary>
        public const string Name = ".NET";

        /// <summary>.NET has no fixed heap: the figure is a fixed 10 MiB less what is in use, as on the Linux nanoCLR.</summary>
        public static long FreeAfterCollection()
        {
            return Program.HeapBytes - System.GC.GetTotalMemory(true);
        }

        /// <summary>Bytes this thread allocated so far.</summary>
        public static long Allocated()
        {
            return System.GC.GetAllocatedBytesForCurrentThread();
        }

        /// <summary>
        /// An update policy of the box's shape: the box's own, <c>UpdateSettings.Create</c> (firmware/MeterGateway.Loader/Platform),
        /// reads nanoFramework's <c>SystemInfo</c>, so .NET gets the same 32-byte fleet key (all zeros) and the defaults.
        /// </summary>
        public static MeterGateway.Update.UpdatePolicy UpdatePolicy()
        {
            MeterGateway.Update.UpdatePolicy policy = new MeterGateway.Update.UpdatePolicy();
            policy.Key = new MeterGateway.Update.FleetKey(new byte[32], 0);
            policy.BuiltInVersion = "1.0.0";
            return policy;
        }

        /// <summary>Now, in 100 ns ticks.</summary>
        public static long Ticks()
        {
            return (long)(System.Diagnostics.Stopwatch.GetTimestamp() * (10000000.0 / System.Diagnostics.Stopwatch.Frequency));
        }
    }
}
