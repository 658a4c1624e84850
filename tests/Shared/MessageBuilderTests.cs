using nanoFramework.TestFramework;
using MeterGateway.Config;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>The MQTT messages built from a reading set: exact JSON, topics, no_vscp, classes, times, order.</summary>
    [TestClass]
    public class MessageBuilderTests
    {
        private const string Guid1 = "FF:FF:FF:FF:FF:FF:FF:FE:00:11:22:33:44:55:00:01";

        [TestMethod]
        public void JsonEventIsExact()
        {
            ReadingSet set = new ReadingSet();
            set.FrameTime = UnixTime.FromCivil(2021, 4, 7, 9, 16, 27);
            TestReadings.Add(set, "1-0:1.8.0", "00004788.631", "kWh");
            MessageBuilder builder = new MessageBuilder(new GatewayConfig().Messages, TestReadings.Mac(), new FixedClock(0, 1234));
            Assert.AreEqual(1, builder.Build(set));
            Assert.AreEqual("vscp/" + Guid1 + "/1040/13", builder.Topic(0));
            Assert.AreEqual(1, builder.Qos(0));
            Assert.IsFalse(builder.Retain(0));
            Assert.AreEqual("{\"vscpHead\":32864,\"vscpObId\":0,\"vscpDateTime\":\"2021-04-07T09:16:27Z\",\"vscpTimeStamp\":1234000,"
                + "\"vscpClass\":1040,\"vscpType\":13,\"vscpGuid\":\"" + Guid1 + "\",\"vscpData\":[1,0,0,1,52,55,56,56,46,54,51,49,0],"
                + "\"vscpNote\":\"Meter reading active energy out\","
                + "\"measurement\":{\"value\":4788.631,\"unit\":1,\"sensorindex\":1,\"zone\":0,\"subzone\":0}}", Payload(builder, 0));
        }

        [TestMethod]
        public void JsonOfClass10And1060AndAnEscapedNote()
        {
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:32.7.0", "230.1", "V");
            GatewayConfig config = new GatewayConfig();
            config.Set("VSCP", "event_class", "10");
            config.Set("VSCP", "zone", "3");
            config.Set("VSCP", "subzone", "4");
            config.Set("VSCP", "guid", "00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0E:0F");
            config.Set("NOTES", "note_voltage_l1", "Volt \"L1\"\\\t");
            MessageBuilder builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(UnixTime.FromCivil(2024, 2, 29, 23, 59, 59), 5000000));
            Assert.AreEqual(1, builder.Build(set));
            Assert.AreEqual("vscp/00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:00:15/10/16", builder.Topic(0));
            // the clock gives the date/time (no frame time); the timestamp wraps at 32 bits: 5e9 µs mod 2^32 = 705032704
            Assert.AreEqual("{\"vscpHead\":32864,\"vscpObId\":0,\"vscpDateTime\":\"2024-02-29T23:59:59Z\",\"vscpTimeStamp\":705032704,"
                + "\"vscpClass\":10,\"vscpType\":16,\"vscpGuid\":\"00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:00:15\",\"vscpData\":[133,129,8,253],"
                + "\"vscpNote\":\"Volt \\\"L1\\\"\\\\\\t\","
                + "\"measurement\":{\"value\":230.1,\"unit\":0,\"sensorindex\":21,\"zone\":3,\"subzone\":4}}", Payload(builder, 0));

            config.Set("VSCP", "event_class", "1060");
            builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 0));
            Assert.AreEqual(1, builder.Build(set));
            // no time known at all: an empty date/time; 230.1 as a double = 40 6C C3 33 33 33 33 33
            Assert.AreEqual("{\"vscpHead\":32864,\"vscpObId\":0,\"vscpDateTime\":\"\",\"vscpTimeStamp\":0,"
                + "\"vscpClass\":1060,\"vscpType\":16,\"vscpGuid\":\"00:01:02:03:04:05:06:07:08:09:0A:0B:0C:0D:00:15\","
                + "\"vscpData\":[21,3,4,0,64,108,195,51,51,51,51,51],"
                + "\"vscpNote\":\"Volt \\\"L1\\\"\\\\\\t\","
                + "\"measurement\":{\"value\":230.1,\"unit\":0,\"sensorindex\":21,\"zone\":3,\"subzone\":4}}", Payload(builder, 0));
        }

        [TestMethod]
        public void TopicTemplatesExpandEveryPlaceholder()
        {
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:31.7.0", "004.8", "A");
            GatewayConfig config = new GatewayConfig();
            config.Set("MQTT", "topic", "p1/{xguid}/{xclass}/{xtype}");
            Assert.AreEqual("p1/FF:FF:FF:FF:FF:FF:FF:FE:00:11:22:33:44:55:00:18/1040/5", FirstTopic(config, set));
            config.Set("MQTT", "topic", "m/{sensorindex}/{zone}/{subzone}/{nickname}/{class}/{type}");
            config.Set("VSCP", "id_current_l1", "513");
            config.Set("VSCP", "sensorindex_current_l1", "200");
            config.Set("VSCP", "zone", "255");
            Assert.AreEqual("m/200/255/0/513/1040/5", FirstTopic(config, set));
            Assert.IsNull(TopicTemplate.Check("vscp/{guid}/{class}/{type}", TopicTemplate.EventPlaceholders));
            Assert.IsNotNull(TopicTemplate.Check("vscp/{mac}", TopicTemplate.EventPlaceholders));
            Assert.IsNotNull(TopicTemplate.Check("vscp/{guid", TopicTemplate.EventPlaceholders));
            Assert.IsNotNull(TopicTemplate.Check("vscp/guid}", TopicTemplate.EventPlaceholders));
            Assert.IsNotNull(TopicTemplate.Check("vscp/+/{type}", TopicTemplate.EventPlaceholders));
            Assert.IsNotNull(TopicTemplate.Check("", TopicTemplate.EventPlaceholders));
            Assert.AreEqual("metergateway/metergateway-001122334455/status", config.AvailabilityTopicFor(config.ClientIdFor(TestReadings.Mac())));
        }

        [TestMethod]
        public void NoVscpPublishesTheDigitsOnTheNote()
        {
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:1.8.0", "00004788.631", "kWh");
            TestReadings.Add(set, "1-0:1.7.0", "0004.905", "kW");
            TestReadings.Add(set, "1-0:32.7.0", "233.6", "V");
            GatewayConfig config = GatewayConfig.Load("[GENERAL]\nno_vscp = true\n[MQTT]\nnote_voltage_l1 = house/voltage/l1\n");
            MessageBuilder builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 0));
            Assert.AreEqual(3, builder.Build(set));
            Assert.AreEqual("Meter reading active energy out", builder.Topic(0));
            Assert.AreEqual("4788.631", Payload(builder, 0));
            Assert.AreEqual("Active effect out", builder.Topic(1));
            Assert.AreEqual("4905", Payload(builder, 1));
            Assert.AreEqual("house/voltage/l1", builder.Topic(2));
            Assert.AreEqual("233.6", Payload(builder, 2));
        }

        [TestMethod]
        public void TotalsComeBeforeTheTariffsInSetOrderAndDuplicatesAreCounted()
        {
            ReadingSet set = new ReadingSet();
            long frame = UnixTime.FromCivil(2017, 1, 2, 18, 20, 2);
            set.FrameTime = frame;
            TestReadings.AddText(set, "1-3:0.2.8", "42");
            TestReadings.Add(set, "1-0:1.8.1", "000671.578", "kWh");
            TestReadings.Add(set, "1-0:1.8.2", "000842.472", "kWh");
            TestReadings.Add(set, "1-0:2.8.1", "000000.000", "kWh");
            TestReadings.Add(set, "1-0:2.8.2", "000000.000", "kWh");
            TestReadings.Add(set, "1-0:1.7.0", "00.170", "kW");
            TestReadings.Add(set, "1-0:1.7.0", "00.171", "kW");
            TestReadings.AddCaptured(set, "0-1:24.2.1", frame - 600, "170102161005W", "00000.107", "m3");
            GatewayConfig config = new GatewayConfig();
            config.Set("GENERAL", "no_vscp", "true");
            MessageBuilder builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 0));
            Assert.AreEqual(8, builder.Build(set));
            string[] expected =
            {
                "Meter reading active energy out", "1514.050",
                "Meter reading active energy out tariff 1", "671.578",
                "Meter reading active energy out tariff 2", "842.472",
                "Meter reading active energy in", "0.000",
                "Meter reading active energy in tariff 1", "0.000",
                "Meter reading active energy in tariff 2", "0.000",
                "Active effect out", "170",
                "Gas/water volume M-Bus 1", "0.107",
            };
            for (int i = 0; i < 8; i++)
            {
                Assert.AreEqual(expected[2 * i], builder.Topic(i));
                Assert.AreEqual(expected[2 * i + 1], Payload(builder, i));
            }
            Assert.AreEqual(1L, builder.Duplicates);
            Assert.AreEqual(0L, builder.UnitMismatches);
        }

        [TestMethod]
        public void CaptureTimeWinsOverFrameTime()
        {
            ReadingSet set = new ReadingSet();
            set.FrameTime = UnixTime.FromCivil(2020, 7, 6, 8, 31, 40);
            TestReadings.AddCaptured(set, "0-1:24.2.1", UnixTime.FromCivil(2020, 7, 6, 8, 29, 0), "200706102900S", "00028.103", "m3");
            TestReadings.Add(set, "1-0:1.7.0", "1.000", "kW");
            MessageBuilder builder = new MessageBuilder(new GatewayConfig().Messages, TestReadings.Mac(), new FixedClock(UnixTime.FromCivil(2030, 1, 1, 0, 0, 0), 0));
            Assert.AreEqual(2, builder.Build(set));
            Assert.IsTrue(Payload(builder, 0).IndexOf("\"vscpDateTime\":\"2020-07-06T08:29:00Z\"") > 0);
            Assert.IsTrue(Payload(builder, 1).IndexOf("\"vscpDateTime\":\"2020-07-06T08:31:40Z\"") > 0);
        }

        [TestMethod]
        public void UnencodableValuesAreCountedNotSent()
        {
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:1.8.0", "1234567890123401", "Wh");
            TestReadings.Add(set, "1-0:1.7.0", "1.000", "kW");
            GatewayConfig config = new GatewayConfig();
            config.Set("VSCP", "event_class", "10");
            MessageBuilder builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 0));
            // 1234567890123.401 kWh needs 7 mantissa bytes in class 10
            Assert.AreEqual(1, builder.Build(set));
            Assert.AreEqual(1L, builder.Unencodable);
            Assert.AreEqual("vscp/FF:FF:FF:FF:FF:FF:FF:FE:00:11:22:33:44:55:00:05/10/14", builder.Topic(0));
        }

        [TestMethod]
        public void MessageSlotsGrowAtFirstPublicationsKeepingTheSetsEarlierMessages()
        {
            // slots are made for the quantities published so far, 4 at a time: the second set's fifth message (its
            // first new quantity past 4) grows them in the middle of the set
            ReadingSet first = new ReadingSet();
            TestReadings.Add(first, "1-0:1.7.0", "01.193", "kW");
            TestReadings.Add(first, "1-0:32.7.0", "230.1", "V");
            MessageBuilder builder = new MessageBuilder(new GatewayConfig().Messages, TestReadings.Mac(), new FixedClock(0, 0));
            Assert.AreEqual(2, builder.Build(first));
            ReadingSet second = new ReadingSet();
            string[] codes = { "1-0:1.7.0", "1-0:32.7.0", "1-0:52.7.0", "1-0:72.7.0", "1-0:31.7.0", "1-0:51.7.0", "1-0:71.7.0" };
            string[] values = { "01.193", "230.1", "231.2", "232.3", "004", "005", "006" };
            string[] units = { "kW", "V", "V", "V", "A", "A", "A" };
            string[] expected = { "1193", "230.1", "231.2", "232.3", "4", "5", "6" };
            // vscpGuid ends with the quantity's id (row + 1); the type is power 14, voltage 16, current 5
            string[] topics = { "00:05/1040/14", "00:15/1040/16", "00:16/1040/16", "00:17/1040/16", "00:18/1040/5", "00:19/1040/5", "00:1A/1040/5" };
            for (int i = 0; i < codes.Length; i++) TestReadings.Add(second, codes[i], values[i], units[i]);
            for (int round = 0; round < 2; round++)
            {
                Assert.AreEqual(codes.Length, builder.Build(second));
                for (int i = 0; i < codes.Length; i++)
                {
                    Assert.AreEqual("vscp/FF:FF:FF:FF:FF:FF:FF:FE:00:11:22:33:44:55:" + topics[i], builder.Topic(i));
                    Assert.IsTrue(Payload(builder, i).IndexOf("\"measurement\":{\"value\":" + expected[i] + ",") > 0, Payload(builder, i));
                }
            }
            Assert.AreEqual(2, builder.Build(first));
            Assert.AreEqual("vscp/FF:FF:FF:FF:FF:FF:FF:FE:00:11:22:33:44:55:00:15/1040/16", builder.Topic(1));
        }

        private static string FirstTopic(GatewayConfig config, ReadingSet set)
        {
            MessageBuilder builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 0));
            Assert.AreEqual(1, builder.Build(set));
            return builder.Topic(0);
        }

        private static string Payload(MessageBuilder builder, int i)
        {
            int n = builder.WritePayload(i);
            Assert.IsTrue(n <= builder.MaxPayloadLength);
            return Utf8.GetString(builder.PayloadBuffer, 0, n);
        }
    }
}
