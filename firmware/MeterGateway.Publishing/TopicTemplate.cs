namespace MeterGateway.Publishing
{
    /// <summary>
    /// MQTT topic templates with <c>{name}</c> placeholders, checked when the configuration is read and expanded once
    /// per quantity when the message builder is made (start-up code: allocates strings).
    /// <para>
    /// Event topics (<c>[MQTT] topic</c>, default <c>vscp/{guid}/{class}/{type}</c>) know <c>{guid}</c>, <c>{class}</c>,
    /// <c>{type}</c>, <c>{sensorindex}</c>, <c>{zone}</c>, <c>{subzone}</c>, <c>{nickname}</c> and the reference
    /// script's <c>{xguid}</c>, <c>{xclass}</c>, <c>{xtype}</c> (seeds/003, Python <c>str.format</c> names).
    /// The availability and status topics know <c>{client}</c>, the Home Assistant state topic <c>{client}</c>,
    /// <c>{quantity}</c> and <c>{meter}</c> (with several meters the meter's address, else <c>meter</c>). Topic names must not be empty nor contain the wildcards
    /// <c>+</c>, <c>#</c> or NUL (MQTT 3.1.1 §4.7).
    /// </para>
    /// </summary>
    public static class TopicTemplate
    {
        // The placeholder lists are made on each use (start-up code), not held in static fields: nanoFramework runs every
        // static initializer at start and keeps what it makes for good.

        /// <summary>Placeholders of event topics, in the order of the values given to <see cref="Expand"/> (a new array each time).</summary>
        public static string[] EventPlaceholders
        {
            get { return new string[] { "guid", "class", "type", "sensorindex", "zone", "subzone", "nickname", "xguid", "xclass", "xtype" }; }
        }

        /// <summary>Placeholders of the availability and status topics (a new array each time).</summary>
        public static string[] AvailabilityPlaceholders { get { return new string[] { "client" }; } }

        /// <summary>Placeholders of the Home Assistant state topic, in the order of the values given to <see cref="Expand"/> (a new array each time).</summary>
        public static string[] StatePlaceholders { get { return new string[] { "client", "quantity", "meter" }; } }

        /// <summary>No placeholders (the discovery prefix; a new array each time).</summary>
        public static string[] NoPlaceholders { get { return new string[0]; } }

        /// <summary>
        /// Checks a template: balanced braces, only <paramref name="allowed"/> placeholder names, and a valid topic
        /// name around them. Returns null when it is good, else the problem as text.
        /// </summary>
        public static string Check(string template, string[] allowed)
        {
            string plain = "";
            int p = 0;
            while (p < template.Length)
            {
                char c = template[p];
                if (c == '}') return "a } without {";
                if (c != '{')
                {
                    plain += c;
                    p++;
                    continue;
                }
                int close = template.IndexOf('}', p + 1);
                if (close < 0) return "a { without }";
                string name = template.Substring(p + 1, close - p - 1);
                if (IndexOf(allowed, name) < 0) return "unknown placeholder {" + name + "} (known: " + List(allowed) + ")";
                plain += "x";
                p = close + 1;
            }
            return CheckTopic(plain);
        }

        /// <summary>Checks an MQTT topic name: not empty, no <c>+</c>, <c>#</c> or NUL. Returns null when it is good, else the problem.</summary>
        public static string CheckTopic(string topic)
        {
            if (topic.Length == 0) return "an empty MQTT topic";
            for (int i = 0; i < topic.Length; i++)
            {
                char c = topic[i];
                if (c == '+' || c == '#' || c == '\0') return "an MQTT topic name may not contain '+', '#' or NUL";
            }
            return null;
        }

        /// <summary>
        /// Replaces each <c>{name}</c> by the value at the same index of <paramref name="names"/> in
        /// <paramref name="values"/>. The template must have passed <see cref="Check"/>.
        /// </summary>
        public static string Expand(string template, string[] names, string[] values)
        {
            string result = "";
            int p = 0;
            while (p < template.Length)
            {
                int open = template.IndexOf('{', p);
                if (open < 0)
                {
                    result += template.Substring(p);
                    break;
                }
                int close = template.IndexOf('}', open + 1);
                result += template.Substring(p, open - p);
                result += values[IndexOf(names, template.Substring(open + 1, close - open - 1))];
                p = close + 1;
            }
            return result;
        }

        private static int IndexOf(string[] names, string name)
        {
            for (int i = 0; i < names.Length; i++)
            {
                if (names[i] == name) return i;
            }
            return -1;
        }

        private static string List(string[] names)
        {
            if (names.Length == 0) return "none";
            string text = "";
            for (int i = 0; i < names.Length; i++) text += (i > 0 ? ", " : "") + "{" + names[i] + "}";
            return text;
        }
    }
}
