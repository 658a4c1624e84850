namespace MeterGateway.Update
{
    /// <summary>
    /// Why an update was refused, failed or reverted. <see cref="UpdateReasons"/> gives each one's name (for the JSON
    /// status) and a constant English text. docs/ota.md lists them with what to do.
    /// </summary>
    public enum UpdateReason
    {
        /// <summary>No problem.</summary>
        None = 0,
        /// <summary>The command payload is not <c>update URL</c> (optionally followed by a manifest).</summary>
        CommandMalformed,
        /// <summary>A URL that is not https:// (or http:// where plain HTTP is allowed), or has spaces or control characters.</summary>
        BadUrl,
        /// <summary>An update is already downloading, or the last one is still on trial (not yet confirmed).</summary>
        Busy,
        /// <summary>The manifest is longer than <see cref="UpdateManifest.MaxLength"/> bytes.</summary>
        ManifestTooLong,
        /// <summary>The manifest breaks the format: first line, line ends, field syntax, a required field missing or repeated.</summary>
        ManifestMalformed,
        /// <summary>A field this loader does not know (and whose name does not start with <c>x-</c>).</summary>
        ManifestUnknownField,
        /// <summary>A <c>file</c> line with a bad name, size or SHA-256, a name given twice, or too many files.</summary>
        ManifestBadFile,
        /// <summary>The manifest names another signing key than the fleet key this box trusts.</summary>
        WrongKey,
        /// <summary>The signature does not verify with the fleet key: the manifest was changed after signing.</summary>
        BadSignature,
        /// <summary>The version is not newer than the running one (no downgrades, no replays of old releases).</summary>
        NotNewer,
        /// <summary>The release needs a newer native (nanoFramework) firmware than this box has: flash it with nanoff first.</summary>
        FirmwareTooOld,
        /// <summary>The files do not fit in the storage left to updates (the outbox and configuration share the partition).</summary>
        TooBig,
        /// <summary>The server sent more bytes for a file than the manifest says.</summary>
        FileTooLong,
        /// <summary>A downloaded file does not match its SHA-256 in the manifest: it was changed or damaged.</summary>
        FileHashMismatch,
        /// <summary>The download broke off more times in a row than allowed; the bytes so far are kept for a retry.</summary>
        DownloadFailed,
        /// <summary>The partition filled up during the download (the outbox grew): the staged files were removed.</summary>
        StorageFull,
        /// <summary>A set on storage no longer matches its signed manifest (flash damage or tampering).</summary>
        SetCorrupted,
        /// <summary>The new set did not reach the broker and publish within the deadline after its first boot.</summary>
        PublishDeadline,
        /// <summary>The new set restarted too many times without publishing (a crash loop).</summary>
        CrashLoop,
        /// <summary>
        /// The box's managed heap is too small to run an updated set (a module without PSRAM, whose heap holds about 100 KB:
        /// the loader runs an updated set from its files on the heap, docs/firmware.md); flash the release with nanoff.
        /// </summary>
        HeapTooSmall,
    }

    /// <summary>Names and texts of <see cref="UpdateReason"/> (nanoFramework's Enum.ToString gives the number).</summary>
    public static class UpdateReasons
    {
        // Made on first use: nanoFramework runs every static initializer at start and keeps what it makes, and a box names
        // a reason only after an update command.
        private static string[] _names, _texts;

        /// <summary>The reason's JSON name, e.g. <c>bad-signature</c>.</summary>
        public static string Name(UpdateReason reason)
        {
            string[] names = _names;
            if (names == null) _names = names = new string[]
            {
                "none", "command-malformed", "bad-url", "busy", "manifest-too-long", "manifest-malformed",
                "manifest-unknown-field", "manifest-bad-file", "wrong-key", "bad-signature", "not-newer",
                "firmware-too-old", "too-big", "file-too-long", "file-hash-mismatch", "download-failed", "storage-full",
                "set-corrupted", "publish-deadline", "crash-loop", "heap-too-small",
            };
            int i = (int)reason;
            return i >= 0 && i < names.Length ? names[i] : "unknown";
        }

        /// <summary>The reason's constant English text ("" for <see cref="UpdateReason.None"/>).</summary>
        public static string Text(UpdateReason reason)
        {
            string[] texts = _texts;
            if (texts == null) _texts = texts = new string[]
            {
                "",
                "update command: expected 'update URL' (and the manifest on the following lines)",
                "update command: the URL must be https:// and contain no spaces",
                "an update is already in progress or not yet confirmed",
                "manifest: longer than 4096 bytes",
                "manifest: not in the metergateway-update 1 format",
                "manifest: unknown field",
                "manifest: bad file line (name, size or SHA-256), duplicate name or too many files",
                "manifest: signed by another key than this box's fleet key",
                "manifest: signature does not verify (changed after signing)",
                "release: version is not newer than the running one",
                "release: needs a newer native firmware (flash it with nanoff)",
                "release: does not fit in the storage left for updates",
                "download: the server sent more bytes than the manifest says",
                "download: file does not match its SHA-256 (changed or damaged)",
                "download: connection broke too often; will resume from the bytes kept",
                "download: storage full (outbox and configuration share the partition)",
                "set on storage does not match its signed manifest",
                "new set did not publish within the deadline",
                "new set restarted too often without publishing",
                "box: its memory cannot run an updated set (a module without PSRAM); flash the release with nanoff",
            };
            int i = (int)reason;
            return i >= 0 && i < texts.Length ? texts[i] : "";
        }
    }
}
