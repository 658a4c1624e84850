using System;
using System.IO;
using System.Linq;
using MeterGateway.Outbox;
using MeterGateway.Readings;
using MeterGateway.Host.Storage;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>The host's file storage, and the outbox on real files through a power cut.</summary>
    public sealed class FileRecordStorageTests : IDisposable
    {
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "metergateway-outbox-" + Guid.NewGuid().ToString("N"));

        public void Dispose()
        {
            if (Directory.Exists(_directory)) Directory.Delete(_directory, recursive: true);
        }

        [Fact]
        public void SegmentsAndMetadataRoundTrip()
        {
            using var storage = new FileRecordStorage(_directory);
            byte[] data = { 1, 2, 3, 4, 5, 6, 7 };
            Assert.True(storage.Append(SegmentLog.FirstSegment, data, 0, 4));
            Assert.True(storage.Append(SegmentLog.FirstSegment, data, 4, 3));
            Assert.True(storage.Append(SegmentLog.FirstSegment - 1, data, 0, 2));
            File.WriteAllText(Path.Combine(_directory, "notes.txt"), "not a segment");
            File.WriteAllText(Path.Combine(_directory, "seg-xyz.log"), "not a segment either");
            var ids = new long[8];
            int n = storage.ListSegments(ids);
            Assert.Equal(new[] { SegmentLog.FirstSegment - 1, SegmentLog.FirstSegment }, ids.Take(n).OrderBy(i => i));
            Assert.Equal(7, storage.GetLength(SegmentLog.FirstSegment));
            var read = new byte[10];
            Assert.Equal(5, storage.Read(SegmentLog.FirstSegment, 2, read, 1, 9));
            Assert.Equal(new byte[] { 0, 3, 4, 5, 6, 7, 0 }, read.Take(7));
            Assert.Equal(0, storage.Read(SegmentLog.FirstSegment + 5, 0, read, 0, 1));
            Assert.True(storage.Delete(SegmentLog.FirstSegment));
            Assert.True(storage.Delete(SegmentLog.FirstSegment));
            Assert.Equal(0, storage.GetLength(SegmentLog.FirstSegment));
            Assert.Equal(0, storage.ReadMetadata(1, read, 0, 10));
            Assert.True(storage.WriteMetadata(1, data, 0, 7));
            Assert.True(storage.WriteMetadata(1, data, 2, 3));
            Assert.Equal(3, storage.ReadMetadata(1, read, 0, 10));
            Assert.Equal(new byte[] { 3, 4, 5 }, read.Take(3));
        }

        [Fact]
        public void APowerCutOnRealFilesKeepsWholeRecordsAndNumberingContinues()
        {
            var options = new OutboxOptions { WriteDelayMs = 0 };
            var clock = new ManualClock(OutboxSamples.BaseTime);
            var set = new ReadingSet();
            long segmentLength;
            using (var storage = new FileRecordStorage(_directory))
            {
                var outbox = new ReadingOutbox(storage, clock, options);
                outbox.Open();
                for (int n = 0; n < 6; n++)
                {
                    OutboxSamples.Fill(set, n, clock.UtcNowSeconds);
                    Assert.Equal(n + 1, outbox.Append(set));
                    clock.Advance(1);
                }
                segmentLength = storage.GetLength(SegmentLog.FirstSegment);
            }
            // The last write was torn 5 bytes short; the metadata file of one slot was torn too.
            string segmentFile = Directory.GetFiles(_directory, "seg-*.log").Single();
            using (var file = new FileStream(segmentFile, FileMode.Open)) file.SetLength(segmentLength - 5);
            File.WriteAllBytes(Path.Combine(_directory, "meta-0.bin"), new byte[] { 0x4D, 0x47 });

            using (var storage = new FileRecordStorage(_directory))
            {
                var outbox = new ReadingOutbox(storage, clock, options);
                outbox.Open();
                Assert.Equal(5, outbox.Status.Depth);
                OutboxSamples.Fill(set, 6, clock.UtcNowSeconds);
                long next = outbox.Append(set);
                Assert.True(next > 6);
            }
            using (var storage = new FileRecordStorage(_directory))
            {
                var replay = OutboxHarness.Drain(storage, options, clock.UtcNowSeconds);
                Assert.Equal(6, replay.Sequences.Count);
                Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, replay.Sequences.Take(5));
                Assert.True(replay.Sequences[5] > 6);
            }
            Assert.Empty(Directory.GetFiles(_directory, "seg-*.log"));
        }
    }
}
