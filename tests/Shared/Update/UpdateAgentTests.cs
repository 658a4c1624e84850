// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using nanoFramework.TestFramework;
using MeterGateway.Readings;
using MeterGateway.Update;

namespace MeterGateway.Tests.Shared.Update
{
    /// <summary>
    /// <see cref="UpdateAgent"/>: command → manifest → staged, hash-checked download → switch; and each refusal or failure,
    /// after which the running set and the boot record are untouched.
    /// </summary>
    [TestClass]
    public class UpdateAgentTests
    {
        [TestMethod]
        public void DownloadsVerifiesAndActivatesInTheFreeSlot()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Assert.IsFalse(agent.HoldsWork, "an idle agent holds no buffers");
            Command(agent, "update " + TestRelease.Url110 + "manifest");
            Assert.AreEqual((int)UpdateState.FetchingManifest, (int)agent.State);
            Assert.IsTrue(agent.HoldsWork);
            agent.Step(0);
            Assert.AreEqual((int)UpdateResult.Downloading, (int)agent.Report.Result);
            Assert.AreEqual(4500L, agent.Report.Total);
            TestRelease.Run(agent, 0);

            Assert.AreEqual((int)UpdateState.Activated, (int)agent.State);
            Assert.AreEqual((int)UpdateResult.Activated, (int)agent.Report.Result);
            Assert.AreEqual("1.1.0", agent.Report.Version);
            Assert.IsFalse(agent.HoldsWork, "dropped once activated");
            Assert.AreEqual(3000, storage.Length("a/MeterGateway.Core.pe"));
            Assert.AreEqual(1500, storage.Length("a/MeterGateway.pe"));
            Assert.AreEqual(TestRelease.Manifest110.Length, storage.Length("a/manifest"));
            var record = new BootRecord();
            record.Load(storage);
            Assert.AreEqual(UpdateSlots.A, record.Current);
            Assert.AreEqual(UpdateSlots.BuiltIn, record.LastGood);
            Assert.IsTrue(record.Trial);
            Assert.AreEqual("1.1.0", record.Version);
            Assert.AreEqual(4500L, transport.Delivered - TestRelease.Manifest110.Length);
        }

