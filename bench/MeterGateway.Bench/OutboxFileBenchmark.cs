using BenchmarkDotNet.Attributes;
using MeterGateway.Host.Storage;
using MeterGateway.Link;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
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
    private sealed class SteppingClock : IClock
    {
        public long UtcNowSeconds { get; set; } = 1_700_000_000;
        public long MonotonicMs { get; set; }

        public void Second()
        {
            UtcNowSeconds++;
            MonotonicMs += 1000;
        }
    }

    private const int Outage = 200;
    private readonly ReadingSet _set = new();
    private readonly ReadingSet _taken = new();
    private readonly SteppingClock _clock = new();
    private string _folder = null!;
    private FileRecordStorage _storage = null!;
    private ReadingOutbox _outbox = null!;

    /// <summary>Decodes the capture and opens the outbox in a new temporary folder.</summary>
    [GlobalSetup]
    public void Setup()
    {
        byte[] telegram = BenchCorpus.Bytes("dsmr", "dsmr50_nl_iskra_am550_openhab.txt");
        var decoder = new DsmrDecoder();
        decoder.Feed(telegram, 0, telegram.Length);
        if (decoder.Result != FrameResult.Valid || !decoder.Parse(_set)) throw new InvalidOperationException("the AM550 capture did not decode");
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
        for (int i = 0; i < Outage; i++)
        {
            _set.FrameTime = _clock.UtcNowSeconds;
            _outbox.Append(_set);
            _clock.Second();
            _outbox.Tick();
        }
        int published = 0;
        while (_outbox.Status.Depth > 0)
        {
            _set.FrameTime = _clock.UtcNowSeconds;
            _outbox.Append(_set);
            for (int k = 0; k < 8 && _outbox.TakeNext(_taken); k++, published++) _outbox.MarkDelivered(_outbox.TakenSequence);
            _clock.Second();
            _outbox.Tick();
        }
        return published;
    }
}
