using BenchmarkDotNet.Attributes;
using MeterGateway.Host.Storage;
using MeterGateway.Outbox;
using MeterGateway.Readings;

namespace MeterGateway.Bench;

/// <summary>
/// <see cref="OutboxBenchmark"/>'s outage on the host's <see cref="FileRecordStorage"/> in a temporary folder (issue 18):
/// 200 DSMR 5 sets (the AM550 capture) appended while the broker is down (tail writes to segment files, metadata
/// slots), then replayed interleaved with live sets until empty (reads, cursor saves, segment deletion). The figure
/// includes the file system (page cache; no fsync). One operation is one set of the outage.
/// </summary>
[MemoryDiagnoser]
public class OutboxFileBenchmark
{
    private const int Outage = 200;
    private readonly ReadingSet _set = new();
    private readonly ReadingSet _taken = new();
    private readonly OutboxWorkload.SteppingClock _clock = new();
    private string _folder = null!;
    private FileRecordStorage _storage = null!;
    private ReadingOutbox _outbox = null!;

    /// <summary>Decodes the capture and opens the outbox in a new temporary folder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        OutboxWorkload.LoadAm550(_set);
        _folder = Directory.CreateTempSubdirectory("bench-outbox-").FullName;
        _storage = new FileRecordStorage(_folder);
        _outbox = new ReadingOutbox(_storage, _clock, new OutboxOptions());
        _outbox.Open();
    }

    /// <summary>Closes the storage and deletes the folder.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _storage.Dispose();
        Directory.Delete(_folder, true);
    }

    /// <summary>200 sets while the broker is down, then the replay interleaved with live sets until empty.</summary>
    [Benchmark(OperationsPerInvoke = Outage)]
    public int OutageAndReplayOnFiles()
    {
        return OutboxWorkload.OutageAndReplay(_outbox, _set, _taken, _clock, Outage);
    }
}
