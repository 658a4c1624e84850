using nanoFramework.TestFramework;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// <see cref="Utf8"/>, the project's own UTF-8 coding (RFC 3629) that replaces System.Text.Encoding in the portable
    /// assemblies: exact bytes of each length, surrogate pairs, and U+FFFD for what is not valid, as .NET's Encoding.UTF8 does.
    /// </summary>
    [TestClass]
    public class Utf8Tests
    {
        [TestMethod]
        public void EncodesOneToFourBytes()
        {
            // "A", "°" (U+00B0), "€" (U+20AC), "😀" (U+1F600, a surrogate pair)
            byte[] bytes = Utf8.GetBytes("A\u00B0\u20AC\uD83D\uDE00");
            byte[] expected = { 0x41, 0xC2, 0xB0, 0xE2, 0x82, 0xAC, 0xF0, 0x9F, 0x98, 0x80 };
            Assert.AreEqual(expected.Length, bytes.Length);
            for (int i = 0; i < expected.Length; i++) Assert.AreEqual(expected[i], bytes[i]);
            Assert.AreEqual(10, Utf8.ByteCount("A\u00B0\u20AC\uD83D\uDE00"));
        }

        [TestMethod]
        public void LoneSurrogateBecomesReplacementCharacter()
        {
            byte[] bytes = Utf8.GetBytes("a\uD800b");
            Assert.AreEqual(5, bytes.Length);
            Assert.AreEqual((byte)0xEF, bytes[1]);
            Assert.AreEqual((byte)0xBF, bytes[2]);
            Assert.AreEqual((byte)0xBD, bytes[3]);
        }

        [TestMethod]
        public void DecodesWhatItEncodes()
        {
            string text = "Spa\u00F1ning \u20AC \uD83D\uDE00 L1";
            byte[] buffer = new byte[64];
            int n = Utf8.Write(text, buffer, 3);
            Assert.AreEqual(Utf8.ByteCount(text), n);
            Assert.AreEqual(text, Utf8.GetString(buffer, 3, n));
            Assert.AreEqual("", Utf8.GetString(buffer, 0, 0));
        }

        [TestMethod]
        public void InvalidBytesDecodeToReplacementCharacters()
        {
            // 0xC3 cut by 0x22 ('"'), an overlong '/', a UTF-8 surrogate, a lone continuation byte, a cut 4-byte form at the end
            byte[] bytes = { 0xC3, 0x22, 0xC0, 0xAF, 0x41, 0xED, 0xA0, 0x80, 0x80, 0xF0, 0x9F, 0x98 };
            string text = Utf8.GetString(bytes, 0, bytes.Length);
            Assert.AreEqual("\uFFFD\"\uFFFD\uFFFDA\uFFFD\uFFFD\uFFFD\uFFFD\uFFFD", text);
        }
    }
}
