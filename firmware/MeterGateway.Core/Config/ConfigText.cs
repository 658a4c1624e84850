namespace MeterGateway.Core.Config
{
    /// <summary>
    /// ASCII text helpers for configuration values (nanoFramework has no culture-aware case mapping nor
    /// <c>int.Parse</c> with a strict format): case folding and strict decimal parsing. Start-up code.
    /// </summary>
    public static class ConfigText
    {
        /// <summary>The string with ASCII letters in lower case (other characters unchanged).</summary>
        public static string ToLower(string text)
        {
            return Map(text, 'A', 'Z', 32);
        }

        /// <summary>The string with ASCII letters in upper case (other characters unchanged).</summary>
        public static string ToUpper(string text)
        {
            return Map(text, 'a', 'z', -32);
        }

        private static string Map(string text, char from, char to, int shift)
        {
            char[] chars = text.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] >= from && chars[i] <= to) chars[i] = (char)(chars[i] + shift);
            }
            return new string(chars);
        }

        /// <summary>
        /// Parses an optionally signed run of decimal digits (no spaces, no decimal point). False when the text is
        /// not such a number or has more than 9 digits.
        /// </summary>
        public static bool TryParseInt(string text, out int value)
        {
            value = 0;
            int p = 0;
            bool negative = false;
            if (text.Length > 0 && (text[0] == '-' || text[0] == '+'))
            {
                negative = text[0] == '-';
                p = 1;
            }
            int digits = text.Length - p;
            if (digits < 1 || digits > 9) return false;
            for (; p < text.Length; p++)
            {
                char c = text[p];
                if (c < '0' || c > '9') return false;
                value = value * 10 + (c - '0');
            }
            if (negative) value = -value;
            return true;
        }
    }
}