        [TestMethod]
        public void InlineManifestNeedsNoManifestFetch()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Command(agent, "update " + TestRelease.Url110 + "\n" + TestRelease.Manifest110);
            Assert.AreEqual((int)UpdateState.Downloading, (int)agent.State);
            TestRelease.Run(agent, 0);
            Assert.AreEqual((int)UpdateResult.Activated, (int)agent.Report.Result);
            Assert.AreEqual(2, transport.Opens);
        }

        [TestMethod]
        public void TamperedFileIsRefusedAndTheStagedFilesRemoved()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            byte[] app = TestRelease.App110();
            app[700] ^= 0x20;
            transport.Serve(TestRelease.Url110 + "MeterGateway.pe", app);
            UpdateAgent agent = Update(storage, transport, TestRelease.Url110);
            Assert.AreEqual((int)UpdateResult.Refused, (int)agent.Report.Result);
            Assert.AreEqual((int)UpdateReason.FileHashMismatch, (int)agent.Report.Reason);
            Assert.AreEqual("1.1.0", agent.Report.Version);
            Assert.IsFalse(agent.HoldsWork, "dropped when abandoned");
            Assert.AreEqual(0, storage.List("a/").Length);
            AssertRecordUntouched(storage);
        }

        [TestMethod]
        public void LongerFileThanTheManifestSaysIsRefused()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            byte[] longer = new byte[3000 + 2000];
            byte[] core = TestRelease.Core110();
            for (int i = 0; i < core.Length; i++) longer[i] = core[i];
            transport.Serve(TestRelease.Url110 + "MeterGateway.Core.pe", longer);
            UpdateAgent agent = Update(storage, transport, TestRelease.Url110);
            Assert.AreEqual((int)UpdateReason.FileTooLong, (int)agent.Report.Reason);
            Assert.AreEqual(0, storage.List("a/").Length);
            AssertRecordUntouched(storage);
        }

        [TestMethod]
        public void ManifestsThatFailTheirChecksAreRefusedBeforeAnyDownload()
        {
            CheckRefused("update " + TestRelease.Url110 + "\n" + TestRelease.ManifestOtherKey, "1.0.0", UpdateReason.WrongKey);
            CheckRefused("update " + TestRelease.Url110 + "\n" + UpdateManifestTests.Replace(TestRelease.Manifest110, "1500", "1499"), "1.0.0", UpdateReason.BadSignature);
            CheckRefused("update " + TestRelease.Url110 + "manifest", "1.1.0", UpdateReason.NotNewer);
            CheckRefused("update " + TestRelease.Url110 + "manifest", "1.2", UpdateReason.NotNewer);
            CheckRefused("update http://fleet.example/releases/1.1.0/manifest", "1.0.0", UpdateReason.BadUrl);
            CheckRefused("fetch it", "1.0.0", UpdateReason.CommandMalformed);
        }

        [TestMethod]
        public void OldNativeFirmwareIsRefused()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var policy = TestRelease.Policy();
            policy.FirmwareVersion = "1.9.99";
            var agent = new UpdateAgent(storage, transport, policy, "1.0.0");
            Command(agent, "update " + TestRelease.Url110 + "manifest");
            TestRelease.Run(agent, 0);
            Assert.AreEqual((int)UpdateReason.FirmwareTooOld, (int)agent.Report.Reason);
            Assert.AreEqual(0, storage.List("a/").Length);
        }

        [TestMethod]
        public void ReleaseTooBigForTheStorageLeftIsRefused()
        {
            // 2 files of 1 block each + manifest + source = 4 blocks = 16 KiB; 96 KiB are reserved for the outbox.
            var storage = new MemoryUpdateStorage();
            storage.Capacity = 96 * 1024 + 16 * 1024 - 1;
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            UpdateAgent agent = Update(storage, transport, TestRelease.Url110);
            Assert.AreEqual((int)UpdateReason.TooBig, (int)agent.Report.Reason);
            Assert.AreEqual(0, storage.Writes);

            storage.Capacity = 96 * 1024 + 16 * 1024;
            agent = Update(storage, transport, TestRelease.Url110);
            Assert.AreEqual((int)UpdateResult.Activated, (int)agent.Report.Result);
        }

        [TestMethod]
        public void OutboxGrowingDuringTheDownloadStopsIt()
        {
            var storage = new MemoryUpdateStorage();
            storage.Capacity = 96 * 1024 + 16 * 1024;
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Command(agent, "update " + TestRelease.Url110 + "manifest");
            agent.Step(0);
            agent.Step(0);
            Assert.AreEqual((int)UpdateState.Downloading, (int)agent.State);
            // The outbox takes what is left of the partition, and more.
            byte[] outbox = new byte[16 * 1024];
            storage.Append("outbox.log", outbox, 0, outbox.Length);
            TestRelease.Run(agent, 0);
            Assert.AreEqual((int)UpdateResult.Failed, (int)agent.Report.Result);
            Assert.AreEqual((int)UpdateReason.StorageFull, (int)agent.Report.Reason);
            Assert.AreEqual(0, storage.List("a/").Length);
            AssertRecordUntouched(storage);
        }

        [TestMethod]
        public void BrokenConnectionResumesAtTheByteItStopped()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Command(agent, "update " + TestRelease.Url110 + "manifest");
            agent.Step(0);
            transport.BreakAfter = 1500;     // in the middle of MeterGateway.Core.pe
            agent.Step(0);
            agent.Step(0);
            Assert.AreEqual(1500, storage.Length("a/MeterGateway.Core.pe"));
            agent.Step(0);                   // the read fails: backoff
            Assert.AreEqual((int)UpdateState.Downloading, (int)agent.State);
            transport.FailOpens = 2;         // and the server is away for two more tries
            TestRelease.Run(agent, 1);
            Assert.AreEqual((int)UpdateResult.Activated, (int)agent.Report.Result);
            Assert.AreEqual(1, transport.ResumedOpens - 2);
            Assert.AreEqual(TestRelease.Manifest110.Length + 4500L, transport.Delivered);
        }

        [TestMethod]
        public void DownloadResumesAfterARestart()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Command(agent, "update " + TestRelease.Url110 + "manifest");
            for (int i = 0; i < 5; i++) agent.Step(0);      // manifest + 3 KB of the first file + 1 KB of the second
            Assert.AreEqual(3000, storage.Length("a/MeterGateway.Core.pe"));
            Assert.AreEqual(1024, storage.Length("a/MeterGateway.pe"));

            long before = transport.Delivered;
            var restarted = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Assert.IsFalse(restarted.HoldsWork);
            Assert.IsTrue(restarted.Resume());
            Assert.IsTrue(restarted.HoldsWork);
            TestRelease.Run(restarted, 0);
            Assert.AreEqual((int)UpdateResult.Activated, (int)restarted.Report.Result);
            Assert.AreEqual(1500L - 1024, transport.Delivered - before);
            Assert.AreEqual(1, transport.ResumedOpens);
        }

        /// <summary>
        /// A box without PSRAM (no transport): a valid command is refused with heap-too-small before anything is held, and
        /// a download a restart interrupted is not resumed.
        /// </summary>
        [TestMethod]
        public void WithoutATransportEveryUpdateIsRefusedAndNothingResumed()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Command(agent, "update " + TestRelease.Url110 + "manifest");
            for (int i = 0; i < 3; i++) agent.Step(0);
            Assert.IsTrue(storage.Length("a/MeterGateway.Core.pe") > 0, "a download under way");

            var small = new UpdateAgent(storage, null, TestRelease.Policy(), "1.0.0");
            Assert.IsFalse(small.Resume());
            Assert.IsFalse(small.HoldsWork);
            Command(small, "update " + TestRelease.Url110 + "manifest");
            Assert.AreEqual((int)UpdateResult.Refused, (int)small.Report.Result);
            Assert.AreEqual((int)UpdateReason.HeapTooSmall, (int)small.Report.Reason);
            Assert.AreEqual("heap-too-small", UpdateReasons.Name(small.Report.Reason));
            Assert.IsFalse(small.HoldsWork);
            Assert.AreEqual((int)UpdateState.Idle, (int)small.State);
            small.Step(0);
            Assert.AreEqual((int)UpdateState.Idle, (int)small.State);
        }

        [TestMethod]
        public void NothingToResumeHoldsNothing()
        {
            var storage = new MemoryUpdateStorage();
            var agent = new UpdateAgent(storage, new FakeTransport(), TestRelease.Policy(), "1.0.0");
            Assert.IsFalse(agent.Resume());
            Assert.IsFalse(agent.HoldsWork);
            storage.Write("a/source", Ascii.GetBytes(TestRelease.Url110), 0, TestRelease.Url110.Length);
            Assert.IsFalse(agent.Resume(), "a source without a signed manifest");
            Assert.IsFalse(agent.HoldsWork);
            Assert.AreEqual((int)UpdateState.Idle, (int)agent.State);
        }

        [TestMethod]
        public void ServerAwayTooLongFailsAndKeepsTheBytes()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var policy = TestRelease.Policy();
            var agent = new UpdateAgent(storage, transport, policy, "1.0.0");
            Command(agent, "update " + TestRelease.Url110 + "manifest");
            agent.Step(0);
            agent.Step(0);
            transport.FailOpens = 1000;
            transport.BreakAfter = 0;
            TestRelease.Run(agent, 0);
            Assert.AreEqual((int)UpdateResult.Failed, (int)agent.Report.Result);
            Assert.AreEqual((int)UpdateReason.DownloadFailed, (int)agent.Report.Reason);
            Assert.IsFalse(agent.HoldsWork, "dropped when it failed");
            Assert.AreEqual(1024, storage.Length("a/MeterGateway.Core.pe"));
            AssertRecordUntouched(storage);

            // The same command later resumes from the bytes kept.
            transport.FailOpens = 0;
            Command(agent, "update " + TestRelease.Url110 + "manifest");
            TestRelease.Run(agent, 1000000);
            Assert.AreEqual((int)UpdateResult.Activated, (int)agent.Report.Result);
        }

        [TestMethod]
        public void SecondCommandWhileBusyIsRefusedWithoutDisturbingTheFirst()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Command(agent, "update " + TestRelease.Url110 + "manifest");
            agent.Step(0);
            Command(agent, "update " + TestRelease.Url120 + "manifest");
            Assert.AreEqual((int)UpdateReason.Busy, (int)agent.Report.Reason);
            Assert.IsTrue(agent.HoldsWork, "the first update's");
            TestRelease.Run(agent, 0);
            Assert.AreEqual((int)UpdateResult.Activated, (int)agent.Report.Result);
            Assert.AreEqual("1.1.0", agent.Report.Version);
        }

        [TestMethod]
        public void UpdateWhileAnotherIsOnTrialIsRefused()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            Update(storage, transport, TestRelease.Url110);
            UpdateAgent agent = Update(storage, transport, TestRelease.Url120);
            Assert.AreEqual((int)UpdateReason.Busy, (int)agent.Report.Reason);
        }

        [TestMethod]
        public void ReportIsJsonForTheStatusTopic()
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Command(agent, "update " + TestRelease.Url110 + "\n" + TestRelease.ManifestOtherKey);
            var json = new JsonWriter(512);
            agent.Report.Write(json);
            Assert.AreEqual("{\"result\":\"refused\",\"reason\":\"wrong-key\",\"text\":\"manifest: signed by another key than this box's fleet key\",\"running\":\"1.0.0\"}",
                Ascii.ToString(json.Buffer, json.Start, json.Length));
        }

        internal static void Command(UpdateAgent agent, string payload)
        {
            byte[] data = Ascii.GetBytes(payload);
            agent.Command(data, 0, data.Length);
        }

        // A box running the built-in 1.0.0 (or whatever the record says) told to update from folderUrl, run to the end.
        private static UpdateAgent Update(MemoryUpdateStorage storage, FakeTransport transport, string folderUrl)
        {
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), "1.0.0");
            Command(agent, "update " + folderUrl + "manifest");
            TestRelease.Run(agent, 0);
            return agent;
        }

        private static void CheckRefused(string payload, string running, UpdateReason expected)
        {
            var storage = new MemoryUpdateStorage();
            var transport = new FakeTransport();
            TestRelease.Serve(transport);
            var agent = new UpdateAgent(storage, transport, TestRelease.Policy(), running);
            Command(agent, payload);
            TestRelease.Run(agent, 0);
            Assert.AreEqual((int)UpdateResult.Refused, (int)agent.Report.Result, payload);
            Assert.AreEqual((int)expected, (int)agent.Report.Reason, payload);
            Assert.AreEqual(0, storage.Writes, payload);
            Assert.IsFalse(agent.HoldsWork, payload);
        }

        private static void AssertRecordUntouched(MemoryUpdateStorage storage)
        {
            Assert.AreEqual(-1, storage.Length("boot.0"));
            Assert.AreEqual(-1, storage.Length("boot.1"));
        }
    }
}
