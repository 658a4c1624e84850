using System;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Simulators;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// The whole gateway over real captures, as the ESP32 app builds it (MeterProfile, GatewayLoop, MessageBuilder, the
    /// outbox), with the serial line and the broker in memory: for DSMR 5, SML and an IEC 62056-21 readout it runs
    /// <see cref="Telegrams"/> telegrams (<see cref="Readouts"/> readouts) and prints the managed heap in use at the start, at its peak and at the end, and
    /// the time per telegram: for the whole loop, and for decode + map + encode alone (DSMR and SML). Then the heap one more
    /// thread takes (<see cref="ThreadCost"/>), on nanoFramework the DSMR 5 gateway over the box's own M2Mqtt
    /// connection (<see cref="M2MqttRun"/>), the heap of the box's other lifelong parts (<see cref="BoxParts"/>), and last
    /// the heap a periodic timer takes (<see cref="TimerCost"/>). The same sources build for nanoFramework (MeterGateway.NanoBench.nfproj, run it
    /// in the nanoCLR or on a board) and for .NET (MeterGateway.NanoBench.csproj), for the figures side by side. See
    /// docs/development.md.
    /// </summary>
    public static class Program
    {
        /// <summary>Telegrams per protocol (DSMR, SML).</summary>
        public const int Telegrams = 10000;

        /// <summary>
        /// IEC 62056-21 readouts: fewer, as each is a whole session over the simulated line (9.5 KB, 330 data sets), which
        /// takes the Linux nanoCLR about a hundred times a DSMR telegram's time.
        /// </summary>
        public const int Readouts = 1000;

        /// <summary>Telegrams between two heap samples (a full collection, outside the timed part).</summary>
        public const int Batch = 100;

        /// <summary>The managed heap of the Linux nanoCLR (10 MiB, targets/posix): in use = this less the free bytes.</summary>
        public const long HeapBytes = 10 * 1024 * 1024;

        private static long _entryUsed;

        /// <summary>Runs every measurement in turn.</summary>
        public static void Main()
        {
            _entryUsed = Used();
            Console.WriteLine("MeterGateway.NanoBench on " + Platform.Name + ": " + Telegrams + " DSMR and SML telegrams, " + Readouts + " IEC readouts; heap in use at entry " + _entryUsed + " bytes");
            SetSizes();
            Pipeline("DSMR 5", MeterProtocol.Dsmr, new byte[][] { Captures.Dsmr5() });
            Pipeline("SML", MeterProtocol.Sml, Captures.Sml());
            long dsmrPeak = Push("DSMR 5", MeterProtocol.Dsmr, new byte[][] { Captures.Dsmr5() });
            Push("SML", MeterProtocol.Sml, Captures.Sml());
            Readout();
            M2MqttRun.Run(dsmrPeak, false); // its threads have ended when it returns: what follows measures settled heaps
            M2MqttRun.Run(dsmrPeak, true);
            BoxParts.Run();
            // After the M2Mqtt runs: run right after Readout, the 32-bit Linux nanoCLR crashed in its collector's walk of
            // wait handles (CLR_RT_ObjectToEvent_Source::EnsureObjectIsAlive, docs/development.md).
            ThreadCost.Run();
            TimerCost.Run(); // last: the runtime's timer thread it makes stays
            Console.WriteLine("done");
        }

        // The heap the box's reading set takes (MeterProfile.CreateBoxReadings): DSMR and SML, and IEC 62056-21 (the box
        // keeps two of those); and the host's set of a whole IEC 62056-21 readout (1,024 data sets) for comparison.
        private static void SetSizes()
        {
            GatewayConfig config = new GatewayConfig();
            config.Protocol = MeterProtocol.Dsmr;
            long before = Used();
            ReadingSet push = MeterProfile.For(config).CreateBoxReadings();
            long pushBytes = Used() - before;
            config.Protocol = MeterProtocol.Iec62056_21;
            before = Used();
            ReadingSet readout = MeterProfile.For(config).CreateBoxReadings();
            long readoutBytes = Used() - before;
            before = Used();
            ReadingSet whole = MeterProfile.For(config).CreateReadings(1024);
            long wholeBytes = Used() - before;
            Console.WriteLine("reading sets (bytes): DSMR and SML " + pushBytes + " (" + push.ObisCode.Length + " readings), IEC 62056-21 box " + readoutBytes
                + " (" + readout.ObisCode.Length + "), IEC 62056-21 host " + wholeBytes + " (" + whole.ObisCode.Length + ")");
            OutboxSizes();
        }

        // The box's outbox (MeterProfile.OutboxOptions of a DSMR box: segment tables from max_size, records in flight from
        // the MQTT window) and its publish window, against the same with the host's 64 places of each.
        private static void OutboxSizes()
        {
            GatewayConfig config = new GatewayConfig();
            config.Protocol = MeterProtocol.Dsmr;
            OutboxOptions box = MeterProfile.For(config).OutboxOptions(config);
            OutboxOptions wide = MeterProfile.For(config).OutboxOptions(config);
            wide.MaxSegments = 64;
            wide.MaxInFlight = 64;
            ReplayLink clock = new ReplayLink(new byte[][] { new byte[1] });
            MemoryStorage storage = new MemoryStorage(64, box.SegmentBytes);
            long before = Used();
            ReadingOutbox boxOutbox = new ReadingOutbox(storage, clock, box);
            long boxBytes = Used() - before;
            before = Used();
            ReadingOutbox wideOutbox = new ReadingOutbox(storage, clock, wide);
            long wideBytes = Used() - before;
            before = Used();
            PublishWindow boxWindow = new PublishWindow(box.MaxInFlight);
            long boxWindowBytes = Used() - before;
            before = Used();
            PublishWindow wideWindow = new PublishWindow(wide.MaxInFlight);
            long wideWindowBytes = Used() - before;
            Console.WriteLine("outbox (bytes, as made): box " + boxBytes + " (" + box.MaxSegments + " segments, " + boxOutbox.MaxInFlight + " in flight), with 64 of each "
                + wideBytes + " (" + wideOutbox.MaxInFlight + "); publish window " + boxWindowBytes + " (" + box.MaxInFlight + " sets), "
                + wideWindowBytes + " (" + wide.MaxInFlight + " sets; in flight " + (boxWindow.Count + wideWindow.Count) + ")");
        }

        // Decode, map and encode only (the DSMR figure of issue 15): the decoder the profile creates for the box, the box's reading set
        // (only the readings it uses: the parser passes over the others) and the message builder.
        private static void Pipeline(string name, MeterProtocol protocol, byte[][] frames)
        {
            GatewayConfig config = new GatewayConfig();
            config.Protocol = protocol;
            IFrameDecoder decoder = MeterProfile.For(config).CreateBoxDecoder(config);
            ReplayLink clock = new ReplayLink(frames);
            MessageBuilder builder = new MessageBuilder(config.Messages, new byte[] { 2, 0, 0, 0, 0, 1 }, clock);
            ReadingSet set = MeterProfile.For(config).CreateBoxReadings();
            IStreamingDecoder lines = decoder as IStreamingDecoder;
            if (lines != null) lines.Target = set; // the box's DSMR decoder parses into the set as the lines arrive
            long bytes = 0;
            int events = 0;
            for (int i = 0; i < frames.Length; i++) bytes += Decode(decoder, builder, set, frames[i], ref events); // warm up
            long allocated = Platform.Allocated();
            long ticks = Platform.Ticks();
            for (int i = 0; i < Telegrams; i++) bytes += Decode(decoder, builder, set, frames[i % frames.Length], ref events);
            ticks = Platform.Ticks() - ticks;
            if (allocated >= 0) allocated = Platform.Allocated() - allocated;
            Console.WriteLine(name + " decode+map+encode: " + Ms(ticks, Telegrams) + " ms/telegram, "
                + (events / (Telegrams + frames.Length)) + " events and " + (bytes / (Telegrams + frames.Length)) + " payload bytes per telegram"
                + (allocated >= 0 ? ", " + (allocated / Telegrams) + " bytes allocated per telegram" : ""));
            Stages(name, decoder, builder, set, frames[0]);
        }

        // Where the time goes, stage by stage over the first frame (each stage alone, Telegrams times): framing (the
        // decoder's Feed with its CRC), parsing (Feed and Parse, less the framing), mapping (MessageBuilder.Build) and
        // encoding (WritePayload of every message).
        private static void Stages(string name, IFrameDecoder decoder, MessageBuilder builder, ReadingSet set, byte[] frame)
        {
            IStreamingDecoder lines = decoder as IStreamingDecoder;
            for (int i = 0; i < Batch; i++) Feed(decoder, set, frame); // warm up (.NET compiles the loops again once they are hot)
            if (lines != null) lines.Target = null; // framing only
            long t0 = Platform.Ticks();
            for (int i = 0; i < Telegrams; i++) Feed(decoder, null, frame);
            long t1 = Platform.Ticks();
            if (lines != null) lines.Target = set;
            for (int i = 0; i < Telegrams; i++) Feed(decoder, set, frame);
            long t2 = Platform.Ticks();
            int count = 0;
            for (int i = 0; i < Telegrams; i++) count = builder.Build(set);
            long t3 = Platform.Ticks();
            for (int i = 0; i < Telegrams; i++)
            {
                for (int k = 0; k < count; k++) builder.WritePayload(k);
            }
            long t4 = Platform.Ticks();
            Console.WriteLine("  " + name + " stages (ms/telegram): framing " + Ms(t1 - t0, Telegrams) + ", parsing " + Ms((t2 - t1) - (t1 - t0), Telegrams)
                + ", mapping " + Ms(t3 - t2, Telegrams) + ", encoding " + Ms(t4 - t3, Telegrams));
        }

        // Feeds one frame; parses it into set when set is not null.
        private static void Feed(IFrameDecoder decoder, ReadingSet set, byte[] frame)
        {
            int used = 0;
            while (used < frame.Length)
            {
                used += decoder.Feed(frame, used, frame.Length - used);
                if (set != null && decoder.Result == FrameResult.Valid) decoder.Parse(set);
            }
        }

        private static int Decode(IFrameDecoder decoder, MessageBuilder builder, ReadingSet set, byte[] frame, ref int events)
        {
            int used = 0, bytes = 0;
            while (used < frame.Length)
            {
                used += decoder.Feed(frame, used, frame.Length - used);
                if (decoder.Result != FrameResult.Valid || !decoder.Parse(set)) continue;
                int count = builder.Build(set);
                events += count;
                for (int k = 0; k < count; k++) bytes += builder.WritePayload(k);
            }
            return bytes;
        }

        // DSMR or SML pushed by the meter, through PushMeterSource, the loop, the outbox and the broker; returns the heap's
        // peak.
        private static long Push(string name, MeterProtocol protocol, byte[][] frames)
        {
            GatewayConfig config = new GatewayConfig();
            config.Protocol = protocol;
            ReplayLink link = new ReplayLink(frames);
            MeterProfile profile = MeterProfile.For(config);
            return Run(name, config, profile.CreateBoxSource(config, link, link, null), link, profile.CreateBoxReadings(), Telegrams, 0);
        }

        // An IEC 62056-21 mode C data readout (Iskra MT174, 330 data sets at 9600 Bd) through the client session against the
        // scripted meter on a simulated serial line: sign-on, identification, option select, baud change, readout, BCC.
        // The simulated meter, its script with the captures (9.5 KB) and the line are counted apart from the gateway.
        private static void Readout()
        {
            GatewayConfig config = new GatewayConfig();
            config.Protocol = MeterProtocol.Iec62056_21;
            config.IecPollInterval = 0; // the next session at once: the time is the session's, not the poll interval's
            long before = Used();
            Iec62056MeterScript script = new Iec62056MeterScript();
            script.Identification = Captures.IecIdentification();
            script.Readout = new byte[][] { Captures.IecReadout() };
            SimulatedSerialLine line = new SimulatedSerialLine(new Iec62056MeterSimulator(script), 16384);
            long simulator = Used() - before;
            MeterProfile profile = MeterProfile.For(config);
            Run("IEC 62056-21 readout", config, profile.CreateSource(config, line, false, line, null), line, profile.CreateBoxReadings(), Readouts, simulator);
        }

        private static long Run(string name, GatewayConfig config, IMeterSource source, Link.IClock clock, ReadingSet readings, int telegrams, long simulator)
        {
            // The storage stands in for the box's files: its own tables are as large whatever the outbox's (64 places).
            MeterProfile profile = MeterProfile.For(config);
            MemoryStorage storage = new MemoryStorage(64, profile.OutboxOptions(config).SegmentBytes);
            AckingMqtt mqtt = new AckingMqtt();
            GatewayLoop loop = Loop(config, profile, source, mqtt, clock, readings, storage);
            long start, peak, end, allocated;
            long ticks = Measure(loop, telegrams, out start, out peak, out end, out allocated);
            Console.WriteLine(name + " gateway: " + Ms(ticks, telegrams) + " ms/telegram; heap in use (after a collection, bytes): start " + start
                + ", peak " + peak + ", end " + end + "; of it outbox storage " + storage.Bytes + (simulator > 0 ? ", the simulated meter with its script and the line " + simulator : "")
                + " and " + _entryUsed + " before the program"
                + (allocated >= 0 ? "; " + (allocated / telegrams) + " bytes allocated per telegram" : ""));
            Console.WriteLine("  " + loop.Status.FramesValid + " frames, " + loop.Status.FramesRejectedTotal + " rejected, " + loop.SetsPublished + " sets and "
                + mqtt.Messages + " messages (" + mqtt.Bytes + " bytes) published (" + loop.StatusPublished + " status messages), " + loop.Status.SetsDropped + " sets dropped, outbox depth " + loop.Outbox.Depth);
            loop.Stop();
            return peak;
        }

        /// <summary>
        /// The gateway loop as the box makes it (firmware/MeterGateway/Program.cs), over <paramref name="mqtt"/>, with the
        /// outbox of <paramref name="profile"/> on <paramref name="storage"/> and the status message (its buffer
        /// only while it is used, the status JSON without the platform's health); started.
        /// </summary>
        internal static GatewayLoop Loop(GatewayConfig config, MeterProfile profile, IMeterSource source, IMqttConnection mqtt, Link.IClock clock, ReadingSet readings, MemoryStorage storage)
        {
            GatewayLoop loop = new GatewayLoop(config.Gateway, source, mqtt, new MessageBuilder(config.Messages, new byte[] { 2, 0, 0, 0, 0, 1 }, clock),
                clock, "metergateway/bench/status", readings, MeterProfile.BoxStatusCapacity(config));
            loop.StatusOnDemand = true;
            loop.StatusTopic = "metergateway/bench/health";
            loop.StatusDocument = new StatusJson(loop, config.Protocol, null);
            loop.Outbox = new ReadingOutbox(storage, clock, profile.OutboxOptions(config));
            loop.Start();
            return loop;
        }

        /// <summary>
        /// Runs <paramref name="loop"/> for 5 frames (the first sets, the outbox's first segment), then for
        /// <paramref name="telegrams"/> frames in batches of <see cref="Batch"/>, with the heap in use after a collection
        /// between batches. Returns the ticks the batches took, with the heap in use at the start, at its peak and at the
        /// end (bytes) and the bytes allocated (-1 where the runtime does not count them).
        /// </summary>
        internal static long Measure(GatewayLoop loop, int telegrams, out long start, out long peak, out long end, out long allocated)
        {
            Steps(loop, 5); // warm up: the first sets, the outbox's first segment
            start = Used();
            peak = start;
            long ticks = 0;
            allocated = Platform.Allocated();
            for (int done = 0; done < telegrams; done += Batch)
            {
                long t = Platform.Ticks();
                Steps(loop, Batch);
                ticks += Platform.Ticks() - t;
                long used = Used();
                if (used > peak) peak = used;
            }
            if (allocated >= 0) allocated = Platform.Allocated() - allocated;
            end = Used();
            return ticks;
        }

        /// <summary>Steps until <paramref name="n"/> more frames were received (valid or not).</summary>
        internal static void Steps(GatewayLoop loop, int n)
        {
            long goal = loop.Status.FramesValid + loop.Status.FramesRejectedTotal + n;
            while (loop.Status.FramesValid + loop.Status.FramesRejectedTotal < goal) loop.Step(1000);
        }

        /// <summary>The managed heap in use after a full collection, in bytes.</summary>
        internal static long Used()
        {
            return HeapBytes - Platform.FreeAfterCollection();
        }

        /// <summary>
        /// The heap in use once a full collection frees no more (bytes): what an ended thread held goes only at a later
        /// collection.
        /// </summary>
        internal static long Settled()
        {
            long used = Used();
            for (int i = 0; i < 4; i++)
            {
                long again = Used();
                if (again >= used) break;
                used = again;
            }
            return used;
        }

        /// <summary>Milliseconds per telegram with three decimals, of <paramref name="ticks"/> (100 ns) for <paramref name="telegrams"/> telegrams.</summary>
        internal static string Ms(long ticks, int telegrams)
        {
            long ns = ticks * 100 / telegrams;
            long whole = ns / 1000000;
            long frac = ns % 1000000 / 1000;
            return whole + "." + (frac < 100 ? (frac < 10 ? "00" : "0") : "") + frac;
        }
    }
}
