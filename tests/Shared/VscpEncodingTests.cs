using nanoFramework.TestFramework;
using MeterGateway.Readings;
using MeterGateway.Vscp;

namespace MeterGateway.Tests.Shared
{
    /// <summary>The VSCP measurement encoders on the test vectors of ARCHITECTURE.md §VSCP, and their limits.</summary>
    [TestClass]
    public class VscpEncodingTests
    {
        [TestMethod]
        public void Class10NormalizedVectors()
        {
            byte[] b = new byte[8];
            CollectionAssert.AreEqual(new byte[] { 0x88, 0x83, 0x12, 0xD6, 0x87 }, TestReadings.Slice(b, 0, MeasurementEncoder.WriteNormalized(0, 1, 1234567, -3, b, 0)));
            CollectionAssert.AreEqual(new byte[] { 0x80, 0x81, 0x08, 0xFD }, TestReadings.Slice(b, 0, MeasurementEncoder.WriteNormalized(0, 0, 2301, -1, b, 0)));
            CollectionAssert.AreEqual(new byte[] { 0x80, 0x00, 0x04, 0xD2 }, TestReadings.Slice(b, 0, MeasurementEncoder.WriteNormalized(0, 0, 1234, 0, b, 0)));
            CollectionAssert.AreEqual(new byte[] { 0x80, 0x00, 0xFB, 0x2E }, TestReadings.Slice(b, 0, MeasurementEncoder.WriteNormalized(0, 0, -1234, 0, b, 0)));
        }

        [TestMethod]
        public void Class10NormalizedEdges()
        {
            byte[] b = new byte[8];
            // 170 W needs a leading zero byte so that it stays positive
            CollectionAssert.AreEqual(new byte[] { 0x80, 0x00, 0x00, 0xAA }, TestReadings.Slice(b, 0, MeasurementEncoder.WriteNormalized(0, 0, 170, 0, b, 0)));
            // sensor index keeps its 3 low bits: 9 → 1
            CollectionAssert.AreEqual(new byte[] { 0x89, 0x00, 0x00 }, TestReadings.Slice(b, 0, MeasurementEncoder.WriteNormalized(9, 1, 0, 0, b, 0)));
            // 1234567890123400 needs 7 bytes: one trailing zero is dropped to fit 6 (123456789012340 = 0x7048860DDF74, point moved right 1)
            CollectionAssert.AreEqual(new byte[] { 0x80, 0x01, 0x70, 0x48, 0x86, 0x0D, 0xDF, 0x74 },
                TestReadings.Slice(b, 0, MeasurementEncoder.WriteNormalized(0, 0, 1234567890123400, 0, b, 0)));
            Assert.AreEqual(-1, MeasurementEncoder.WriteNormalized(0, 0, 1234567890123401, 0, b, 0));
            Assert.AreEqual(-1, MeasurementEncoder.WriteNormalized(0, 4, 1, 0, b, 0));
        }

        [TestMethod]
        public void Class10FloatVectors()
        {
            byte[] b = new byte[8];
            CollectionAssert.AreEqual(new byte[] { 0xA8, 0x44, 0x9A, 0x52, 0x25 }, TestReadings.Slice(b, 0, MeasurementEncoder.WriteFloat(0, 1, 1234567, -3, b, 0)));
            CollectionAssert.AreEqual(new byte[] { 0xA0, 0x40, 0xA8, 0x00, 0x00 }, TestReadings.Slice(b, 0, MeasurementEncoder.WriteFloat(0, 0, 525, -2, b, 0)));
            CollectionAssert.AreEqual(new byte[] { 0xA0, 0xBD, 0x4C, 0xCC, 0xCD }, TestReadings.Slice(b, 0, MeasurementEncoder.WriteFloat(0, 0, -5, -2, b, 0)));
        }

