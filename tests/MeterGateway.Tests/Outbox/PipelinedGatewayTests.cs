using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>
    /// The gateway loop draining its outbox over a window of messages in flight (issue 18), against a broker that
    /// acknowledges in a random order, drops the connection at random points (what was written before the drop arrives,
    /// nothing after it: one TCP stream; acknowledgements in flight are lost) and accepts the reconnection. What the
    /// subscriber sees must keep docs/outbox.md's guarantees: every set, each event of it once or repeated identically,
    /// first arrivals in sequence order.
    /// </summary>
    public class PipelinedGatewayTests
    {
        /// <summary>A broker session with a window: acknowledges pending messages in random order, drops at random.</summary>
        private sealed class ChaoticBroker : IMqttConnection, IMqttPipeline
        {
            private readonly Random _random;
            private readonly List<long> _unacked = new();
            private readonly Queue<long> _outcomes = new();
            private long _ticket;
            public bool Up = true;
            /// <summary>While set, connecting fails (the broker is away).</summary>
            public bool Outage;
            public double DropChance;
            /// <summary>The connection also drops before this many messages were received.</summary>
            public int DropAt = -1;
            public double AckChance = 0.5;
            /// <summary>Acknowledges the oldest pending messages first, as a broker does (MQTT 3.1.1 §4.6).</summary>
            public bool InOrder;
            public int MaxPendingSeen;
            public int Drops;
            /// <summary>What the subscriber received, in order: the event payloads.</summary>
            public readonly List<string> Received = new();

            public ChaoticBroker(int seed, int window)
            {
                _random = new Random(seed);
                WindowSize = window;
            }

            public bool IsConnected => Up;
            public int WindowSize { get; }
            public int Pending => _unacked.Count + _outcomes.Count;

            public bool Connect()
            {
                if (Outage || (!Up && _random.NextDouble() < 0.5)) return false;
                Up = true;
                return true;
            }

            public void Disconnect() { }

            public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
            {
                if (!Deliver(topic, payload, offset, count)) return false;
                return true;
            }

            public long Send(string topic, byte[] payload, int offset, int count, int qos, bool retain)
            {
                if (!Up || Pending >= WindowSize) return 0;
                long ticket = ++_ticket;
                if (!Deliver(topic, payload, offset, count)) return ticket; // written into a dead socket: never acknowledged
                _unacked.Add(ticket);
                MaxPendingSeen = Math.Max(MaxPendingSeen, Pending);
                return ticket;
            }

            public long NextCompletion(int timeoutMs)
            {
                if (_outcomes.Count == 0 && Up)
                {
                    // Some of the pending messages are acknowledged, in any order (InOrder: the oldest ones, in order).
                    for (int i = _unacked.Count - 1; i >= 0 && !InOrder; i--)
                    {
                        if (_random.NextDouble() >= AckChance) continue;
                        _outcomes.Enqueue(_unacked[i]);
                        _unacked.RemoveAt(i);
                    }
                    while (InOrder && _unacked.Count > 0 && _random.NextDouble() < AckChance)
                    {
                        _outcomes.Enqueue(_unacked[0]);
                        _unacked.RemoveAt(0);
                    }
                }
                return _outcomes.Count > 0 ? _outcomes.Dequeue() : 0;
            }

            private bool Deliver(string topic, byte[] payload, int offset, int count)
            {
                if (Up && ((DropChance > 0 && _random.NextDouble() < DropChance) || Received.Count == DropAt))
                {
                    // The connection drops before this message: nothing more arrives; acknowledgements in flight are lost.
                    Up = false;
                    DropAt = -1;
                    Drops++;
                    _unacked.Clear();
                    _outcomes.Clear();
                }
                if (!Up) return false;
                if (topic.StartsWith("vscp/")) Received.Add(System.Text.Encoding.ASCII.GetString(payload, offset, count));
                return true;
            }
        }

        private static GatewayLoop Loop(ManualClock clock, SampleMeter meter, ChaoticBroker broker, bool interleave)
        {
            var config = new GatewayConfig();
            var options = config.OutboxOptions();
            options.Interleave = interleave;
            return new GatewayLoop(config.Gateway, meter, broker, new MessageBuilder(config.Messages, new byte[] { 2, 0, 0, 0, 0, 1 }, clock), clock, "status")
            {
                Outbox = new ReadingOutbox(new MemoryRecordStorage(), clock, options),
            };
        }

        // Every event of every set arrived; repeats are identical (but for vscpTimeStamp); first arrivals in (set, event) order.
        private static void AssertGuarantees(ChaoticBroker broker, int sets, bool strictOrder)
        {
            var events = broker.Received.Select(p => (Json: JsonDocument.Parse(p).RootElement, Payload: p)).Select(e =>
                (ObId: e.Json.GetProperty("vscpObId").GetInt64(), Type: e.Json.GetProperty("vscpType").GetInt32(),
                 Index: e.Json.GetProperty("measurement").GetProperty("sensorindex").GetInt32(), e.Payload)).ToList();
            Assert.Equal(Enumerable.Range(1, sets).Select(i => (long)i), events.Select(e => e.ObId).Distinct().OrderBy(x => x));
            // vscpTimeStamp is the gateway's clock when the event was built (docs/vscp-mapping.md); everything else repeats.
            foreach (var same in events.GroupBy(e => (e.ObId, e.Type, e.Index)))
            {
                Assert.Single(same.Select(e => System.Text.RegularExpressions.Regex.Replace(e.Payload, "\"vscpTimeStamp\":[0-9]+,", "")).Distinct());
            }
            int perSet = events.Where(e => e.ObId == 1).Select(e => (e.Type, e.Index)).Distinct().Count();
            Assert.True(perSet > 5);
            foreach (var set in events.GroupBy(e => e.ObId)) Assert.Equal(perSet, set.Select(e => (e.Type, e.Index)).Distinct().Count());
            var firsts = events.GroupBy(e => (e.ObId, e.Type, e.Index)).Select(g => g.First()).ToList();
            if (strictOrder)
            {
                var sequence = firsts.Select(e => e.ObId).ToList();
                Assert.Equal(sequence.OrderBy(x => x), sequence);
            }
        }

        [Theory]
        [InlineData(1, 16)]
        [InlineData(2, 1)]
        [InlineData(3, 64)]
        [InlineData(4, 7)]
        public void ABacklogDrainedThroughAWindowKeepsOrderAndRepeatsIdentically(int seed, int window)
        {
            var clock = new ManualClock(OutboxSamples.BaseTime);
            var meter = new SampleMeter(clock);
            var broker = new ChaoticBroker(seed, window);
            var loop = Loop(clock, meter, broker, false);
            loop.Start();
            for (int i = 0; i < 5; i++) loop.Step(0);
            broker.Up = false; // an outage: 50 sets wait (fewer than the log holds: none is thinned)
            broker.Outage = true;
            for (int i = 0; i < 50; i++) loop.Step(0);
            Assert.True(loop.Outbox!.Status.Depth >= 50);
            broker.Outage = false;
            broker.DropChance = 0.005;
            broker.DropAt = broker.Received.Count + 150;
            meter.Limit = meter.Sent + 20;
            for (int i = 0; i < 50000 && (loop.Outbox.Status.Depth > 0 || meter.Sent < meter.Limit); i++) loop.Step(0);
            Assert.Equal(0, loop.Outbox.Status.Depth);
            Assert.Equal(0, loop.Outbox.Status.Thinned + loop.Outbox.Status.Dropped);
            Assert.Equal(0, loop.SetsInFlight);
            Assert.True(broker.Drops > 0, "no drop happened");
            Assert.True(broker.MaxPendingSeen <= window);
            if (window > 1) Assert.True(broker.MaxPendingSeen > 1, "nothing was pipelined");
            AssertGuarantees(broker, meter.Sent, true);
        }

        // The box's outbox (MeterProfile.OutboxOptions: MeterProfile.BoxSetsInFlight records in flight, 8 with the default
        // max_inflight, 22 segments) behind the broker's window (the box's M2MqttConnection.WindowSize: 7 by default).
        private static GatewayLoop BoxLoop(ManualClock clock, SampleMeter meter, ChaoticBroker broker, int maxInflight = 64)
        {
            var config = new GatewayConfig { MaxInflight = maxInflight };
            var options = MeterProfile.For(config).OutboxOptions(config);
            Assert.Equal(MeterProfile.For(config).BoxSetsInFlight(config), options.MaxInFlight);
            return new GatewayLoop(config.Gateway, meter, broker, new MessageBuilder(config.Messages, new byte[] { 2, 0, 0, 0, 0, 1 }, clock), clock, "status")
            {
                Outbox = new ReadingOutbox(new MemoryRecordStorage { AllocationUnit = options.AllocationUnit }, clock, options),
            };
        }

        // maxInflight: [MQTT] max_inflight; window: M2MqttConnection's for it (the queue less one, at least 1); sets: the
        // box's sets in flight for it. The default (64) leaves the box 8: a window of 7 and 8 sets; a WROOM box's 1 a
        // window of 1 and 2 sets.
        [Theory]
        [InlineData(64, 7, 8, true, 0.0)]
        [InlineData(64, 7, 8, true, 0.005)]
        [InlineData(64, 7, 8, false, 0.0)]
        [InlineData(64, 7, 8, false, 0.005)]
        [InlineData(4, 3, 4, false, 0.005)]
        [InlineData(1, 1, 2, true, 0.0)]
        [InlineData(1, 1, 2, false, 0.005)]
        public void TheBoxsWindowDrainsSetsOfTwentyOneEventsInOrder(int maxInflight, int window, int sets, bool inOrder, double dropChance)
        {
            var clock = new ManualClock(OutboxSamples.BaseTime);
            ReadingSet capture = CorpusReadingSet.Load();
            var meter = new SampleMeter(clock) { Fill = (set, n, time) => CorpusReadingSet.Vary(set, capture, n, time) };
            var broker = new ChaoticBroker(21, window) { InOrder = inOrder };
            var loop = BoxLoop(clock, meter, broker, maxInflight);
            loop.Start();
            broker.Up = false; // an outage: 40 sets wait
            broker.Outage = true;
            for (int i = 0; i < 40; i++) loop.Step(0);
            broker.Outage = false;
            broker.DropChance = dropChance;
            meter.Limit = meter.Sent + 20;
            int mostSets = 0;
            for (int i = 0; i < 50000 && (loop.Outbox!.Status.Depth > 0 || meter.Sent < meter.Limit); i++)
            {
                loop.Step(0);
                mostSets = Math.Max(mostSets, loop.SetsInFlight);
            }
            Assert.Equal(60, meter.Sent);
            Assert.Equal(0, loop.Outbox!.Status.Depth);
            Assert.Equal(0, loop.Outbox.Status.Thinned + loop.Outbox.Status.Dropped);
            Assert.Equal(0, loop.SetsInFlight);
            Assert.Equal(window, broker.MaxPendingSeen); // the window was full
            Assert.InRange(mostSets, 1, sets); // at the end of a step; within one, SendAll waits for the window
            AssertGuarantees(broker, 60, true);
            int perSet = broker.Received.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("vscpObId").GetInt64()).Count(s => s == 1);
            if (dropChance == 0)
            {
                // Nothing was lost on the way: every event arrived exactly once, in order.
                Assert.Equal(21, perSet);
                Assert.Equal(60 * 21, broker.Received.Count);
                Assert.Equal(0, loop.Status.PublishFailures);
            }
        }

        [Fact]
        public void SetsWithoutMessagesLeaveTheWindowAsTheyAreClosed()
        {
            // A set the mapping publishes nothing of (no quantity known): it has no message to be acknowledged, and must not
            // hold the window until the acknowledgement timeout sends everything again, over and over.
            var clock = new ManualClock(OutboxSamples.BaseTime);
            var meter = new SampleMeter(clock)
            {
                Limit = 12,
                Fill = (set, n, time) =>
                {
                    OutboxSamples.Fill(set, n, time);
                    if (n % 3 == 2) { set.Clear(); set.FrameTime = time; }
                },
            };
            var broker = new ChaoticBroker(5, 7) { InOrder = true, AckChance = 1 };
            var loop = BoxLoop(clock, meter, broker);
            loop.Start();
            for (int i = 0; i < 100 && (loop.Outbox!.Status.Depth > 0 || meter.Sent < meter.Limit); i++) loop.Step(0);
            Assert.Equal(12, meter.Sent);
            Assert.Equal(0, loop.Outbox!.Status.Depth);
            Assert.Equal(0, loop.SetsInFlight);
            Assert.Equal(0, loop.Status.PublishFailures);
            Assert.Equal(12, loop.SetsPublished);
            var sets = broker.Received.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("vscpObId").GetInt64()).Distinct().ToList();
            Assert.Equal(new long[] { 1, 2, 4, 5, 7, 8, 10, 11 }, sets);
        }

        [Fact]
        public void InterleavedLiveSetsKeepTheBacklogInOrder()
        {
            var clock = new ManualClock(OutboxSamples.BaseTime);
            var meter = new SampleMeter(clock);
            var broker = new ChaoticBroker(7, 16) { AckChance = 0.3 };
            var loop = Loop(clock, meter, broker, true);
            loop.Start();
            broker.Up = false;
            broker.Outage = true;
            for (int i = 0; i < 45; i++) loop.Step(0);
            broker.Outage = false;
            broker.DropChance = 0.003;
            meter.Limit = meter.Sent + 30;
            for (int i = 0; i < 50000 && (loop.Outbox!.Status.Depth > 0 || meter.Sent < meter.Limit); i++) loop.Step(0);
            Assert.Equal(0, loop.Outbox!.Status.Depth);
            Assert.Equal(0, loop.Outbox.Status.Thinned + loop.Outbox.Status.Dropped);
            AssertGuarantees(broker, meter.Sent, false);
            // The backlog (sets 1..45) itself arrives oldest first.
            var backlog = broker.Received.Select(p => JsonDocument.Parse(p).RootElement.GetProperty("vscpObId").GetInt64()).Where(s => s <= 45).Distinct().ToList();
            Assert.Equal(backlog.OrderBy(x => x), backlog);
        }

        [Fact]
        public void AWindowThatIsNeverAcknowledgedIsSentAgainAfterTheTimeout()
        {
            var clock = new ManualClock(OutboxSamples.BaseTime);
            var meter = new SampleMeter(clock) { Limit = 3 };
            var broker = new ChaoticBroker(9, 100) { AckChance = 0 };
            var loop = Loop(clock, meter, broker, false);
            loop.Start();
            for (int i = 0; i < 3; i++) loop.Step(0);
            Assert.True(loop.SetsInFlight >= 3);
            int sent = broker.Received.Count;
            clock.Advance(11);
            loop.Step(0); // the timeout: everything goes back
            loop.Step(0); // and is sent again
            Assert.True(broker.Received.Count > sent, "nothing was sent again");
            broker.AckChance = 1;
            for (int i = 0; i < 50; i++) loop.Step(0);
            Assert.Equal(0, loop.Outbox!.Status.Depth);
            AssertGuarantees(broker, 3, true);
        }
    }
}
