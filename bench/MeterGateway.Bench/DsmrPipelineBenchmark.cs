using BenchmarkDotNet.Attributes;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// Frame → parse → map → encode for each DSMR 5 telegram of the corpus, as the gateway loop does it: the framer
/// checks the CRC, the parser fills the preallocated reading set, the message builder maps and encodes every event
/// and writes every VSCP JSON payload. Goals (issue 3): 0 bytes allocated per telegram, below 10 µs per telegram.
/// </summary>
[MemoryDiagnoser]
public class DsmrPipelineBenchmark
{
    private DsmrDecoder _decoder = null!;
    private MessageBuilder _builder = null!;
    private readonly ReadingSet _set = new();
    private byte[] _telegram = null!;

    /// <summary>The DSMR 5 telegrams of tests/corpus/dsmr.</summary>
    [Params("dsmr50_nl_iskra_mt382.txt", "dsmr50_nl_iskra_am550_openhab.txt", "dsmr50_hu_eon_sagemcom.txt",
        "emucs171_be_fluvius.txt", "se_landisgyr_e360_ell5_a.txt", "dsmr50_at_sagemcom_t210dr_plain.txt")]
    public string Telegram { get; set; } = "";

    /// <summary>Loads the telegram and builds everything once, as the gateway does at start-up.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _telegram = BenchCorpus.Bytes("dsmr", Telegram);
        _decoder = new DsmrDecoder();
        _builder = new MessageBuilder(new MessageOptions(), new byte[] { 2, 0, 0, 0, 0, 1 }, new FixedClock());
        if (Run() == 0) throw new InvalidOperationException(Telegram + " produced no events");
    }

    /// <summary>One telegram through the whole hot path; returns the payload bytes written.</summary>
    [Benchmark]
    public int FrameParseMapEncode() => Run();

    private int Run()
    {
        int used = 0, bytes = 0;
        while (used < _telegram.Length)
        {
            used += _decoder.Feed(_telegram, used, _telegram.Length - used);
            if (_decoder.Result != FrameResult.Valid || !_decoder.Parse(_set)) continue;
            int count = _builder.Build(_set);
            for (int i = 0; i < count; i++) bytes += _builder.WritePayload(i);
        }
        return bytes;
    }
}
