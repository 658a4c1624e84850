using MeterGateway.Readings;

namespace MeterGateway.Crypto
{
    /// <summary>Hex text of keys and test vectors (configuration, command line): "D491470F47126332B07D1923B3504188" → 16 bytes.</summary>
    public static class HexText
    {
        /// <summary>
        /// Decodes hex digits (either case, no separators) into a new array; null when the text is null, has an odd
        /// number of characters or a character that is not a hex digit. Allocates: for configuration, not per frame.
        /// </summary>
        public static byte[] ToBytes(string text)
        {
            if (text == null || (text.Length & 1) != 0)
            {
                return null;
            }
            byte[] bytes = new byte[text.Length / 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                int hi = Ascii.HexValue(text[2 * i]);
                int lo = Ascii.HexValue(text[2 * i + 1]);
                if (hi < 0 || lo < 0)
                {
                    return null;
                }
                bytes[i] = (byte)((hi << 4) | lo);
            }
            return bytes;
        }
    }
}
