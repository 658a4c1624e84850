using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MeterGateway.Config;
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
    /// The gateway loop with an outbox, a meter that sends a set every second and a broker that goes away: every set
    /// arrives, each once, with its sequence number as vscpObId and the meter's time as vscpDateTime.
    /// </summary>
    public class GatewayOutboxTests
    {
        private sealed class Broker : IMqttConnection
        {
            public bool Up = true;
            public readonly List<string> Events = new();
            public bool IsConnected => Up;
            public bool Connect() => Up;
            public void Disconnect() { }

            public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
            {
                if (!Up) return false;
                if (topic.StartsWith("vscp/")) Events.Add(System.Text.Encoding.ASCII.GetString(payload, offset, count));
                return true;
            }
        }

        [Fact]
        public void AnOutageLosesNothingAndReplaysWithTheOriginalTimeAndSequence()
        {
            var clock = new ManualClock(OutboxSamples.BaseTime);
            var config = new GatewayConfig();
            var meter = new SampleMeter(clock);
            var broker = new Broker();
            var storage = new MemoryRecordStorage();
            var loop = new GatewayLoop(config.Gateway, meter, broker, new MessageBuilder(config.Messages, new byte[] { 2, 0, 0, 0, 0, 1 }, clock), clock, "status")
            {
                Outbox = new ReadingOutbox(storage, clock, config.OutboxOptions()),
            };
            loop.Start();
            for (int i = 0; i < 10; i++) Assert.True(loop.Step(0));
            broker.Up = false;
            for (int i = 0; i < 60; i++) Assert.False(loop.Step(0));
            Assert.Equal(60, loop.Outbox.Status.Depth);
            Assert.True(storage.BytesAppended > 0);
            broker.Up = true;
            for (int i = 0; i < 30; i++) loop.Step(0);
            loop.Stop();

            Assert.Equal(0, loop.Outbox.Status.Depth);
            Assert.Equal(0, loop.Status.SetsDropped);
            // Every set once: its energy register event (1-0:1.8.1) carries the set's sequence number and time.
            var energy = broker.Events.Select(e => JsonDocument.Parse(e).RootElement)
                .Where(e => e.GetProperty("vscpType").GetInt32() == 13 && e.GetProperty("vscpNote").GetString()!.EndsWith("tariff 1"))
                .ToList();
            Assert.Equal(meter.Sent, energy.Count);
            Assert.Equal(Enumerable.Range(1, meter.Sent).Select(i => (long)i), energy.Select(e => e.GetProperty("vscpObId").GetInt64()).OrderBy(x => x));
            foreach (var e in energy)
            {
                long n = e.GetProperty("vscpObId").GetInt64() - 1;
                Assert.Equal(UnixTime.ToIso(OutboxSamples.BaseTime + n), e.GetProperty("vscpDateTime").GetString());
                Assert.Equal(FixedPoint.ToText(OutboxSamples.Energy((int)n), -3), e.GetProperty("measurement").GetProperty("value").GetRawText());
            }
            // After the outage, live sets and the backlog alternate; the backlog itself comes oldest first.
            var order = energy.Select(e => e.GetProperty("vscpObId").GetInt64()).ToList();
            var replayed = order.Where(s => s >= 11 && s <= 70).ToList();
            Assert.Equal(replayed.OrderBy(x => x), replayed);
            int firstAfterOutage = order.FindIndex(s => s > 70);
            Assert.True(firstAfterOutage < order.IndexOf(11) + 2, "the first live set after the outage waited for the backlog");
        }
    
        [Fact]
        public void OutboxSectionBecomesTheOutboxOptions()
        {
            var config = GatewayConfig.Load("[OUTBOX]\ndirectory = /var/lib/metergateway/outbox\nmax_size = 512\nwrite_delay = 0\n" +
                                            "thin_period = 3600\nthin_keep_every = 4\nfull_interval = 0\ninterleave = no\n");
            Assert.Equal("/var/lib/metergateway/outbox", config.OutboxDirectory);
            OutboxOptions options = config.OutboxOptions();
            Assert.Equal(512 * 1024, options.MaxBytes);
            Assert.Equal(0, options.WriteDelayMs);
            Assert.Equal(3600, options.ThinPeriodSeconds);
            Assert.Equal(4, options.ThinKeepEvery);
            Assert.Equal(0, options.FullLogIntervalSeconds);
            Assert.False(options.Interleave);
            options.Validate();
            new GatewayConfig { OutboxMaxSize = 64 }.OutboxOptions().Validate();
            var e = Assert.Throws<ConfigException>(() => GatewayConfig.Load("[OUTBOX]\nmax_size = 32"));
            Assert.Contains("max_size", e.Message);
        }
    }
}
