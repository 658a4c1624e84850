using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Outbox;

/// <summary>
/// vscpObId is what subscribers de-duplicate on (issue 16): a set published again (the connection lost half way
/// through its events) must repeat the very same events, and a set after a crash or power cut must get a number no
/// earlier set had, even one that was delivered straight from memory and never written.
/// </summary>
public class RepublishTests
{
    // A broker that acknowledges a given number of events and then goes away (as a killed mosquitto does, mid-set),
    // while the clock moves on.
    private sealed class Broker : IMqttConnection
    {
        private readonly ManualClock _clock;
        public int AcknowledgeBeforeDrop = int.MaxValue;
        public bool Up = true;
        public readonly List<string> Events = new();
        public Broker(ManualClock clock) { _clock = clock; }
        public bool IsConnected => Up;
        public bool Connect() => Up;
        public void Disconnect() { }

        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            _clock.MonotonicMs += 7;
            if (!Up) return false;
            if (AcknowledgeBeforeDrop-- <= 0)
            {
                Up = false;
                return false;
            }
            if (topic.StartsWith("vscp/")) Events.Add(System.Text.Encoding.ASCII.GetString(payload, offset, count));
            return true;
        }
    }

    [Fact]
    public void ASetCutShortByALostConnectionIsRepeatedByteForByte()
    {
        var clock = new ManualClock(OutboxSamples.BaseTime);
        var config = new GatewayConfig();
        var meter = new SampleMeter(clock);
        var broker = new Broker(clock);
        var loop = new GatewayLoop(config.Gateway, meter, broker, new MessageBuilder(config.Messages, new byte[] { 2, 0, 0, 0, 0, 1 }, clock), clock, "status")
        {
            Outbox = new ReadingOutbox(new MemoryRecordStorage(), clock, config.OutboxOptions()),
        };
        loop.Start();
        for (int i = 0; i < 5; i++) Assert.True(loop.Step(0));
        int perSet = broker.Events.Count / 5;
        Assert.True(perSet >= 2);
        broker.AcknowledgeBeforeDrop = perSet / 2; // set 6 is cut after half its events
        for (int i = 0; i < 10; i++) loop.Step(0);
        clock.Advance(30);
        broker.AcknowledgeBeforeDrop = int.MaxValue;
        broker.Up = true;
        for (int i = 0; i < 40; i++) loop.Step(0);
        loop.Stop();

        var events = broker.Events.Select(e => JsonDocument.Parse(e).RootElement).ToList();
        var bySetAndType = events.GroupBy(e => (e.GetProperty("vscpObId").GetInt64(), e.GetProperty("vscpType").GetInt32(), e.GetProperty("vscpNote").GetString()));
        Assert.True(bySetAndType.Any(g => g.Count() > 1), perSet + " per set; " + string.Join(",", events.Select(e => e.GetProperty("vscpObId").GetInt64()))); // set 6's first half arrived twice
        foreach (var g in bySetAndType)
        {
            Assert.Single(g.Select(e => e.GetRawText()).Distinct());
        }
        Assert.Equal(meter.Sent, events.Select(e => e.GetProperty("vscpObId").GetInt64()).Distinct().Count());
    }

    [Fact]
    public void AfterACrashNoNumberIsHandedOutAgainEvenForSetsNeverWritten()
    {
        var clock = new ManualClock(OutboxSamples.BaseTime);
        var storage = new MemoryRecordStorage();
        var options = new OutboxOptions { SequenceReserve = 4 };
        var set = new ReadingSet();
        var taken = new ReadingSet();
        long highest = 0;
        for (int run = 0; run < 5; run++)
        {
            // Every run delivers its sets straight from memory (nothing written), then "loses power": no Flush.
            var outbox = new ReadingOutbox(storage, clock, options);
            outbox.Open();
            for (int n = 0; n < 10; n++)
            {
                OutboxSamples.Fill(set, n, clock.UtcNowSeconds);
                long sequence = outbox.Append(set);
                Assert.True(sequence > highest, $"run {run}: {sequence} after {highest}");
                highest = sequence;
                Assert.True(outbox.TakeNext(taken));
                outbox.MarkDelivered(outbox.TakenSequence);
                clock.Advance(1);
            }
        }
    }
}
