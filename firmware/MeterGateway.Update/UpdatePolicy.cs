namespace MeterGateway.Update
{
    /// <summary>
    /// What the loader and the update agent are told by the platform: the fleet key (built into the loader), versions,
    /// the storage budget and the trial rules. Plain fields with the defaults below.
    /// </summary>
    public sealed class UpdatePolicy
    {
        /// <summary>The only key updates are accepted from.</summary>
        public FleetKey Key;

        /// <summary>The version of the set deployed with nanoff (<see cref="UpdateSlots.BuiltIn"/>).</summary>
        public string BuiltInVersion = "0.0.0";

        /// <summary>The native nanoFramework firmware version of this box, compared with a manifest's <c>firmware</c>.</summary>
        public string FirmwareVersion = "0.0.0";

        /// <summary>
        /// Bytes of the partition that updates must leave free for the outbox and the configuration (they share it).
        /// A release fits when its files (rounded up to <see cref="BlockSize"/>, plus two blocks for the manifest and
        /// source files) fit in the partition's free bytes minus this reserve. Default 96 KiB of the 256 KiB <c>I:\</c>.
        /// </summary>
        public long ReservedBytes = 96 * 1024;

        /// <summary>Allocation unit of the file system: LittleFS on the ESP32 uses 4096-byte blocks, and a file takes whole blocks.</summary>
        public int BlockSize = 4096;

        /// <summary>Bytes fetched and written per download step.</summary>
        public int ChunkSize = 1024;

        /// <summary>Download failures in a row (no byte gained) before the update is reported failed.</summary>
        public int MaxDownloadFailures = 8;

        /// <summary>First wait after a broken download, doubled on each failure up to <see cref="RetryMaxMs"/>.</summary>
        public int RetryInitialMs = 2000;

        /// <summary>Longest wait between download attempts.</summary>
        public int RetryMaxMs = 60000;

        /// <summary>Boots a new set may take without publishing before it is reverted (a crash loop).</summary>
        public int MaxTrialBoots = 3;

        /// <summary>After the first boot of a new set, the time it has to reach the broker and publish, or it is reverted.</summary>
        public int PublishDeadlineMs = 300000;

        /// <summary>True (the default): refuse URLs that are not https://. Tests on the loopback turn it off.</summary>
        public bool RequireHttps = true;

        /// <summary>True (the default): check the running set's signature and file hashes at every boot, not only on its trial boot.</summary>
        public bool VerifyEveryBoot = true;
    }
}
