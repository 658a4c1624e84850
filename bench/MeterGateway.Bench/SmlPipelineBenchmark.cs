using BenchmarkDotNet.Attributes;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Sml;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// Frame → parse → map → encode for SML captures, per SML file: the capture is cut at its file boundaries once, and each
/// operation feeds the next file (in turn) through the X.25 framer, the TL parser and the message builder. The setup
/// prints the number of files of each capture. Goal (issue 5): 0 bytes allocated per file in steady state.
/// </summary>
[MemoryDiagnoser]
public class SmlPipelineBenchmark
{
    private SmlDecoder _decoder = null!;
    private MessageBuilder _builder = null!;
    private readonly ReadingSet _set = new();
    private byte[] _capture = null!;
    private int[] _ends = null!;
    private int _next;

    /// <summary>SML captures of tests/corpus/sml (a 4 KB dump holds about a dozen files).</summary>
    [Params("EMH_eHZ-HW8E2A5L0EK2P.bin", "EasyMeter_Q3A_A1064V1009.bin", "HOLLEY_DTZ541-ZDBA.bin", "ISKRA_MT175_D1A52-V22-K0t.bin")]
    public string Capture { get; set; } = "";

    /// <summary>Loads the capture, finds where each valid file ends, and builds everything once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _capture = BenchCorpus.Bytes("sml", Capture);
        _decoder = new SmlDecoder();
        _builder = new MessageBuilder(new MessageOptions(), new byte[] { 2, 0, 0, 0, 0, 1 }, new FixedClock());
        var ends = new List<int>();
        int used = 0;
        while (used < _capture.Length)
        {
            used += _decoder.Feed(_capture, used, _capture.Length - used);
            if (_decoder.Result == FrameResult.Valid && _decoder.Parse(_set)) ends.Add(used);
        }
        if (ends.Count == 0) throw new InvalidOperationException(Capture + " has no valid SML file");
        _ends = ends.ToArray();
        _decoder.Reset();
        Console.WriteLine("// " + Capture + ": " + _ends.Length + " SML files");
    }

    /// <summary>One SML file (the next of the capture): frame, parse, map, write every payload; returns the payload bytes.</summary>
    [Benchmark]
    public int OneFile()
    {
        int start = _next == 0 ? 0 : _ends[_next - 1];
        int end = _ends[_next];
        _next = (_next + 1) % _ends.Length;
        if (_next == 0) _decoder.Reset();
        int used = start, bytes = 0;
        while (used < end)
        {
            used += _decoder.Feed(_capture, used, end - used);
            if (_decoder.Result != FrameResult.Valid || !_decoder.Parse(_set)) continue;
            int count = _builder.Build(_set);
            for (int i = 0; i < count; i++) bytes += _builder.WritePayload(i);
        }
        return bytes;
    }
}
