using MeterGateway.Crypto;

namespace MeterGateway.Update
{
    /// <summary>
    /// What <see cref="UpdateAgent"/> works with during one update: made when an update starts or a download is resumed,
    /// dropped when it ends, so that an idle agent holds none of it. About 13 KB on the ESP32's heap (32-bit nanoCLR):
    /// the received manifest's bytes and <see cref="SetStorage"/>'s (4 KB each, <see cref="UpdateManifest.MaxLength"/>),
    /// two chunk buffers (<see cref="UpdatePolicy.ChunkSize"/>), two manifests with their 32-file tables, the SHA-256
    /// states and the boot record.
    /// </summary>
    internal sealed class UpdateWork
    {
        /// <summary>The slots on storage.</summary>
        public readonly SetStorage Sets;
        /// <summary>The manifest being installed.</summary>
        public readonly UpdateManifest Manifest = new UpdateManifest();
        /// <summary>A manifest read back from storage (resume, the final check).</summary>
        public readonly UpdateManifest Check = new UpdateManifest();
        /// <summary>The manifest's bytes as received (inline, fetched, or read back to resume).</summary>
        public readonly byte[] ManifestBytes = new byte[UpdateManifest.MaxLength];
        /// <summary>The transport's and the storage's chunk.</summary>
        public readonly byte[] Chunk;
        /// <summary>A file's SHA-256 when it is complete.</summary>
        public readonly byte[] Digest = new byte[Sha256.HashSize];
        /// <summary>The hash of the file being downloaded.</summary>
        public readonly Sha256 Sha = new Sha256();
        /// <summary>The boot record: read when the manifest is accepted, written at the switch.</summary>
        public readonly BootRecord Record = new BootRecord();

        /// <summary>The memory of an update on <paramref name="storage"/> with <paramref name="policy"/>'s fleet key and chunk size.</summary>
        public UpdateWork(IUpdateStorage storage, UpdatePolicy policy)
        {
            Sets = new SetStorage(storage, policy.Key, policy.ChunkSize);
            Chunk = new byte[policy.ChunkSize];
        }
    }
}
