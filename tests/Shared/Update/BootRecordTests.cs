// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using nanoFramework.TestFramework;
using MeterGateway.Update;

namespace MeterGateway.Tests.Shared.Update
{
    /// <summary>The two-copy boot record (<see cref="BootRecord"/>): round trip, newest copy wins, a torn copy falls back.</summary>
    [TestClass]
    public class BootRecordTests
    {
        [TestMethod]
        public void ResultsHaveTheirJsonNames()
        {
            Assert.AreEqual("none", UpdateReport.ResultName(UpdateResult.None));
            Assert.AreEqual("downloading", UpdateReport.ResultName(UpdateResult.Downloading));
            Assert.AreEqual("refused", UpdateReport.ResultName(UpdateResult.Refused));
            Assert.AreEqual("failed", UpdateReport.ResultName(UpdateResult.Failed));
            Assert.AreEqual("activated", UpdateReport.ResultName(UpdateResult.Activated));
            Assert.AreEqual("updated", UpdateReport.ResultName(UpdateResult.Updated));
            Assert.AreEqual("reverted", UpdateReport.ResultName(UpdateResult.Reverted));
            Assert.AreEqual("unknown", UpdateReport.ResultName((UpdateResult)99));
        }

        [TestMethod]
        public void EmptyStorageMeansBuiltInConfirmed()
        {
            var record = new BootRecord();
            record.Load(new MemoryUpdateStorage());
            Assert.AreEqual(UpdateSlots.BuiltIn, record.Current);
            Assert.AreEqual(UpdateSlots.BuiltIn, record.LastGood);
            Assert.IsFalse(record.Trial);
            Assert.IsNull(record.Version);
        }

        [TestMethod]
        public void SavedStateLoadsBack()
        {
            var storage = new MemoryUpdateStorage();
            var record = new BootRecord();
            record.Load(storage);
            record.Current = UpdateSlots.B;
            record.LastGood = UpdateSlots.A;
            record.Trial = true;
            record.TrialBoots = 2;
            record.Result = UpdateResult.Activated;
            record.Reason = UpdateReason.None;
            record.Version = "12.345.6789.1";
            record.Save(storage);
            var again = new BootRecord();
            again.Load(storage);
            Assert.AreEqual(UpdateSlots.B, again.Current);
            Assert.AreEqual(UpdateSlots.A, again.LastGood);
            Assert.IsTrue(again.Trial);
            Assert.AreEqual(2, again.TrialBoots);
            Assert.AreEqual((int)UpdateResult.Activated, (int)again.Result);
            Assert.AreEqual("12.345.6789.1", again.Version);
            Assert.AreEqual(1u, again.Sequence);
        }

        [TestMethod]
        public void TornWriteLeavesThePreviousState()
        {
            for (int torn = 0; torn < 2; torn++)
            {
                var storage = new MemoryUpdateStorage();
                storage.Torn = torn == 1;
                var record = new BootRecord();
                record.Load(storage);
                record.Current = UpdateSlots.A;
                record.LastGood = UpdateSlots.A;
                record.Save(storage);
                record.Current = UpdateSlots.B;
                record.Save(storage);
                // The third save goes to the same file as the first; cut it.
                record.Current = UpdateSlots.A;
                record.Trial = true;
                storage.CutAt = storage.Writes + 1;
                Assert.ThrowsException(typeof(PowerCutException), () => record.Save(storage));
                storage.PowerOn();
                var after = new BootRecord();
                after.Load(storage);
                Assert.AreEqual(UpdateSlots.B, after.Current);
                Assert.IsFalse(after.Trial);
                Assert.AreEqual(2u, after.Sequence);
            }
        }

        [TestMethod]
        public void DamagedCopyIsIgnored()
        {
            var storage = new MemoryUpdateStorage();
            var record = new BootRecord();
            record.Load(storage);
            record.Current = UpdateSlots.A;
            record.Save(storage);
            record.Current = UpdateSlots.B;
            record.Save(storage);
            storage.FlipBit("boot.0", 9);
            var after = new BootRecord();
            after.Load(storage);
            Assert.AreEqual(UpdateSlots.A, after.Current);
            storage.FlipBit("boot.1", 20);
            after.Load(storage);
            Assert.AreEqual(UpdateSlots.BuiltIn, after.Current);
        }
    }
}
