// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using nanoFramework.TestFramework;
using MeterGateway.Update;

namespace MeterGateway.Tests.Shared.Update
{
    /// <summary>
    /// <see cref="UpdateLoader"/>: trial boot, confirmation, revert on the publish deadline, on a crash loop and on a damaged
    /// or planted set.
    /// </summary>
    [TestClass]
    public class UpdateLoaderTests
    {
        [TestMethod]
        public void FreshBoxRunsTheBuiltInSet()
        {
            var loader = new UpdateLoader(new MemoryUpdateStorage(), TestRelease.Policy());
            loader.Boot(0);
            Assert.AreEqual(UpdateSlots.BuiltIn, loader.Slot);
            Assert.AreEqual("1.0.0", loader.Version);
            Assert.AreEqual(0, loader.FileCount);
            Assert.IsFalse(loader.OnTrial);
            Assert.IsFalse(loader.Confirm());
            Assert.IsFalse(loader.Tick(10000000));
        }

        [TestMethod]
        public void ActivatedSetBootsOnTrialAndIsConfirmedByAPublish()
        {
            var storage = new MemoryUpdateStorage();
            var policy = TestRelease.Policy();
            Stage(storage, TestRelease.Url110, policy.BuiltInVersion);
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(1000);
            Assert.AreEqual(UpdateSlots.A, loader.Slot);
            Assert.AreEqual("1.1.0", loader.Version);
            Assert.IsTrue(loader.OnTrial);
            Assert.AreEqual(2, loader.FileCount);
            Assert.AreEqual("a/MeterGateway.Core.pe", loader.FilePath(0));
            Assert.AreEqual("a/MeterGateway.pe", loader.FilePath(1));
            Assert.AreEqual("MeterGateway.Program", loader.Manifest.Entry);
            Assert.AreEqual((int)UpdateResult.Activated, (int)loader.Report.Result);
            Assert.IsFalse(loader.Tick(1000 + policy.PublishDeadlineMs - 1));

            Assert.IsTrue(loader.Confirm());
            Assert.AreEqual((int)UpdateResult.Updated, (int)loader.Report.Result);
            Assert.AreEqual("1.1.0", loader.Report.Version);
            Assert.IsFalse(loader.Tick(1000 + 10 * policy.PublishDeadlineMs));

            var next = new UpdateLoader(storage, policy);
            next.Boot(0);
            Assert.AreEqual(UpdateSlots.A, next.Slot);
            Assert.IsFalse(next.OnTrial);
            Assert.AreEqual((int)UpdateResult.Updated, (int)next.Report.Result);
        }

        [TestMethod]
        public void ConfirmedUpdateDeletesThePreviousSet()
        {
            var storage = new MemoryUpdateStorage();
            var policy = TestRelease.Policy();
            TestRelease.Install110(storage, policy);
            Stage(storage, TestRelease.Url120, "1.1.0");
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            Assert.AreEqual(UpdateSlots.B, loader.Slot);
            Assert.AreEqual(UpdateSlots.A, loader.Record.LastGood);
            Assert.AreEqual(4, storage.List("a/").Length);
            Assert.IsTrue(loader.Confirm());
            Assert.AreEqual(0, storage.List("a/").Length);
            Assert.AreEqual(4, storage.List("b/").Length);
            Assert.AreEqual(UpdateSlots.B, loader.Record.LastGood);
        }

        [TestMethod]
        public void NoPublishBeforeTheDeadlineRevertsToTheLastGoodSet()
        {
            var storage = new MemoryUpdateStorage();
            var policy = TestRelease.Policy();
            TestRelease.Install110(storage, policy);
            Stage(storage, TestRelease.Url120, "1.1.0");
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(5000);
            Assert.AreEqual("1.2.0", loader.Version);
            Assert.IsFalse(loader.Tick(5000 + policy.PublishDeadlineMs - 1));
            Assert.IsTrue(loader.Tick(5000 + policy.PublishDeadlineMs));
            Assert.AreEqual((int)UpdateResult.Reverted, (int)loader.Report.Result);
            Assert.AreEqual((int)UpdateReason.PublishDeadline, (int)loader.Report.Reason);
            Assert.AreEqual("1.2.0", loader.Report.Version);

            // The platform restarts: 1.1.0 again, confirmed, and the result is still there to report.
            var after = new UpdateLoader(storage, policy);
            after.Boot(0);
            Assert.AreEqual(UpdateSlots.A, after.Slot);
            Assert.AreEqual("1.1.0", after.Version);
            Assert.IsFalse(after.OnTrial);
            Assert.AreEqual((int)UpdateResult.Reverted, (int)after.Report.Result);
            Assert.AreEqual((int)UpdateReason.PublishDeadline, (int)after.Report.Reason);
            Assert.AreEqual("1.2.0", after.Report.Version);
            Assert.AreEqual("1.1.0", after.Report.Running);
        }

