namespace MeterGateway.Config
{
    /// <summary>
    /// Changes one setting in the text of a <c>config.ini</c> and keeps everything else as it was: comments, blank
    /// lines, the order of keys and the line ends (LF or CRLF). Used by the provisioning portal and the remote
    /// <c>set</c> command to write the file that <see cref="GatewayConfig.Load"/> reads, in the same dialect as
    /// <see cref="IniReader"/> (section names and keys case-insensitive; values trimmed; one pair of quotes removed).
    /// It checks neither the key nor the value against the configuration: callers apply them with
    /// <see cref="GatewayConfig.Set"/> first and load the result with <see cref="GatewayConfig.Load"/> after.
    /// Start-up code: it allocates strings.
    /// </summary>
    public static class IniEditor
    {
        /// <summary>
        /// The text with <paramref name="key"/> = <paramref name="value"/> in <paramref name="section"/>: the key's
        /// line is replaced where the section has it, else the line is added after the section's last setting, else a
        /// new section is appended at the end. A value that the reader would change (surrounding spaces, surrounding
        /// quotes) is written inside double quotes so that it reads back exactly. Throws <see cref="ConfigException"/>
        /// for a value with a line break, which a line-based file cannot hold.
        /// </summary>
        public static string Set(string text, string section, string key, string value)
        {
            if (value.IndexOf('\n') >= 0 || value.IndexOf('\r') >= 0)
                throw new ConfigException(ConfigText.ToUpper(section), ConfigText.ToLower(key), value, "may not contain a line break", 0);
            string newline = text.IndexOf("\r\n") >= 0 ? "\r\n" : "\n";
            string line = ConfigText.ToLower(key) + " = " + Encode(value);
            string wantedSection = ConfigText.ToUpper(section);
            string wantedKey = ConfigText.ToLower(key);

            string[] lines = text.Split(new char[] { '\n' });
            string current = "";
            int sectionEnd = -1; // index of the last setting or header line of the wanted section
            for (int i = 0; i < lines.Length; i++)
            {
                string trimmed = lines[i].Trim();
                if (trimmed.Length == 0 || trimmed[0] == '#' || trimmed[0] == ';') continue;
                if (trimmed[0] == '[')
                {
                    current = trimmed.Length >= 2 && trimmed[trimmed.Length - 1] == ']'
                        ? ConfigText.ToUpper(trimmed.Substring(1, trimmed.Length - 2).Trim())
                        : "";
                    if (current == wantedSection) sectionEnd = i;
                    continue;
                }
                if (current != wantedSection) continue;
                sectionEnd = i;
                int eq = trimmed.IndexOf('=');
                if (eq > 0 && ConfigText.ToLower(trimmed.Substring(0, eq).Trim()) == wantedKey)
                {
                    lines[i] = line + (lines[i].Length > 0 && lines[i][lines[i].Length - 1] == '\r' ? "\r" : "");
                    return Join(lines, 0, lines.Length);
                }
            }
            if (sectionEnd >= 0)
            {
                // the new line goes right after the section's last line, before whatever followed it
                string before = Join(lines, 0, sectionEnd + 1);
                if (sectionEnd == lines.Length - 1) before += newline;
                return before + line + newline + Join(lines, sectionEnd + 1, lines.Length - sectionEnd - 1);
            }
            string head = text;
            if (head.Length > 0 && head[head.Length - 1] != '\n') head += newline;
            if (head.Length > 0) head += newline;
            return head + "[" + wantedSection + "]" + newline + line + newline;
        }

        /// <summary>The value as written after <c>key = </c>: as is, or in double quotes when the reader would change it.</summary>
        public static string Encode(string value)
        {
            if (value.Length == 0) return "";
            bool spaced = value.Trim().Length != value.Length;
            char first = value[0];
            bool quoted = value.Length >= 2 && (first == '"' || first == '\'') && value[value.Length - 1] == first;
            return spaced || quoted ? "\"" + value + "\"" : value;
        }

        // Lines split on '\n' keep their '\r': each line but the text's last is followed by '\n' again, so joining all
        // lines gives the text back. One char array, no string built line by line (the file is several kilobytes).
        private static string Join(string[] lines, int start, int count)
        {
            int length = 0;
            for (int i = start; i < start + count; i++) length += lines[i].Length + (i < lines.Length - 1 ? 1 : 0);
            char[] chars = new char[length];
            int at = 0;
            for (int i = start; i < start + count; i++)
            {
                char[] line = lines[i].ToCharArray();
                System.Array.Copy(line, 0, chars, at, line.Length);
                at += line.Length;
                if (i < lines.Length - 1) chars[at++] = '\n';
            }
            return new string(chars);
        }
    }
}
