using System.Text;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared;
using Xunit;

namespace MeterGateway.Tests
{
    /// <summary>
    /// A whole telegram through the message builder: the Swedish Landis+Gyr E360 capture
    /// (corpus dsmr/se_landisgyr_e360_ell5_a.txt, the meter of the reference script's README), its readings entered by
    /// hand as the DSMR parser would give them. Every event is decoded back and compared with the telegram's values.
    /// </summary>
    public class MessageBuilderRunTests
    {
        // OBIS, value and unit as in the telegram; then the published digits and the VSCP type and unit
        private static readonly string[][] Telegram =
        {
            new[] { "1-0:1.8.0", "00004788.631", "kWh", "4788.631", "13", "1" },
            new[] { "1-0:2.8.0", "00000000.000", "kWh", "0.000", "13", "1" },
            new[] { "1-0:3.8.0", "00001203.621", "kvarh", "1203.621", "65", "0" },
            new[] { "1-0:4.8.0", "00000150.940", "kvarh", "150.940", "65", "0" },
            new[] { "1-0:1.7.0", "0004.905", "kW", "4905", "14", "0" },
            new[] { "1-0:2.7.0", "0000.000", "kW", "0", "14", "0" },
            new[] { "1-0:3.7.0", "0001.625", "kvar", "1625", "64", "0" },
            new[] { "1-0:4.7.0", "0000.000", "kvar", "0", "64", "0" },
            new[] { "1-0:21.7.0", "0000.976", "kW", "976", "14", "0" },
            new[] { "1-0:41.7.0", "0001.882", "kW", "1882", "14", "0" },
            new[] { "1-0:61.7.0", "0002.045", "kW", "2045", "14", "0" },
            new[] { "1-0:22.7.0", "0000.000", "kW", "0", "14", "0" },
            new[] { "1-0:42.7.0", "0000.000", "kW", "0", "14", "0" },
            new[] { "1-0:62.7.0", "0000.000", "kW", "0", "14", "0" },
            new[] { "1-0:23.7.0", "0000.574", "kvar", "574", "64", "0" },
            new[] { "1-0:43.7.0", "0000.553", "kvar", "553", "64", "0" },
            new[] { "1-0:63.7.0", "0000.498", "kvar", "498", "64", "0" },
            new[] { "1-0:24.7.0", "0000.000", "kvar", "0", "64", "0" },
            new[] { "1-0:44.7.0", "0000.000", "kvar", "0", "64", "0" },
            new[] { "1-0:64.7.0", "0000.000", "kvar", "0", "64", "0" },
            new[] { "1-0:32.7.0", "233.6", "V", "233.6", "16", "0" },
            new[] { "1-0:52.7.0", "234.7", "V", "234.7", "16", "0" },
            new[] { "1-0:72.7.0", "233.7", "V", "233.7", "16", "0" },
            new[] { "1-0:31.7.0", "004.8", "A", "4.8", "5", "0" },
            new[] { "1-0:51.7.0", "008.3", "A", "8.3", "5", "0" },
            new[] { "1-0:71.7.0", "009.0", "A", "9.0", "5", "0" },
        };

        // sensor index (= id) of each line by the reference script's defaults, in telegram order
        private static readonly int[] SeedIndex = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 13, 10, 12, 14, 15, 17, 19, 16, 18, 20, 21, 22, 23, 24, 25, 26 };

        // 0-0:1.0.0(210407111627W): Swedish normal time, UTC+1 all year (SE spec, PROTOCOLS.md §1.5)
        private static readonly long FrameTime = UnixTime.FromCivil(2021, 4, 7, 10, 16, 27);

        private static ReadingSet Fill()
        {
            ReadingSet set = new ReadingSet();
            byte[] header = Encoding.ASCII.GetBytes("ELL5\\253833635_A");
            set.SetHeader(header, 0, header.Length);
            set.FrameTime = FrameTime;
            byte[] tst = Encoding.ASCII.GetBytes("210407111627W");
            set.BeginReading(Obis.FromText("0-0:1.0.0"));
            set.EndReading(-1, set.AddTimestamp(FrameTime, tst, 0, tst.Length));
            foreach (string[] line in Telegram) TestReadings.Add(set, line[0], line[1], line[2]);
            return set;
        }

