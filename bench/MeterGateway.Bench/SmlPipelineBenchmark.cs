using BenchmarkDotNet.Attributes;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Sml;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// Frame → parse → map → encode for SML captures: every SML file of the capture through the X.25 framer, the
/// TL parser and the message builder. Goal (issue 5): 0 bytes allocated per file in steady state.
/// </summary>
[MemoryDiagnoser]
public class SmlPipelineBenchmark
{
    private SmlDecoder _decoder = null!;
    private MessageBuilder _builder = null!;
    private readonly ReadingSet _set = new();
    private byte[] _capture = null!;
    private int _files;

    /// <summary>SML captures of tests/corpus/sml (a 4 KB dump holds about a dozen files).</summary>
    [Params("EMH_eHZ-HW8E2A5L0EK2P.bin", "EasyMeter_Q3A_A1064V1009.bin", "HOLLEY_DTZ541-ZDBA.bin", "ISKRA_MT175_D1A52-V22-K0t.bin")]
    public string Capture { get; set; } = "";

    /// <summary>Loads the capture and builds everything once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _capture = BenchCorpus.Bytes("sml", Capture);
        _decoder = new SmlDecoder();
        _builder = new MessageBuilder(new MessageOptions(), new byte[] { 2, 0, 0, 0, 0, 1 }, new FixedClock());
        _files = Run().Files;
        if (_files == 0) throw new InvalidOperationException(Capture + " has no valid SML file");
    }

    /// <summary>The whole capture; divide by the file count printed in the setup for per-file figures.</summary>
    [Benchmark]
    public int WholeCapture() => Run().Bytes;

    private (int Files, int Bytes) Run()
    {
        int used = 0, files = 0, bytes = 0;
        while (used < _capture.Length)
        {
            used += _decoder.Feed(_capture, used, _capture.Length - used);
            if (_decoder.Result != FrameResult.Valid || !_decoder.Parse(_set)) continue;
            files++;
            int count = _builder.Build(_set);
            for (int i = 0; i < count; i++) bytes += _builder.WritePayload(i);
        }
        return (files, bytes);
    }
}
