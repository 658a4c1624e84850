namespace MeterGateway.Bench;

/// <summary>The captures copied beside the benchmark assembly (from tests/corpus).</summary>
public static class BenchCorpus
{
    /// <summary>Bytes of tests/corpus/PROTOCOL/NAME.</summary>
    public static byte[] Bytes(string protocol, string name) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "corpus", protocol, name));
}
