using BenchmarkDotNet.Attributes;
using MeterGateway.Host.Mqtt;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// The whole path of one DSMR 5 telegram on the host (issue 18, item 2): frame (CRC), parse, map, every VSCP JSON
/// payload written, and every message published through the host's <see cref="MqttNetConnection"/>: MQTTnet's client
/// encodes each PUBLISH packet and reads its PUBACK from a <see cref="MemoryBroker"/> (a broker in memory behind
/// MQTTnet's stream seam, no network, allocating nothing itself). <c>Window=True</c> sends through the window of 16
/// (<see cref="IMqttPipeline"/>, what the gateway loop does while connected), <c>False</c> waits for each PUBACK.
/// <see cref="DsmrPipelineBenchmark"/> is the same telegram without MQTT.
/// </summary>
[MemoryDiagnoser]
public class PublishPathBenchmark
{
    private DsmrDecoder _decoder = null!;
    private MessageBuilder _builder = null!;
    private readonly ReadingSet _set = new();
    private byte[] _telegram = null!;
    private MemoryBroker _broker = null!;
    private MqttNetConnection _connection = null!;

    /// <summary>The DSMR 5 telegram of tests/corpus/dsmr.</summary>
    [Params("dsmr50_nl_iskra_mt382.txt", "emucs171_be_fluvius.txt")]
    public string Telegram { get; set; } = "";

    /// <summary>True: the window of 16 messages in flight; false: one PUBACK at a time.</summary>
    [Params(true, false)]
    public bool Window { get; set; }

    /// <summary>Loads the telegram, builds everything and connects to the broker in memory.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _telegram = BenchCorpus.Bytes("dsmr", Telegram);
        _decoder = new DsmrDecoder();
        _builder = new MessageBuilder(new MessageOptions(), new byte[] { 2, 0, 0, 0, 0, 1 }, new FixedClock());
        _broker = new MemoryBroker();
        _connection = new MqttNetConnection(new MqttEndpoint("127.0.0.1", 1883, "bench-publish-path", MaxInflight: 16), _broker);
        if (!_connection.Connect()) throw new InvalidOperationException("no connection: " + _connection.LastError);
        if (Run() == 0) throw new InvalidOperationException(Telegram + " produced no events");
        long before = _broker.Publishes, bytes = _broker.PublishBytes;
        int messages = Run();
        Console.WriteLine($"// {Telegram}: {messages} messages a telegram, {(_broker.PublishBytes - bytes) / Math.Max(1, _broker.Publishes - before)} bytes a PUBLISH packet");
    }

    /// <summary>Disconnects.</summary>
    [GlobalCleanup]
    public void Cleanup() => _connection.Dispose();

    /// <summary>One telegram through the whole path, every message acknowledged; returns the messages sent.</summary>
    [Benchmark]
    public int FrameParseMapEncodePublish() => Run();

    private int Run()
    {
        int used = 0, messages = 0;
        while (used < _telegram.Length)
        {
            used += _decoder.Feed(_telegram, used, _telegram.Length - used);
            if (_decoder.Result != FrameResult.Valid || !_decoder.Parse(_set)) continue;
            int count = _builder.Build(_set);
            for (int i = 0; i < count; i++)
            {
                int length = _builder.WritePayload(i);
                if (Window)
                {
                    while (_connection.Pending >= _connection.WindowSize) Acknowledged(_connection.NextCompletion(10000));
                    if (_connection.Send(_builder.Topic(i), _builder.PayloadBuffer, 0, length, 1, false) == 0) throw new InvalidOperationException("send failed");
                }
                else if (!_connection.Publish(_builder.Topic(i), _builder.PayloadBuffer, 0, length, 1, false))
                {
                    throw new InvalidOperationException("publish failed: " + _connection.LastError);
                }
                messages++;
            }
        }
        while (_connection.Pending > 0) Acknowledged(_connection.NextCompletion(10000));
        return messages;
    }

    private static void Acknowledged(long outcome)
    {
        if (outcome <= 0) throw new InvalidOperationException("message not acknowledged: " + outcome);
    }
}