        [TestMethod]
        public void CrashLoopRevertsAfterTheAllowedBoots()
        {
            var storage = new MemoryUpdateStorage();
            var policy = TestRelease.Policy();
            TestRelease.Install110(storage, policy);
            Stage(storage, TestRelease.Url120, "1.1.0");
            // The new set crashes before publishing, boot after boot.
            for (int boot = 1; boot <= policy.MaxTrialBoots; boot++)
            {
                var loader = new UpdateLoader(storage, policy);
                loader.Boot(0);
                Assert.AreEqual("1.2.0", loader.Version, "boot " + boot);
                Assert.AreEqual(boot, loader.Record.TrialBoots);
            }
            var last = new UpdateLoader(storage, policy);
            last.Boot(0);
            Assert.AreEqual("1.1.0", last.Version);
            Assert.AreEqual((int)UpdateReason.CrashLoop, (int)last.Report.Reason);
            Assert.AreEqual("1.2.0", last.Report.Version);

            // A later, fixed release may be staged into the failed set's slot.
            var fixedAgent = new UpdateAgent(storage, new FakeTransport(), policy, last.Version);
            UpdateAgentTests.Command(fixedAgent, "update " + TestRelease.Url120 + "\n" + TestRelease.Manifest120);
            Assert.AreEqual((int)UpdateState.Downloading, (int)fixedAgent.State);
        }

        [TestMethod]
        public void DamagedSetOnTrialIsRevertedAtBoot()
        {
            var storage = new MemoryUpdateStorage();
            var policy = TestRelease.Policy();
            TestRelease.Install110(storage, policy);
            Stage(storage, TestRelease.Url120, "1.1.0");
            storage.FlipBit("b/MeterGateway.pe", 1000);
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            Assert.AreEqual(UpdateSlots.A, loader.Slot);
            Assert.AreEqual((int)UpdateReason.SetCorrupted, (int)loader.Report.Reason);
        }

        [TestMethod]
        public void DamagedGoodSetFallsBackToTheBuiltInSet()
        {
            var storage = new MemoryUpdateStorage();
            var policy = TestRelease.Policy();
            TestRelease.Install110(storage, policy);
            storage.FlipBit("a/MeterGateway.Core.pe", 5);
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            Assert.AreEqual(UpdateSlots.BuiltIn, loader.Slot);
            Assert.AreEqual("1.0.0", loader.Version);
            Assert.AreEqual((int)UpdateResult.Reverted, (int)loader.Report.Result);
            Assert.AreEqual((int)UpdateReason.SetCorrupted, (int)loader.Report.Reason);

            // Without the check at every boot, a damaged good set still runs (the platform's choice).
            TestRelease.Install110(storage = new MemoryUpdateStorage(), policy);
            storage.FlipBit("a/MeterGateway.Core.pe", 5);
            policy.VerifyEveryBoot = false;
            loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            Assert.AreEqual(UpdateSlots.A, loader.Slot);
        }

        [TestMethod]
        public void SetPlantedOnThePartitionIsNeverLoaded()
        {
            // Someone with write access to the partition copies a release signed by another key and a boot record naming it.
            var storage = new MemoryUpdateStorage();
            var policy = TestRelease.Policy();
            byte[] manifest = MeterGateway.Readings.Ascii.GetBytes(TestRelease.ManifestOtherKey);
            storage.Write("b/manifest", manifest, 0, manifest.Length);
            byte[] core = TestRelease.Core110();
            byte[] app = TestRelease.App110();
            storage.Write("b/MeterGateway.Core.pe", core, 0, core.Length);
            storage.Write("b/MeterGateway.pe", app, 0, app.Length);
            var record = new BootRecord();
            record.Load(storage);
            record.Current = UpdateSlots.B;
            record.LastGood = UpdateSlots.B;
            record.Save(storage);
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            Assert.AreEqual(UpdateSlots.BuiltIn, loader.Slot);
            Assert.AreEqual(0, loader.FileCount);
        }

        // Downloads and activates the release at folderUrl on a box running `running` (the switch only, no boot).
        internal static void Stage(MemoryUpdateStorage storage, string folderUrl, string running)
        {
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), running);
            UpdateAgentTests.Command(agent, "update " + folderUrl + "manifest");
            TestRelease.Run(agent, 0);
            Assert.AreEqual((int)UpdateState.Activated, (int)agent.State, agent.Report.Reason + "");
        }
    }
}
