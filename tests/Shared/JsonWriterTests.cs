using nanoFramework.TestFramework;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// The JSON writer (RFC 8259) and its measuring: a document measured (<see cref="JsonWriter.Measure"/>) fits an array
    /// of the length measured exactly, every kind of token included.
    /// </summary>
    [TestClass]
    public class JsonWriterTests
    {
        private const string Expected =
            "{\"i\":-9223372036854775808,\"d\":-12.345,\"e\":500,\"b\":true,\"o\":\"1-0:1.8.1\",\"t\":\"2016-11-13T19:57:57Z\","
            + "\"s\":\"q\\\"\\\\\\n\\u0001\u00E9\u20AC\",\"u\":\"\\u00FFok\",\"n\":null}";

        private static void Write(JsonWriter w)
        {
            w.Raw('{');
            w.Name("i", true); w.Number(long.MinValue);
            w.Name("d", false); w.Decimal(-12345, -3);
            w.Name("e", false); w.Decimal(5, 2);
            w.Name("b", false); w.Bool(true);
            w.Name("o", false); w.Obis(Obis.Pack(1, 0, 1, 8, 1));
            w.Name("t", false); w.Time(UnixTime.FromCivil(2016, 11, 13, 19, 57, 57));
            w.Name("s", false); w.String("q\"\\\n\u0001\u00E9\u20AC");
            w.Name("u", false); w.String(new byte[] { 0xFF, (byte)'o', (byte)'k' }, 0, 3);
            w.Name("n", false); w.String(null);
            w.Raw('}');
        }

        [TestMethod]
        public void WritesEveryKindOfToken()
        {
            JsonWriter w = new JsonWriter(512);
            Write(w);
            Assert.IsFalse(w.Overflowed);
            Assert.AreEqual(Expected, Utf8.GetString(w.Buffer, 0, w.Length));
        }

        /// <summary>Measured, then written into an array of the measured length: the same bytes, nothing overflows.</summary>
        [TestMethod]
        public void AMeasuredDocumentFitsItsLengthExactly()
        {
            JsonWriter w = new JsonWriter(0);
            w.Measure(512);
            Write(w);
            Assert.IsFalse(w.Overflowed);
            Assert.IsNull(w.Buffer);
            int length = w.Length;
            Assert.AreEqual(Utf8.ByteCount(Expected), length);
            byte[] exact = new byte[length];
            w.Reset(exact, 0);
            Write(w);
            Assert.IsFalse(w.Overflowed, "every token fits at the end of the room");
            Assert.AreEqual(length, w.Length);
            Assert.AreEqual(Expected, Utf8.GetString(exact, 0, length));

            byte[] short1 = new byte[length - 1];
            w.Reset(short1, 0);
            Write(w);
            Assert.IsTrue(w.Overflowed, "one byte short");
        }

        // A list that takes as many items as leave 10 bytes of room (as the status document's values).
        private static void WriteList(JsonWriter w)
        {
            w.Raw('[');
            for (int i = 0; i < 100; i++)
            {
                int before = w.Length;
                if (i > 0) w.Raw(',');
                w.Number(1000 + i);
                if (!w.Overflowed && w.Room >= 10) continue;
                w.Truncate(before);
                break;
            }
            w.Raw(']');
        }

        /// <summary>
        /// A document that decides by the room what goes in is the same when written into its measured length with the
        /// room it was measured in; given only the array's room, it would cut its list sooner.
        /// </summary>
        [TestMethod]
        public void AMeasuredDocumentKeepsItsRoom()
        {
            JsonWriter w = new JsonWriter(0);
            w.Measure(40);
            WriteList(w);
            Assert.AreEqual(31, w.Length, "six items: 10 bytes of the 40 left after the sixth");
            byte[] exact = new byte[31];
            w.Reset(exact, 0, 40);
            WriteList(w);
            Assert.IsFalse(w.Overflowed);
            Assert.AreEqual(31, w.Length);
            Assert.AreEqual("[1000,1001,1002,1003,1004,1005]", Utf8.GetString(exact, 0, 31));
            w.Reset(exact, 0);
            WriteList(w);
            Assert.AreEqual(21, w.Length, "the array's own room: a list cut after four items");
            Assert.AreEqual("[1000,1001,1002,1003]", Utf8.GetString(exact, 0, 21));
        }

        /// <summary>Measuring counts against the room it was given, as a buffer of that size would.</summary>
        [TestMethod]
        public void MeasuringKeepsToItsRoom()
        {
            JsonWriter w = new JsonWriter(0);
            w.Measure(10);
            w.Raw("abc");
            Assert.AreEqual(3, w.Length);
            Assert.AreEqual(7, w.Room);
            w.Number(1234567);
            Assert.AreEqual(10, w.Length);
            Assert.IsFalse(w.Overflowed);
            w.Raw('x');
            Assert.IsTrue(w.Overflowed);
            w.Truncate(3);
            Assert.IsFalse(w.Overflowed);
            Assert.AreEqual(7, w.Room);
            w.Number(12345678);
            Assert.IsTrue(w.Overflowed, "8 digits in 7 bytes");
            w.Reset();
            Assert.AreEqual(0, w.Length);
            Assert.AreEqual(10, w.Room, "measures again with the same room");
        }
    }
}
