using BenchmarkDotNet.Attributes;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// Frame → parse for IEC 62056-21 (issue 18): a mode D push of an EMH eHZ (135 bytes, tests/corpus/iec62056-21
/// emh_ehz_modeD_push.meter1.bin) and the 9.5 KB mode C data readout of an Iskra MT174 (iskra_mt174_modeC_9600.meter2.bin,
/// a readout decoder as after option select). One operation is one message; goal: 0 bytes allocated.
/// </summary>
[MemoryDiagnoser]
public class Iec62056PipelineBenchmark
{
    private Iec62056Decoder _decoder = null!;
    private readonly ReadingSet _set = new(512, 1024, 16384);
    private byte[] _message = null!;

    /// <summary>The capture: a mode D push, or a mode C readout.</summary>
    [Params("emh_ehz_modeD_push.meter1.bin", "iskra_mt174_modeC_9600.meter2.bin")]
    public string Message { get; set; } = "";

    /// <summary>Loads the capture; checks it decodes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _message = BenchCorpus.Bytes("iec62056-21", Message);
        _decoder = Message.Contains("modeD")
            ? new Iec62056Decoder()
            : new Iec62056Decoder(16384, Iec62056FramerMode.Readout);
        if (FrameAndParse() == 0) throw new InvalidOperationException(Message + " did not decode");
        Console.WriteLine("// " + Message + ": " + _message.Length + " bytes, " + _set.ReadingCount + " readings");
    }

    /// <summary>The whole message through the framer (BCC) and the parser; returns the readings.</summary>
    [Benchmark]
    public int FrameAndParse()
    {
        _decoder.Reset();
        int used = 0, readings = 0;
        while (used < _message.Length)
        {
            used += _decoder.Feed(_message, used, _message.Length - used);
            if (_decoder.Result == FrameResult.Valid && _decoder.Parse(_set)) readings += _set.ReadingCount;
        }
        if (readings == 0 && _decoder.Flush() == FrameResult.Valid && _decoder.Parse(_set)) readings = _set.ReadingCount;
        return readings;
    }
}
