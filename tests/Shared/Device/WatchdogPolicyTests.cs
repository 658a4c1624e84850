// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Device;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>When the device restarts itself: a stalled loop, a lost broker with nothing more to keep, memory that stays low.</summary>
    [TestClass]
    public class WatchdogPolicyTests
    {
        [TestMethod]
        public void AStalledLoopIsDetectedAfterTheTimeout()
        {
            WatchdogPolicy w = new WatchdogPolicy(60, 0, 0, 1000);
            Assert.AreEqual((int)RebootReason.None, (int)w.Check(61000, true, 0, -1));
            Assert.AreEqual((int)RebootReason.LoopStalled, (int)w.Check(61001, true, 0, -1));
            w.Feed(61001);
            Assert.AreEqual((int)RebootReason.None, (int)w.Check(121001, true, 0, -1));
            Assert.AreEqual((int)RebootReason.LoopStalled, (int)w.Check(121002, true, 0, -1));
            Assert.AreEqual("watchdog: main loop stalled", WatchdogPolicy.Describe(RebootReason.LoopStalled));
        }

        [TestMethod]
        public void ALostBrokerRebootsOnlyWhenNothingMoreCanBeKept()
        {
            const long minute = 60000;
            WatchdogPolicy w = new WatchdogPolicy(3600, 30, 0, 0);
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 0, true, -1));
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 1 * minute, false, -1));      // lost here
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 31 * minute - 1, false, -1));
            Assert.AreEqual((int)RebootReason.BrokerUnreachable, (int)Fed(w, 31 * minute, false, -1));
            // reconnecting starts the count again
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 32 * minute, true, -1));
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 33 * minute, false, -1));
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 62 * minute, false, -1));
            Assert.AreEqual((int)RebootReason.BrokerUnreachable, (int)Fed(w, 63 * minute, false, -1));

            WatchdogPolicy never = new WatchdogPolicy(3600, 0, 0, 0);
            Fed(never, 0, false, -1);
            Assert.AreEqual((int)RebootReason.None, (int)Fed(never, 3000 * minute, false, -1));
        }

        /// <summary>
        /// With an outbox, "nothing more can be kept" means it has thinned or dropped a set since the broker was lost
        /// (sets given up in earlier outages do not count).
        /// </summary>
        [TestMethod]
        public void WithAnOutboxTheBrokerRuleWaitsUntilItGivesUpASet()
        {
            const long minute = 60000;
            WatchdogPolicy w = new WatchdogPolicy(3600, 30, 0, 0);
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 0, true, 5));                 // 5 given up in an earlier outage
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 1 * minute, false, 5));      // lost here
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 31 * minute, false, 5));     // 30 minutes, every set kept
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 300 * minute, false, 5));
            Assert.AreEqual((int)RebootReason.BrokerUnreachable, (int)Fed(w, 301 * minute, false, 6)); // it thinned one
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 302 * minute, true, 6));     // reconnected
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 303 * minute, false, 6));    // lost again: counted from 6
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 333 * minute, false, 6));
            Assert.AreEqual((int)RebootReason.None, (int)Fed(w, 332 * minute, false, 7));    // gave one up, but only 29 minutes
            Assert.AreEqual((int)RebootReason.BrokerUnreachable, (int)Fed(w, 333 * minute, false, 7));
        }

        // A check right after the loop stepped, so only the broker rule can fire.
        private static RebootReason Fed(WatchdogPolicy w, long nowMs, bool connected, long setsGivenUp)
        {
            w.Feed(nowMs);
            return w.Check(nowMs, connected, setsGivenUp, -1);
        }

        [TestMethod]
        public void MemoryMustStayLowForThreeChecks()
        {
            WatchdogPolicy w = new WatchdogPolicy(3600, 0, 8192, 0);
            Assert.AreEqual((int)RebootReason.None, (int)w.Check(1000, true, 0, 8000));
            Assert.AreEqual((int)RebootReason.None, (int)w.Check(2000, true, 0, 7000));
            Assert.AreEqual((int)RebootReason.None, (int)w.Check(3000, true, 0, 9000));   // recovered: the count starts over
            Assert.AreEqual((int)RebootReason.None, (int)w.Check(4000, true, 0, 100));
            Assert.AreEqual((int)RebootReason.None, (int)w.Check(5000, true, 0, -1));     // not measured: no change
            Assert.AreEqual((int)RebootReason.None, (int)w.Check(6000, true, 0, 8191));
            Assert.AreEqual((int)RebootReason.LowMemory, (int)w.Check(7000, true, 0, 0));
            Assert.AreEqual((int)RebootReason.None, (int)w.Check(8000, true, 0, 8192));

            WatchdogPolicy off = new WatchdogPolicy(3600, 0, 0, 0);
            for (int i = 0; i < 5; i++) Assert.AreEqual((int)RebootReason.None, (int)off.Check(i, true, 0, 0));
        }

        [TestMethod]
        public void AStallIsReportedFirst()
        {
            WatchdogPolicy w = new WatchdogPolicy(10, 1, 8192, 0);
            w.Check(0, false, -1, 0);
            w.Check(1, false, -1, 0);
            Assert.AreEqual((int)RebootReason.LoopStalled, (int)w.Check(60000, false, -1, 0));
            w.Feed(60000);
            Assert.AreEqual((int)RebootReason.BrokerUnreachable, (int)w.Check(60000, false, -1, 0));
            Assert.AreEqual((int)RebootReason.LowMemory, (int)w.Check(60000, true, -1, 0));
            Assert.AreEqual("", WatchdogPolicy.Describe(RebootReason.None));
        }
    }
}
