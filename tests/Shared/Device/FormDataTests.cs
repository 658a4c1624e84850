// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Device;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>HTML escaping and application/x-www-form-urlencoded decoding (WHATWG URL Standard §5.1) for the portal.</summary>
    [TestClass]
    public class FormDataTests
    {
        [TestMethod]
        public void HtmlEscapesTheFiveSpecialCharacters()
        {
            Assert.AreEqual("a&lt;b&gt; &amp;amp; &quot;x&quot; &#39;y&#39;", Html.Escape("a<b> &amp; \"x\" 'y'"));
            Assert.AreEqual("Spänning L1", Html.Escape("Spänning L1"));
            Assert.AreEqual("", Html.Escape(""));
            Assert.AreEqual("", Html.Escape(null));
            Assert.AreEqual("&lt;script&gt;alert(1)&lt;/script&gt;", Html.Escape("<script>alert(1)</script>"));
        }

        [TestMethod]
        public void FieldsArePlusAndPercentDecodedAsUtf8()
        {
            FormData f = Parse("WIFI.ssid=My+Home+Net%21&WIFI.password=p%C3%A4ss%26w%3Dord&MQTT.user=&flag&&x=%E2%82%AC");
            Assert.AreEqual(5, f.Count);
            Assert.AreEqual("WIFI.ssid", f.Names[0]);
            Assert.AreEqual("My Home Net!", f.Values[0]);
            Assert.AreEqual("päss&w=ord", f.Get("WIFI.password"));
            Assert.AreEqual("", f.Get("MQTT.user"));
            Assert.AreEqual("", f.Get("flag"));
            Assert.AreEqual("€", f.Get("x"));
            Assert.IsNull(f.Get("missing"));
            Assert.IsFalse(f.Overflowed);
        }

        [TestMethod]
        public void BadPercentEscapesStayAsWritten()
        {
            FormData f = Parse("a=100%25&b=50%&c=%zz&d=%4&e=%%41");
            Assert.AreEqual("100%", f.Get("a"));
            Assert.AreEqual("50%", f.Get("b"));
            Assert.AreEqual("%zz", f.Get("c"));
            Assert.AreEqual("%4", f.Get("d"));
            Assert.AreEqual("%A", f.Get("e"));
        }

        [TestMethod]
        public void TheLastOfARepeatedFieldWins()
        {
            // a checkbox posts after its hidden default
            FormData f = Parse("MQTT.tls=false&MQTT.tls=true");
            Assert.AreEqual(2, f.Count);
            Assert.AreEqual("true", f.Get("MQTT.tls"));
            Assert.AreEqual("false", Parse("MQTT.tls=false").Get("MQTT.tls"));
        }

        [TestMethod]
        public void EmptyBodyAndTooManyFields()
        {
            FormData empty = FormData.Parse(new byte[0], 0, 0);
            Assert.AreEqual(0, empty.Count);
            string body = "";
            for (int i = 0; i < FormData.MaxFields + 3; i++) body += (i > 0 ? "&" : "") + "f" + i + "=" + i;
            FormData f = Parse(body);
            Assert.AreEqual(FormData.MaxFields, f.Count);
            Assert.IsTrue(f.Overflowed);
            Assert.AreEqual("31", f.Get("f31"));
            Assert.IsNull(f.Get("f32"));
        }

        [TestMethod]
        public void OnlyTheGivenSliceIsRead()
        {
            byte[] bytes = Ascii.GetBytes("xxa=1&b=2yy");
            FormData f = FormData.Parse(bytes, 2, 7);
            Assert.AreEqual(2, f.Count);
            Assert.AreEqual("1", f.Get("a"));
            Assert.AreEqual("2", f.Get("b"));
        }

        [TestMethod]
        public void FieldsThatAreNotUtf8AreMarked()
        {
            FormData f = Parse("WIFI.ssid=caf%C3&MQTT.user=ok");
            Assert.IsTrue(f.NotUtf8);
            Assert.AreEqual("caf?", f.Get("WIFI.ssid"));
            Assert.AreEqual("ok", f.Get("MQTT.user"));
            Assert.IsFalse(Parse("WIFI.ssid=caf%C3%A9").NotUtf8);
            Assert.IsTrue(Parse("WIFI.ssid=%ED%A0%80").NotUtf8);
        }

        private static FormData Parse(string body)
        {
            byte[] bytes = Ascii.GetBytes(body);
            return FormData.Parse(bytes, 0, bytes.Length);
        }
    }
}
