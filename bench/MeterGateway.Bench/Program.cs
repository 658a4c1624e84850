using BenchmarkDotNet.Running;

namespace MeterGateway.Bench;

/// <summary>Runs the benchmarks chosen on the command line (BenchmarkDotNet switcher: --filter, --list, --job).</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
