namespace MeterGateway.Device
{
    /// <summary>
    /// HTML escaping for the provisioning portal's page: text and attribute values (always written in double quotes)
    /// are escaped so that whatever a setting holds (an SSID with <c>&lt;</c>, a note with quotes) is shown as text and
    /// never read as markup (HTML Living Standard §13.1.2.6, §13.1.4: <c>&amp;</c>, <c>&lt;</c>, <c>&gt;</c>, <c>"</c>,
    /// <c>'</c> as character references).
    /// </summary>
    public static class Html
    {
        /// <summary>The text with <c>&amp; &lt; &gt; " '</c> replaced by <c>&amp;amp; &amp;lt; &amp;gt; &amp;quot; &amp;#39;</c>; null gives an empty string.</summary>
        public static string Escape(string text)
        {
            if (text == null) return "";
            int extra = 0;
            for (int i = 0; i < text.Length; i++)
            {
                int length = Replacement(text[i]).Length;
                if (length > 0) extra += length - 1;
            }
            if (extra == 0) return text;
            char[] chars = new char[text.Length + extra];
            int at = 0;
            for (int i = 0; i < text.Length; i++)
            {
                string r = Replacement(text[i]);
                if (r.Length == 0)
                {
                    chars[at++] = text[i];
                    continue;
                }
                for (int k = 0; k < r.Length; k++) chars[at++] = r[k];
            }
            return new string(chars);
        }

        // The character reference for c, or "" when c stays as it is.
        private static string Replacement(char c)
        {
            switch (c)
            {
                case '&': return "&amp;";
                case '<': return "&lt;";
                case '>': return "&gt;";
                case '"': return "&quot;";
                case '\'': return "&#39;";
                default: return "";
            }
        }
    }
}
