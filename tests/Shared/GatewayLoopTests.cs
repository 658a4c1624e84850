// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using nanoFramework.TestFramework;
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// The gateway loop over a meter that sends one telegram per second: <c>[GENERAL] interval</c> (publish at most every N
    /// seconds, the newest telegram), the OBIS selection and the extra (Domoticz) messages.
    /// </summary>
    [TestClass]
    public class GatewayLoopTests
    {
        [TestMethod]
        public void IntervalPublishesTheNewestTelegramAtMostEveryNSeconds()
        {
            GatewayConfig config = PlainConfig();
            config.Set("GENERAL", "interval", "10");
            LoopRig rig = new LoopRig(config);
            for (int second = 0; second < 25; second++) rig.Step();
            // telegrams at t = 0..24 s; published: t = 0, 10, 20 (each the telegram that had just arrived)
            Assert.AreEqual(3L, rig.Loop.SetsPublished);
            Assert.AreEqual(22L, rig.Loop.Status.SetsSkipped);
            Assert.AreEqual(25L, rig.Loop.Status.FramesValid);
            Assert.AreEqual(3, rig.Mqtt.Count("Active effect out"));
            Assert.AreEqual("0", rig.Mqtt.PayloadOf("Active effect out", 0));
            Assert.AreEqual("10000", rig.Mqtt.PayloadOf("Active effect out", 1));
            Assert.AreEqual("20000", rig.Mqtt.PayloadOf("Active effect out", 2));
        }

        [TestMethod]
        public void IntervalZeroPublishesEveryTelegram()
        {
            LoopRig rig = new LoopRig(PlainConfig());
            for (int second = 0; second < 5; second++) rig.Step();
            Assert.AreEqual(5L, rig.Loop.SetsPublished);
            Assert.AreEqual(0L, rig.Loop.Status.SetsSkipped);
            Assert.AreEqual("4000", rig.Mqtt.PayloadOf("Active effect out", 4));
        }

        [TestMethod]
        public void IntervalCountsFromTheLastPublishedSet()
        {
            GatewayConfig config = PlainConfig();
            config.Set("GENERAL", "interval", "3");
            LoopRig rig = new LoopRig(config);
            rig.Step();           // t = 0: published
            rig.Advance(2500);    // no telegram for a while
            rig.Step();           // t = 3.5 s: 3.5 s since the last: published
            rig.Step();           // t = 4.5 s: skipped
            rig.Step();           // t = 5.5 s: skipped
            rig.Step();           // t = 6.5 s: published
            Assert.AreEqual(3L, rig.Loop.SetsPublished);
            Assert.AreEqual(2L, rig.Loop.Status.SetsSkipped);
        }

        [TestMethod]
        public void SelectionKeepsOnlyTheListedCodesAndTheExtraSeesTheWholeSet()
        {
            GatewayConfig config = PlainConfig();
            config.Set("LOGGER", "obis_selected", "1-0:1.8.1");
            string problem;
            LoopRig rig = new LoopRig(config);
            rig.Loop.Selection = ObisSelection.Parse(config.ObisSelected, out problem);
            Assert.IsNull(problem);
            CountingExtra extra = new CountingExtra();
            rig.Loop.Extra = extra;
            rig.Step();
            // the VSCP events: 1.8.1 only (1.7.0 is not selected); then the extra's message
            Assert.AreEqual(2, rig.Mqtt.Published);
            Assert.AreEqual("Meter reading active energy out tariff 1", rig.Mqtt.Topic(0));
            Assert.AreEqual("1234.567", rig.Mqtt.Payload(0));
            Assert.AreEqual("extra", rig.Mqtt.Topic(1));
            // the extra was built before the selection: it saw all three readings (0-0:1.0.0, 1.8.1, 1.7.0)
            Assert.AreEqual(3, extra.ReadingsSeen);
            Assert.AreEqual(2, rig.Loop.Readings.ReadingCount);
        }

        private static GatewayConfig PlainConfig()
        {
            GatewayConfig config = new GatewayConfig();
            config.Set("GENERAL", "no_vscp", "true");
            config.Set("GENERAL", "send_energy", "false");
            config.Validate();
            return config;
        }
    }

    /// <summary>A loop over <see cref="SecondMeter"/>, a <see cref="RecordingMqtt"/> and a <see cref="StepClock"/>.</summary>
    public sealed class LoopRig
    {
        public readonly StepClock Clock = new StepClock();
        public readonly SecondMeter Meter;
        public readonly RecordingMqtt Mqtt = new RecordingMqtt();
        public readonly GatewayLoop Loop;

        public LoopRig(GatewayConfig config)
        {
            Meter = new SecondMeter(Clock);
            Loop = new GatewayLoop(config.Gateway, Meter, Mqtt, new MessageBuilder(config.Messages, TestReadings.Mac(), Clock), Clock, "status");
            Loop.Start();
        }

        /// <summary>One telegram arrives and the loop handles it; then one second passes.</summary>
        public void Step()
        {
            Meter.Ready = true;
            Loop.Step(0);
            Clock.Ms += 1000;
        }

        public void Advance(long ms)
        {
            Clock.Ms += ms;
        }
    }

    /// <summary>A clock the test moves.</summary>
    public sealed class StepClock : IClock
    {
        public long Ms;
        public long UtcNowSeconds { get { return 1700000000 + Ms / 1000; } }
        public long MonotonicMs { get { return Ms; } }
    }

    /// <summary>
    /// A meter whose telegram, when <see cref="Ready"/>, holds the meter time, 1-0:1.8.1 = 1234.567 kWh and 1-0:1.7.0 = the
    /// clock's whole seconds in kW (so each telegram is told apart by its power).
    /// </summary>
    public sealed class SecondMeter : IMeterSource
    {
        private readonly StepClock _clock;
        public bool Ready;

        public SecondMeter(StepClock clock)
        {
            _clock = clock;
        }

        public FrameError Error { get { return FrameError.None; } }
        public string ErrorText { get { return null; } }
        public void Open() { }
        public void Close() { }
        public void Reset() { }

        public bool SetFreeBetweenPolls { get { return true; } }

        public FrameResult Poll(ReadingSet readings, int timeoutMs)
        {
            if (!Ready) return FrameResult.None;
            Ready = false;
            readings.Clear();
            readings.FrameTime = _clock.UtcNowSeconds;
            byte[] tst = Ascii.GetBytes("231114221320W");
            readings.BeginReading(ObisSelection.MeterTimestamp);
            readings.EndReading(-1, readings.AddTimestamp(readings.FrameTime, tst, 0, tst.Length));
            TestReadings.Add(readings, "1-0:1.8.1", "001234.567", "kWh");
            TestReadings.Add(readings, "1-0:1.7.0", (_clock.Ms / 1000).ToString(), "kW");
            return FrameResult.Valid;
        }
    }

    /// <summary>An MQTT session that acknowledges everything and keeps the last 64 topics and payloads.</summary>
    public sealed class RecordingMqtt : IMqttConnection
    {
        private readonly string[] _topics = StringArray.New(64);
        private readonly string[] _payloads = StringArray.New(64);
        private bool _connected;

        /// <summary>Messages published, the availability messages not counted.</summary>
        public int Published;

        public bool IsConnected { get { return _connected; } }
        public bool Connect() { _connected = true; return true; }
        public void Disconnect() { _connected = false; }

        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            if (topic == "status") return true;
            _topics[Published % 64] = topic;
            _payloads[Published % 64] = Ascii.ToString(payload, offset, count);
            Published++;
            return true;
        }

        public string Topic(int i) { return _topics[i]; }
        public string Payload(int i) { return _payloads[i]; }

        /// <summary>Number of messages on <paramref name="topic"/>.</summary>
        public int Count(string topic)
        {
            int n = 0;
            for (int i = 0; i < Published && i < 64; i++) if (_topics[i] == topic) n++;
            return n;
        }

        /// <summary>The payload of the <paramref name="k"/>-th message (0-based) on <paramref name="topic"/>.</summary>
        public string PayloadOf(string topic, int k)
        {
            for (int i = 0; i < Published && i < 64; i++)
            {
                if (_topics[i] != topic) continue;
                if (k-- == 0) return _payloads[i];
            }
            return null;
        }
    }

    /// <summary>An extra message source that publishes one message per set and remembers how many readings it saw.</summary>
    public sealed class CountingExtra : IMessageSource
    {
        private readonly byte[] _payload = Ascii.GetBytes("x");
        public int ReadingsSeen;

        public byte[] PayloadBuffer { get { return _payload; } }

        public int Build(ReadingSet set)
        {
            ReadingsSeen = set.ReadingCount;
            return 1;
        }

        public string Topic(int i) { return "extra"; }
        public int Qos(int i) { return 1; }
        public bool Retain(int i) { return false; }
        public int WritePayload(int i) { return 1; }
    }
}
