using BenchmarkDotNet.Attributes;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// The stages of <see cref="DsmrPipelineBenchmark"/> one by one, on the same DSMR 5 telegrams, to see where the time of
/// the whole path goes: <see cref="Frame"/> (the framer over the telegram's bytes, CRC checked), <see cref="Parse"/>
/// (the framed telegram into the reading set), <see cref="Build"/> (map and encode every event) and
/// <see cref="WritePayloads"/> (every VSCP JSON payload). One operation is one telegram; 0 bytes allocated.
/// </summary>
[MemoryDiagnoser]
public class DsmrStageBenchmark
{
    private readonly DsmrDecoder _decoder = new();
    private readonly ReadingSet _set = new();
    private MessageBuilder _builder = null!;
    private byte[] _telegram = null!;
    private int _count;

    /// <summary>The DSMR 5 telegrams compared with esphome-libs/dsmr_parser (docs/benchmarks.md).</summary>
    [Params("dsmr50_nl_iskra_mt382.txt", "dsmr50_nl_iskra_am550_openhab.txt")]
    public string Telegram { get; set; } = "";

    /// <summary>Frames, parses and builds the telegram once, so that each stage has its input ready.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _telegram = BenchCorpus.Bytes("dsmr", Telegram);
        _builder = new MessageBuilder(new MessageOptions(), new byte[] { 2, 0, 0, 0, 0, 1 }, new FixedClock());
        if (Frame() != FrameResult.Valid || !_decoder.Parse(_set)) throw new InvalidOperationException(Telegram + " did not frame");
        _count = _builder.Build(_set);
        if (_count == 0) throw new InvalidOperationException(Telegram + " produced no events");
    }

    /// <summary>The framer over the whole telegram (CRC-16 included).</summary>
    [Benchmark]
    public FrameResult Frame()
    {
        _decoder.Feed(_telegram, 0, _telegram.Length);
        return _decoder.Result;
    }

    /// <summary>The parser over the framed telegram.</summary>
    [Benchmark]
    public bool Parse() => _decoder.Parse(_set);

    /// <summary>Mapping and encoding of every event of the parsed set.</summary>
    [Benchmark]
    public int Build() => _builder.Build(_set);

    /// <summary>Every VSCP JSON payload of the built set.</summary>
    [Benchmark]
    public int WritePayloads()
    {
        int bytes = 0;
        for (int i = 0; i < _count; i++) bytes += _builder.WritePayload(i);
        return bytes;
    }
}
