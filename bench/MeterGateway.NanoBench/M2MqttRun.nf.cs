using System;
using System.Threading;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Platform;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// The DSMR 5 gateway over the box's real broker connection: M2MqttConnection (firmware/MeterGateway/Platform,
    /// linked) and the nanoFramework.M2Mqtt client with its threads (receive, keep-alive, event dispatch, in-flight
    /// queue), made as firmware/MeterGateway/Program.cs makes them (M2Mqtt's in-flight queue
    /// <see cref="MeterProfile.BoxMqttInflight"/> of the default configuration, 8, the command topic and its update subtopic subscribed), over a
    /// <see cref="BrokerChannel"/> that plays the broker. Prints the heap in use after a collection at the start, at the
    /// peak and at the end of <see cref="Program.Telegrams"/> telegrams, the heap with the whole window of messages in
    /// flight (the broker holds their PUBACKs back), the time per telegram, and M2Mqtt's share: the peak less the DSMR 5
    /// gateway's over the acknowledging connection in memory, less the channel (scaffolding, printed apart).
    /// </summary>
    public static class M2MqttRun
    {
        // firmware/MeterGateway/Program.cs: a synchronous publish counts as failed after this long without its PUBACK.
        private const int AckTimeoutMs = 5000;
        private const string ClientId = "metergateway-bench";

        /// <summary>
        /// Runs it; <paramref name="memoryPeak"/> is the heap's peak of the DSMR 5 gateway over AckingMqtt (bytes). With
        /// <paramref name="smallHeap"/> as a box without PSRAM makes it (<see cref="MeterProfile.SmallHeap"/>: a window of 3).
        /// </summary>
        public static void Run(long memoryPeak, bool smallHeap)
        {
            GatewayConfig config = new GatewayConfig();
            config.Protocol = MeterProtocol.Dsmr;
            ReplayLink link = new ReplayLink(new byte[][] { Captures.Dsmr5() });
            MeterProfile profile = MeterProfile.For(config);
            profile.SmallHeap = smallHeap;
            IMeterSource source = profile.CreateBoxSource(config, link, link, null);
            MemoryStorage storage = new MemoryStorage(64, profile.OutboxOptions(config).SegmentBytes);
            ReadingSet readings = profile.CreateBoxReadings();
            // The channel's bytes, measured twice (it and a probe): a collection that frees what an ended thread held
            // lowers one of the two differences, so the larger is the channel's.
            long before = Program.Settled();
            BrokerChannel channel = new BrokerChannel();
            long with = Program.Settled();
            BrokerChannel probe = new BrokerChannel();
            long both = Program.Settled();
            probe.Close();
            channel.Bytes = with - before > both - with ? with - before : both - with;
            M2MqttConnection connection = new M2MqttConnection("broker.invalid", config.Port, config.Tls, null, ClientId, null, null,
                config.AvailabilityTopicFor(ClientId), (ushort)config.KeepAlive, profile.BoxMqttInflight(config), AckTimeoutMs,
                config.DeviceTopicFor(ClientId) + "/command");
            BrokerM2Mqtt mqtt = new BrokerM2Mqtt(connection, channel);
            GatewayLoop loop = Program.Loop(config, profile, source, mqtt, link, readings, storage);
            long start, peak, end, allocated;
            long ticks = Program.Measure(loop, Program.Telegrams, out start, out peak, out end, out allocated);

            // The whole window in flight: the broker holds the PUBACKs of the readings' messages (not those of the status
            // and availability, published synchronously) until the window is full, samples the heap, then releases them.
            string topic = config.Messages.Topic;
            channel.HoldAcks(connection.WindowSize, topic.IndexOf('{') > 0 ? topic.Substring(0, topic.IndexOf('{')) : topic);
            for (int i = 0; i < 10 && channel.WindowHeap < 0; i++) Program.Steps(loop, 1);

            Console.WriteLine("DSMR 5 gateway over M2Mqtt" + (smallHeap ? " (a small heap's window)" : "") + ": " + Program.Ms(ticks, Program.Telegrams) + " ms/telegram; heap in use (after a collection, bytes): start " + start
                + ", peak " + peak + ", end " + end + ", with the whole window in flight (" + connection.WindowSize + " messages) " + channel.WindowHeap
                + "; of it outbox storage " + storage.Bytes + " and the broker channel " + channel.Bytes + " (scaffolding)");
            Console.WriteLine("  " + loop.Status.FramesValid + " frames, " + loop.Status.FramesRejectedTotal + " rejected, " + loop.SetsPublished + " sets and "
                + channel.Messages + " messages (" + channel.PayloadBytes + " bytes) published, " + channel.Subscriptions + " topics subscribed, "
                + channel.Pings + " pings, " + mqtt.Queued + " messages in M2Mqtt's in-flight queue at the end, " + loop.Status.SetsDropped + " sets dropped, " + loop.Status.PublishFailures + " publish failures, outbox depth " + loop.Outbox.Depth);
            Console.WriteLine("  status messages: " + loop.StatusPublished + ", the largest " + mqtt.HandedOverBytes + " bytes, handed over whole with the heap in use at "
                + mqtt.HandedOverHeap + " (M2Mqtt's packet of it comes on top while it is sent; before, the document was rendered into "
                + MeterProfile.BoxStatusCapacity(config) + " bytes made for it and copied)");
            Console.WriteLine("  M2Mqtt's share (bytes; this run less the DSMR 5 gateway's peak " + memoryPeak + ", less the channel): peak "
                + (peak - memoryPeak - channel.Bytes) + ", with the whole window in flight " + (channel.WindowHeap - memoryPeak - channel.Bytes));
            loop.Stop();
            Thread.Sleep(500); // M2Mqtt's threads end after Close returns
            Console.WriteLine("  after the session ended (M2Mqtt's threads stopped): heap in use " + Program.Settled() + " bytes");
        }
    }
}
