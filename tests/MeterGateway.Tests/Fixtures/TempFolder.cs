namespace MeterGateway.Tests.Fixtures;

/// <summary>A temporary folder deleted with everything in it when disposed.</summary>
public sealed class TempFolder : IDisposable
{
    /// <summary>Its path.</summary>
    public string Path { get; } = Directory.CreateTempSubdirectory("metergateway-test-").FullName;

    /// <summary>A path inside it.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc/>
    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { }
    }
}