        [TestMethod]
        public void Class1040StringVector()
        {
            byte[] b = new byte[64];
            CollectionAssert.AreEqual(new byte[] { 0x01, 0x00, 0x00, 0x01, 0x31, 0x32, 0x33, 0x34, 0x2E, 0x35, 0x36, 0x37, 0x00 },
                TestReadings.Slice(b, 0, MeasurementEncoder.WriteString(1, 0, 0, 1, 1234567, -3, b, 0)));
            // zone, subzone and the meter's decimals are kept: 0.000 kW
            CollectionAssert.AreEqual(new byte[] { 0x05, 0x07, 0x09, 0x00, 0x30, 0x2E, 0x30, 0x30, 0x30, 0x00 },
                TestReadings.Slice(b, 0, MeasurementEncoder.WriteString(5, 7, 9, 0, 0, -3, b, 0)));
            // a value of more than 40 characters is refused, not cut
            Assert.AreEqual(-1, MeasurementEncoder.WriteString(1, 0, 0, 0, 1, -45, b, 0));
        }

        [TestMethod]
        public void Class1060DoubleVector()
        {
            byte[] b = new byte[16];
            CollectionAssert.AreEqual(new byte[] { 0x01, 0x00, 0x00, 0x01, 0x40, 0x93, 0x4A, 0x44, 0x9B, 0xA5, 0xE3, 0x54 },
                TestReadings.Slice(b, 0, MeasurementEncoder.WriteDouble(1, 0, 0, 1, 1234567, -3, b, 0)));
        }

        [TestMethod]
        public void TextLengthMatchesTheFormattedValue()
        {
            Assert.AreEqual(8, MeasurementEncoder.TextLength(1234567, -3));   // 1234.567
            Assert.AreEqual(5, MeasurementEncoder.TextLength(0, -3));         // 0.000
            Assert.AreEqual(5, MeasurementEncoder.TextLength(-5, -2));        // -0.05
            Assert.AreEqual(4, MeasurementEncoder.TextLength(17, 2));         // 1700
            Assert.AreEqual(1, MeasurementEncoder.TextLength(0, 5));          // 0
            Assert.AreEqual(12, MeasurementEncoder.TextLength(240860, 6));    // 240860000000
        }

        [TestMethod]
        public void PartsRenderedOnceGiveTheSameJsonAndTheTailFollowsTheUnit()
        {
            VscpEvent e = new VscpEvent();
            e.DateTime = UnixTime.FromCivil(2021, 4, 7, 9, 16, 27);
            e.TimeStamp = 1234000;
            e.Class = VscpClass.MeasurementString;
            e.Type = 13;
            e.Guid = new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE, 0, 0x11, 0x22, 0x33, 0x44, 0x55, 0, 1 };
            e.Data = new byte[] { 1, 0, 0, 1, 52 };
            e.DataLength = 5;
            e.Note = VscpJson.EscapeNote("Heat \"M-Bus\"");
            e.Mantissa = 4788631;
            e.Exponent = -3;
            e.Unit = 1;
            e.SensorIndex = 7;
            string plain = Json(e);
            Assert.AreEqual("{\"vscpHead\":32864,\"vscpObId\":0,\"vscpDateTime\":\"2021-04-07T09:16:27Z\",\"vscpTimeStamp\":1234000,"
                + "\"vscpClass\":1040,\"vscpType\":13,\"vscpGuid\":\"FF:FF:FF:FF:FF:FF:FF:FE:00:11:22:33:44:55:00:01\",\"vscpData\":[1,0,0,1,52],"
                + "\"vscpNote\":\"Heat \\\"M-Bus\\\"\",\"measurement\":{\"value\":4788.631,\"unit\":1,\"sensorindex\":7,\"zone\":0,\"subzone\":0}}", plain);
            e.Parts = VscpJson.RenderParts(e);
            Assert.AreEqual(plain, Json(e));
            // another unit than the one the parts were rendered with: the tail is written from the fields
            e.Unit = 2;
            string other = Json(e);
            e.Parts = null;
            Assert.AreEqual(Json(e), other);
            Assert.IsTrue(other.IndexOf("\"unit\":2,") > 0);
        }

        private static string Json(VscpEvent e)
        {
            byte[] buffer = new byte[VscpJson.MaxLength(e.Note.Length)];
            return Ascii.ToString(buffer, 0, VscpJson.Write(e, buffer, 0));
        }
    }
}
