using System.Text;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.HomeAssistant;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Protocols.Sml;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared;
using MeterGateway.Tests.Shared.Health;

namespace MeterGateway.Tests.HomeAssistant;

/// <summary>
/// One gateway run for the discovery tests: a capture's first valid frame through the real decoder, message builder,
/// meter identity and <see cref="HomeAssistantPublisher"/>, into a recording MQTT session; what was published,
/// parsed back with System.Text.Json.
/// </summary>
public sealed class DiscoveryRun
{
    /// <summary>The client id the runs use (MAC 00:11:22:33:44:55).</summary>
    public const string Client = "metergateway-001122334455";
    /// <summary>The availability topic the runs use.</summary>
    public const string Availability = "metergateway/" + Client + "/status";

    public BrokerSession Mqtt { get; } = new();
    public HomeAssistantPublisher Publisher { get; }
    public MeterIdentity Identity { get; } = new();
    private readonly MessageBuilder _builder;

    public DiscoveryRun(GatewayConfig config, MemoryRecordStore store)
    {
        _builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(1700000000, 0));
        Publisher = new HomeAssistantPublisher(config.HomeAssistant, config.Messages, Client, Availability, "0.1.0", store);
        Mqtt.Connect();
    }

    /// <summary>A run with discovery on and a fresh record, fed with <paramref name="set"/>.</summary>
    public static DiscoveryRun Of(ReadingSet set, MemoryRecordStore? store = null)
    {
        var run = new DiscoveryRun(new GatewayConfig { HomeAssistant = { Enabled = true } }, store ?? new MemoryRecordStore());
        run.Feed(set);
        return run;
    }

    public void Feed(ReadingSet set)
    {
        _builder.Build(set);
        Identity.Update(set);
        Publisher.Update(_builder, Identity);
        Xunit.Assert.True(Publisher.PublishPending(Mqtt));
        Xunit.Assert.True(Publisher.PublishStates(Mqtt, _builder));
    }

    /// <summary>Every non-empty discovery config published, by topic.</summary>
    public Dictionary<string, JsonElement> Configs()
    {
        var configs = new Dictionary<string, JsonElement>();
        for (int i = 0; i < Mqtt.Count; i++)
        {
            if (!Mqtt.Topic(i).EndsWith("/config", StringComparison.Ordinal) || Mqtt.Length(i) == 0) continue;
            configs[Mqtt.Topic(i)] = JsonDocument.Parse(Payload(i)).RootElement.Clone();
        }
        return configs;
    }

    /// <summary>The config of a quantity (fails when it was not announced).</summary>
    public JsonElement Config(string quantity)
    {
        var hits = Configs().Where(c => c.Key.EndsWith("/" + quantity + "/config", StringComparison.Ordinal)).ToList();
        Xunit.Assert.True(hits.Count == 1, quantity + ": announced " + hits.Count + " times");
        return hits[0].Value;
    }

    /// <summary>The last plain value published for a quantity, or null.</summary>
    public string? State(string quantity)
    {
        int i = Mqtt.LastOn("metergateway/" + Client + "/" + quantity);
        return i < 0 ? null : Payload(i);
    }

    private string Payload(int i) => Encoding.UTF8.GetString(Mqtt.Payload(i));

    /// <summary>The first valid DSMR telegram of a corpus capture.</summary>
    public static ReadingSet Dsmr(string capture, bool lenient = false) => First(new DsmrDecoder(DsmrFramer.DefaultMaxSize, lenient), Corpus.Bytes("dsmr", capture));

    /// <summary>The first valid SML file of a corpus capture.</summary>
    public static ReadingSet Sml(string capture) => First(new SmlDecoder(), Corpus.Bytes("sml", capture));

    /// <summary>
    /// The first valid data readout of an IEC 62056-21 exchange of the corpus: the meter's messages (identification,
    /// then data) as one stream through the push-mode decoder.
    /// </summary>
    public static ReadingSet Iec(string exchange)
    {
        var folder = Corpus.Folder("iec62056-21");
        byte[] stream = Directory.GetFiles(folder, exchange + ".meter*.bin").OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(File.ReadAllBytes).ToArray();
        return First(new Iec62056Decoder(), stream);
    }

    private static ReadingSet First(IFrameDecoder decoder, byte[] data)
    {
        int at = 0;
        while (at < data.Length)
        {
            at += decoder.Feed(data, at, data.Length - at);
            if (decoder.Result != FrameResult.Valid) continue;
            var set = new ReadingSet(512, 1024, 16384); // an IEC 62056-21 readout holds hundreds of data sets
            if (decoder.Parse(set)) return set;
        }
        throw new Xunit.Sdk.XunitException("no valid frame");
    }
}
