// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Dsmr;
using MeterGateway.Tests.Shared.Gateway;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Health
{
    /// <summary>The status JSON on the status topic: after each connection, then every status_interval seconds of the monotonic clock.</summary>
    [TestClass]
    public class StatusTimingTests
    {
        private const string Health = "metergateway/t/health";

        // A P1 line on which nothing arrives (nothing queued): an unplugged meter. The line is also the clock.
        private static GatewayLoop Loop(GatewayConfig config, ScriptedLink line, BrokerSession mqtt)
        {
            PushMeterSource meter = new PushMeterSource(line, new DsmrDecoder(), 115200, LinkParity.None, 8, false, line, config.SerialTimeout * 1000);
            GatewayLoop loop = new GatewayLoop(config.Gateway, meter, mqtt, new MessageBuilder(config.Messages, TestReadings.Mac(), line), line, "metergateway/t/status");
            loop.StatusTopic = Health;
            loop.StatusDocument = new StatusJson(loop, config.Protocol, null);
            return loop;
        }

        private static void StepAt(GatewayLoop loop, ScriptedLink line, long ms)
        {
            line.Now = ms;
            loop.Step(0);
        }

        [TestMethod]
        public void PublishedOnConnectThenEveryMinute()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            loop.Start();
            Assert.AreEqual(1, mqtt.CountOn(Health), "at connect");
            StepAt(loop, line, 59999);
            Assert.AreEqual(1, mqtt.CountOn(Health), "59.999 s");
            StepAt(loop, line, 60000);
            Assert.AreEqual(2, mqtt.CountOn(Health), "60 s");
            StepAt(loop, line, 119999);
            Assert.AreEqual(2, mqtt.CountOn(Health), "119.999 s");
            StepAt(loop, line, 185000);
            Assert.AreEqual(3, mqtt.CountOn(Health), "a late step still publishes");
            StepAt(loop, line, 239999);
            Assert.AreEqual(3, mqtt.CountOn(Health), "the minute cadence is kept (180 s + 60 s)");
            StepAt(loop, line, 240000);
            Assert.AreEqual(4, mqtt.CountOn(Health), "240 s");
            Assert.AreEqual(4L, loop.StatusPublished);

            int last = mqtt.LastOn(Health);
            Assert.IsTrue(mqtt.Retained(last), "retained, so a late subscriber sees the last status");
            string json = mqtt.Text(last);
            Assert.AreEqual(0, json.IndexOf("{\"application\":\"metergateway\""), json);
            Assert.IsTrue(json.IndexOf("\"time\":\"2023-11-14T22:17:20Z\",\"uptime\":240,") > 0, json);
            Assert.IsTrue(json.IndexOf("\"mqtt\":{\"connected\":true,\"connects\":1,") > 0, json);
            Assert.IsTrue(json.IndexOf("\"outbox\":{\"depth\":null,\"oldest_undelivered\":null,\"thinned\":null,\"dropped\":null}") > 0, json);
            // an unplugged meter: silence longer than serial_timeout (20 s), counted once per step that finds it (59.999, 119.999, 185, 239.999 s)
            Assert.IsTrue(json.IndexOf("\"timeout\":4,") > 0, json);
        }

        [TestMethod]
        public void PublishedAgainRightAfterAReconnection()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            loop.Start();
            StepAt(loop, line, 30000);
            Assert.AreEqual(1, mqtt.CountOn(Health));
            mqtt.Drop();
            mqtt.Reachable = false;
            StepAt(loop, line, 61000);
            Assert.AreEqual(1, mqtt.CountOn(Health), "not connected: nothing published");
            mqtt.Reachable = true;
            StepAt(loop, line, 61500);
            Assert.AreEqual(1, mqtt.CountOn(Health), "backoff: the next attempt is 1 s after the failed one");
            StepAt(loop, line, 62000);
            Assert.AreEqual(2, mqtt.CountOn(Health), "published as soon as connected again");
            StepAt(loop, line, 121999);
            Assert.AreEqual(2, mqtt.CountOn(Health));
            StepAt(loop, line, 122000);
            Assert.AreEqual(3, mqtt.CountOn(Health), "a minute after the reconnection");
        }

        /// <summary>
        /// The box's status page borrows the loop's status buffer while it sends (GatewayLoop.LendStatus): meanwhile the
        /// loop renders nothing into it and its status message waits for the step after the buffer came back, on the same
        /// cadence; a chart drawn over the document leaves none until the next render.
        /// </summary>
        [TestMethod]
        public void WhileThePageHoldsTheBufferTheMessageWaits()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            loop.Start();
            Assert.AreEqual(1, mqtt.CountOn(Health), "at connect");
            line.Now = 1000;
            int rendered = loop.WriteStatus();
            Assert.IsTrue(rendered > 0);
            byte[] document = TestReadings.Slice(loop.StatusBuffer, 0, rendered);

            Assert.AreEqual(rendered, loop.LendStatus(), "the page gets the document rendered last");
            line.Now = 2000;
            Assert.AreEqual(0, loop.WriteStatus(), "nothing is rendered into a lent buffer");
            StepAt(loop, line, 60000);
            Assert.AreEqual(1, mqtt.CountOn(Health), "the message waits while the page sends");
            Assert.AreEqual(Ascii.ToString(document, 0, document.Length), Ascii.ToString(loop.StatusBuffer, 0, rendered), "the lent document is unchanged");
            loop.ReturnStatus(false);
            Assert.AreEqual(rendered, loop.LendStatus(), "returned unchanged: the document is still there");
            loop.ReturnStatus(false);
            StepAt(loop, line, 60200);
            Assert.AreEqual(2, mqtt.CountOn(Health), "published at the first step after the buffer came back");
            Assert.IsTrue(mqtt.Text(mqtt.LastOn(Health)).IndexOf("\"uptime\":60,") > 0, mqtt.Text(mqtt.LastOn(Health)));
            StepAt(loop, line, 119999);
            Assert.AreEqual(2, mqtt.CountOn(Health), "the minute cadence is kept");
            StepAt(loop, line, 120000);
            Assert.AreEqual(3, mqtt.CountOn(Health), "120 s");

            // the power chart is drawn over the document: none until the loop renders again
            loop.LendStatus();
            loop.StatusBuffer[0] = (byte)'<';
            loop.ReturnStatus(true);
            Assert.AreEqual(0, loop.LendStatus(), "no document after a chart");
            loop.ReturnStatus(false);
            int again = loop.WriteStatus();
            Assert.IsTrue(again > 0);
            Assert.AreEqual(again, loop.LendStatus());
            Assert.AreEqual("{\"application\"", Ascii.ToString(loop.StatusBuffer, 0, 14));
            loop.ReturnStatus(false);
        }

        /// <summary>
        /// The box's main loop writes its other JSON (command replies, update reports, the status line) into the status
        /// buffer between steps (GatewayLoop.TakeStatusWriter): not while the page holds it, and the document is rendered
        /// again when the writer comes back.
        /// </summary>
        [TestMethod]
        public void TheLoopsOtherJsonBorrowsTheBufferAndTheDocumentComesBack()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            GatewayLoop loop = Loop(config, line, new BrokerSession());
            loop.Start();
            line.Now = 1000;
            int rendered = loop.WriteStatus();
            Assert.IsTrue(rendered > 0);
            string document = Ascii.ToString(loop.StatusBuffer, 0, rendered);

            Assert.AreEqual(rendered, loop.LendStatus());
            Assert.IsNull(loop.TakeStatusWriter(), "not while the page sends");
            loop.ReturnStatus(false);
            JsonWriter w = loop.TakeStatusWriter();
            Assert.IsTrue(w.Buffer == loop.StatusBuffer, "the status buffer");
            Assert.AreEqual(0, w.Length, "reset");
            w.String("a reply written over the document");
            Assert.AreEqual("\"a reply", Ascii.ToString(loop.StatusBuffer, 0, 8));
            loop.ReturnStatusWriter();
            Assert.AreEqual(rendered, loop.LendStatus(), "rendered again");
            Assert.AreEqual(document, Ascii.ToString(loop.StatusBuffer, 0, rendered));
            loop.ReturnStatus(false);
        }

        /// <summary>
        /// The box (GatewayLoop.StatusOnDemand): the status buffer exists only while it is used. The status message is an
        /// exact copy of the document, handed over to the connection, and the buffer is gone after it; a page's request
        /// gets a document rendered after it asked, and the buffer goes when the page gives it back; the chart and the
        /// loop's other JSON get room the same way.
        /// </summary>
        [TestMethod]
        public void OnDemandTheBufferExistsOnlyWhileUsed()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            loop.StatusOnDemand = true;
            Assert.IsNull(loop.StatusBuffer, "none before it is used");
            loop.Start();
            Assert.AreEqual(1, mqtt.CountOn(Health), "at connect");
            Assert.AreEqual(1, mqtt.HandedOver, "the status message handed over whole");
            Assert.IsNull(loop.StatusBuffer, "dropped after the message");
            string published = mqtt.Text(mqtt.LastOn(Health));
            Assert.AreEqual(0, published.IndexOf("{\"application\":\"metergateway\""), published);

            loop.WantStatus();
            Assert.IsTrue(loop.StatusWanted);
            Assert.IsFalse(loop.HasStatus);
            Assert.IsNull(loop.StatusBuffer, "asking makes no buffer");
            int rendered = loop.WriteStatus();
            Assert.AreEqual(published.Length, rendered, "the same document at the same moment");
            Assert.IsFalse(loop.StatusWanted);
            Assert.IsTrue(loop.HasStatus);
            Assert.AreEqual(GatewayLoop.StatusCapacity, loop.StatusBuffer.Length);
            Assert.AreEqual(published, Ascii.ToString(loop.StatusBuffer, 0, rendered));
            Assert.AreEqual(rendered, loop.LendStatus());
            loop.ReturnStatus(false);
            Assert.IsNull(loop.StatusBuffer, "dropped when the page gives it back");
            Assert.IsFalse(loop.HasStatus);

            Assert.AreEqual(0, loop.LendStatus(), "the chart: room, no document");
            Assert.AreEqual(GatewayLoop.StatusCapacity, loop.StatusBuffer.Length);
            loop.ReturnStatus(true);
            Assert.IsNull(loop.StatusBuffer);

            JsonWriter w = loop.TakeStatusWriter();
            Assert.AreEqual(GatewayLoop.StatusCapacity, w.Buffer.Length);
            w.String("a reply");
            loop.ReturnStatusWriter();
            Assert.IsNull(loop.StatusBuffer, "dropped when the writer comes back");

            StepAt(loop, line, 60000);
            Assert.AreEqual(2, mqtt.CountOn(Health), "60 s");
            Assert.AreEqual(2, mqtt.HandedOver);
            Assert.AreEqual(mqtt.Length(mqtt.LastOn(Health)), mqtt.Payload(mqtt.LastOn(Health)).Length, "an exact copy");
            Assert.IsNull(loop.StatusBuffer);
        }

        /// <summary>
        /// On demand, a document the page asked for stays until the page borrows it, whatever else uses the buffer
        /// meanwhile: the loop's other JSON (rendered again when the writer comes back) and the status message (the page
        /// gets the document the message was copied from). A page that gave up leaves nothing behind.
        /// </summary>
        [TestMethod]
        public void OnDemandTheDocumentThePageAskedForWaitsForIt()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            loop.StatusOnDemand = true;
            loop.Start();

            line.Now = 1000;
            loop.WantStatus();
            int rendered = loop.WriteStatus();
            Assert.IsTrue(rendered > 0);
            JsonWriter w = loop.TakeStatusWriter();
            w.String("a reply written over the document");
            loop.ReturnStatusWriter();
            Assert.IsTrue(loop.HasStatus, "rendered again for the page");
            Assert.AreEqual(rendered, loop.LendStatus());
            Assert.AreEqual("{\"application\"", Ascii.ToString(loop.StatusBuffer, 0, 14));
            loop.ReturnStatus(false);
            Assert.IsNull(loop.StatusBuffer);

            loop.WantStatus();
            StepAt(loop, line, 60000);
            Assert.AreEqual(2, mqtt.CountOn(Health), "the status message");
            Assert.IsTrue(loop.HasStatus, "kept for the page");
            string published = mqtt.Text(mqtt.LastOn(Health));
            Assert.AreEqual(published.Length, loop.LendStatus());
            Assert.AreEqual(published, Ascii.ToString(loop.StatusBuffer, 0, published.Length));
            loop.ReturnStatus(false);
            Assert.IsNull(loop.StatusBuffer);

            loop.WantStatus();
            Assert.AreEqual(0, loop.LendStatus(), "the page gave up before the loop rendered");
            loop.ReturnStatus(false);
            Assert.IsFalse(loop.StatusWanted, "withdrawn");
            Assert.IsNull(loop.StatusBuffer);
        }

        // A document that tells how it was written (measured: "m", or into an array of the length given) and, when it
        // grows, counts up at each rendering (a counter that moves between the two passes).
        private sealed class Counted : IStatusDocument
        {
            public long Count = 9;
            public bool Grows;
            public string Writes = "";

            public void Write(JsonWriter w)
            {
                Writes += (w.Buffer == null ? "m" : w.Buffer.Length.ToString()) + ",";
                w.Raw('{');
                w.Name("n", true);
                w.Number(Grows ? Count++ : Count);
                w.Raw('}');
            }
        }

        /// <summary>
        /// On demand, the status message makes no status buffer: the document is measured, then rendered into an array of
        /// its exact length, which is handed over.
        /// </summary>
        [TestMethod]
        public void OnDemandTheStatusMessageIsMeasuredThenRenderedExactly()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            Counted document = new Counted();
            loop.StatusDocument = document;
            loop.StatusOnDemand = true;
            loop.Start();
            Assert.AreEqual(1, mqtt.CountOn(Health));
            Assert.AreEqual("m,7,", document.Writes, "measured, then written into 7 bytes");
            Assert.AreEqual("{\"n\":9}", mqtt.Text(mqtt.LastOn(Health)));
            Assert.AreEqual(1, mqtt.HandedOver);
            Assert.IsNull(loop.StatusBuffer);
        }

        // The box's status document, recording how it was written (as Counted).
        private sealed class Recorded : IStatusDocument
        {
            public IStatusDocument Document;
            public string Writes = "";

            public void Write(JsonWriter w)
            {
                Writes += (w.Buffer == null ? "m" : w.Buffer.Length.ToString()) + ",";
                Document.Write(w);
            }
        }

        /// <summary>
        /// On demand, the status document of a telegram's values (whose list is cut by the room left) is measured and then
        /// rendered into its exact length, not into the status buffer: the values that fit are decided by the same room.
        /// </summary>
        [TestMethod]
        public void OnDemandTheStatusDocumentWithValuesIsRenderedExactly()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            Recorded document = new Recorded();
            document.Document = loop.StatusDocument;
            loop.StatusDocument = document;
            loop.StatusOnDemand = true;
            loop.Start();
            line.Queue(DsmrVectors.Bytes(DsmrVectors.Kaifa));
            StepAt(loop, line, 1000);
            StepAt(loop, line, 60000);
            Assert.AreEqual(2, mqtt.CountOn(Health));
            string published = mqtt.Text(mqtt.LastOn(Health));
            Assert.IsTrue(published.IndexOf("\"values\":[{") > 0, published);
            Assert.IsTrue(published.IndexOf("values_omitted") < 0, published);
            string writes = document.Writes;
            Assert.AreEqual("m," + published.Length + ",", writes.Substring(writes.Length - ("m," + published.Length + ",").Length), writes);
            Assert.IsTrue(writes.IndexOf(GatewayLoop.StatusCapacity.ToString()) < 0, "no status buffer: " + writes);
            Assert.IsNull(loop.StatusBuffer);
        }

        /// <summary>
        /// On demand, a document whose length changed between the measuring and the rendering is rendered into the status
        /// buffer and published from an exact copy; the buffer goes after it.
        /// </summary>
        [TestMethod]
        public void OnDemandADocumentThatChangedLengthIsCopiedExactly()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            Counted document = new Counted();
            document.Grows = true;
            loop.StatusDocument = document;
            loop.StatusOnDemand = true;
            loop.Start();
            Assert.AreEqual("m,7," + GatewayLoop.StatusCapacity + ",", document.Writes, "9 measured, 10 did not fit, 11 rendered into the buffer");
            Assert.AreEqual("{\"n\":11}", mqtt.Text(mqtt.LastOn(Health)));
            Assert.AreEqual(8, mqtt.Payload(mqtt.LastOn(Health)).Length, "an exact copy");
            Assert.AreEqual(1, mqtt.HandedOver);
            Assert.IsNull(loop.StatusBuffer);
        }

        // A document longer than any status buffer.
        private sealed class Oversized : IStatusDocument
        {
            public void Write(JsonWriter w)
            {
                for (int i = 0; i < 2000; i++) w.Raw("abcd");
            }
        }

        /// <summary>On demand, a document that does not fit is not published and leaves no buffer behind.</summary>
        [TestMethod]
        public void OnDemandADocumentThatDoesNotFitLeavesNoBuffer()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            loop.StatusDocument = new Oversized();
            loop.StatusOnDemand = true;
            loop.Start();
            Assert.AreEqual(0, mqtt.CountOn(Health));
            Assert.IsNull(loop.StatusBuffer);
        }

        [TestMethod]
        public void IntervalZeroOrNoTopicPublishesNothing()
        {
            GatewayConfig config = GatewayConfig.Load("[MQTT]\nstatus_interval = 0\n");
            ScriptedLink line = new ScriptedLink();
            BrokerSession mqtt = new BrokerSession();
            GatewayLoop loop = Loop(config, line, mqtt);
            loop.Start();
            StepAt(loop, line, 600000);
            Assert.AreEqual(0, mqtt.CountOn(Health));

            GatewayConfig defaults = new GatewayConfig();
            BrokerSession other = new BrokerSession();
            GatewayLoop silent = Loop(defaults, line, other);
            silent.StatusTopic = null;
            silent.Start();
            StepAt(silent, line, 1200000);
            Assert.AreEqual(1, other.Count, "only the availability message");
            Assert.AreEqual("metergateway/t/status", other.Topic(0));
        }
    }
}
