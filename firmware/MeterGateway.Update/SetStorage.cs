using MeterGateway.Crypto;

namespace MeterGateway.Update
{
    /// <summary>
    /// The sets in slots A and B of <see cref="IUpdateStorage"/>: each slot folder holds the release's signed
    /// <c>manifest</c> (the bytes as received), its <c>source</c> (the URL folder the files come from, for a resumed
    /// download) and the files. Reads and checks them in chunks with a reused buffer: loading a manifest re-checks its
    /// signature with the fleet key, so a set planted on the partition by anyone else never verifies.
    /// </summary>
    public sealed class SetStorage
    {
        /// <summary>File name of a slot's manifest.</summary>
        public const string ManifestFile = "manifest";
        /// <summary>File name of a slot's source URL folder.</summary>
        public const string SourceFile = "source";

        private readonly IUpdateStorage _storage;
        private readonly FleetKey _key;
        private readonly Sha256 _sha = new Sha256();
        private readonly byte[] _chunk;
        private readonly byte[] _digest = new byte[Sha256.HashSize];

        /// <summary>The bytes of the manifest last loaded by <see cref="LoadManifest"/>.</summary>
        public readonly byte[] ManifestBytes = new byte[UpdateManifest.MaxLength];
        /// <summary>Their count.</summary>
        public int ManifestLength;

        /// <summary>Works on <paramref name="storage"/>, checking signatures with <paramref name="key"/>, reading <paramref name="chunkSize"/> bytes at a time.</summary>
        public SetStorage(IUpdateStorage storage, FleetKey key, int chunkSize)
        {
            _storage = storage;
            _key = key;
            _chunk = new byte[chunkSize];
        }

        /// <summary>The storage name of <paramref name="name"/> in <paramref name="slot"/> (A or B), e.g. <c>a/MeterGateway.pe</c>.</summary>
        public static string PathOf(int slot, string name)
        {
            return UpdateSlots.Folder(slot) + name;
        }

        /// <summary>
        /// Reads, parses and checks the signature of the manifest in <paramref name="slot"/> into
        /// <paramref name="manifest"/> (and <see cref="ManifestBytes"/>). Returns the parser's or the key's reason, or
        /// <see cref="UpdateReason.SetCorrupted"/> when the file is missing or too long.
        /// </summary>
        public UpdateReason LoadManifest(int slot, UpdateManifest manifest)
        {
            string path = PathOf(slot, ManifestFile);
            int length = _storage.Length(path);
            ManifestLength = 0;
            if (length <= 0 || length > UpdateManifest.MaxLength) return UpdateReason.SetCorrupted;
            ManifestLength = _storage.Read(path, 0, ManifestBytes, 0, length);
            if (ManifestLength != length) return UpdateReason.SetCorrupted;
            UpdateReason reason = manifest.Parse(ManifestBytes, 0, ManifestLength);
            return reason != UpdateReason.None ? reason : _key.Check(manifest, ManifestBytes, 0);
        }

        /// <summary>
        /// Checks a whole set: its manifest (signature included) and every file's size and SHA-256, read back from
        /// storage. <see cref="UpdateReason.None"/> or <see cref="UpdateReason.SetCorrupted"/>.
        /// </summary>
        public UpdateReason Verify(int slot, UpdateManifest manifest)
        {
            if (LoadManifest(slot, manifest) != UpdateReason.None) return UpdateReason.SetCorrupted;
            for (int i = 0; i < manifest.FileCount; i++)
            {
                if (!FileMatches(slot, manifest, i)) return UpdateReason.SetCorrupted;
            }
            return UpdateReason.None;
        }

        /// <summary>True when file <paramref name="index"/> of <paramref name="manifest"/> is in <paramref name="slot"/> whole, with its SHA-256.</summary>
        public bool FileMatches(int slot, UpdateManifest manifest, int index)
        {
            string path = PathOf(slot, manifest.FileNames[index]);
            int size = manifest.FileSizes[index];
            if (_storage.Length(path) != size) return false;
            if (HashPrefix(path, size, _sha) != size) return false;
            _sha.Final(_digest, 0);
            int at = index * Sha256.HashSize;
            for (int i = 0; i < Sha256.HashSize; i++)
            {
                if (_digest[i] != manifest.FileHashes[at + i]) return false;
            }
            return true;
        }

        /// <summary>Resets <paramref name="sha"/> and hashes the first <paramref name="count"/> bytes of a file; returns how many were there.</summary>
        public int HashPrefix(string path, int count, Sha256 sha)
        {
            sha.Reset();
            int done = 0;
            while (done < count)
            {
                int want = count - done < _chunk.Length ? count - done : _chunk.Length;
                int got = _storage.Read(path, done, _chunk, 0, want);
                if (got <= 0) break;
                sha.Update(_chunk, 0, got);
                done += got;
            }
            return done;
        }

        /// <summary>Deletes every file of <paramref name="slot"/> (A or B).</summary>
        public void Clear(int slot)
        {
            string[] names = _storage.List(UpdateSlots.Folder(slot));
            for (int i = 0; i < names.Length; i++) _storage.Delete(names[i]);
        }

        /// <summary>Bytes the files of <paramref name="slot"/> occupy, each rounded up to <paramref name="blockSize"/>.</summary>
        public long Footprint(int slot, int blockSize)
        {
            string[] names = _storage.List(UpdateSlots.Folder(slot));
            long total = 0;
            for (int i = 0; i < names.Length; i++) total += RoundUp(_storage.Length(names[i]), blockSize);
            return total;
        }

        /// <summary>Bytes a release needs on the partition: its files rounded up to <paramref name="blockSize"/>, plus a block each for the manifest and source files.</summary>
        public static long Footprint(UpdateManifest manifest, int blockSize)
        {
            long total = 2L * blockSize;
            for (int i = 0; i < manifest.FileCount; i++) total += RoundUp(manifest.FileSizes[i], blockSize);
            return total;
        }

        /// <summary>Bytes a file of <paramref name="size"/> bytes occupies: whole blocks of <paramref name="blockSize"/> (0 for an empty file).</summary>
        public static long RoundUp(long size, int blockSize)
        {
            if (size <= 0) return 0;
            return (size + blockSize - 1) / blockSize * blockSize;
        }
    }
}
