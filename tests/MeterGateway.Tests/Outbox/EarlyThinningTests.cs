using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;
using Xunit.Abstractions;

namespace MeterGateway.Tests.Outbox;

/// <summary>
/// When the outbox starts to lose detail (issue 16): with the defaults (80 KB, a DSMR 5 telegram a second, broker away)
/// nothing may be thinned or dropped before compaction has had to run, i.e. before the log of records reaches
/// <see cref="OutboxOptions.CompactAboveBytes"/> (52 KB: docs/outbox.md promises about 70 sets). It used to thin
/// 40 s into an outage with 31 KB used, because the full-log rule fired at CompactAboveBytes − 2 segments.
/// </summary>
public class EarlyThinningTests
{
    private readonly ITestOutputHelper _output;

    public EarlyThinningTests(ITestOutputHelper output) { _output = output; }

    [Fact]
    public void AtTheDefaultSizeEverySetIsKeptUntilTheLogReachesItsBound()
    {
        ReadingSet capture = CorpusReadingSet.Load();
        var options = new OutboxOptions();
        var storage = new MemoryRecordStorage { AllocationUnit = options.AllocationUnit };
        var clock = new ManualClock(capture.FrameTime);
        var outbox = new ReadingOutbox(storage, clock, options);
        outbox.Open();
        var set = new ReadingSet();
        int firstLoss = -1;
        long usedAtFirstLoss = 0;
        long peakUsed = 0;
        for (int n = 0; n < 600; n++)
        {
            CorpusReadingSet.Vary(set, capture, n, capture.FrameTime + n);
            Assert.Equal(n + 1, outbox.Append(set));
            clock.Advance(1);
            outbox.Tick();
            OutboxStatus s = outbox.Status;
            if (firstLoss < 0 && s.Thinned + s.Dropped > 0)
            {
                firstLoss = n + 1;
                usedAtFirstLoss = peakUsed;
            }
            if (s.UsedBytes > peakUsed) peakUsed = s.UsedBytes;
            if (firstLoss < 0) Assert.Equal(n + 1, s.Depth);
        }
        _output.WriteLine($"first set thinned after {firstLoss} sets, log at {usedAtFirstLoss} B; bound {options.CompactAboveBytes} B; peak {storage.PeakBytes} B");
        // 729-byte records: 52 KB of them is 73; the tail (up to 2 s of sets) and the partly filled segment ends take a few.
        Assert.True(firstLoss >= 65, $"thinned after only {firstLoss} sets with {usedAtFirstLoss} B of {options.CompactAboveBytes} B used");
        Assert.True(usedAtFirstLoss > options.CompactAboveBytes - options.SegmentBytes, $"thinned with {usedAtFirstLoss} B used");
        Assert.True(storage.PeakBytes <= options.MaxBytes, "peak " + storage.PeakBytes);
        // Once full, the full-log rule still bounds the writes: 600 s later far fewer than 600 records were written.
        Assert.True(outbox.Status.ThinnedBeforeWrite > 400, "thinned before write: " + outbox.Status.ThinnedBeforeWrite);
        Assert.Equal(600, outbox.Status.Depth + outbox.Status.Thinned + outbox.Status.Dropped);
    }

    // The corpus's DSMR 5 set, varied per telegram (CorpusReadingSet.Vary).
    private static SampleMeter Meter(ManualClock clock)
    {
        ReadingSet capture = CorpusReadingSet.Load();
        return new SampleMeter(clock) { Fill = (set, n, time) => CorpusReadingSet.Vary(set, capture, n, time) };
    }

    private sealed class DownBroker : IMqttConnection
    {
        public bool IsConnected => false;
        public bool Connect() => false;
        public void Disconnect() { }
        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain) => false;
    }

    [Fact]
    public void TheStatusJsonReportsThinnedAndDroppedSets()
    {
        var clock = new ManualClock(1700000000);
        var config = GatewayConfig.Load("[OUTBOX]\ndirectory = x\n");
        var loop = new GatewayLoop(config.Gateway, Meter(clock), new DownBroker(), new MessageBuilder(config.Messages, new byte[] { 2, 0, 0, 0, 0, 1 }, clock), clock, "status")
        {
            Outbox = new ReadingOutbox(new MemoryRecordStorage { AllocationUnit = 4096 }, clock, config.OutboxOptions()),
        };
        loop.StatusDocument = new StatusJson(loop, config.Protocol, null);
        loop.Start();
        for (int i = 0; i < 200; i++) loop.Step(0);
        Assert.True(loop.Outbox!.Status.Thinned > 0);
        using var json = JsonDocument.Parse(loop.StatusBuffer.AsMemory(0, loop.WriteStatus()));
        var outbox = json.RootElement.GetProperty("outbox");
        Assert.Equal(loop.Outbox.Status.Depth, outbox.GetProperty("depth").GetInt32());
        Assert.Equal(loop.Outbox.Status.Thinned, outbox.GetProperty("thinned").GetInt64());
        Assert.Equal(0, outbox.GetProperty("dropped").GetInt64());
        Assert.Equal(200, loop.Outbox.Status.Depth + loop.Outbox.Status.Thinned);
    }
}
