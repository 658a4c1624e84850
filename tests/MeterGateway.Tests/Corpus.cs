namespace MeterGateway.Tests;

/// <summary>The captures of tests/corpus, copied beside the test assembly.</summary>
public static class Corpus
{
    /// <summary>Folder of one protocol's captures.</summary>
    public static string Folder(string protocol) => Path.Combine(AppContext.BaseDirectory, "corpus", protocol);

    /// <summary>Path of one capture.</summary>
    public static string File(string protocol, string name) => Path.Combine(Folder(protocol), name);

    /// <summary>Bytes of one capture.</summary>
    public static byte[] Bytes(string protocol, string name) => System.IO.File.ReadAllBytes(File(protocol, name));
}
