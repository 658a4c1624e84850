// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Protocols;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>
    /// Remote commands on the MQTT command topic: every command answered, nothing done without the token, a lockout
    /// after wrong tokens, set validated and written to config.ini, secrets never echoed, restart and status.
    /// </summary>
    [TestClass]
    public class CommandHandlerTests
    {
        private const string Token = "correct horse battery";
        private const string File = "[WIFI]\nssid = Home\n[MQTT]\nhost = 10.0.0.2\n[DEVICE]\nadmin_password = correct horse battery\n";

        [TestMethod]
        public void StatusReportsCountersAndFreeMemory()
        {
            GatewayStatus status = new GatewayStatus();
            status.Connected = true;
            status.Connects = 2;
            status.FramesValid = 100;
            status.Reject(FrameError.Crc, "CRC mismatch");
            status.Reject(FrameError.Crc, "CRC mismatch");
            status.Reject(FrameError.Timeout, "no frame from the meter within serial_timeout");
            status.Reject(FrameError.Crc, "CRC mismatch");
            status.MessagesPublished = 2500;
            status.PublishFailures = 1;
            status.SetsDropped = 1;
            status.LastFrameTime = 1714564800;
            ManualClock clock = new ManualClock();
            clock.Ms = 3600500;
            CommandHandler h = Handler(new MemoryConfigStore(File), status, clock);
            Assert.AreEqual(
                "{\"id\":\"7\",\"command\":\"status\",\"ok\":true,\"status\":{\"uptime_s\":3600,\"free_memory\":41234,"
                + "\"firmware\":\"MeterGateway 1.0 / nanoFramework 1.17\",\"ip\":\"192.168.1.20\",\"last_reboot\":\"\",\"connected\":true,"
                + "\"connects\":2,\"frames_valid\":100,\"frames_rejected\":4,"
                + "\"rejected\":{\"crc\":3,\"bcc\":0,\"framing\":0,\"too_long\":0,\"timeout\":1,\"parse\":0,\"decrypt\":0},"
                + "\"messages_published\":2500,\"publish_failures\":1,\"sets_dropped\":1,"
                + "\"last_frame_time\":\"2024-05-01T12:00:00Z\",\"last_error\":\"CRC mismatch\"}}",
                Send(h, "{\"token\":\"" + Token + "\",\"command\":\"status\",\"id\":\"7\"}"));
            Assert.IsFalse(h.RestartRequested);

            string fresh = Send(Handler(new MemoryConfigStore(File), new GatewayStatus(), new ManualClock()), "{\"token\":\"" + Token + "\",\"command\":\"status\"}");
            Assert.IsTrue(fresh.IndexOf("\"last_frame_time\":null,\"last_error\":null}}") > 0);
            Assert.IsTrue(fresh.IndexOf("{\"id\":null,\"command\":\"status\",\"ok\":true,") == 0);
        }

        /// <summary>
        /// The box writes the replies into the gateway loop's status buffer (GatewayLoop.TakeStatusWriter), which holds the
        /// status document and the loop's other JSON between commands: a reply is whole and the same as from a fresh
        /// writer, and one longer than the buffer is refused with the buffer's size.
        /// </summary>
        [TestMethod]
        public void RepliesAreWholeInAWriterUsedBeforeAndRefusedWhenLonger()
        {
            ManualClock clock = new ManualClock();
            clock.Ms = 5000;
            CommandHandler h = Handler(new MemoryConfigStore(File), new GatewayStatus(), clock);
            string status = Command("status", "\"id\":3");
            JsonWriter shared = new JsonWriter(GatewayLoop.StatusCapacity);
            for (int i = 0; i < 200; i++) shared.String("the status document, longer than a reply"); // past the end
            Assert.IsTrue(shared.Overflowed);
            Assert.AreEqual(Send(h, status), Send(h, shared, status));
            Assert.AreEqual("{\"id\":null,\"command\":\"restart\",\"ok\":true}", Send(h, shared, Command("restart", "")));
            Assert.AreEqual("{\"id\":null,\"command\":null,\"ok\":false,\"error\":\"reply longer than 100 bytes\"}",
                Send(h, new JsonWriter(100), status));
        }

        [TestMethod]
        public void SetValidatesWritesTheFileAndAsksForARestart()
        {
            MemoryConfigStore store = new MemoryConfigStore(File);
            CommandHandler h = Handler(store, new GatewayStatus(), new ManualClock());
            Assert.AreEqual(
                "{\"id\":8,\"command\":\"set\",\"ok\":true,\"section\":\"MQTT\",\"key\":\"port\",\"value\":\"8883\",\"restart_required\":true}",
                Send(h, "{\"token\":\"" + Token + "\",\"command\":\"set\",\"section\":\"mqtt\",\"key\":\"Port\",\"value\":8883,\"id\":8}"));
            Assert.AreEqual(1, store.Writes);
            Assert.AreEqual("[WIFI]\nssid = Home\n[MQTT]\nhost = 10.0.0.2\nport = 8883\n[DEVICE]\nadmin_password = correct horse battery\n", store.Text);
            Assert.AreEqual(8883, GatewayConfig.Load(store.Text).Port);

            Send(h, "{\"token\":\"" + Token + "\",\"command\":\"set\",\"section\":\"NOTES\",\"key\":\"note_voltage_l1\",\"value\":\" Spänning L1 \"}");
            Assert.AreEqual(" Spänning L1 ", GatewayConfig.Load(store.Text).Messages.Note[20]);
        }

        [TestMethod]
        public void BadSettingsAreRefusedNamingTheKeyAndTheFileStays()
        {
            MemoryConfigStore store = new MemoryConfigStore(File);
            CommandHandler h = Handler(store, new GatewayStatus(), new ManualClock());
            Assert.AreEqual(
                "{\"id\":null,\"command\":\"set\",\"ok\":false,\"error\":\"[MQTT] port = \\\"x\\\": not a number 1..65535\"}",
                Send(h, Command("set", "\"section\":\"MQTT\",\"key\":\"port\",\"value\":\"x\"")));
            Assert.AreEqual(
                "{\"id\":null,\"command\":\"set\",\"ok\":false,\"error\":\"[MQTT] prot = \\\"1\\\": unknown key\"}",
                Send(h, Command("set", "\"section\":\"MQTT\",\"key\":\"prot\",\"value\":\"1\"")));
            Assert.IsTrue(Send(h, Command("set", "\"section\":\"LORA\",\"key\":\"x\",\"value\":\"1\"")).IndexOf("\"error\":\"[LORA]: unknown section") > 0);
            Assert.IsTrue(Send(h, Command("set", "\"section\":\"MQTT\",\"key\":\"host\",\"value\":\"a\\nb\"")).IndexOf("may not contain a line break") > 0);
            Assert.IsTrue(Send(h, Command("set", "\"section\":\"MQTT\",\"key\":\"host\"")).IndexOf("\"error\":\"set needs \\\"section\\\", \\\"key\\\" and \\\"value\\\"\"") > 0);
            // a setting that is fine alone but not with the rest of the file
            Send(h, Command("set", "\"section\":\"NOTES\",\"key\":\"note_frequency\",\"value\":\"mains/+\""));
            Assert.IsTrue(Send(h, Command("set", "\"section\":\"GENERAL\",\"key\":\"no_vscp\",\"value\":\"true\"")).IndexOf("(no_vscp publishes on the note as topic)") > 0);
            Assert.AreEqual(1, store.Writes);   // only the note was written

            store.Fail = true;
            Assert.IsTrue(Send(h, Command("set", "\"section\":\"MQTT\",\"key\":\"port\",\"value\":\"1884\"")).IndexOf("\"error\":\"config.ini could not be written\"") > 0);
        }

        [TestMethod]
        public void SecretsAreNeverEchoed()
        {
            MemoryConfigStore store = new MemoryConfigStore(File);
            CommandHandler h = Handler(store, new GatewayStatus(), new ManualClock());
            Assert.AreEqual(
                "{\"id\":null,\"command\":\"set\",\"ok\":true,\"section\":\"WIFI\",\"key\":\"password\",\"restart_required\":true}",
                Send(h, Command("set", "\"section\":\"WIFI\",\"key\":\"password\",\"value\":\"new wifi secret\"")));
            Assert.AreEqual("new wifi secret", GatewayConfig.Load(store.Text).WifiPassword);
            Assert.AreEqual(
                "{\"id\":null,\"command\":\"set\",\"ok\":false,\"error\":\"[WIFI] password: empty for an open network, else 8..63 characters (WPA2)\"}",
                Send(h, Command("set", "\"section\":\"WIFI\",\"key\":\"password\",\"value\":\"tiny\"")));
            string reply = Send(h, Command("set", "\"section\":\"DEVICE\",\"key\":\"admin_password\",\"value\":\"brand new admin\""));
            Assert.IsTrue(reply.IndexOf("brand new admin") < 0);
            Assert.IsTrue(reply.IndexOf("\"ok\":true") > 0);
            Assert.IsTrue(Send(h, Command("set", "\"section\":\"MQTT\",\"key\":\"password\",\"value\":\"b\\nroker\"")).IndexOf("roker") < 0);
            // the running token stays until the restart applies the file
            Assert.IsTrue(Send(h, Command("status", "")).IndexOf("\"ok\":true") > 0);
        }

        [TestMethod]
        public void NothingIsDoneWithoutTheToken()
        {
            MemoryConfigStore store = new MemoryConfigStore(File);
            CommandHandler h = Handler(store, new GatewayStatus(), new ManualClock());
            Assert.AreEqual("{\"id\":\"a\",\"command\":\"set\",\"ok\":false,\"error\":\"wrong token\"}",
                Send(h, "{\"token\":\"correct horse batterz\",\"command\":\"set\",\"section\":\"MQTT\",\"key\":\"port\",\"value\":\"1\",\"id\":\"a\"}"));
            Assert.AreEqual("{\"id\":null,\"command\":\"restart\",\"ok\":false,\"error\":\"missing \\\"token\\\"\"}", Send(h, "{\"command\":\"restart\"}"));
            Assert.AreEqual("{\"id\":null,\"command\":\"restart\",\"ok\":false,\"error\":\"wrong token\"}", Send(h, "{\"token\":null,\"command\":\"restart\"}"));
            Assert.IsTrue(Send(h, "{\"token\":\"correct horse battery!\",\"command\":\"restart\"}").IndexOf("wrong token") > 0);
            Assert.AreEqual(0, store.Writes);
            Assert.IsFalse(h.RestartRequested);

            GatewayConfig off = GatewayConfig.Load("[WIFI]\nssid = Home\n");
            CommandHandler closed = new CommandHandler(off, store, new GatewayStatus(), new FixedDeviceInfo(), new ManualClock());
            Assert.AreEqual("{\"id\":null,\"command\":\"status\",\"ok\":false,\"error\":\"remote commands are off ([DEVICE] admin_password is empty)\"}",
                Send(closed, "{\"token\":\"\",\"command\":\"status\"}"));
        }

        [TestMethod]
        public void FiveWrongTokensLockEveryCommandForAMinute()
        {
            ManualClock clock = new ManualClock();
            clock.Ms = 1000;
            CommandHandler h = Handler(new MemoryConfigStore(File), new GatewayStatus(), clock);
            for (int i = 0; i < 4; i++) Assert.IsTrue(Send(h, "{\"token\":\"guess" + i + "\",\"command\":\"status\"}").IndexOf("wrong token") > 0);
            Assert.IsTrue(Send(h, Command("status", "")).IndexOf("\"ok\":true") > 0);  // a right token resets the count
            for (int i = 0; i < 5; i++) Send(h, "{\"token\":\"guess" + i + "\",\"command\":\"status\"}");
            Assert.AreEqual("{\"id\":null,\"command\":\"status\",\"ok\":false,\"error\":\"locked after 5 wrong tokens; try again in 60 s\"}", Send(h, Command("status", "")));
            clock.Ms = 1000 + CommandHandler.LockoutMs - 1500;
            Assert.IsTrue(Send(h, Command("status", "")).IndexOf("try again in 2 s") > 0);
            clock.Ms = 1000 + CommandHandler.LockoutMs;
            Assert.IsTrue(Send(h, Command("status", "")).IndexOf("\"ok\":true") > 0);
        }

        [TestMethod]
        public void RestartIsAnsweredThenRequested()
        {
            CommandHandler h = Handler(new MemoryConfigStore(File), new GatewayStatus(), new ManualClock());
            Assert.AreEqual("{\"id\":\"r1\",\"command\":\"restart\",\"ok\":true}", Send(h, "{\"id\":\"r1\",\"token\":\"" + Token + "\",\"command\":\"restart\"}"));
            Assert.IsTrue(h.RestartRequested);
        }

        [TestMethod]
        public void EveryBadCommandIsAnsweredWithAReason()
        {
            CommandHandler h = Handler(new MemoryConfigStore(File), new GatewayStatus(), new ManualClock());
            Assert.AreEqual("{\"id\":null,\"command\":null,\"ok\":false,\"error\":\"not a flat JSON object: not a JSON object\"}", Send(h, "status"));
            Assert.AreEqual("{\"id\":null,\"command\":null,\"ok\":false,\"error\":\"not a flat JSON object: nested objects and arrays are not accepted\"}",
                Send(h, "{\"token\":{\"x\":1}}"));
            Assert.AreEqual("{\"id\":3,\"command\":\"reboot\",\"ok\":false,\"error\":\"unknown command \\\"reboot\\\" (known: status, set, restart)\"}",
                Send(h, "{\"id\":3,\"token\":\"" + Token + "\",\"command\":\"reboot\"}"));
            Assert.AreEqual("{\"id\":null,\"command\":null,\"ok\":false,\"error\":\"missing \\\"command\\\" (known: status, set, restart)\"}",
                Send(h, "{\"token\":\"" + Token + "\"}"));
            string padding = "";
            for (int i = 0; i < CommandHandler.MaxCommandLength; i++) padding += " ";
            Assert.AreEqual("{\"id\":null,\"command\":null,\"ok\":false,\"error\":\"command longer than 2048 bytes\"}", Send(h, Command("status", "") + padding));
            Assert.IsFalse(h.RestartRequested);
        }

        [TestMethod]
        public void TokensCompareExactly()
        {
            Assert.IsTrue(Secrets.TokenMatches("correct horse", "correct horse"));
            Assert.IsFalse(Secrets.TokenMatches("correct horsE", "correct horse"));
            Assert.IsFalse(Secrets.TokenMatches("correct", "correct horse"));
            Assert.IsFalse(Secrets.TokenMatches("correct horse correct horse", "correct horse"));
            Assert.IsFalse(Secrets.TokenMatches("", "correct horse"));
            Assert.IsFalse(Secrets.TokenMatches(null, "correct horse"));
            Assert.IsFalse(Secrets.TokenMatches("", ""));
        }

        private static CommandHandler Handler(MemoryConfigStore store, GatewayStatus status, ManualClock clock)
        {
            return new CommandHandler(GatewayConfig.Load(File), store, status, new FixedDeviceInfo(), clock);
        }

        private static string Command(string command, string members)
        {
            return "{\"token\":\"" + Token + "\",\"command\":\"" + command + "\"" + (members.Length > 0 ? "," + members : "") + "}";
        }

        private static string Send(CommandHandler h, string command)
        {
            return Send(h, new JsonWriter(GatewayLoop.StatusCapacity), command);
        }

        private static string Send(CommandHandler h, JsonWriter reply, string command)
        {
            byte[] bytes = Utf8.GetBytes(command);
            int n = h.Handle(reply, bytes, 0, bytes.Length);
            return Utf8.GetString(reply.Buffer, 0, n);
        }
    }
}
