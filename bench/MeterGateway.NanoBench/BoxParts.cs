using System;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.Http;
using MeterGateway.Platform;
using MeterGateway.Protocols;
using MeterGateway.Tests.Shared.Device;
using MeterGateway.Tests.Shared.Update;
using MeterGateway.Update;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// The objects the box (firmware/MeterGateway/Program.cs, <c>RunGateway</c>) keeps for its whole life beside the
    /// gateway loop that the other runs never build, each made as the box makes it for a DSMR 5 meter with the default
    /// configuration, in the box's order, beside a DSMR 5 loop: the topics only the box keeps, the update policy, the
    /// boot record, the update agent (resumed on empty storage), the update transport's parsers, the boot's update
    /// report, the device's health, the power history, the status page server with its socket's request, the
    /// status JSON, the command handler, the watchdog policy. Prints the heap each retains (in use after a settled
    /// collection, after less before) and their sum. The box's storage, transport and configuration store are
    /// in-memory stand-ins (tests/Shared, linked), made first and not counted; <see cref="BoxHealth"/> stands in for
    /// <c>Esp32DeviceInfo</c>. Not built (the Linux nanoCLR has no sockets, no file system): the status page's listening
    /// socket and the update transport's socket, the threads (<see cref="ThreadCost"/>).
    /// </summary>
    public sealed class BoxParts
    {
        private const int Parts = 13;
        private readonly long[] _bytes = new long[Parts];
        private readonly object[] _kept = new object[Parts * 2];
        private int _count;
        private long _before;

        private BoxParts()
        {
        }

        /// <summary>Builds the parts, keeps them, prints each one's bytes and the sum.</summary>
        public static void Run()
        {
            new BoxParts().Measure();
        }

        private void Measure()
        {
            GatewayConfig config = new GatewayConfig();
            config.Protocol = MeterProtocol.Dsmr;
            ReplayLink link = new ReplayLink(new byte[][] { Captures.Dsmr5() });
            MeterProfile profile = MeterProfile.For(config);
            MemoryStorage storage = new MemoryStorage(64, profile.OutboxOptions(config).SegmentBytes);
            GatewayLoop loop = Program.Loop(config, profile, profile.CreateBoxSource(config, link, link, null), new AckingMqtt(), link, profile.CreateBoxReadings(), storage);
            // Stand-ins of the box's LittleFsUpdateStorage (no state of its own), Esp32UpdateTransport and Esp32ConfigStore.
            MemoryUpdateStorage updateStorage = new MemoryUpdateStorage();
            FakeTransport transport = new FakeTransport();
            MemoryConfigStore store = new MemoryConfigStore(null);
            byte[] mac = new byte[] { 2, 0, 0, 0, 0, 1 };
            string clientId = config.ClientIdFor(mac);
            string deviceTopic = config.DeviceTopicFor(clientId);
            string availability = config.AvailabilityTopicFor(clientId);
            _before = Program.Settled();

            string replyTopic = deviceTopic + "/reply";
            string updateTopic = availability + "/update";
            loop.StatusTopic = config.StatusTopicFor(clientId);
            Took(replyTopic, updateTopic);
            UpdatePolicy updatePolicy = Platform.UpdatePolicy();
            Took(updatePolicy, null);
            BootRecord bootRecord = new BootRecord();
            bootRecord.Load(updateStorage);
            Took(bootRecord, null);
            string running = updatePolicy.BuiltInVersion; // RunningVersion: no slot in the boot record, the built-in set
            UpdateAgent updates = new UpdateAgent(updateStorage, transport, updatePolicy, running);
            updates.Resume();
            Took(updates, null);
            Took(new HttpResponseHead(), new HttpChunkedDecoder()); // Esp32UpdateTransport's fields
            UpdateReport bootReport = new UpdateReport();
            bootReport.Set(bootRecord.Result, bootRecord.Reason, bootRecord.Version, running);
            Took(bootReport, null);
            BoxHealth device = new BoxHealth(running, config.WifiSsid);
            Took(device, null);
            loop.Power = new PowerHistory(PowerHistory.DefaultMinutes);
            Took(loop.Power, null);
            StatusHttpServer statusPage = new StatusHttpServer(loop); // Start() would open its HttpServerSocket
            Took(statusPage, null);
            Took(new HttpRequest(), null); // HttpServerSocket's request (its 1 KB buffer only while a connection is served)
            loop.StatusDocument = new StatusJson(loop, config.Protocol, device); // Tcp: null, [TCP] is off by default
            Took(loop.StatusDocument, null);
            Took(new CommandHandler(config, store, loop.Status, device, link), null);
            Took(new WatchdogPolicy(config.WatchdogTimeout, config.BrokerRebootMinutes, config.MinFreeMemory, link.MonotonicMs), null);

            long sum = 0;
            for (int i = 0; i < _count; i++) sum += _bytes[i];
            Console.WriteLine("box parts the runs above do not build (bytes each, heap in use after a collection, DSMR 5 defaults): topics (reply, update, status) " + _bytes[0]
                + ", update policy " + _bytes[1] + ", boot record " + _bytes[2] + ", update agent " + _bytes[3] + ", update transport's parsers " + _bytes[4]
                + ", boot update report " + _bytes[5] + ", device health " + _bytes[6] + ", power history (" + PowerHistory.DefaultMinutes + " minutes) " + _bytes[7]
                + ", status page server " + _bytes[8] + ", its socket's request " + _bytes[9] + ", status JSON " + _bytes[10]
                + ", command handler " + _bytes[11] + ", watchdog policy " + _bytes[12] + "; sum " + sum);
            loop.Stop();
        }

        // Keeps a and b (either may be null) and records the heap in use since the last part.
        private void Took(object a, object b)
        {
            _kept[_count * 2] = a;
            _kept[_count * 2 + 1] = b;
            long now = Program.Settled();
            _bytes[_count++] = now - _before;
            _before = now;
        }
    }
}
