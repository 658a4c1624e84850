using MeterGateway.Crypto;
using MeterGateway.Readings;

namespace MeterGateway.Update
{
    /// <summary>
    /// The signed description of a release: which assemblies make the application, their sizes and SHA-256, the
    /// version, the native firmware it needs, and the fleet key's Ed25519 signature. A text format, one field per
    /// line, LF line ends, printable ASCII only, at most <see cref="MaxLength"/> bytes:
    /// <code>
    /// metergateway-update 1
    /// version 1.4.0
    /// firmware 1.17.11.0
    /// entry MeterGateway.Program
    /// key 3f9c0d2e8a71b654
    /// file MeterGateway.Core.pe 61234 &lt;SHA-256, 64 hex digits&gt;
    /// file MeterGateway.pe 20480 &lt;SHA-256, 64 hex digits&gt;
    /// signature &lt;Ed25519 signature, 128 hex digits&gt;
    /// </code>
    /// The first line is exactly <see cref="Header"/>. <c>version</c> is the release's (<see cref="AppVersion"/>),
    /// <c>firmware</c> the oldest native firmware it runs on, <c>entry</c> the type whose static <c>Main</c> the
    /// loader calls, <c>key</c> the first 8 bytes of the SHA-256 of the signing public key (<see cref="FleetKey"/>),
    /// <c>file</c> one assembly each, in load order (1 to <see cref="MaxFiles"/>; names of letters, digits,
    /// <c>. _ -</c>, ending in <c>.pe</c>, at most <see cref="MaxNameLength"/> characters; sizes 1 byte to 16 MiB).
    /// <c>signature</c> is the last line and signs every byte before it (RFC 8032 Ed25519, no context).
    /// Fields other than <c>file</c> appear once, in any order. Unknown fields are refused, so an older loader never
    /// half-understands a newer release, except those named <c>x-…</c>, which are signed but ignored.
    /// <para>Parsing allocates only the few strings it keeps (version, firmware, entry, file names); the arrays are
    /// allocated once with the instance.</para>
    /// </summary>
    public sealed class UpdateManifest
    {
        /// <summary>Longest manifest accepted, in bytes.</summary>
        public const int MaxLength = 4096;
        /// <summary>Most files in a release.</summary>
        public const int MaxFiles = 32;
        /// <summary>Longest file name.</summary>
        public const int MaxNameLength = 48;
        /// <summary>Largest file, in bytes (16 MiB: far more than the partition; the budget check refuses earlier).</summary>
        public const int MaxFileSize = 1 << 24;
        /// <summary>Bytes of the key id.</summary>
        public const int KeyIdSize = 8;
        /// <summary>The first line.</summary>
        public const string Header = "metergateway-update 1";

        private const int MaxEntryLength = 128;

        /// <summary>The release's version.</summary>
        public string Version;
        /// <summary>The oldest native firmware version the release runs on.</summary>
        public string MinimumFirmware;
        /// <summary>Full name of the type whose static Main the loader calls.</summary>
        public string Entry;
        /// <summary>Number of files.</summary>
        public int FileCount;
        /// <summary>File names, in load order (the first <see cref="FileCount"/> entries).</summary>
        public readonly string[] FileNames = StringArray.New(MaxFiles);
        /// <summary>File sizes in bytes.</summary>
        public readonly int[] FileSizes = new int[MaxFiles];
        /// <summary>SHA-256 of each file, 32 bytes each, file i at offset 32·i.</summary>
        public readonly byte[] FileHashes = new byte[MaxFiles * Sha256.HashSize];
        /// <summary>The key id named by the manifest.</summary>
        public readonly byte[] KeyId = new byte[KeyIdSize];
        /// <summary>The Ed25519 signature.</summary>
        public readonly byte[] Signature = new byte[Ed25519.SignatureSize];
        /// <summary>Number of bytes the signature covers, from the start of the manifest.</summary>
        public int SignedLength;
        /// <summary>Sum of the file sizes.</summary>
        public long TotalSize;

