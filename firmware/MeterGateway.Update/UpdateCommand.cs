using MeterGateway.Readings;

namespace MeterGateway.Update
{
    /// <summary>
    /// The payload of the MQTT update command (topic <c>&lt;command topic&gt;/update</c>, see docs/ota.md), ASCII:
    /// <list type="bullet">
    /// <item><c>update https://host/path/manifest</c> — fetch the manifest from that URL; the files are fetched from
    /// the same folder (<c>https://host/path/NAME.pe</c>).</item>
    /// <item><c>update https://host/path/</c>, a line end, then the manifest itself — the files are fetched from that
    /// folder (the URL must end with '/').</item>
    /// </list>
    /// Either way the manifest's signature decides; the command needs no secret of its own. The URL is https://
    /// (http:// only where <see cref="UpdatePolicy.RequireHttps"/> is off), printable ASCII without spaces, at most
    /// <see cref="MaxUrlLength"/> characters. The line end is LF or CR LF.
    /// </summary>
    public sealed class UpdateCommand
    {
        /// <summary>Longest URL accepted.</summary>
        public const int MaxUrlLength = 256;

        /// <summary>The URL of the command: the manifest's, or with an inline manifest the files' folder.</summary>
        public string Url;

        /// <summary>The folder the files are fetched from (ends with '/').</summary>
        public string FilesUrl;

        /// <summary>Where the inline manifest starts in the payload, or −1 when the manifest is to be fetched from <see cref="Url"/>.</summary>
        public int ManifestOffset;

        /// <summary>Bytes of the inline manifest.</summary>
        public int ManifestLength;

        /// <summary>
        /// Reads a command; returns <see cref="UpdateReason.None"/>, <see cref="UpdateReason.CommandMalformed"/> or
        /// <see cref="UpdateReason.BadUrl"/>. Never throws on bad input.
        /// </summary>
        public UpdateReason Parse(byte[] payload, int offset, int count, bool requireHttps)
        {
            Url = null;
            FilesUrl = null;
            ManifestOffset = -1;
            ManifestLength = 0;
            int end = offset + count;
            int lineEnd = offset;
            while (lineEnd < end && payload[lineEnd] != '\n') lineEnd++;
            int next = lineEnd + 1;
            if (lineEnd > offset && payload[lineEnd - 1] == '\r') lineEnd--;
            if (lineEnd - offset < 8 || !Ascii.Equals(payload, offset, 7, "update ")) return UpdateReason.CommandMalformed;
            int urlStart = offset + 7;
            int urlLength = lineEnd - urlStart;
            if (urlLength > MaxUrlLength) return UpdateReason.BadUrl;
            for (int i = urlStart; i < lineEnd; i++)
            {
                if (payload[i] <= 0x20 || payload[i] > 0x7E) return UpdateReason.BadUrl;
            }
            bool https = urlLength > 8 && Ascii.Equals(payload, urlStart, 8, "https://");
            bool http = !requireHttps && urlLength > 7 && Ascii.Equals(payload, urlStart, 7, "http://");
            if (!https && !http) return UpdateReason.BadUrl;
            Url = Ascii.ToString(payload, urlStart, urlLength);
            bool folder = payload[lineEnd - 1] == '/';
            if (next < end)
            {
                if (!folder) return UpdateReason.BadUrl;
                ManifestOffset = next;
                ManifestLength = end - next;
                FilesUrl = Url;
                return UpdateReason.None;
            }
            int slash = Url.LastIndexOf('/');
            if (folder || slash < (https ? 8 : 7)) return UpdateReason.BadUrl;
            FilesUrl = Url.Substring(0, slash + 1);
            return UpdateReason.None;
        }
    }
}
