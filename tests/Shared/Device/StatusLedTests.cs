// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Device;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>The status LED patterns as a function of state and time.</summary>
    [TestClass]
    public class StatusLedTests
    {
        [TestMethod]
        public void TheFirstMissingLinkIsShown()
        {
            Assert.AreEqual((int)LedState.Portal, (int)StatusLed.StateOf(true, false, false, true));
            Assert.AreEqual((int)LedState.NoWifi, (int)StatusLed.StateOf(false, false, false, true));
            Assert.AreEqual((int)LedState.NoBroker, (int)StatusLed.StateOf(false, true, false, true));
            Assert.AreEqual((int)LedState.NoMeterData, (int)StatusLed.StateOf(false, true, true, true));
            Assert.AreEqual((int)LedState.Running, (int)StatusLed.StateOf(false, true, true, false));
        }

        [TestMethod]
        public void EachStateHasItsPattern()
        {
            // Portal: 1 s on, 1 s off
            Assert.AreEqual("1111100000", Sample(LedState.Portal, 0, -1));
            // No Wi-Fi: 100 ms on, 100 ms off
            Assert.AreEqual("1111111111", Sample(LedState.NoWifi, 0, -1));
            Assert.AreEqual("0000000000", Sample(LedState.NoWifi, 100, -1));
            Assert.IsTrue(StatusLed.IsOn(LedState.NoWifi, 50, -1));
            Assert.IsFalse(StatusLed.IsOn(LedState.NoWifi, 150, -1));
            // No broker: two flashes (0–100, 300–400) every 2 s
            Assert.IsTrue(StatusLed.IsOn(LedState.NoBroker, 4050, -1));
            Assert.IsFalse(StatusLed.IsOn(LedState.NoBroker, 4200, -1));
            Assert.IsTrue(StatusLed.IsOn(LedState.NoBroker, 4399, -1));
            Assert.IsFalse(StatusLed.IsOn(LedState.NoBroker, 4400, -1));
            Assert.IsFalse(StatusLed.IsOn(LedState.NoBroker, 5999, -1));
            // No meter data: one flash every 2 s
            Assert.AreEqual("1000000000", Sample(LedState.NoMeterData, 2000, -1));
            Assert.IsTrue(StatusLed.IsOn(LedState.NoMeterData, 2099, -1));
            Assert.IsFalse(StatusLed.IsOn(LedState.NoMeterData, 2100, -1));
        }

        [TestMethod]
        public void RunningIsOnWithADarkBeatAtEachFrame()
        {
            Assert.IsTrue(StatusLed.IsOn(LedState.Running, 5000, -1));
            Assert.IsFalse(StatusLed.IsOn(LedState.Running, 5000, 5000));
            Assert.IsFalse(StatusLed.IsOn(LedState.Running, 5099, 5000));
            Assert.IsTrue(StatusLed.IsOn(LedState.Running, 5100, 5000));
            Assert.IsTrue(StatusLed.IsOn(LedState.Running, 900000, 5000));
        }

        // The LED every 200 ms over one 2 s pattern from startMs, as '1'/'0'.
        private static string Sample(LedState state, long startMs, long lastFrameMs)
        {
            string s = "";
            for (int i = 0; i < 10; i++) s += StatusLed.IsOn(state, startMs + i * 200, lastFrameMs) ? "1" : "0";
            return s;
        }
    }
}
