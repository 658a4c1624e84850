// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Config;
using MeterGateway.HomeAssistant;
using MeterGateway.Mapping;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Health
{
    /// <summary>
    /// Home Assistant discovery bookkeeping: registers never published going backwards, configs emptied when their
    /// quantity is switched off (or discovery is), a swapped meter's entities replaced, and the same topics after a
    /// restart. Readings are DSMR 5-style lines (DSMR 5.0.2 §7.1) built by hand.
    /// </summary>
    [TestClass]
    public class HomeAssistantPublisherTests
    {
        private const string Client = "gw1";
        private const string Availability = "metergateway/gw1/status";
        private const string MeterA = "4530303236303030303130363837393134"; // E0026000010687914
        private const string MeterB = "4530303434303036393033333132393137"; // E0044006903312917

        private static ReadingSet Telegram(string equipmentId, string tariff1, string power, string voltage)
        {
            ReadingSet set = new ReadingSet();
            byte[] header = Ascii.GetBytes("KFM5KAIFA-METER");
            set.SetHeader(header, 0, header.Length);
            TestReadings.AddText(set, "0-0:96.1.1", equipmentId);
            TestReadings.Add(set, "1-0:1.8.1", tariff1, "kWh");
            TestReadings.Add(set, "1-0:1.7.0", power, "kW");
            if (voltage != null) TestReadings.Add(set, "1-0:32.7.0", voltage, "V");
            return set;
        }

        private static GatewayConfig HomeAssistantOn()
        {
            GatewayConfig config = new GatewayConfig();
            config.HomeAssistant.Enabled = true;
            return config;
        }

        private sealed class Rig
        {
            public readonly MessageBuilder Builder;
            public readonly MeterIdentity Identity = new MeterIdentity();
            public readonly HomeAssistantPublisher Publisher;
            public readonly BrokerSession Mqtt = new BrokerSession();

            public Rig(GatewayConfig config, MemoryRecordStore store)
            {
                Builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(1700000000, 0));
                Publisher = new HomeAssistantPublisher(config.HomeAssistant, config.Messages, Client, Availability, "9.9.9", store);
                Mqtt.Connect();
            }

            public void Feed(ReadingSet set)
            {
                Builder.Build(set);
                Identity.Update(set);
                Publisher.Update(Builder, Identity);
                Assert.IsTrue(Publisher.PublishPending(Mqtt));
                Assert.IsTrue(Publisher.PublishStates(Mqtt, Builder));
            }
        }

        private static string State(string quantity) { return "metergateway/gw1/" + quantity; }

        private static string Config(string node, string quantity) { return "homeassistant/sensor/" + node + "/" + quantity + "/config"; }

        [TestMethod]
        public void RegisterGoingBackwardsIsNotPublished()
        {
            Rig g = new Rig(HomeAssistantOn(), new MemoryRecordStore());
            g.Feed(Telegram(MeterA, "000100.000", "01.500", null));
            Assert.AreEqual("100.000", g.Mqtt.Text(g.Mqtt.LastOn(State("tariff1_active_energy_out"))));
            Assert.AreEqual("100.000", g.Mqtt.Text(g.Mqtt.LastOn(State("sum_active_energy_out"))), "the total of the tariff registers");
            Assert.AreEqual("1500", g.Mqtt.Text(g.Mqtt.LastOn(State("momentan_active_effect_out"))), "kW → W");

            g.Mqtt.Clear();
            g.Feed(Telegram(MeterA, "000099.999", "01.400", null));
            Assert.AreEqual(0, g.Mqtt.CountOn(State("tariff1_active_energy_out")), "99.999 < 100.000: withheld");
            Assert.AreEqual(0, g.Mqtt.CountOn(State("sum_active_energy_out")), "the total went back too");
            Assert.AreEqual("1400", g.Mqtt.Text(g.Mqtt.LastOn(State("momentan_active_effect_out"))), "power may go down");
            Assert.AreEqual(2L, g.Publisher.RegistersWithheld);
            Assert.AreEqual("tariff1_active_energy_out", g.Publisher.LastWithheld);

            g.Mqtt.Clear();
            g.Feed(Telegram(MeterA, "000100.000", "01.400", null));
            Assert.AreEqual("100.000", g.Mqtt.Text(g.Mqtt.LastOn(State("tariff1_active_energy_out"))), "equal to the last published: published");
            g.Feed(Telegram(MeterA, "000100.0004", "01.400", null));
            Assert.AreEqual("100.0004", g.Mqtt.Text(g.Mqtt.LastOn(State("tariff1_active_energy_out"))), "compared exactly across exponents");
            Assert.AreEqual(2L, g.Publisher.RegistersWithheld);
        }

        [TestMethod]
        public void ConfigsAreAnnouncedOnceAndRecorded()
        {
            MemoryRecordStore store = new MemoryRecordStore();
            Rig g = new Rig(HomeAssistantOn(), store);
            g.Feed(Telegram(MeterA, "000100.000", "01.500", "230.1"));
            string voltage = Config(MeterA, "voltage_l1");
            int at = g.Mqtt.LastOn(voltage);
            Assert.IsTrue(at >= 0, "voltage config announced");
            Assert.IsTrue(g.Mqtt.Retained(at), "retained");
            string json = g.Mqtt.Text(at);
            Assert.IsTrue(json.IndexOf("\"unique_id\":\"" + MeterA + "_voltage_l1\"") > 0, json);
            Assert.IsTrue(json.IndexOf("\"state_topic\":\"metergateway/gw1/voltage_l1\"") > 0, json);
            Assert.IsTrue(json.IndexOf("\"device_class\":\"voltage\",\"state_class\":\"measurement\",\"unit_of_measurement\":\"V\"") > 0, json);
            Assert.AreEqual(4, g.Publisher.Announced, "sum, tariff 1, power, voltage");
            Assert.AreEqual(1, store.Saves);
            Assert.IsTrue(store.Text.IndexOf(voltage + "\n") >= 0, store.Text);

            Assert.AreEqual(8, g.Mqtt.Count, "4 configs, then 4 values");
            g.Mqtt.Clear();
            g.Feed(Telegram(MeterA, "000100.001", "01.500", "230.2"));
            Assert.AreEqual(4, g.Mqtt.Count, "the next telegram publishes states only");
            Assert.AreEqual(1, store.Saves, "the record is written only when the set changes");
        }

        [TestMethod]
        public void RemovingAQuantityEmptiesItsConfig()
        {
            MemoryRecordStore store = new MemoryRecordStore();
            Rig first = new Rig(HomeAssistantOn(), store);
            first.Feed(Telegram(MeterA, "000100.000", "01.500", "230.1"));
            string voltage = Config(MeterA, "voltage_l1");
            string tariff = Config(MeterA, "tariff1_active_energy_out");

            GatewayConfig withoutVoltage = HomeAssistantOn();
            withoutVoltage.Messages.Send[(int)SendGroup.Voltage] = false;
            Rig second = new Rig(withoutVoltage, store);
            Assert.IsTrue(second.Publisher.HasPending, "the removal waits for the broker");
            Assert.IsTrue(second.Publisher.PublishPending(second.Mqtt));
            Assert.AreEqual(1, second.Mqtt.Count);
            Assert.AreEqual(voltage, second.Mqtt.Topic(0));
            Assert.AreEqual(0, second.Mqtt.Length(0), "empty payload: Home Assistant deletes the entity");
            Assert.IsTrue(second.Mqtt.Retained(0), "retained, replacing the retained config");
            Assert.AreEqual(-1, store.Text.IndexOf(voltage), store.Text);
            Assert.IsTrue(store.Text.IndexOf(tariff) >= 0, "the others stay recorded");
            Assert.AreEqual(1L, second.Publisher.ConfigsRemoved);

            second.Feed(Telegram(MeterA, "000100.001", "01.500", "230.1"));
            Assert.AreEqual(-1, second.Mqtt.LastOn(State("voltage_l1")), "no voltage published");
        }

        [TestMethod]
        public void TurningDiscoveryOffEmptiesEveryConfig()
        {
            MemoryRecordStore store = new MemoryRecordStore();
            Rig first = new Rig(HomeAssistantOn(), store);
            first.Feed(Telegram(MeterA, "000100.000", "01.500", "230.1"));

            Rig off = new Rig(new GatewayConfig(), store);
            Assert.IsFalse(off.Publisher.Enabled);
            Assert.IsTrue(off.Publisher.PublishPending(off.Mqtt));
            Assert.AreEqual(4, off.Mqtt.Count);
            for (int i = 0; i < off.Mqtt.Count; i++) Assert.AreEqual(0, off.Mqtt.Length(i));
            Assert.AreEqual("", store.Text);
            off.Feed(Telegram(MeterA, "000100.001", "01.500", "230.1"));
            Assert.AreEqual(4, off.Mqtt.Count, "nothing for Home Assistant while it is off");
        }

        [TestMethod]
        public void SameTopicsAndIdsAfterARestart()
        {
            MemoryRecordStore store = new MemoryRecordStore();
            Rig first = new Rig(HomeAssistantOn(), store);
            first.Feed(Telegram(MeterA, "000100.000", "01.500", "230.1"));
            string recorded = store.Text;

            Rig second = new Rig(HomeAssistantOn(), store);
            Assert.IsFalse(second.Publisher.HasPending, "nothing to remove");
            second.Feed(Telegram(MeterA, "000100.002", "01.500", "230.1"));
            for (int q = 0; q < Quantities.Count; q++)
                Assert.AreEqual(first.Publisher.ConfigTopic(q), second.Publisher.ConfigTopic(q), Quantities.Name(q));
            for (int i = 0; i < second.Mqtt.Count; i++) Assert.IsTrue(second.Mqtt.Length(i) > 0, "no removal: " + second.Mqtt.Topic(i));
            Assert.AreEqual(recorded, store.Text);
            string json = second.Mqtt.Text(second.Mqtt.LastOn(Config(MeterA, "voltage_l1")));
            Assert.IsTrue(json.IndexOf("\"unique_id\":\"" + MeterA + "_voltage_l1\"") > 0, "configs sent again once the meter is seen");
        }

        [TestMethod]
        public void SwappedMeterReplacesItsEntities()
        {
            MemoryRecordStore store = new MemoryRecordStore();
            Rig g = new Rig(HomeAssistantOn(), store);
            g.Feed(Telegram(MeterA, "012345.678", "01.500", null));
            g.Mqtt.Clear();
            g.Feed(Telegram(MeterB, "000000.012", "00.100", null));

            Assert.AreEqual(1L, g.Identity.Changes, "reported as a change of meter");
            Assert.AreEqual(MeterA, g.Identity.PreviousEquipmentId);
            string old = Config(MeterA, "tariff1_active_energy_out");
            Assert.AreEqual(0, g.Mqtt.Length(g.Mqtt.LastOn(old)), "the old meter's entity is removed");
            string json = g.Mqtt.Text(g.Mqtt.LastOn(Config(MeterB, "tariff1_active_energy_out")));
            Assert.IsTrue(json.IndexOf("\"serial_number\":\"E0044006903312917\"") > 0, json);
            Assert.AreEqual("0.012", g.Mqtt.Text(g.Mqtt.LastOn(State("tariff1_active_energy_out"))), "the new meter's register is not compared with the old one's");
            Assert.AreEqual(0L, g.Publisher.RegistersWithheld);
            Assert.AreEqual(-1, store.Text.IndexOf(MeterA), store.Text);
        }

        [TestMethod]
        public void ConfigsWaitForTheBrokerAndAreSentAgainAfterAReconnection()
        {
            Rig g = new Rig(HomeAssistantOn(), new MemoryRecordStore());
            g.Mqtt.Drop();
            g.Builder.Build(Telegram(MeterA, "000100.000", "01.500", null));
            g.Identity.Update(Telegram(MeterA, "000100.000", "01.500", null));
            g.Publisher.Update(g.Builder, g.Identity);
            Assert.IsFalse(g.Publisher.PublishPending(g.Mqtt));
            Assert.AreEqual(1L, g.Publisher.PublishFailures);
            Assert.IsTrue(g.Publisher.HasPending);
            g.Mqtt.Connect();
            Assert.IsTrue(g.Publisher.PublishPending(g.Mqtt));
            Assert.AreEqual(3, g.Mqtt.Count);
            Assert.IsFalse(g.Publisher.HasPending);
            g.Publisher.Reannounce();
            Assert.IsTrue(g.Publisher.PublishPending(g.Mqtt));
            Assert.AreEqual(6, g.Mqtt.Count, "all three again after a reconnection");
        }
    }
}
