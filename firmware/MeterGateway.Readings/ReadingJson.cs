namespace MeterGateway.Readings
{
    /// <summary>
    /// The JSON form of one frame that <c>metergateway parse</c> and <c>read</c> print, one object per line
    /// (a contract for scripts):
    /// <code>{"protocol":"dsmr","valid":true,"error":null,"header":"KFM5KAIFA-METER","readings":[
    ///   {"obis":"1-0:1.8.1","value":671.578,"unit":"kWh"},
    ///   {"obis":"0-1:24.2.1","value":473.789,"unit":"m3","timestamp":"2017-01-02T18:20:02Z"},
    ///   {"obis":"0-0:96.1.1","text":"4B38…"},
    ///   {"obis":"1-0:99.97.0","values":[{"value":1},{"text":"0-0:96.7.19"},{"timestamp":"…","text":"000101000001W"},{"value":2147483647,"unit":"s"}]}]}</code>
    /// <c>value</c> is a JSON number with exactly the meter's digits (leading zeros dropped); <c>unit</c> is as the meter
    /// wrote it and absent when there is none; a timestamp value gives <c>text</c> (the meter's characters) and
    /// <c>timestamp</c> (UTC) when it can be placed in UTC. A line with more values than its measurement and capture
    /// time lists them all in <c>values</c> (and still gives <c>value</c>/<c>timestamp</c> when it has a measurement).
    /// <c>name</c> (after <c>obis</c>) names what the code measures (<see cref="ObisNames"/>), in English or the language asked.
    /// </summary>
    public static class ReadingJson
    {
        /// <summary>
        /// Writes the frame object. <paramref name="readings"/> is printed only when <paramref name="valid"/>; the header is
        /// printed when the set has one. <paramref name="error"/> is null for a valid frame.
        /// </summary>
        public static void Write(JsonWriter w, string protocol, bool valid, string error, ReadingSet readings)
        {
            Write(w, protocol, valid, error, readings, null, null);
        }

        /// <summary>
        /// As <see cref="Write(JsonWriter, string, bool, string, ReadingSet)"/>, with <c>"manufacturer"</c> and
        /// <c>"model"</c> after the header when they are not null (decoded from the identification: the FLAG id's
        /// manufacturer and the model of a DSMR/IEC 62056-21 header, or an EKM meter's Model field).
        /// </summary>
        public static void Write(JsonWriter w, string protocol, bool valid, string error, ReadingSet readings, string manufacturer, string model)
        {
            Write(w, protocol, valid, error, readings, manufacturer, model, NameLanguage.English);
        }

        /// <summary>
        /// As above, each reading's <c>"name"</c> (after <c>"obis"</c>, when <see cref="ObisNames"/> knows the code) in
        /// <paramref name="language"/>.
        /// </summary>
        public static void Write(JsonWriter w, string protocol, bool valid, string error, ReadingSet readings, string manufacturer, string model, NameLanguage language)
        {
            w.Raw('{');
            w.Name("protocol", true); w.String(protocol);
            w.Name("valid", false); w.Bool(valid);
            w.Name("error", false); w.String(error);
            if (readings.HeaderLength > 0)
            {
                w.Name("header", false);
                w.String(readings.Text, readings.HeaderOffset, readings.HeaderLength);
            }
            if (manufacturer != null)
            {
                w.Name("manufacturer", false);
                w.String(manufacturer);
            }
            if (model != null)
            {
                w.Name("model", false);
                w.String(model);
            }
            w.Name("readings", false);
            w.Raw('[');
            if (valid)
            {
                for (int r = 0; r < readings.ReadingCount; r++)
                {
                    if (r > 0) w.Raw(',');
                    WriteReading(w, readings, r, language);
                }
            }
            w.Raw(']');
            w.Raw('}');
        }

        /// <summary>Writes reading <paramref name="r"/> as <c>{"obis":…,"name":…,…}</c>, the name in English.</summary>
        public static void WriteReading(JsonWriter w, ReadingSet set, int r)
        {
            WriteReading(w, set, r, NameLanguage.English);
        }

        /// <summary>
        /// Writes reading <paramref name="r"/> as <c>{"obis":…,"name":…,…}</c>: <c>name</c> is what the code measures in
        /// <paramref name="language"/> (<see cref="ObisNames"/>), absent when the table does not know the code.
        /// </summary>
        public static void WriteReading(JsonWriter w, ReadingSet set, int r, NameLanguage language)
        {
            w.Raw('{');
            w.Name("obis", true);
            w.Obis(set.ObisCode[r]);
            string name = ObisNames.Get(set.ObisCode[r], language);
            if (name != null)
            {
                w.Name("name", false);
                w.String(name);
            }
            int primary = set.Primary[r], capture = set.CaptureTime[r];
            int flat = (primary >= 0 ? 1 : 0) + (capture >= 0 ? 1 : 0);
            if (primary >= 0) WriteValueFields(w, set, primary, false);
            long time = capture >= 0 ? set.TimeOf(capture) : ReadingSet.NoTime;
            if (time != ReadingSet.NoTime)
            {
                w.Name("timestamp", false);
                w.Time(time);
            }
            if (set.ValueCount[r] > flat || primary < 0)
            {
                w.Name("values", false);
                w.Raw('[');
                int first = set.First[r];
                for (int v = first; v < first + set.ValueCount[r]; v++)
                {
                    if (v > first) w.Raw(',');
                    w.Raw('{');
                    WriteValueFields(w, set, v, true);
                    w.Raw('}');
                }
                w.Raw(']');
            }
            w.Raw('}');
        }

        // Writes "value":…,"unit":… or "text":… or "timestamp":…,"text":… for one value, after a comma unless first.
        private static void WriteValueFields(JsonWriter w, ReadingSet set, int v, bool first)
        {
            switch (set.Kind[v])
            {
                case ValueKind.Number:
                    w.Name("value", first);
                    w.Decimal(set.Mantissa[v], set.Exponent[v]);
                    if (set.UnitLength[v] > 0)
                    {
                        w.Name("unit", false);
                        w.String(set.Text, set.UnitOffset[v], set.UnitLength[v]);
                    }
                    break;
                case ValueKind.Timestamp:
                    if (set.Mantissa[v] != ReadingSet.NoTime)
                    {
                        w.Name("timestamp", first);
                        w.Time(set.Mantissa[v]);
                        first = false;
                    }
                    w.Name("text", first);
                    w.String(set.Text, set.TextOffset[v], set.TextLength[v]);
                    break;
                case ValueKind.Text:
                    w.Name("text", first);
                    w.String(set.Text, set.TextOffset[v], set.TextLength[v]);
                    break;
                default:
                    w.Name("text", first);
                    w.Raw("\"\"");
                    break;
            }
        }
    }
}
