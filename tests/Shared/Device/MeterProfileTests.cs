// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Protocols;
using MeterGateway.Link;
using MeterGateway.Outbox;
using MeterGateway.Protocols.Dlms;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Protocols.Sml;
using MeterGateway.Readings;
using MeterGateway.Simulators;
using MeterGateway.Tests.Shared.Ekm;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Device
{
    /// <summary>How the ESP32 wires the meter link per protocol, and the decoder it reads with.</summary>
    [TestClass]
    public class MeterProfileTests
    {
        [TestMethod]
        public void P1IsInvertedAndRequested()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\nmax_telegram_size = 2048\n");
            MeterProfile p = MeterProfile.For(c);
            Assert.IsTrue(p.InvertSignals);
            Assert.IsTrue(p.DataRequest);
            Assert.IsFalse(p.Rs485);
            IFrameDecoder d = p.CreateDecoder(c);
            Assert.IsTrue(d is DsmrDecoder);

            // the decoder honours max_telegram_size: a telegram of 2100 bytes is too long
            byte[] telegram = new byte[2100];
            telegram[0] = (byte)'/';
            for (int i = 1; i < telegram.Length; i++) telegram[i] = (byte)'x';
            d.Feed(telegram, 0, telegram.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)d.Result);
            Assert.AreEqual((int)FrameError.TooLong, (int)d.Error);
        }

        /// <summary>
        /// The box's status buffer has the telegram server's room for its max_clients only when [TCP] is on (the documents
        /// of the corpus fit the rest: StatusPageTests).
        /// </summary>
        [TestMethod]
        public void TheStatusBufferHasTheTelegramServersRoomOnlyWhenItRuns()
        {
            Assert.AreEqual(5244, MeterProfile.BoxStatusCapacity(GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n")));
            Assert.AreEqual(5244 + 300 + 4 * 120, MeterProfile.BoxStatusCapacity(GatewayConfig.Load("[TCP]\nlisten = 0.0.0.0:2323\n")));
            Assert.AreEqual(GatewayLoop.StatusCapacity, MeterProfile.BoxStatusCapacity(GatewayConfig.Load("[TCP]\nlisten = 0.0.0.0:2323\nmax_clients = 8\n")));
        }

        [TestMethod]
        public void SmlIsReadPlainFromTheOpticalHead()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nprotocol = sml\n");
            MeterProfile p = MeterProfile.For(c);
            Assert.IsFalse(p.InvertSignals);
            Assert.IsFalse(p.DataRequest);
            Assert.IsFalse(p.Rs485);
            Assert.IsTrue(p.CreateDecoder(c) is SmlDecoder);
        }

        [TestMethod]
        public void EkmMetersArePolledOnRs485()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nprotocol = ekm\n[EKM]\nmeters = 000300001162:4\npoll_interval = 5\n");
            MeterProfile p = MeterProfile.For(c);
            Assert.IsTrue(p.Rs485);
            Assert.IsFalse(p.InvertSignals);
            Assert.IsFalse(p.DataRequest);
            Assert.IsNull(p.CreateDecoder(c));

            EkmBusSimulator bus = new EkmBusSimulator(1);
            bus.Add(new EkmMeterSimulator(EkmMeterVersion.V4, "300001162"));
            EkmLoopbackLink link = new EkmLoopbackLink(bus);
            IMeterSource source = p.CreateSource(c, link, p.DataRequest, new ManualClock(), null);
            Assert.IsTrue(source is EkmMeterSource);
            ReadingSet set = p.CreateReadings(160);
            source.Open();
            Assert.AreEqual(9600, link.BaudRate);
            Assert.AreEqual((int)LinkParity.Even, (int)link.Parity);
            Assert.AreEqual(7, link.DataBits);
            Assert.AreEqual((int)FrameResult.Valid, (int)source.Poll(set, 100));
            Assert.AreEqual("12345.6 kWh", EkmTestKit.Value(set, "1-0:1.8.0"));
        }

        [TestMethod]
        public void TheBoxKeepsOfATelegramOnlyWhatItUses()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nprotocol = sml\n");
            ReadingSet box = MeterProfile.For(c).CreateBoxReadings();
            Assert.AreEqual(MeterProfile.BoxPushReadings, box.ObisCode.Length);
            Assert.AreEqual(MeterProfile.BoxPushValues, box.Kind.Length);
            Assert.AreEqual(MeterProfile.BoxPushText, box.Text.Length);
            Assert.AreEqual(0, box.BeginReading(Obis.Pack(0, 0, 1, 0, 0))); // the meter's timestamp
            Assert.AreEqual(-1, box.BeginReading(Obis.Pack(0, 0, 96, 13, 0))); // the text message
            Assert.AreEqual(-1, box.BeginReading(Obis.Pack(1, 0, 99, 97, 0))); // the power failure log
            Assert.AreEqual(1, box.BeginReading(Obis.Pack(1, 0, 1, 8, 1))); // a tariff register
            Assert.AreEqual(2, box.BeginReading(Obis.Pack(0, 1, 24, 2, 1))); // an M-Bus channel's value
            Assert.AreEqual(3, box.BeginReading(Obis.Pack(0, 1, 96, 1, 0))); // its equipment identifier
            Assert.AreEqual(4, box.BeginReading(Obis.Pack(1, 0, 32, 7, 0))); // a voltage
            Assert.AreEqual(5, box.BeginReading(Obis.Pack(1, 0, 2, 8, 9))); // a tariff register the totals are summed from
            Assert.AreEqual(-1, box.BeginReading(Obis.Pack(1, 0, 2, 8, 64))); // beyond them
            Assert.AreEqual(-1, box.BeginReading(Obis.Pack(1, 0, 1, 8, 0, 1))); // a previous billing period's
            Assert.AreEqual(6, box.BeginReading(Obis.Pack(0, 4, 96, 1, 1))); // M-Bus channel 4's equipment identifier
            Assert.AreEqual(-1, box.BeginReading(Obis.Pack(0, 5, 96, 1, 1))); // no channel 5
            Assert.AreEqual(7, box.BeginReading(Obis.Pack(1, 0, 0, 0, 0))); // the meter's serial number (IEC 62056-21)
            Assert.IsFalse(box.Overflowed);
        }

        [TestMethod]
        public void Iec62056MetersAreReadInSessions()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nprotocol = iec62056-21\n[IEC]\nmax_baud = 9600\npoll_interval = 30\n");
            MeterProfile p = MeterProfile.For(c);
            Assert.IsFalse(p.Rs485);
            Assert.IsFalse(p.InvertSignals);
            Assert.IsNull(p.CreateDecoder(c));
            Assert.IsTrue(p.CreateSource(c, new EkmLoopbackLink(new EkmBusSimulator(1)), false, new ManualClock(), null) is Iec62056MeterSource);
            // a data readout of hundreds of data sets: the host's set is sized by the caller, 4 values and 64 text bytes each
            ReadingSet set = p.CreateReadings(160);
            Assert.AreEqual(160, set.ObisCode.Length);
            Assert.AreEqual(640, set.Kind.Length);
            Assert.AreEqual(10240, set.Text.Length);
            Assert.AreEqual(ReadingSet.MaxTextCapacity, p.CreateReadings(1024).Text.Length);
            // the box keeps only the readings it uses: a register is kept, a previous billing period's is skipped
            ReadingSet box = p.CreateBoxReadings();
            Assert.AreEqual(MeterProfile.BoxReadoutReadings, box.ObisCode.Length);
            Assert.AreEqual(-1, box.BeginReading(Obis.Pack(1, 0, 1, 8, 0, 1)));
            Assert.AreEqual(0, box.BeginReading(Obis.Pack(1, 0, 1, 8, 0)));
            Assert.AreEqual(1, box.BeginReading(Obis.Pack(1, 0, 2, 8, 7)));
            Assert.AreEqual(2, box.BeginReading(Obis.Pack(0, 0, 96, 1, 0)));
            Assert.IsFalse(box.Overflowed);
        }

        [TestMethod]
        public void OutboxRecordsAreSizedForTheProtocolsSets()
        {
            // the box's DSMR and SML sets: BoxPushRecordBytes for records and tail, IEC 62056-21 BoxReadoutRecordBytes; EKM keeps 4 KB; [OUTBOX] keys still apply
            GatewayConfig dsmr = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n[OUTBOX]\nmax_size = 120\n");
            OutboxOptions o = MeterProfile.For(dsmr).OutboxOptions(dsmr);
            Assert.AreEqual(1536, o.MaxRecordBytes);
            Assert.AreEqual(1536, o.TailBytes);
            Assert.AreEqual(120 * 1024, o.MaxBytes);
            o.Validate();
            GatewayConfig sml = GatewayConfig.Load("[GENERAL]\nprotocol = sml\n");
            Assert.AreEqual(MeterProfile.BoxPushRecordBytes, MeterProfile.For(sml).OutboxOptions(sml).MaxRecordBytes);
            GatewayConfig iec = GatewayConfig.Load("[GENERAL]\nprotocol = iec62056-21\n");
            Assert.AreEqual(2560, MeterProfile.For(iec).OutboxOptions(iec).MaxRecordBytes);
            Assert.AreEqual(MeterProfile.BoxReadoutRecordBytes, MeterProfile.For(iec).OutboxOptions(iec).TailBytes);
            GatewayConfig ekm = GatewayConfig.Load("[GENERAL]\nprotocol = ekm\n[EKM]\nmeters = 000300001162:4\n");
            Assert.AreEqual(4096, MeterProfile.For(ekm).OutboxOptions(ekm).MaxRecordBytes);
        }

        [TestMethod]
        public void TheBoxsMqttWindowFollowsMaxInflightUpToEight()
        {
            // the host's default 64 is more than the box keeps: 8, a window of 7 and 8 sets in flight
            GatewayConfig byDefault = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n");
            Assert.AreEqual(64, byDefault.MaxInflight);
            Assert.AreEqual(8, MeterProfile.For(byDefault).BoxMqttInflight(byDefault));
            Assert.AreEqual(8, MeterProfile.For(byDefault).BoxSetsInFlight(byDefault));
            Assert.AreEqual(8, MeterProfile.For(byDefault).OutboxOptions(byDefault).MaxInFlight);
            // lowered: a window of 3 and the set being sent
            GatewayConfig four = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n[MQTT]\nmax_inflight = 4\n");
            Assert.AreEqual(4, MeterProfile.For(four).BoxMqttInflight(four));
            Assert.AreEqual(4, MeterProfile.For(four).BoxSetsInFlight(four));
            Assert.AreEqual(4, MeterProfile.For(four).OutboxOptions(four).MaxInFlight);
            // the least: a window of 1 (M2MqttConnection keeps it at 1), one set acknowledged and one being sent
            GatewayConfig one = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n[MQTT]\nmax_inflight = 1\n");
            Assert.AreEqual(1, MeterProfile.For(one).BoxMqttInflight(one));
            Assert.AreEqual(2, MeterProfile.For(one).BoxSetsInFlight(one));
            OutboxOptions least = MeterProfile.For(one).OutboxOptions(one);
            least.Validate();
            Assert.AreEqual(2, new ReadingOutbox(null, null, least).MaxInFlight);
            // the most the key takes: still 8
            GatewayConfig most = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n[MQTT]\nmax_inflight = 256\n");
            Assert.AreEqual(256, most.MaxInflight);
            Assert.AreEqual(MeterProfile.BoxMqttInflightLimit, MeterProfile.For(most).BoxMqttInflight(most));
            Assert.AreEqual(8, MeterProfile.For(most).BoxMqttInflight(most));
            Assert.AreEqual(8, MeterProfile.For(most).BoxSetsInFlight(most));
        }

        /// <summary>A box with a small heap (no PSRAM: free managed memory at start under 1 MB) keeps a window of 3.</summary>
        [TestMethod]
        public void ABoxWithASmallHeapKeepsAWindowOfThree()
        {
            Assert.IsTrue(MeterProfile.IsSmallHeap(48000), "a WROOM after start");
            Assert.IsTrue(MeterProfile.IsSmallHeap(1048575));
            Assert.IsFalse(MeterProfile.IsSmallHeap(1048576));
            Assert.IsFalse(MeterProfile.IsSmallHeap(3900000), "a WROVER");
            Assert.IsFalse(MeterProfile.IsSmallHeap(-1), "not measured");

            GatewayConfig byDefault = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n");
            MeterProfile small = MeterProfile.For(byDefault);
            small.SmallHeap = true;
            Assert.AreEqual(4, small.BoxMqttInflight(byDefault));
            Assert.AreEqual(4, small.BoxSetsInFlight(byDefault));
            Assert.AreEqual(4, small.OutboxOptions(byDefault).MaxInFlight);
            GatewayConfig two = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n[MQTT]\nmax_inflight = 2\n");
            MeterProfile smallTwo = MeterProfile.For(two);
            smallTwo.SmallHeap = true;
            Assert.AreEqual(2, smallTwo.BoxMqttInflight(two), "a lower max_inflight still holds");
            Assert.AreEqual(2, smallTwo.BoxSetsInFlight(two));
        }

        [TestMethod]
        public void TheBoxsOutboxTablesAreSizedFromItsStorageAndItsMqttWindow()
        {
            // 80 KB of 4 KB blocks: at most 20 segments with records, the one a tail write starts and a compaction's copy
            GatewayConfig dsmr = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n");
            OutboxOptions box = MeterProfile.For(dsmr).OutboxOptions(dsmr);
            Assert.AreEqual(22, box.MaxSegments);
            Assert.AreEqual(8, box.MaxInFlight);
            box.Validate();
            Assert.AreEqual(8, new ReadingOutbox(null, null, box).MaxInFlight);
            // the host keeps 64 of each
            OutboxOptions host = dsmr.OutboxOptions();
            Assert.AreEqual(64, host.MaxSegments);
            Assert.AreEqual(64, host.MaxInFlight);
            Assert.AreEqual(64, new ReadingOutbox(null, null, host).MaxInFlight);
            // 248 KB needs 64; 252 KB more than the box keeps: a configuration error naming the key, the portal says it
            GatewayConfig most = GatewayConfig.Load("[GENERAL]\nprotocol = sml\n[OUTBOX]\nmax_size = 248\n");
            Assert.AreEqual(64, MeterProfile.For(most).OutboxOptions(most).MaxSegments);
            Assert.IsNull(MeterProfile.OutboxProblem(most));
            GatewayConfig tooLarge = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n[OUTBOX]\nmax_size = 252\n");
            string problem = "[OUTBOX] max_size = 252 needs 65 segment files, more than the box keeps (MaxSegments 64): at most 248 KB";
            Assert.AreEqual(problem, MeterProfile.OutboxProblem(tooLarge));
            Assert.ThrowsException(typeof(System.ArgumentException), () => MeterProfile.For(tooLarge).OutboxOptions(tooLarge));
            Assert.AreEqual(problem, StoredConfig.Read("[WIFI]\nssid = home\n[OUTBOX]\nmax_size = 252\n").Problem);
            Assert.IsNull(StoredConfig.Read("[WIFI]\nssid = home\n[OUTBOX]\nmax_size = 248\n").Problem);
        }

        [TestMethod]
        public void TheBoxParsesDsmrLinesAsTheyArriveUnlessDecrypting()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n");
            MeterProfile p = MeterProfile.For(c);
            Assert.IsFalse(((DsmrDecoder)p.CreateDecoder(c)).StreamLines); // the host keeps telegrams whole
            DsmrDecoder box = (DsmrDecoder)p.CreateBoxDecoder(c);
            Assert.IsTrue(box.StreamLines);
            Assert.AreEqual(DsmrDecoder.StreamedLineSize, box.FrameBuffer.Length);
            PushMeterSource source = (PushMeterSource)p.CreateBoxSource(c, new SimulatedSerialLine(null, 64), new ManualClock(), null);
            Assert.IsTrue(((DsmrDecoder)source.Decoder).StreamLines);
            GatewayConfig k = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\ndecryption_key = 000102030405060708090A0B0C0D0E0F\n");
            Assert.IsTrue(MeterProfile.For(k).CreateBoxDecoder(k) is DlmsCipherDecoder);
        }

        [TestMethod]
        public void EncryptedP1IsDecryptedBeforeTheTelegramDecoder()
        {
            GatewayConfig c = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\ndecryption_key = 000102030405060708090A0B0C0D0E0F\n");
            IFrameDecoder d = MeterProfile.For(c).CreateDecoder(c);
            Assert.IsTrue(d is DlmsCipherDecoder);
            GatewayConfig plain = GatewayConfig.Load("[GENERAL]\nprotocol = dsmr\n");
            Assert.IsTrue(MeterProfile.For(plain).CreateDecoder(plain) is DsmrDecoder);
        }
    }
}
