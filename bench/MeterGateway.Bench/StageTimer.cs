using System.Diagnostics;

namespace MeterGateway.Bench;

/// <summary>
/// <c>stages [TELEGRAM…]</c>: the stages of <see cref="DsmrStageBenchmark"/> and the whole path of
/// <see cref="DsmrPipelineBenchmark"/> timed with a Stopwatch, as the fastest of 15 rounds of 20 000 telegrams each (after a
/// warm-up), in ns per telegram. The fastest round is what a shared machine disturbs least, and the C++ harness that
/// times esphome-libs/dsmr_parser on the same telegrams reports it the same way (docs/benchmarks.md).
/// </summary>
public static class StageTimer
{
    private const int Rounds = 15, PerRound = 20000;

    /// <summary>Times each telegram of tests/corpus/dsmr named (default: the two compared with esphome) and prints a line each.</summary>
    public static void Run(string[] telegrams)
    {
        if (telegrams.Length == 0) telegrams = new[] { "dsmr50_nl_iskra_mt382.txt", "dsmr50_nl_iskra_am550_openhab.txt" };
        Console.WriteLine("load average " + File.ReadAllText("/proc/loadavg").Trim());
        foreach (string telegram in telegrams)
        {
            var stages = new DsmrStageBenchmark { Telegram = telegram };
            stages.Setup();
            var whole = new DsmrPipelineBenchmark { Telegram = telegram };
            whole.Setup();
            double frame = Fastest(() => stages.Frame());
            double parse = Fastest(() => stages.Parse());
            double build = Fastest(() => stages.Build());
            double write = Fastest(() => stages.WritePayloads());
            double all = Fastest(() => whole.FrameParseMapEncode());
            Console.WriteLine($"{telegram}: frame {frame:F0} ns, parse {parse:F0} ns, build {build:F0} ns, payloads {write:F0} ns; whole path {all:F0} ns");
        }
    }

    private static double Fastest(Func<object> operation)
    {
        for (int i = 0; i < PerRound; i++) operation();
        double best = double.MaxValue;
        for (int r = 0; r < Rounds; r++)
        {
            long start = Stopwatch.GetTimestamp();
            for (int i = 0; i < PerRound; i++) operation();
            double ns = Stopwatch.GetElapsedTime(start).TotalNanoseconds / PerRound;
            if (ns < best) best = ns;
        }
        return best;
    }
}
