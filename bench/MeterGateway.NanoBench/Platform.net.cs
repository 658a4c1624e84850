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

        /// <summary>Now, in 100 ns ticks.</summary>
        public static long Ticks()
        {
            return (long)(System.Diagnostics.Stopwatch.GetTimestamp() * (10000000.0 / System.Diagnostics.Stopwatch.Frequency));
        }
    }
}
