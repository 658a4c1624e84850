using System.Device.Gpio;
using System.Diagnostics;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.HomeAssistant;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.TcpServer;
using MeterGateway.Update;
using MeterGateway.Platform;
using nanoFramework.Runtime.Native;

namespace MeterGateway
{
    /// <summary>
    /// The nanoFramework application (docs/firmware.md): at power-up the core decides between the provisioning portal
    /// and normal work (<see cref="BootDecision"/>); in normal work the same core the host runs — meter source, decoder,
    /// <see cref="GatewayLoop"/>, <see cref="MessageBuilder"/> — is wired to the ESP32 adapters in Platform/, with
    /// remote commands (<see cref="CommandHandler"/>), the watchdog (<see cref="WatchdogPolicy"/>) and the status LED
    /// (<see cref="StatusLed"/>), over-the-air updates (<see cref="UpdateAgent"/>, docs/ota.md), the status topic,
    /// Home Assistant discovery and the status page on port 80 (docs/status-page.md). Every decision is in the core;
    /// this file only connects the parts.
    /// </summary>
    public static class Program
    {
        /// <summary>How long one loop step waits for meter bytes, in ms.</summary>
        private const int StepMs = 200;
        private const int AckTimeoutMs = 5000;
        private const int StatusPrintMs = 60000;
        // The outbox's folder on the LittleFS partition when [OUTBOX] directory is empty.
        private const string OutboxDirectory = "I:\\outbox";

        // The watchdog, kept referenced for the box's life: its timer stops when collected.
        private static Esp32Watchdog _watchdog;

        /// <summary>
        /// Set after the first acknowledged publish: the OTA loader (firmware/MeterGateway.Loader) then confirms a set
        /// on trial. Found by the loader by name, with <see cref="UpdateConfirmed"/>.
        /// </summary>
        public static readonly ManualResetEvent UpdatePublished = new ManualResetEvent(false);

        /// <summary>Set by the loader once it has confirmed the set (or found nothing on trial): the boot record then holds the result to report.</summary>
        public static readonly ManualResetEvent UpdateConfirmed = new ManualResetEvent(false);

        /// <summary>Entry point; never returns.</summary>
        public static void Main()
        {
            GpioController gpio = new GpioController();
            Esp32Clock clock = new Esp32Clock();
            StatusLight led = new StatusLight(gpio, PinMap.StatusLed, clock);
            Esp32ConfigStore store = new Esp32ConfigStore();
            StoredConfig stored = StoredConfig.Read(store.Read());
            bool buttonHeld = gpio.OpenPin(PinMap.ProvisioningButton, PinMode.InputPullUp).Read() == PinValue.Low;

            BootMode mode = BootDecision.Decide(stored.IsUsable, buttonHeld, SoftAccessPoint.IsOn());
            if (mode == BootMode.StartPortal)
            {
                Debug.WriteLine("provisioning: " + (buttonHeld ? "button held" : stored.Problem) + "; starting the access point");
                SoftAccessPoint.TurnOn(BootDecision.AccessPointSsid(WifiStation.Mac()));
                Restart();
            }
            if (mode == BootMode.Portal)
            {
                RunPortal(stored, store, led, clock);
            }
            RunGateway(stored.Config, store, led, clock, gpio);
        }

        private static void RunPortal(StoredConfig stored, Esp32ConfigStore store, StatusLight led, Esp32Clock clock)
        {
            led.State = LedState.Portal;
            if (!SoftAccessPoint.StartDhcp()) Restart();
            string ssid = BootDecision.AccessPointSsid(WifiStation.Mac());
            ProvisioningPortal portal = new ProvisioningPortal(stored, ssid, clock.MonotonicMs);
            new PortalServer(portal, clock).Start();
            Debug.WriteLine("provisioning portal on " + ssid + ", http://" + ProvisioningPortal.Address + "/");
            while (BootDecision.AfterPortal(portal, clock.MonotonicMs) == BootMode.Portal)
            {
                Thread.Sleep(500);
            }
            if (portal.Saved)
            {
                store.Write(portal.SavedText);
                GatewayConfig saved = GatewayConfig.Load(portal.SavedText);
                WifiStation.Configure(saved.WifiSsid, saved.WifiPassword);
                Thread.Sleep(2000); // the "saved" page goes out before the access point does
            }
            else
            {
                WifiStation.Configure(stored.Config.WifiSsid, stored.Config.WifiPassword);
            }
            SoftAccessPoint.TurnOff();
            Restart();
        }

