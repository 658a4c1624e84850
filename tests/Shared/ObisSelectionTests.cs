using nanoFramework.TestFramework;
using MeterGateway.Gateway;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// <c>[LOGGER] obis_selected</c>: the DSMR logger's ObisSelected file format (seeds/004, obislct.py: "# comments",
    /// "code1-code2:code3.code4.code5[ description"), a plain list, errors, and applying it to a reading set.
    /// </summary>
    [TestClass]
    public class ObisSelectionTests
    {
        [TestMethod]
        public void TheSeedsFileFormatIsASelection()
        {
            string file = "# ObisSelected made by obislct.py\r\n1-0:1.8.1[ Electricity tariff 1\r\n1-0:1.8.2[ Electricity tariff 2\r\n"
                + "\r\n# gas\r\n0-1:24.2.1[ Gas\r\n";
            string problem;
            ObisSelection s = ObisSelection.Parse(file, out problem);
            Assert.IsNull(problem);
            Assert.AreEqual(4, s.Count);
            Assert.AreEqual(Obis.FromText("0-0:1.0.0"), s.Code(0)); // always included, first
            Assert.AreEqual(Obis.FromText("1-0:1.8.1"), s.Code(1));
            Assert.AreEqual(Obis.FromText("1-0:1.8.2"), s.Code(2));
            Assert.AreEqual(Obis.FromText("0-1:24.2.1"), s.Code(3));
            Assert.IsFalse(s.Contains(Obis.FromText("1-0:1.7.0")));
        }

        [TestMethod]
        public void AListWithCommasSemicolonsAndSpacesAndTheTimestampOnce()
        {
            string problem;
            ObisSelection s = ObisSelection.Parse("1-0:1.7.0, 1-0:2.7.0;0-0:1.0.0  1-0:1.7.0 1-0:32.7.0*255", out problem);
            Assert.IsNull(problem);
            Assert.AreEqual(4, s.Count);
            Assert.AreEqual(Obis.FromText("0-0:1.0.0"), s.Code(0));
            Assert.AreEqual(Obis.FromText("1-0:1.7.0"), s.Code(1));
            Assert.AreEqual(Obis.FromText("1-0:2.7.0"), s.Code(2));
            Assert.AreEqual(Obis.FromText("1-0:32.7.0"), s.Code(3));
        }

        [TestMethod]
        public void ItemsThatAreNotCodesAreNamedWithTheirLine()
        {
            string problem;
            Assert.IsNull(ObisSelection.Parse("1-0:1.8.1\n1-0:1.8\n", out problem));
            Assert.AreEqual("\"1-0:1.8\" is not an OBIS code A-B:C.D.E (line 2)", problem);
            Assert.IsNull(ObisSelection.Parse("# nothing\n", out problem));
            Assert.AreEqual("no OBIS code in the selection", problem);
            Assert.AreEqual("\"1.8.1\" is not an OBIS code A-B:C.D.E (line 1)", ObisSelection.Check("1.8.1"));
            Assert.IsNull(ObisSelection.Check("1-0:1.8.1"));
        }

        [TestMethod]
        public void ApplyKeepsTheSelectedReadingsInOrderWithTheirValues()
        {
            ReadingSet set = new ReadingSet();
            set.FrameTime = 1589284449;
            byte[] tst = Ascii.GetBytes("200512135409S");
            set.BeginReading(ObisSelection.MeterTimestamp);
            set.EndReading(-1, set.AddTimestamp(set.FrameTime, tst, 0, tst.Length));
            TestReadings.Add(set, "1-0:1.8.1", "000000.034", "kWh");
            TestReadings.Add(set, "1-0:1.7.0", "00.000", "kW");
            TestReadings.AddCaptured(set, "0-1:24.2.3", 1589283958, "200512134558S", "00112.384", "m3");
            TestReadings.Add(set, "1-0:32.7.0", "234.7", "V");
            string problem;
            ObisSelection.Parse("0-1:24.2.3, 1-0:1.8.1", out problem).Apply(set);
            Assert.AreEqual(3, set.ReadingCount);
            Assert.AreEqual(ObisSelection.MeterTimestamp, set.ObisCode[0]);
            Assert.AreEqual(Obis.FromText("1-0:1.8.1"), set.ObisCode[1]);
            Assert.AreEqual(34L, set.Mantissa[set.Primary[1]]);
            Assert.AreEqual(Obis.FromText("0-1:24.2.3"), set.ObisCode[2]);
            Assert.AreEqual(112384L, set.Mantissa[set.Primary[2]]);
            Assert.AreEqual(1589283958L, set.TimeOf(set.CaptureTime[2]));
            Assert.AreEqual(1589284449L, set.FrameTime);
            Assert.AreEqual(-1, set.Find(Obis.FromText("1-0:32.7.0")));
        }
    }
}
