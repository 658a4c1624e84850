using nanoFramework.TestFramework;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>The shared helpers of the reading model: OBIS packing, fixed point, calendar.</summary>
    [TestClass]
    public class ReadingModelTests
    {
        [TestMethod]
        public void ObisRoundTripsWithAndWithoutF()
        {
            long code = Obis.FromText("1-0:1.8.1");
            Assert.AreEqual(Obis.Pack(1, 0, 1, 8, 1, 255), code);
            Assert.AreEqual("1-0:1.8.1", Obis.ToText(code));
            Assert.AreEqual(code, Obis.FromText("1-0:1.8.1*255"));
            Assert.AreEqual(code, Obis.FromText("1-0:1.8.1.255"));
            Assert.AreEqual("1-0:96.50.1*1", Obis.ToText(Obis.FromText("1-0:96.50.1*1")));
            Assert.AreEqual("129-129:199.130.3", Obis.ToText(Obis.Pack(129, 129, 199, 130, 3, 255)));
            Assert.AreEqual(Obis.None, Obis.FromText("1-0:1.8"));
            Assert.AreEqual(Obis.None, Obis.FromText("1-0:256.8.0"));
        }

        [TestMethod]
        public void FixedPointKeepsTheMetersDigits()
        {
            long m; int e;
            Assert.IsTrue(FixedPoint.TryParse(Ascii.GetBytes("002078.645"), 0, 10, out m, out e));
            Assert.AreEqual(2078645L, m);
            Assert.AreEqual(-3, e);
            Assert.AreEqual("2078.645", FixedPoint.ToText(m, e));
            Assert.AreEqual("0.000", FixedPoint.ToText(0, -3));
            Assert.AreEqual("-0.05", FixedPoint.ToText(-5, -2));
            Assert.AreEqual("1700", FixedPoint.ToText(17, 2));
            Assert.AreEqual("-63", FixedPoint.ToText(-63, 0));
            Assert.IsTrue(FixedPoint.TryParse(Ascii.GetBytes("00032549.5061662"), 0, 16, out m, out e));
            Assert.AreEqual("32549.5061662", FixedPoint.ToText(m, e));
            Assert.IsFalse(FixedPoint.TryParse(Ascii.GetBytes("3960221976967177082151037881335713"), 0, 34, out m, out e));
            Assert.IsFalse(FixedPoint.TryParse(Ascii.GetBytes("12a"), 0, 3, out m, out e));
            Assert.IsFalse(FixedPoint.TryParse(Ascii.GetBytes("."), 0, 1, out m, out e));
            // 18 significant digits after any number of leading zeros fit; 19 do not
            Assert.IsTrue(FixedPoint.TryParse(Ascii.GetBytes("-0000000123456789.012345678"), 0, 27, out m, out e));
            Assert.AreEqual("-123456789.012345678", FixedPoint.ToText(m, e));
            Assert.IsFalse(FixedPoint.TryParse(Ascii.GetBytes("1234567890.123456789"), 0, 20, out m, out e));
            // the number at the start of a range, and where it ends: before a DSMR "*unit" or a second decimal mark
            Assert.AreEqual(10, FixedPoint.ParseLeading(Ascii.GetBytes("001234.567*kWh"), 0, 14, out m, out e));
            Assert.AreEqual("1234.567", FixedPoint.ToText(m, e));
            Assert.AreEqual(3, FixedPoint.ParseLeading(Ascii.GetBytes("1.2.3"), 0, 5, out m, out e));
            Assert.AreEqual(0, FixedPoint.ParseLeading(Ascii.GetBytes("-kWh"), 0, 4, out m, out e));
            long r;
            Assert.IsTrue(FixedPoint.Rescale(2027, -3, 0, out r) == false);
            Assert.IsTrue(FixedPoint.Rescale(2027000, -3, 0, out r));
            Assert.AreEqual(2027L, r);
            Assert.AreEqual(1234.567, FixedPoint.ToDouble(1234567, -3));
        }

        [TestMethod]
        public void UnixTimeMatchesTheCalendar()
        {
            Assert.AreEqual(0L, UnixTime.FromCivil(1970, 1, 1, 0, 0, 0));
            Assert.AreEqual("2016-11-13T19:57:57Z", UnixTime.ToIso(UnixTime.FromCivil(2016, 11, 13, 19, 57, 57)));
            Assert.AreEqual("2000-02-29T00:00:00Z", UnixTime.ToIso(UnixTime.FromCivil(2000, 2, 29, 0, 0, 0)));
            Assert.IsFalse(UnixTime.IsValid(2025, 2, 29, 0, 0, 0));
            Assert.IsFalse(UnixTime.IsValid(2063, 25, 25, 25, 25, 25));
        }

        [TestMethod]
        public void UnitsResolveToDlmsCodes()
        {
            int scale;
            Assert.AreEqual(Units.WattHour, Units.FromText(Ascii.GetBytes("kWh"), 0, 3, out scale));
            Assert.AreEqual(3, scale);
            Assert.AreEqual(Units.CubicMetre, Units.FromText(Ascii.GetBytes("m3"), 0, 2, out scale));
            Assert.AreEqual(Units.Joule, Units.FromText(Ascii.GetBytes("GJ"), 0, 2, out scale));
            Assert.AreEqual(9, scale);
            Assert.AreEqual(Units.Other, Units.FromText(Ascii.GetBytes("furlong"), 0, 7, out scale));
            Assert.AreEqual(Units.Volt, Units.FromText(Ascii.GetBytes("kV"), 0, 2, out scale), "after the last found, kV");
            Assert.AreEqual(3, scale);
            Assert.AreEqual(Units.Celsius, Units.FromText(Utf8.GetBytes("°c"), 0, 3, out scale), "ASCII case ignored");
            Assert.AreEqual(Units.Celsius, Units.FromText(Ascii.GetBytes("C"), 0, 1, out scale), "the last text");
            Assert.AreEqual(Units.WattHour, Units.FromText(Ascii.GetBytes("Wh"), 0, 2, out scale), "the first text");
            Assert.AreEqual(0, scale);
            Assert.AreEqual(Units.None, Units.FromText(Ascii.GetBytes("Wh"), 0, 0, out scale));
        }

        [TestMethod]
        public void UnitSymbolsAreTheirUtf8Bytes()
        {
            int offset;
            Assert.AreEqual("°C", Utf8.GetString(Units.SymbolBytes, Units.Symbol(Units.Celsius, out offset) == 3 ? offset : -1, 3));
            Assert.AreEqual(2, Units.Symbol(Units.WattHour, out offset));
            Assert.AreEqual("Wh", Ascii.ToString(Units.SymbolBytes, offset, 2));
            Assert.AreEqual(4, Units.Symbol(Units.CubicMetrePerHour, out offset));
            Assert.AreEqual("m3/h", Ascii.ToString(Units.SymbolBytes, offset, 4));
            Assert.AreEqual(3, Units.Symbol(Units.Var, out offset));
            Assert.AreEqual("var", Ascii.ToString(Units.SymbolBytes, offset, 3));
            Assert.AreEqual(0, Units.Symbol(Units.Count, out offset));
            Assert.AreEqual(0, Units.Symbol(Units.None, out offset));
        }

        [TestMethod]
        public void IntegersAndHexDigitsAreWrittenExactly()
        {
            byte[] buffer = new byte[24];
            Assert.AreEqual(20, Ascii.WriteInt(long.MinValue, buffer, 2));
            Assert.AreEqual("-9223372036854775808", Utf8.GetString(buffer, 2, 20));
            Assert.AreEqual(19, Ascii.WriteInt(long.MaxValue, buffer, 0));
            Assert.AreEqual("9223372036854775807", Utf8.GetString(buffer, 0, 19));
            Ascii.WriteHex2(0xA7, buffer, 0);
            Ascii.WriteHex2(0x0F, buffer, 2);
            Assert.AreEqual("A70F", Utf8.GetString(buffer, 0, 4));
        }
    }
}