        [Fact]
        public void EveryLineBecomesItsVscpEvent()
        {
            MessageBuilder builder = new MessageBuilder(new GatewayConfig().Messages, TestReadings.Mac(), new FixedClock(0, 42));
            Xunit.Assert.Equal(26, builder.Build(Fill()));
            for (int i = 0; i < 26; i++)
            {
                string[] line = Telegram[i];
                string id = SeedIndex[i].ToString("X2");
                Xunit.Assert.Equal("vscp/FF:FF:FF:FF:FF:FF:FF:FE:00:11:22:33:44:55:00:" + id + "/1040/" + line[4], builder.Topic(i));
                int n = builder.WritePayload(i);
                using JsonDocument doc = JsonDocument.Parse(Encoding.UTF8.GetString(builder.PayloadBuffer, 0, n));
                JsonElement e = doc.RootElement;
                Xunit.Assert.Equal(32864, e.GetProperty("vscpHead").GetInt32());
                Xunit.Assert.Equal("2021-04-07T10:16:27Z", e.GetProperty("vscpDateTime").GetString());
                Xunit.Assert.Equal(42000, e.GetProperty("vscpTimeStamp").GetInt64());
                Xunit.Assert.Equal(1040, e.GetProperty("vscpClass").GetInt32());
                Xunit.Assert.Equal(int.Parse(line[4]), e.GetProperty("vscpType").GetInt32());
                Xunit.Assert.Equal("FF:FF:FF:FF:FF:FF:FF:FE:00:11:22:33:44:55:00:" + id, e.GetProperty("vscpGuid").GetString());
                byte[] data = new byte[e.GetProperty("vscpData").GetArrayLength()];
                int k = 0;
                foreach (JsonElement b in e.GetProperty("vscpData").EnumerateArray()) data[k++] = b.GetByte();
                Xunit.Assert.Equal(new byte[] { (byte)SeedIndex[i], 0, 0, byte.Parse(line[5]) }, data[..4]);
                Xunit.Assert.Equal(line[3], Encoding.ASCII.GetString(data, 4, data.Length - 5));
                Xunit.Assert.Equal(0, data[^1]);
                JsonElement m = e.GetProperty("measurement");
                Xunit.Assert.Equal(line[3], m.GetProperty("value").GetRawText());
                Xunit.Assert.Equal(int.Parse(line[5]), m.GetProperty("unit").GetInt32());
                Xunit.Assert.Equal(SeedIndex[i], m.GetProperty("sensorindex").GetInt32());
            }
            Xunit.Assert.Equal(0, builder.UnitMismatches + builder.NotNumbers + builder.Unencodable + builder.Duplicates);
        }

        [Fact]
        public void Class10NormalizedEventsDecodeToTheTelegramsValues()
        {
            GatewayConfig config = new GatewayConfig();
            config.Set("VSCP", "event_class", "10");
            MessageBuilder builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 0));
            Xunit.Assert.Equal(26, builder.Build(Fill()));
            for (int i = 0; i < 26; i++)
            {
                int n = builder.WritePayload(i);
                using JsonDocument doc = JsonDocument.Parse(Encoding.UTF8.GetString(builder.PayloadBuffer, 0, n));
                JsonElement data = doc.RootElement.GetProperty("vscpData");
                int coding = data[0].GetByte();
                Xunit.Assert.Equal(0x80 | int.Parse(Telegram[i][5]) << 3 | (SeedIndex[i] & 7), coding);
                int exponentByte = data[1].GetByte();
                int exponent = (exponentByte & 0x80) != 0 ? -(exponentByte & 0x7F) : exponentByte;
                long mantissa = (sbyte)data[2].GetByte();
                for (int b = 3; b < data.GetArrayLength(); b++) mantissa = mantissa << 8 | data[b].GetByte();
                Xunit.Assert.Equal(Telegram[i][3], FixedPoint.ToText(mantissa, exponent));
            }
        }

        [Fact]
        public void NoVscpPublishesTheSeedsTopicsAndPlainDigits()
        {
            GatewayConfig config = new GatewayConfig();
            config.Set("GENERAL", "no_vscp", "true");
            config.Set("GENERAL", "send_reactive_effect", "false");
            MessageBuilder builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 0));
            Xunit.Assert.Equal(18, builder.Build(Fill()));
            Xunit.Assert.Equal("Meter reading active energy out", builder.Topic(0));
            Xunit.Assert.Equal("Active effect L2 out", builder.Topic(7));
            Xunit.Assert.Equal("1882", Encoding.ASCII.GetString(builder.PayloadBuffer, 0, builder.WritePayload(7)));
            Xunit.Assert.Equal("Current L3", builder.Topic(17));
            Xunit.Assert.Equal("9.0", Encoding.ASCII.GetString(builder.PayloadBuffer, 0, builder.WritePayload(17)));
        }
    }
}
