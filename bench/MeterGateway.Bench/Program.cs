using BenchmarkDotNet.Running;

namespace MeterGateway.Bench;

/// <summary>
/// Runs the benchmarks chosen on the command line (BenchmarkDotNet switcher: --filter, --list, --job), or with
/// <c>stages [TELEGRAM…]</c> first the Stopwatch timing of the DSMR path's stages (<see cref="StageTimer"/>).
/// </summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "stages") StageTimer.Run(args[1..]);
        else BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
