// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Gateway
{
    /// <summary>A broker that stays unreachable: the first failed attempt is reported, then at most one report a minute, each with its reason.</summary>
    [TestClass]
    public class BrokerRetryReportTests
    {
        /// <summary>A broker that refuses every connection, with or without a reason to give.</summary>
        private sealed class RefusingBroker : IMqttConnection, IMqttDiagnostics
        {
            public string Error;
            public int Attempts;
            public bool IsConnected { get { return false; } }
            public string LastError { get { return Error; } }
            public bool Connect() { Attempts++; return false; }
            public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain) { return false; }
            public void Disconnect() { }
        }

        /// <summary>Keeps the connection reports.</summary>
        private sealed class Reports : IGatewayObserver
        {
            public readonly string[] Details = StringArray.New(16);
            public int Count;
            public void FrameRejected(FrameError error, string reason) { }
            public void SetReceived(ReadingSet readings) { }
            public void MessagePublished(string topic, byte[] payload, int offset, int count, bool acknowledged) { }
            public void ConnectionChanged(bool connected, string detail)
            {
                Assert.IsFalse(connected);
                Details[Count++] = detail;
            }
        }

        private static GatewayLoop Loop(ScriptedLink line, IMqttConnection mqtt, Reports reports)
        {
            GatewayConfig config = new GatewayConfig();
            PushMeterSource meter = new PushMeterSource(line, new DsmrDecoder(), 115200, LinkParity.None, 8, false, line, config.SerialTimeout * 1000);
            GatewayLoop loop = new GatewayLoop(config.Gateway, meter, mqtt, new MessageBuilder(config.Messages, TestReadings.Mac(), line), line, "metergateway/t/status");
            loop.Observer = reports;
            return loop;
        }

        [TestMethod]
        public void EachRetryIsReportedAtMostOnceAMinuteWithItsReason()
        {
            ScriptedLink line = new ScriptedLink();
            RefusingBroker broker = new RefusingBroker();
            broker.Error = "cannot connect to broker:1883: Connection refused";
            Reports reports = new Reports();
            GatewayLoop loop = Loop(line, broker, reports);
            loop.Start();
            Assert.AreEqual(1, reports.Count);
            Assert.AreEqual("broker unreachable (cannot connect to broker:1883: Connection refused), retrying with backoff, next attempt in 1 s", reports.Details[0]);

            // Attempts at 1, 3, 7, 15, 31, 63, 123, 183, 243 s (the backoff doubles to 60 s); one step every 500 ms.
            for (long ms = 500; ms <= 250000; ms += 500)
            {
                line.Now = ms;
                loop.Step(0);
            }
            Assert.AreEqual(10, broker.Attempts);
            Assert.AreEqual(5, reports.Count, "the first failure, then at 63, 123, 183 and 243 s");
            Assert.AreEqual("broker still unreachable after 7 attempts (cannot connect to broker:1883: Connection refused), next attempt in 60 s", reports.Details[1]);
            Assert.AreEqual("broker still unreachable after 10 attempts (cannot connect to broker:1883: Connection refused), next attempt in 60 s", reports.Details[4]);
        }

        [TestMethod]
        public void WithoutAReasonFromTheConnectionTheFailedStepIsNamed()
        {
            ScriptedLink line = new ScriptedLink();
            RefusingBroker broker = new RefusingBroker();
            Reports reports = new Reports();
            GatewayLoop loop = Loop(line, broker, reports);
            loop.Start();
            for (long ms = 500; ms <= 70000; ms += 500)
            {
                line.Now = ms;
                loop.Step(0);
            }
            Assert.AreEqual(2, reports.Count);
            Assert.AreEqual("broker unreachable (the connection failed), retrying with backoff, next attempt in 1 s", reports.Details[0]);
            Assert.AreEqual("broker still unreachable after 7 attempts (the connection failed), next attempt in 60 s", reports.Details[1]);
        }
    }
}
