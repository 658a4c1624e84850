// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Device;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>The flat JSON objects remote commands are made of (RFC 8259), and everything else refused with a reason.</summary>
    [TestClass]
    public class FlatJsonTests
    {
        [TestMethod]
        public void MembersOfEveryFlatKind()
        {
            FlatJson j = Parse(" {\"command\" : \"set\", \"id\":42,\"n\":-1.5e+3, \"t\":true,\"f\":false, \"z\":null,\"empty\":\"\"}\r\n");
            Assert.IsNull(j.Error);
            Assert.AreEqual(7, j.Count);
            Assert.AreEqual("set", j.Get("command"));
            Assert.IsTrue(j.IsString[0]);
            Assert.AreEqual("42", j.Get("id"));
            Assert.IsFalse(j.IsString[1]);
            Assert.AreEqual("-1.5e+3", j.Get("n"));
            Assert.AreEqual("true", j.Get("t"));
            Assert.AreEqual("false", j.Get("f"));
            Assert.IsNull(j.Get("z"));
            Assert.AreEqual(5, j.IndexOf("z"));
            Assert.AreEqual("", j.Get("empty"));
            Assert.IsNull(j.Get("missing"));
            Assert.AreEqual(-1, j.IndexOf("missing"));
            Assert.AreEqual(0, Parse("{}").Count);
            Assert.IsNull(Parse("{ }").Error);
        }

        [TestMethod]
        public void StringEscapesAreDecoded()
        {
            FlatJson j = Parse("{\"v\":\"a\\\"b\\\\c\\/d\\b\\f\\n\\r\\t\\u00e4\\u20AC\\ud83d\\ude00\",\"k\\u0065y\":\"Spänning\"}");
            Assert.IsNull(j.Error);
            Assert.AreEqual("a\"b\\c/d\b\f\n\r\tä€\U0001F600", j.Get("v"));
            Assert.AreEqual("Spänning", j.Get("key"));
        }

        [TestMethod]
        public void AnythingElseIsRefusedWithAReason()
        {
            Assert.AreEqual("not a JSON object", Parse("[1]").Error);
            Assert.AreEqual("not a JSON object", Parse("").Error);
            Assert.AreEqual("not a JSON object", Parse("status").Error);
            Assert.AreEqual("nested objects and arrays are not accepted", Parse("{\"a\":{\"b\":1}}").Error);
            Assert.AreEqual("nested objects and arrays are not accepted", Parse("{\"a\":[1]}").Error);
            Assert.AreEqual("a member is given twice", Parse("{\"a\":1,\"a\":2}").Error);
            Assert.AreEqual("text after the object", Parse("{\"a\":1} x").Error);
            Assert.AreEqual("a string without its closing quote", Parse("{\"a\":\"x").Error);
            Assert.AreEqual("a control character inside a string", Parse("{\"a\":\"x\ny\"}").Error);
            Assert.AreEqual("not a JSON value", Parse("{\"a\":01}").Error);
            Assert.AreEqual("not a JSON value", Parse("{\"a\":tru}").Error);
            Assert.AreEqual("not a JSON value", Parse("{\"a\":1.}").Error);
            Assert.AreEqual("expected a value", Parse("{\"a\":}").Error);
            Assert.AreEqual("expected a member name in double quotes", Parse("{a:1}").Error);
            Assert.AreEqual("expected ':' after a member name", Parse("{\"a\" 1}").Error);
            Assert.AreEqual("expected ',' or '}'", Parse("{\"a\":1 \"b\":2}").Error);
            Assert.AreEqual("expected a member name in double quotes", Parse("{\"a\":1,}").Error);
            Assert.AreEqual("an unknown escape in a string", Parse("{\"a\":\"\\x\"}").Error);
            Assert.AreEqual("a \\u escape without four hex digits", Parse("{\"a\":\"\\u12\"}").Error);
            Assert.AreEqual("a \\u escape of a lone surrogate", Parse("{\"a\":\"\\ud83d\"}").Error);
            Assert.AreEqual("a \\u escape of a lone surrogate", Parse("{\"a\":\"\\ude00\"}").Error);
        }

        [TestMethod]
        public void MembersAreLimited()
        {
            string text = "{";
            for (int i = 0; i <= FlatJson.MaxMembers; i++) text += (i > 0 ? "," : "") + "\"m" + i + "\":" + i;
            Assert.AreEqual("too many members", Parse(text + "}").Error);
        }

        [TestMethod]
        public void BytesThatAreNotUtf8AreAnError()
        {
            // {"a":"<C3>"}: a lead byte without its continuation; {"a":"<ED A0 80>"}: a surrogate written as UTF-8;
            // {"a":"<C0 AF>"}: an overlong '/'. Issue 16: a string that is no text is refused, not passed on.
            byte[][] bad = new byte[][]
            {
                new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x22, 0x7D },
                new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xED, 0xA0, 0x80, 0x22, 0x7D },
                new byte[] { 0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC0, 0xAF, 0x22, 0x7D },
            };
            for (int i = 0; i < bad.Length; i++)
            {
                Assert.AreEqual("a string that is not UTF-8", FlatJson.Parse(bad[i], 0, bad[i].Length).Error);
            }
            Assert.AreEqual("päss€😀", Parse("{\"a\":\"päss€😀\"}").Get("a"));
        }

        private static FlatJson Parse(string text)
        {
            byte[] bytes = Utf8.GetBytes(text);
            return FlatJson.Parse(bytes, 0, bytes.Length);
        }
    }
}
