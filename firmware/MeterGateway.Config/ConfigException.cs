using System;

namespace MeterGateway.Config
{
    /// <summary>
    /// A configuration error: an unknown section or key, or a value that is not valid for its key. The message
    /// names the section, the key and the value, e.g. <c>[MQTT] port = "abc": not a number 1..65535 (line 12)</c>,
    /// so that the program can stop with it. Thrown only by start-up code (<see cref="GatewayConfig.Load"/>,
    /// <see cref="GatewayConfig.Set"/>), never on the hot path.
    /// </summary>
    public class ConfigException : Exception
    {
        /// <summary>The section (upper case, e.g. <c>MQTT</c>), or an empty string when the error is not inside one.</summary>
        public readonly string Section;
        /// <summary>The key (lower case), or an empty string.</summary>
        public readonly string Key;
        /// <summary>The value as written, or an empty string.</summary>
        public readonly string Value;
        /// <summary>Line in the file (1-based), or 0 when the setting did not come from a file.</summary>
        public readonly int Line;
        /// <summary>What is wrong, without section, key and value (e.g. <c>not a number 1..65535</c>): for messages that must not repeat a secret value.</summary>
        public readonly string Problem;

        /// <summary>An error about <paramref name="key"/> = <paramref name="value"/> in <paramref name="section"/>.</summary>
        public ConfigException(string section, string key, string value, string problem, int line)
            : base(Describe(section, key, value, problem, line))
        {
            Section = section;
            Key = key;
            Value = value;
            Line = line;
            Problem = problem;
        }

        private static string Describe(string section, string key, string value, string problem, int line)
        {
            string text = section.Length > 0 ? "[" + section + "]" : "";
            if (key.Length > 0) text += (text.Length > 0 ? " " : "") + key + " = \"" + value + "\"";
            text += (text.Length > 0 ? ": " : "") + problem;
            if (line > 0) text += " (line " + line + ")";
            return text;
        }
    }
}
