// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.HomeAssistant;
using MeterGateway.Protocols;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Health
{
    /// <summary>Who the meter is: header, FLAG id and model, equipment id (hex-decoded serial), M-Bus channels, changes.</summary>
    [TestClass]
    public class MeterIdentityTests
    {
        private static ReadingSet WithHeader(string header)
        {
            ReadingSet set = new ReadingSet();
            byte[] bytes = Ascii.GetBytes(header);
            set.SetHeader(bytes, 0, bytes.Length);
            return set;
        }

        [TestMethod]
        public void DsmrHeaderAndEquipmentId()
        {
            // DSMR 5.0.2 §6.12 example lines, Iskra MT382 (corpus dsmr50_nl_iskra_mt382.txt)
            ReadingSet set = WithHeader("ISk5\\2MT382-1000");
            TestReadings.AddText(set, "0-0:96.1.1", "4B384547303034303436333935353037");
            TestReadings.Add(set, "0-1:24.1.0", "003", "");
            TestReadings.AddText(set, "0-1:96.1.0", "3232323241424344313233343536373839");
            MeterIdentity id = new MeterIdentity();
            Assert.IsTrue(id.Update(set));
            Assert.AreEqual("ISk", id.Flag);
            Assert.AreEqual("Iskraemeco", id.Manufacturer, "FLAG ids ignore case");
            Assert.AreEqual("MT382-1000", id.Model, "the \\2 escape is not part of the model");
            Assert.AreEqual("4B384547303034303436333935353037", id.EquipmentId);
            Assert.AreEqual("K8EG004046395507", id.SerialNumber);
            Assert.AreEqual(3, id.DeviceType(1));
            Assert.AreEqual("3232323241424344313233343536373839", id.ChannelId(1));
            Assert.AreEqual(MeterIdentity.UnknownDeviceType, id.DeviceType(2));
            Assert.IsNull(id.ChannelId(2));
            int version = id.Version;

            Assert.IsFalse(id.Update(set), "the same meter again: no change");
            Assert.AreEqual(version, id.Version);
            Assert.AreEqual(0L, id.Changes);
        }

        [TestMethod]
        public void UnknownFlagIsShownAsWrittenAndZeroIdsAreNone()
        {
            ReadingSet set = WithHeader("FLU5\\253769484_A");
            TestReadings.AddText(set, "0-0:96.1.1", "0000000000000000");
            MeterIdentity id = new MeterIdentity();
            id.Update(set);
            Assert.AreEqual("FLU", id.Manufacturer, "a grid operator's prefix, not in the FLAG table");
            Assert.IsNull(id.EquipmentId, "zeros only: a test meter's placeholder, not an id");
            Assert.IsNull(id.SerialNumber);
        }

        [TestMethod]
        public void SmlManufacturerAndServerId()
        {
            // EMH eHZ361 (corpus sml/EMH_eHZ361L5R.bin): manufacturer text "HAGER", server id as hex header
            ReadingSet set = WithHeader("0A01484147000124ABCD");
            TestReadings.AddText(set, "129-129:199.130.3", "HAGER");
            TestReadings.AddText(set, "1-0:0.0.9", "0A01484147000124ABCD");
            MeterIdentity id = new MeterIdentity();
            id.Update(set);
            Assert.AreEqual("Hager Electro", id.Manufacturer);
            Assert.IsNull(id.Model, "an SML server id is not a model");
            Assert.AreEqual("0A01484147000124ABCD", id.EquipmentId);
            Assert.AreEqual("0A01484147000124ABCD", id.SerialNumber, "not printable when decoded: kept as sent");
        }

        [TestMethod]
        public void AChangedEquipmentIdIsCountedAsAMeterChange()
        {
            MeterIdentity id = new MeterIdentity();
            ReadingSet a = WithHeader("KFM5KAIFA-METER");
            TestReadings.AddText(a, "0-0:96.1.1", "4530303236303030303130363837393134");
            ReadingSet b = WithHeader("KFM5KAIFA-METER");
            TestReadings.AddText(b, "0-0:96.1.1", "4530303434303036393033333132393137");
            id.Update(a);
            Assert.IsTrue(id.Update(b));
            Assert.AreEqual(1L, id.Changes);
            Assert.AreEqual("4530303236303030303130363837393134", id.PreviousEquipmentId);
            Assert.AreEqual("E0044006903312917", id.SerialNumber);
            ReadingSet withGas = WithHeader("KFM5KAIFA-METER");
            TestReadings.AddText(withGas, "0-0:96.1.1", "4530303434303036393033333132393137");
            TestReadings.Add(withGas, "0-1:24.1.0", "003", "");
            Assert.IsTrue(id.Update(withGas), "an M-Bus meter appearing is a change of identity");
            Assert.AreEqual(1L, id.Changes, "but not a change of meter");
        }
    }
}
