// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using nanoFramework.TestFramework;
using MeterGateway.Update;

namespace MeterGateway.Tests.Shared.Update
{
    /// <summary>
    /// A power cut after each storage write of an update — staging, the switch, the trial boot, the confirmation and the
    /// clean-up, or the revert — cutting the write itself (torn: half of it lands) or just before it. After each cut the
    /// box restarts: it must boot a verified set, never the built-in fallback, and the update must still be able to
    /// finish. Box: 1.1.0 confirmed in slot A, updating to 1.2.0.
    /// </summary>
    [TestClass]
    public class PowerCutTests
    {
        [TestMethod]
        public void GoodSetSurvivesACutAtEveryWriteOfAnUpdate()
        {
            CutEverywhere(false);
        }

        [TestMethod]
        public void GoodSetSurvivesACutAtEveryWriteOfARevert()
        {
            CutEverywhere(true);
        }

        private static void CutEverywhere(bool revert)
        {
            int writes = CountWrites(revert);
            Assert.IsTrue(writes > 10, "the scenario writes " + writes + " times");
            for (int torn = 0; torn < 2; torn++)
            {
                for (int cut = 1; cut <= writes; cut++)
                {
                    string what = (torn == 1 ? "torn " : "clean ") + "cut at write " + cut + " of " + writes;
                    var storage = new MemoryUpdateStorage();
                    var policy = TestRelease.Policy();
                    TestRelease.Install110(storage, policy);
                    storage.Torn = torn == 1;
                    storage.CutAt = storage.Writes + cut;
                    bool wasCut = false;
                    try
                    {
                        Scenario(storage, policy, revert);
                    }
                    catch (PowerCutException)
                    {
                        wasCut = true;
                    }
                    Assert.IsTrue(wasCut, what);
                    storage.PowerOn();
                    Recover(storage, policy, revert, what);
                }
            }
        }

        // The update (download, switch, trial boot), then the confirmation or the missed deadline and the restart.
        private static void Scenario(MemoryUpdateStorage storage, UpdatePolicy policy, bool revert)
        {
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, policy, "1.1.0");
            UpdateAgentTests.Command(agent, "update " + TestRelease.Url120 + "manifest");
            TestRelease.Run(agent, 0);
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            if (!revert)
            {
                loader.Confirm();
                return;
            }
            loader.Tick(policy.PublishDeadlineMs);
            new UpdateLoader(storage, policy).Boot(0);
        }

        private static int CountWrites(bool revert)
        {
            var storage = new MemoryUpdateStorage();
            var policy = TestRelease.Policy();
            TestRelease.Install110(storage, policy);
            int before = storage.Writes;
            Scenario(storage, policy, revert);
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            Assert.AreEqual(revert ? "1.1.0" : "1.2.0", loader.Version);
            return storage.Writes - before;
        }

        // Restart after the cut: a good set runs; then the update is finished (or the revert completed).
        private static void Recover(MemoryUpdateStorage storage, UpdatePolicy policy, bool revert, string what)
        {
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            Assert.IsTrue(loader.Slot == UpdateSlots.A || loader.Slot == UpdateSlots.B, what + ": booted the built-in set");
            Assert.AreEqual(loader.Slot == UpdateSlots.A ? "1.1.0" : "1.2.0", loader.Version, what);
            var sets = new SetStorage(storage, policy.Key, policy.ChunkSize);
            Assert.AreEqual((int)UpdateReason.None, (int)sets.Verify(loader.Slot, new UpdateManifest()), what + ": running set");
            if (loader.OnTrial)
            {
                Assert.AreEqual(UpdateSlots.A, loader.Record.LastGood, what);
                Assert.AreEqual((int)UpdateReason.None, (int)sets.Verify(UpdateSlots.A, new UpdateManifest()), what + ": last good set");
            }

            if (revert)
            {
                if (loader.OnTrial) Assert.IsTrue(loader.Tick(policy.PublishDeadlineMs), what);
                loader = new UpdateLoader(storage, policy);
                loader.Boot(0);
                Assert.AreEqual("1.1.0", loader.Version, what);
                return;
            }
            if (loader.Version == "1.1.0")
            {
                // The switch never happened: the download resumes (or starts again) and activates.
                var transport = new FakeTransport();
                TestRelease.Serve(transport);
                var agent = new UpdateAgent(storage, transport, policy, loader.Version);
                if (!agent.Resume()) UpdateAgentTests.Command(agent, "update " + TestRelease.Url120 + "manifest");
                TestRelease.Run(agent, 0);
                Assert.AreEqual((int)UpdateResult.Activated, (int)agent.Report.Result, what + ": " + UpdateReasons.Name(agent.Report.Reason));
                loader = new UpdateLoader(storage, policy);
                loader.Boot(0);
            }
            loader.Confirm();
            loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            Assert.AreEqual("1.2.0", loader.Version, what);
            Assert.IsFalse(loader.OnTrial, what);
        }
    }
}
