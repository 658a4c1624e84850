using BenchmarkDotNet.Attributes;
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.HomeAssistant;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// What <c>homeassistant = true</c> adds per telegram once the configs are announced: the meter identity compared,
/// the register guard, and every plain value written and handed to MQTT (a connection that only counts bytes); and
/// the status JSON written as the status topic and page do. Goal (issue 11): 0 bytes allocated per telegram and per
/// status document.
/// </summary>
[MemoryDiagnoser]
public class HomeAssistantBenchmark
{
    private readonly ReadingSet _set = new();
    private readonly MeterIdentity _identity = new();
    private readonly CountingMqtt _mqtt = new();
    private MessageBuilder _builder = null!;
    private HomeAssistantPublisher _publisher = null!;
    private GatewayLoop _loop = null!;

    /// <summary>Telegrams of tests/corpus/dsmr: DSMR 5 with gas, Belgian with gas and water.</summary>
    [Params("dsmr50_nl_iskra_mt382.txt", "emucs171_be_fluvius.txt")]
    public string Telegram { get; set; } = "";

    /// <summary>Parses the telegram and announces its configs once, as the first telegram after start does.</summary>
    [GlobalSetup]
    public void Setup()
    {
        byte[] telegram = BenchCorpus.Bytes("dsmr", Telegram);
        var decoder = new DsmrDecoder();
        int used = 0;
        while (used < telegram.Length)
        {
            used += decoder.Feed(telegram, used, telegram.Length - used);
            if (decoder.Result == FrameResult.Valid && decoder.Parse(_set)) break;
        }
        var config = new GatewayConfig { HomeAssistant = { Enabled = true } };
        var clock = new FixedClock();
        _builder = new MessageBuilder(config.Messages, new byte[] { 2, 0, 0, 0, 0, 1 }, clock);
        _publisher = new HomeAssistantPublisher(config.HomeAssistant, config.Messages, "bench", "metergateway/bench/status", "0.1.0", new NoRecord());
        _loop = new GatewayLoop(config.Gateway, new NoMeter(), _mqtt, _builder, clock, "metergateway/bench/status") { HomeAssistant = _publisher };
        if (PublishValues() == 0) throw new InvalidOperationException(Telegram + " produced no values");
    }

    /// <summary>One telegram's Home Assistant work after its VSCP events are built; returns the bytes handed to MQTT.</summary>
    [Benchmark]
    public long PublishValues()
    {
        _mqtt.Bytes = 0;
        _builder.Build(_set);
        _identity.Update(_set);
        _publisher.Update(_builder, _identity);
        _publisher.PublishPending(_mqtt);
        _publisher.PublishStates(_mqtt, _builder);
        return _mqtt.Bytes;
    }

    /// <summary>The status JSON of the gateway after that telegram; returns its length.</summary>
    [Benchmark]
    public int WriteStatus() => _loop.WriteStatus();

    private sealed class CountingMqtt : IMqttConnection
    {
        public long Bytes;
        public bool IsConnected => true;
        public bool Connect() => true;
        public void Disconnect() { }

        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            Bytes += count;
            return true;
        }
    }

    private sealed class NoRecord : IDiscoveryRecordStore
    {
        public string? Load() => null;
        public bool Save(string text) => true;
    }

    private sealed class NoMeter : IMeterSource
    {
        public FrameError Error => FrameError.None;
        public string? ErrorText => null;
        public void Open() { }
        public void Close() { }
        public bool SetFreeBetweenPolls => true;
        public FrameResult Poll(ReadingSet readings, int timeoutMs) => FrameResult.None;
        public void Reset() { }
    }

    private sealed class FixedClock : IClock
    {
        public long UtcNowSeconds => 1_700_000_000;
        public long MonotonicMs => 123_456;
    }
}
