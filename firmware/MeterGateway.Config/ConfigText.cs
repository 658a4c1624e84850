namespace MeterGateway.Config
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
        /// True when <paramref name="text"/> holds a run of 16 or more hex digits: it may be a key (a misspelt
        /// <c>decryption_key</c> line), so error messages do not repeat it.
        /// </summary>
        public static bool LooksLikeKey(string text)
        {
            int run = 0;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                run = hex ? run + 1 : 0;
                if (run >= 16) return true;
            }
            return false;
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