        /// <summary>
        /// Reads a manifest (format above) from <paramref name="count"/> bytes at <paramref name="offset"/>; returns
        /// <see cref="UpdateReason.None"/> or why it is refused (<see cref="UpdateReason.ManifestTooLong"/>,
        /// <see cref="UpdateReason.ManifestMalformed"/>, <see cref="UpdateReason.ManifestUnknownField"/>,
        /// <see cref="UpdateReason.ManifestBadFile"/>). Checks the syntax only: <see cref="FleetKey.Check"/> checks the
        /// signature. Never throws on bad input.
        /// </summary>
        public UpdateReason Parse(byte[] data, int offset, int count)
        {
            Clear();
            if (count > MaxLength) return UpdateReason.ManifestTooLong;
            int end = offset + count;
            int position = offset;
            bool first = true;
            bool haveKey = false;
            while (position < end)
            {
                int lineEnd = position;
                while (lineEnd < end && data[lineEnd] != '\n')
                {
                    if (data[lineEnd] < 0x20 || data[lineEnd] > 0x7E) return UpdateReason.ManifestMalformed;
                    lineEnd++;
                }
                if (first)
                {
                    if (!Ascii.Equals(data, position, lineEnd - position, Header)) return UpdateReason.ManifestMalformed;
                    first = false;
                    position = lineEnd + 1;
                    continue;
                }
                int space = position;
                while (space < lineEnd && data[space] != ' ') space++;
                int nameLength = space - position;
                int value = space + 1;
                int valueLength = lineEnd - value;
                if (space == lineEnd || valueLength == 0) return UpdateReason.ManifestMalformed;
                if (Ascii.Equals(data, position, nameLength, "signature"))
                {
                    if (valueLength != 2 * Ed25519.SignatureSize || !ReadHex(data, value, Signature, 0, Ed25519.SignatureSize)) return UpdateReason.ManifestMalformed;
                    if (lineEnd + 1 < end) return UpdateReason.ManifestMalformed;
                    SignedLength = position - offset;
                    break;
                }
                UpdateReason reason = Field(data, position, nameLength, value, valueLength, ref haveKey);
                if (reason != UpdateReason.None) return reason;
                position = lineEnd + 1;
            }
            if (SignedLength == 0 || Version == null || MinimumFirmware == null || Entry == null || !haveKey || FileCount == 0)
            {
                Clear();
                return UpdateReason.ManifestMalformed;
            }
            return UpdateReason.None;
        }

        /// <summary>The index of the file called <paramref name="name"/>, or −1.</summary>
        public int IndexOf(string name)
        {
            for (int i = 0; i < FileCount; i++)
            {
                if (FileNames[i] == name) return i;
            }
            return -1;
        }

        private UpdateReason Field(byte[] data, int name, int nameLength, int value, int valueLength, ref bool haveKey)
        {
            if (Ascii.Equals(data, name, nameLength, "version"))
            {
                if (Version != null || !AppVersion.IsValid(data, value, valueLength)) return UpdateReason.ManifestMalformed;
                Version = Ascii.ToString(data, value, valueLength);
            }
            else if (Ascii.Equals(data, name, nameLength, "firmware"))
            {
                if (MinimumFirmware != null || !AppVersion.IsValid(data, value, valueLength)) return UpdateReason.ManifestMalformed;
                MinimumFirmware = Ascii.ToString(data, value, valueLength);
            }
            else if (Ascii.Equals(data, name, nameLength, "entry"))
            {
                if (Entry != null || valueLength > MaxEntryLength || !IsTypeName(data, value, valueLength)) return UpdateReason.ManifestMalformed;
                Entry = Ascii.ToString(data, value, valueLength);
            }
            else if (Ascii.Equals(data, name, nameLength, "key"))
            {
                if (haveKey || valueLength != 2 * KeyIdSize || !ReadHex(data, value, KeyId, 0, KeyIdSize)) return UpdateReason.ManifestMalformed;
                haveKey = true;
            }
            else if (Ascii.Equals(data, name, nameLength, "file"))
            {
                return File(data, value, valueLength);
            }
            else if (nameLength < 3 || data[name] != 'x' || data[name + 1] != '-')
            {
                return UpdateReason.ManifestUnknownField;
            }
            return UpdateReason.None;
        }

