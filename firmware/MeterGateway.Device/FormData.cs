using MeterGateway.Readings;

namespace MeterGateway.Device
{
    /// <summary>
    /// The fields of an HTML form posted as <c>application/x-www-form-urlencoded</c> (WHATWG URL Standard §5.1,
    /// "application/x-www-form-urlencoded parsing"): <c>name=value</c> pairs separated by <c>&amp;</c>, <c>+</c> for a
    /// space, <c>%XX</c> for a byte, the bytes read as UTF-8. A <c>%</c> not followed by two hex digits stays as it is,
    /// a pair without <c>=</c> has an empty value, and empty pairs are skipped, as the standard says. Portal code:
    /// it allocates the strings it returns.
    /// </summary>
    public sealed class FormData
    {
        /// <summary>Most fields kept; more set <see cref="Overflowed"/> (the portal's form has a dozen).</summary>
        public const int MaxFields = 32;

        /// <summary>Field names in the order posted.</summary>
        public readonly string[] Names = StringArray.New(MaxFields);
        /// <summary>Field values, parallel to <see cref="Names"/>.</summary>
        public readonly string[] Values = StringArray.New(MaxFields);
        /// <summary>Fields read.</summary>
        public int Count;
        /// <summary>True when the body had more than <see cref="MaxFields"/> fields (the rest were dropped).</summary>
        public bool Overflowed;
        /// <summary>True when a name or value, once decoded, was not UTF-8 (its bytes above 0x7F are kept as ?; refuse the form).</summary>
        public bool NotUtf8;

        /// <summary>Decodes <paramref name="count"/> bytes of a request body from <paramref name="offset"/>. Never throws on bad input.</summary>
        public static FormData Parse(byte[] body, int offset, int count)
        {
            FormData form = new FormData();
            byte[] scratch = new byte[count];
            int end = offset + count;
            int start = offset;
            while (start <= end)
            {
                int amp = start;
                while (amp < end && body[amp] != '&') amp++;
                if (amp > start)
                {
                    int eq = start;
                    while (eq < amp && body[eq] != '=') eq++;
                    string name = form.Decode(body, start, eq - start, scratch);
                    string value = eq < amp ? form.Decode(body, eq + 1, amp - eq - 1, scratch) : "";
                    form.Add(name, value);
                }
                start = amp + 1;
            }
            return form;
        }

        /// <summary>The value of the last field named <paramref name="name"/> (a checkbox after its hidden default wins), or null.</summary>
        public string Get(string name)
        {
            for (int i = Count - 1; i >= 0; i--)
            {
                if (Names[i] == name) return Values[i];
            }
            return null;
        }

        private void Add(string name, string value)
        {
            if (Count == MaxFields)
            {
                Overflowed = true;
                return;
            }
            Names[Count] = name;
            Values[Count] = value;
            Count++;
        }

        private string Decode(byte[] text, int offset, int count, byte[] scratch)
        {
            int n = 0;
            int end = offset + count;
            for (int i = offset; i < end; i++)
            {
                int b = text[i];
                if (b == '+')
                {
                    b = ' ';
                }
                else if (b == '%')
                {
                    int high = i + 1 < end ? Ascii.HexValue(text[i + 1]) : -1;
                    int low = i + 2 < end ? Ascii.HexValue(text[i + 2]) : -1;
                    if (high >= 0 && low >= 0)
                    {
                        b = (high << 4) | low;
                        i += 2;
                    }
                }
                scratch[n++] = (byte)b;
            }
            if (!Utf8.IsValid(scratch, 0, n))
            {
                NotUtf8 = true;
                for (int i = 0; i < n; i++)
                {
                    if (scratch[i] >= 0x80) scratch[i] = (byte)'?';
                }
            }
            return Utf8.GetString(scratch, 0, n);
        }
    }
}
