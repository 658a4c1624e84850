namespace MeterGateway.Config
{
    /// <summary>
    /// Reads the INI text of <c>config.ini</c> one setting at a time, in the dialect of Python's
    /// <c>configparser</c> that the reference P1→VSCP script reads (seeds/003): <c>[SECTION]</c> headers,
    /// <c>key = value</c> lines, whole-line comments starting with <c>#</c> or <c>;</c>, blank lines. Section names
    /// are returned upper case and keys lower case (both are case-insensitive); values are trimmed, and one pair
    /// of surrounding quotes (<c>'…'</c> or <c>"…"</c>) is removed, so the script's <c>guid=''</c> is an empty value.
    /// There are no inline comments: a <c>#</c> after a value is part of it (passwords may contain one).
    /// Start-up code: it allocates strings.
    /// </summary>
    public sealed class IniReader
    {
        private readonly string[] _lines;
        private int _next;

        /// <summary>Section of the current header or setting (upper case).</summary>
        public string Section = "";
        /// <summary>Key of the current setting (lower case); empty at a section header.</summary>
        public string Key = "";
        /// <summary>Value of the current setting (trimmed, quotes removed).</summary>
        public string Value = "";
        /// <summary>Line number (1-based) of the current setting.</summary>
        public int Line;

        /// <summary>A reader over the whole text of a file (LF or CRLF line ends; a UTF-8 byte order mark is skipped).</summary>
        public IniReader(string text)
        {
            if (text.Length > 0 && text[0] == '\uFEFF') text = text.Substring(1);
            _lines = text.Split(new char[] { '\n' });
        }

        /// <summary>
        /// Moves to the next section header (<see cref="Key"/> empty) or setting; false at the end. Throws <see cref="ConfigException"/> for a line that is
        /// neither a comment, a section header nor <c>key = value</c>, and for a setting before any section.
        /// </summary>
        public bool Next()
        {
            while (_next < _lines.Length)
            {
                int number = _next + 1;
                string line = _lines[_next++].Trim();
                if (line.Length == 0 || line[0] == '#' || line[0] == ';') continue;
                if (line[0] == '[')
                {
                    if (line[line.Length - 1] != ']' || line.Length < 3)
                        throw new ConfigException("", "", "", "line \"" + line + "\": a section header is [NAME]", number);
                    Section = ConfigText.ToUpper(line.Substring(1, line.Length - 2).Trim());
                    Key = "";
                    Value = "";
                    Line = number;
                    return true;
                }
                int eq = line.IndexOf('=');
                if (eq <= 0)
                {
                    // A line that is not key = value may be a secret without its '=' ("password S3cret"): never repeated.
                    throw new ConfigException(Section, "", "", "line (not shown): expected key = value, [SECTION] or a # comment", number);
                }
                Key = ConfigText.ToLower(line.Substring(0, eq).Trim());
                Value = Unquote(line.Substring(eq + 1).Trim());
                Line = number;
                if (Section.Length == 0)
                    throw new ConfigException("", Key, Value, "setting before any [SECTION]", number);
                return true;
            }
            return false;
        }

        private static string Unquote(string value)
        {
            if (value.Length >= 2)
            {
                char first = value[0];
                if ((first == '\'' || first == '"') && value[value.Length - 1] == first) return value.Substring(1, value.Length - 2);
            }
            return value;
        }
    }
}
