namespace MeterGateway.NanoBench
{
    /// <summary>nanoFramework: the managed heap after a collection, and the time.</summary>
    public static class Platform
    {
        /// <summary>What the figures are from.</summary>
        public const string Name = "nanoFramework";

        /// <summary>
        /// Free bytes of the managed heap after a full collection (<c>nanoFramework.Runtime.Native.GC.Run</c>; without
        /// compaction, which the Linux nanoCLR does not survive).
        /// </summary>
        public static long FreeAfterCollection()
        {
            return nanoFramework.Runtime.Native.GC.Run(false);
        }

        /// <summary>Bytes allocated so far, or -1 where the runtime does not count them (nanoFramework).</summary>
        public static long Allocated()
        {
            return -1;
        }

        /// <summary>Now, in 100 ns ticks.</summary>
        public static long Ticks()
        {
            return System.DateTime.UtcNow.Ticks;
        }
    }
}