        // "NAME SIZE SHA256"
        private UpdateReason File(byte[] data, int offset, int count)
        {
            if (FileCount == MaxFiles) return UpdateReason.ManifestBadFile;
            int end = offset + count;
            int nameEnd = offset;
            while (nameEnd < end && data[nameEnd] != ' ') nameEnd++;
            int sizeStart = nameEnd + 1;
            int sizeEnd = sizeStart;
            while (sizeEnd < end && data[sizeEnd] != ' ') sizeEnd++;
            int hashStart = sizeEnd + 1;
            if (!IsFileName(data, offset, nameEnd - offset) || hashStart > end || end - hashStart != 2 * Sha256.HashSize) return UpdateReason.ManifestBadFile;
            long size = 0;
            for (int i = sizeStart; i < sizeEnd; i++)
            {
                if (!Ascii.IsDigit(data[i])) return UpdateReason.ManifestBadFile;
                size = size * 10 + (data[i] - '0');
                if (size > MaxFileSize) return UpdateReason.ManifestBadFile;
            }
            if (sizeEnd == sizeStart || size == 0) return UpdateReason.ManifestBadFile;
            if (!ReadHex(data, hashStart, FileHashes, FileCount * Sha256.HashSize, Sha256.HashSize)) return UpdateReason.ManifestBadFile;
            string fileName = Ascii.ToString(data, offset, nameEnd - offset);
            if (IndexOf(fileName) >= 0) return UpdateReason.ManifestBadFile;
            FileNames[FileCount] = fileName;
            FileSizes[FileCount] = (int)size;
            TotalSize += size;
            FileCount++;
            return UpdateReason.None;
        }

        private void Clear()
        {
            Version = null;
            MinimumFirmware = null;
            Entry = null;
            for (int i = 0; i < FileCount; i++) FileNames[i] = null;
            FileCount = 0;
            SignedLength = 0;
            TotalSize = 0;
        }

        // Letters, digits, '.', '_', '-'; not starting with '.'; ending in ".pe".
        private static bool IsFileName(byte[] data, int offset, int count)
        {
            if (count < 4 || count > MaxNameLength || data[offset] == '.') return false;
            for (int i = offset; i < offset + count; i++)
            {
                int c = data[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || Ascii.IsDigit(c) || c == '.' || c == '_' || c == '-';
                if (!ok) return false;
            }
            return data[offset + count - 3] == '.' && data[offset + count - 2] == 'p' && data[offset + count - 1] == 'e';
        }

        // A dotted type name: letters, digits, '_' and '.'.
        private static bool IsTypeName(byte[] data, int offset, int count)
        {
            for (int i = offset; i < offset + count; i++)
            {
                int c = data[i];
                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || Ascii.IsDigit(c) || c == '_' || c == '.';
                if (!ok) return false;
            }
            return data[offset] != '.' && data[offset + count - 1] != '.';
        }

        // 2·count hex digits (either case) at offset → count bytes at outputOffset.
        private static bool ReadHex(byte[] data, int offset, byte[] output, int outputOffset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                int hi = Ascii.HexValue(data[offset + 2 * i]);
                int lo = Ascii.HexValue(data[offset + 2 * i + 1]);
                if (hi < 0 || lo < 0) return false;
                output[outputOffset + i] = (byte)((hi << 4) | lo);
            }
            return true;
        }
    }
}