        private static void RunGateway(GatewayConfig config, Esp32ConfigStore store, StatusLight led, Esp32Clock clock, GpioController gpio)
        {
            if (!WifiStation.Connect(config.WifiSsid, config.WifiPassword))
            {
                Debug.WriteLine("Wi-Fi: " + config.WifiSsid + " not reached yet; retrying in the background");
            }
            byte[] mac = WifiStation.Mac();
            string clientId = config.ClientIdFor(mac);
            string deviceTopic = config.DeviceTopicFor(clientId);
            string replyTopic = deviceTopic + "/reply";

            MeterProfile profile = MeterProfile.For(config);
            profile.SmallHeap = MeterProfile.IsSmallHeap(nanoFramework.Runtime.Native.GC.Run(false)); // a WROOM: the MQTT window 3
            P1DataRequest dataRequest = profile.DataRequest ? new P1DataRequest(gpio, PinMap.P1DataRequest) : null;
            Esp32SerialLink link = new Esp32SerialLink(PinMap.MeterRx, PinMap.MeterTx,
                profile.Rs485 ? PinMap.Rs485DriverEnable : PinMap.None, profile.InvertSignals, dataRequest);
            // The telegram server (docs/tcp.md): checked frames from the decoder's buffer, or with [TCP] raw the bytes as read.
            TelegramServer tcp = config.Tcp.Enabled ? new TelegramServer(config.Tcp, clock) : null;
            IMeterSource meter = profile.CreateBoxSource(config, link, clock, tcp);

            X509Certificate ca = ReadCa(config.CaFile); // one certificate for the broker and the update downloads
            M2MqttConnection mqtt = new M2MqttConnection(config.Host, config.Port, config.Tls, ca, clientId,
                config.User.Length > 0 ? config.User : null, config.Password.Length > 0 ? config.Password : null,
                config.AvailabilityTopicFor(clientId), (ushort)config.KeepAlive, profile.BoxMqttInflight(config), AckTimeoutMs,
                deviceTopic + "/command");
            string availability = config.AvailabilityTopicFor(clientId);
            GatewayLoop loop = new GatewayLoop(config.Gateway, meter, mqtt, new MessageBuilder(config.Messages, mac, clock), clock, availability,
                profile.CreateBoxReadings(), MeterProfile.BoxStatusCapacity(config)); // only the readings the box uses (its heap holds about 100 KB in all)
            loop.StatusOnDemand = true; // the status buffer only while it is used
            // Store and forward on I:\ (docs/outbox.md): nothing is lost while the broker, Wi-Fi or power is away.
            string outboxDirectory = config.OutboxDirectory.Length > 0 ? config.OutboxDirectory : OutboxDirectory;
            loop.Outbox = new ReadingOutbox(new LittleFsRecordStorage(outboxDirectory), clock, profile.OutboxOptions(config));

            // Over-the-air updates (docs/ota.md): the running set's version from the boot record the loader left.
            LittleFsUpdateStorage updateStorage = new LittleFsUpdateStorage();
            UpdatePolicy updatePolicy = UpdateSettings.Create();
            BootRecord bootRecord = new BootRecord();
            bootRecord.Load(updateStorage);
            string running = RunningVersion(updateStorage, updatePolicy, bootRecord);
            // A box without PSRAM cannot run an updated set (docs/firmware.md): its agent refuses every update (no transport).
            UpdateAgent updates = new UpdateAgent(updateStorage, profile.SmallHeap ? null : new Esp32UpdateTransport(ca), updatePolicy, running);
            updates.Resume();
            UpdateReport bootReport = new UpdateReport();
            bootReport.Set(bootRecord.Result, bootRecord.Reason, bootRecord.Version, running);
            string updateTopic = availability + "/update";
            int sentBoot = 0;
            int sentAgent = 0;
            bool confirmedSeen = false;

            Esp32DeviceInfo device = new Esp32DeviceInfo(running, config.WifiSsid);
            // Health on the status topic, Home Assistant discovery, the status page (docs/status-page.md)
            loop.StatusTopic = config.StatusTopicFor(clientId);
            loop.HomeAssistant = config.HomeAssistant.Enabled
                ? new HomeAssistantPublisher(config.HomeAssistant, config.Messages, clientId, availability, device.ApplicationVersion, new LittleFsDiscoveryStore())
                : null;
            // The page's power chart: 240 one-minute averages (4 hours, 960 B), fed by every valid frame.
            loop.Power = new PowerHistory(PowerHistory.DefaultMinutes);
            StatusHttpServer statusPage = new StatusHttpServer(loop);
            statusPage.Start();
            // The status JSON (docs/status-page.md), listing the telegram server's clients when it runs.
            loop.StatusDocument = new StatusJson(loop, config.Protocol, device) { Tcp = tcp };
            if (tcp != null)
            {
                try
                {
                    new TelegramTcpListener(tcp, config.Tcp).Start();
                }
                catch (System.Exception e)
                {
                    Debug.WriteLine("[TCP] listen = " + config.Tcp.Listen + ": cannot listen there (" + e.Message + ")");
                }
            }
            CommandHandler commands = new CommandHandler(config, store, loop.Status, device, clock);
            // The loop's other JSON (command replies, update reports, the status line) is written into the loop's status
            // buffer (loop.TakeStatusWriter): all on this thread between steps, each published (M2Mqtt gets a copy) or
            // printed before the buffer is given back, so the box has one JSON buffer, and only while it is used.
            byte[] command = null;
            WatchdogPolicy policy = new WatchdogPolicy(config.WatchdogTimeout, config.BrokerRebootMinutes, config.MinFreeMemory, clock.MonotonicMs);
            _watchdog = new Esp32Watchdog(policy, mqtt, loop.Outbox, device, clock);
            _watchdog.Start();

            Debug.WriteLine("MeterGateway " + ProtocolNames.Of(config.Protocol) + " -> " + config.Host + ":" + config.Port + " as " + clientId
                + (device.LastRebootReason.Length > 0 ? "; last restart: " + device.LastRebootReason : ""));
            loop.Start();
            long lastFrames = 0;
            long lastFrameMs = clock.MonotonicMs;
            long nextStatusMs = 0;
            while (true)
            {
                loop.Step(StepMs);
                long now = clock.MonotonicMs;
                policy.Feed(now);

                if (loop.Status.FramesValid != lastFrames)
                {
                    lastFrames = loop.Status.FramesValid;
                    lastFrameMs = now;
                    led.FrameReceived();
                }
                led.State = StatusLed.StateOf(false, WifiStation.IsUp(), mqtt.IsConnected, now - lastFrameMs > config.SerialTimeout * 1000L);

                if (command == null) command = mqtt.TakeCommand();
                JsonWriter reply = command != null ? loop.TakeStatusWriter() : null; // null while the status page sends the buffer: the command waits
                if (reply != null)
                {
                    try
                    {
                        int length = commands.Handle(reply, command, 0, command.Length);
                        command = null;
                        mqtt.Publish(replyTopic, reply.Buffer, 0, length, 1, false);
                    }
                    finally
                    {
                        loop.ReturnStatusWriter();
                    }
                    if (commands.RestartRequested)
                    {
                        loop.Stop();
                        Restart();
                    }
                }

                // OTA: one step of the agent per loop step; results retained on the update topic
                byte[] update = mqtt.TakeUpdateCommand();
                if (update != null) updates.Command(update, 0, update.Length);
                updates.Step(now);
                if (!confirmedSeen && loop.Status.MessagesPublished > 0) UpdatePublished.Set();
                if (!confirmedSeen && UpdateConfirmed.WaitOne(0, false))
                {
                    confirmedSeen = true;
                    bootRecord.Load(updateStorage);
                    bootReport.Set(bootRecord.Result, bootRecord.Reason, bootRecord.Version, running);
                }
                bool bootDue = bootReport.Result != UpdateResult.None && bootReport.Sequence != sentBoot;
                JsonWriter json = mqtt.IsConnected && (bootDue || updates.Report.Sequence != sentAgent) ? loop.TakeStatusWriter() : null;
                if (json != null)
                {
                    try
                    {
                        if (bootDue && PublishReport(mqtt, updateTopic, bootReport, json, config.Messages.Qos)) sentBoot = bootReport.Sequence;
                        if (updates.Report.Sequence != sentAgent && PublishReport(mqtt, updateTopic, updates.Report, json, config.Messages.Qos))
                            sentAgent = updates.Report.Sequence;
                    }
                    finally
                    {
                        loop.ReturnStatusWriter();
                    }
                }
                if (updates.State == UpdateState.Activated && updates.Report.Sequence == sentAgent)
                {
                    loop.Stop();
                    Restart();
                }

                if (loop.StatusWanted) loop.WriteStatus(); // for the status page (StatusHttpServer sends it from the loop's buffer)

                if (now >= nextStatusMs)
                {
                    nextStatusMs = now + StatusPrintMs;
                    WifiStation.RequestScan(); // the next status reads the Wi-Fi signal from this scan
                    PrintStatusLine(loop, device, now);
                }
            }
        }

