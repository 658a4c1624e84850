using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using MeterGateway.Gateway;
using MeterGateway.Host.Gateway;
using MeterGateway.Host.Mqtt;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// Replay after an outage (issue 18, item 1): a backlog of <see cref="Sets"/> DSMR 5 reading sets (the AM550 capture,
/// one VSCP event per quantity) drained from the outbox by the gateway loop to a real mosquitto on loopback, started by
/// the benchmark and stopped after it. The meter is silent (each step waits as the host's <c>Step(200)</c> does for
/// meter bytes). One operation is one event acknowledged by the broker: events/s = 1 s / the mean.
/// <see cref="Pipelined"/> = false hides the connection's window, so the loop publishes as before issue 18 (each
/// PUBACK awaited, at most 8 sets a step, a 200 ms wait for meter bytes every step): before and after in one run.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class OutboxDrainBenchmark
{
    /// <summary>Reading sets in the backlog.</summary>
    public const int Sets = 240;

    private Mosquitto _broker = null!;
    private readonly ReadingSet _set = new();
    private int _eventsPerSet;
    private GatewayLoop _loop = null!;
    private MqttNetConnection _mqtt = null!;

    /// <summary>True: the window of messages in flight (<c>max_inflight</c> 16); false: one PUBACK awaited at a time.</summary>
    [Params(false, true)]
    public bool Pipelined { get; set; }

    /// <summary>Starts mosquitto and decodes the telegram.</summary>
    [GlobalSetup]
    public void Setup()
    {
        byte[] telegram = BenchCorpus.Bytes("dsmr", "dsmr50_nl_iskra_am550_openhab.txt");
        var decoder = new DsmrDecoder();
        decoder.Feed(telegram, 0, telegram.Length);
        if (decoder.Result != FrameResult.Valid || !decoder.Parse(_set)) throw new InvalidOperationException("the AM550 capture did not decode");
        _eventsPerSet = new MessageBuilder(new MessageOptions(), new byte[] { 2, 0, 0, 0, 0, 1 }, new FixedClock()).Build(_set);
        _broker = Mosquitto.Start();
    }

    /// <summary>Stops mosquitto.</summary>
    [GlobalCleanup]
    public void Cleanup() => _broker.Dispose();

    /// <summary>An outbox holding the backlog (broker away while it filled), and a loop connected to the broker.</summary>
    [IterationSetup]
    public void Fill()
    {
        var clock = new HostClock();
        var options = new OutboxOptions { MaxBytes = 400 * 1024 };
        var outbox = new ReadingOutbox(new FixedMemoryStorage(options.MaxSegments, 2 * options.SegmentBytes + options.TailBytes), clock, options);
        outbox.Open();
        long time = 1_700_000_000;
        for (int i = 0; i < Sets; i++)
        {
            _set.FrameTime = time + i;
            outbox.Append(_set);
        }
        outbox.Flush();
        if (outbox.Status.Depth != Sets) throw new InvalidOperationException("the backlog holds " + outbox.Status.Depth + " sets");
        _mqtt = new MqttNetConnection(new MqttEndpoint("127.0.0.1", _broker.Port, "bench-drain-" + Guid.NewGuid().ToString("N")[..8], MaxInflight: 16));
        IMqttConnection connection = Pipelined ? _mqtt : new Blocking(_mqtt);
        _loop = new GatewayLoop(new GatewayOptions { StatusInterval = 0 }, new SilentMeter(), connection,
            new MessageBuilder(new MessageOptions(), new byte[] { 2, 0, 0, 0, 0, 1 }, clock), clock, "bench/drain/status") { Outbox = outbox };
        _loop.Start();
    }

    /// <summary>Steps the loop until the backlog is delivered.</summary>
    [Benchmark(OperationsPerInvoke = Sets * 21)]
    public long Drain()
    {
        for (int steps = 0; _loop.Outbox!.Status.Depth > 0 || _loop.SetsInFlight > 0; steps++)
        {
            if (steps > 100_000) throw new InvalidOperationException("the backlog did not drain");
            _loop.Step(200);
        }
        return _loop.SetsPublished;
    }

    /// <summary>Disconnects; checks every event was acknowledged.</summary>
    [IterationCleanup]
    public void Stop()
    {
        long events = _loop.Status.MessagesPublished;
        _loop.Stop();
        _mqtt.Dispose();
        if (_eventsPerSet != 21) throw new InvalidOperationException("OperationsPerInvoke assumes 21 events a set, not " + _eventsPerSet);
        if (events < (long)Sets * _eventsPerSet) throw new InvalidOperationException(events + " events acknowledged of " + Sets * _eventsPerSet);
    }

    // The connection without its window: the loop falls back to one PUBACK at a time.
    private sealed class Blocking : IMqttConnection
    {
        private readonly IMqttConnection _inner;
        public Blocking(IMqttConnection inner) => _inner = inner;
        public bool IsConnected => _inner.IsConnected;
        public bool Connect() => _inner.Connect();
        public void Disconnect() => _inner.Disconnect();
        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain) => _inner.Publish(topic, payload, offset, count, qos, retain);
    }

    // A meter that sends nothing: each poll waits its whole timeout, as a serial port does between telegrams.
    private sealed class SilentMeter : IMeterSource
    {
        public FrameError Error => FrameError.None;
        public string? ErrorText => null;
        public void Open() { }
        public void Close() { }
        public void Reset() { }

        public bool SetFreeBetweenPolls => true;

        public FrameResult Poll(ReadingSet readings, int timeoutMs)
        {
            if (timeoutMs > 0) Thread.Sleep(timeoutMs);
            return FrameResult.None;
        }
    }
}
