using System;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Outbox;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;
using Xunit.Abstractions;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>
    /// Flash written per telegram and per hour for a typical DSMR 5 reading set (the AM550 capture, 35 OBIS lines), with
    /// the default (ESP32) settings, at 1 s and 10 s intervals, with the broker up, with a 30 s and a 10 min outage in
    /// the hour, and during a long outage (the hour after the log is full). The table goes to the test output; the
    /// assertions hold the shape of the result (nothing per telegram while the broker acknowledges).
    /// </summary>
    public class FlashFigures
    {
        private readonly ITestOutputHelper _output;

        public FlashFigures(ITestOutputHelper output) { _output = output; }

        private sealed class Figures
        {
            public string Name = "";
            public int Telegrams;
            public long Logical, Commits, Programmed, Erases;
        }

        // One hour at the interval; the broker is down from downFrom for downSeconds; counting starts after warmUpSeconds.
        private static Figures Hour(string name, int interval, int downFrom, int downSeconds, int warmUpSeconds = 0, OutboxOptions? options = null,
            ReadingSet? capture = null)
        {
            capture ??= CorpusReadingSet.Load();
            var model = new LittleFsWearModel();
            var clock = new ManualClock(capture.FrameTime);
            var outbox = new ReadingOutbox(model, clock, options ?? new OutboxOptions());
            outbox.Open();
            var set = new ReadingSet();
            var taken = new ReadingSet();
            var figures = new Figures { Name = name };
            int n = 0;
            for (int t = -warmUpSeconds; t < 3600; t += interval)
            {
                if (t == 0) model.ResetCounts();
                CorpusReadingSet.Vary(set, capture, n++, clock.UtcNowSeconds);
                Assert.True(outbox.Append(set) > 0);
                if (t >= 0) figures.Telegrams++;
                bool brokerUp = t < downFrom || t >= downFrom + downSeconds;
                // The gateway publishes whatever waits between two telegrams; a replay runs at about 20 sets a second.
                for (int budget = brokerUp ? 20 * interval : 0; budget > 0 && outbox.TakeNext(taken); budget--) outbox.MarkDelivered(outbox.TakenSequence);
                for (int s = 0; s < interval; s++)
                {
                    clock.Advance(1);
                    outbox.Tick();
                }
            }
            figures.Logical = model.LogicalBytes;
            figures.Commits = model.Commits;
            figures.Programmed = model.ProgrammedBytes;
            figures.Erases = model.Erases;
            return figures;
        }

        [Fact]
        public void FlashWrittenPerTelegramAndPerHour()
        {
            var rows = new[]
            {
                Hour("1 s, broker up", 1, int.MaxValue, 0),
                Hour("10 s, broker up", 10, int.MaxValue, 0),
                Hour("1 s, 30 s outage", 1, 600, 30),
                Hour("10 s, 30 s outage", 10, 600, 30),
                Hour("1 s, 10 min outage", 1, 600, 600),
                Hour("10 s, 10 min outage", 10, 600, 600),
                Hour("1 s, long outage (log full)", 1, -7200, int.MaxValue, 3600),
                Hour("10 s, long outage (log full)", 10, -7200, int.MaxValue, 3600),
            };
            var capture = CorpusReadingSet.Load();
            int record = OutboxHarness.Encode(capture).Length + RecordFormat.Overhead;
            _output.WriteLine("DSMR 5 reading set: " + capture.ReadingCount + " readings, record " + record + " bytes");
            _output.WriteLine("| hour | telegrams | outbox bytes | per telegram | writes | LittleFS est. programmed | est. erases |");
            _output.WriteLine("|---|---|---|---|---|---|---|");
            foreach (var r in rows)
            {
                _output.WriteLine("| " + r.Name + " | " + r.Telegrams + " | " + r.Logical + " | " + r.Logical / r.Telegrams + " | " + r.Commits +
                                  " | " + r.Programmed + " | " + r.Erases + " |");
            }
            // Broker up: no record reaches flash (the sequence reservation costs one 32-byte metadata write per 3600 telegrams).
            Assert.Equal(0, rows[0].Logical);
            Assert.Equal(0, rows[1].Logical);
            // A short outage writes each of its telegrams once, in batches.
            Assert.True(rows[2].Logical >= 30 * record && rows[2].Logical < 32 * record + 4 * OutboxMetadata.SlotBytes);
            Assert.True(rows[2].Commits < 30);
            // A full log takes about one telegram a minute, so a long outage writes far less than the telegrams' bytes.
            Assert.True(rows[6].Logical < 3600L * record / 10);
        }
    
        [Fact]
        public void TheBoxsDsmrOrSmlTailWritesNoMoreThanAFourKilobyteOne()
        {
            // The box's DSMR and SML outbox (MeterProfile.OutboxOptions): records of the box's set (the readings it uses,
            // 495 bytes of the AM550 capture) of at most BoxPushRecordBytes, and the tail of that size (2.5 KB less RAM
            // than 4 KB) gathers the same records per write: three records at most wait 2 s at one telegram a second. Its
            // compaction copies in pieces of BoxPushRecordBytes (the record buffer), so a full log takes more writes than
            // the defaults' table (docs/outbox.md gives both).
            var config = new GatewayConfig();
            ReadingSet whole = CorpusReadingSet.Load(), box = MeterProfile.For(config).CreateBoxReadings();
            byte[] buffer = new byte[8192];
            Assert.True(ReadingSetCodec.Decode(buffer, 0, ReadingSetCodec.Encode(whole, buffer, 0, buffer.Length), box));
            Assert.Equal(495, ReadingSetCodec.Encode(box, buffer, 0, buffer.Length) + RecordFormat.Overhead);
            Figures[] With(int tailBytes)
            {
                var o = new OutboxOptions { TailBytes = tailBytes, MaxRecordBytes = MeterProfile.BoxPushRecordBytes };
                return new[]
                {
                    Hour("1 s, 30 s outage", 1, 600, 30, 0, o, box),
                    Hour("10 s, 30 s outage", 10, 600, 30, 0, o, box),
                    Hour("1 s, 10 min outage", 1, 600, 600, 0, o, box),
                    Hour("10 s, 10 min outage", 10, 600, 600, 0, o, box),
                    Hour("1 s, long outage (log full)", 1, -7200, int.MaxValue, 3600, o, box),
                    Hour("10 s, long outage (log full)", 10, -7200, int.MaxValue, 3600, o, box),
                };
            }
            var small = With(MeterProfile.For(config).OutboxOptions(config).TailBytes);
            var large = With(4096);
            _output.WriteLine("| hour (the box's DSMR/SML outbox) | telegrams | outbox bytes | writes | LittleFS est. programmed | est. erases |");
            for (int i = 0; i < small.Length; i++)
            {
                var r = small[i];
                _output.WriteLine("| " + r.Name + " | " + r.Telegrams + " | " + r.Logical + " | " + r.Commits + " | " + r.Programmed + " | " + r.Erases + " |");
                Assert.Equal(large[i].Logical, r.Logical);
                Assert.Equal(large[i].Commits, r.Commits);
                Assert.Equal(large[i].Erases, r.Erases);
            }
        }
    }
}