        /// <summary>The version of the set the loader started: the slot's manifest, or the built-in version.</summary>
        private static string RunningVersion(IUpdateStorage storage, UpdatePolicy policy, BootRecord record)
        {
            if (record.Current == UpdateSlots.BuiltIn) return policy.BuiltInVersion;
            UpdateManifest manifest = new UpdateManifest();
            SetStorage sets = new SetStorage(storage, policy.Key, policy.ChunkSize);
            return sets.LoadManifest(record.Current, manifest) == UpdateReason.None ? manifest.Version : policy.BuiltInVersion;
        }

        /// <summary>
        /// The status line on the debug output, written into the loop's status buffer. A method of its own, so that no
        /// local of the main loop keeps the buffer, which the loop makes only while it is used.
        /// </summary>
        private static void PrintStatusLine(GatewayLoop loop, IDeviceInfo device, long now)
        {
            JsonWriter line = loop.TakeStatusWriter();
            if (line == null) return;
            StatusReport.Write(line, loop.Status, device, now);
            string text = Encoding.UTF8.GetString(line.Buffer, 0, line.Length);
            loop.ReturnStatusWriter();
            Debug.WriteLine(text);
        }

        /// <summary>Publishes <paramref name="report"/> retained on the update topic; true when the broker took it.</summary>
        private static bool PublishReport(M2MqttConnection mqtt, string topic, UpdateReport report, JsonWriter json, int qos)
        {
            json.Reset();
            report.Write(json);
            return mqtt.Publish(topic, json.Buffer, 0, json.Length, qos, true);
        }

        /// <summary>The certificate of <c>[MQTT] ca_file</c> on I:\ (PEM), or null (TLS then uses the CA stored in the device's configuration).</summary>
        private static X509Certificate ReadCa(string path)
        {
            if (path.Length == 0 || !File.Exists(path)) return null;
            byte[] pem = Esp32ConfigStore.ReadAll(path);
            return new X509Certificate(Encoding.UTF8.GetString(pem, 0, pem.Length));
        }

        private static void Restart()
        {
            Thread.Sleep(200);
            Power.RebootDevice();
        }
    }
}
