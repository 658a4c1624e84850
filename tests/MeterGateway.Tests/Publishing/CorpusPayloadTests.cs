using System.Text;
using MeterGateway.Config;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Dsmr;
using MeterGateway.Tests.Shared;
using Xunit;

namespace MeterGateway.Tests.Publishing;

/// <summary>
/// Every MQTT message of a real DSMR 5 telegram (tests/corpus/dsmr/dsmr50_nl_iskra_mt382.txt, 21 events), topic and
/// payload byte for byte against the messages the builder published before its memory was cut (2026-12-05, kept in
/// dsmr50_nl_iskra_mt382.messages.txt beside this file): the event classes 1040, 10 (normalized and float) and 1060, a
/// configured GUID, zone and subzone, an outbox set's object id, two meters with their own GUIDs, <c>no_vscp</c>, and
/// notes that need JSON escaping (quotes, backslashes, control characters, non-ASCII text). Each set is built twice: the
/// second time from the topics and JSON parts kept since the first.
/// </summary>
public class CorpusPayloadTests
{
    private const string Capture = "dsmr50_nl_iskra_mt382.txt";

    private static readonly byte[] Mac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };

    // The two meter addresses of the two-meter case (12 digits, as [EKM] meters gives them).
    private static readonly string[] Addresses = { "000300001162", "000300004711" };

    // Notes that need escaping in a JSON string (RFC 8259 §7), on quantities the telegram has.
    private static void EscapingNotes(GatewayConfig config)
    {
        config.Set("NOTES", "note_voltage_l1", "Spannung \"L1\" \\ C:\\meter");
        config.Set("NOTES", "note_current_l1", "Strom\tL1\r\nneu");
        config.Set("NOTES", "note_tariff1_active_energy_out", "Zählerstand Tarif 1 in € (Σ)");
        config.Set("NOTES", "note_momentan_active_effect_out", "Power\u0001\u001f out");
    }

    /// <summary>Each case: its name, the configuration, and the object id (an outbox set's sequence number, or 0).</summary>
    private static IEnumerable<(string Name, GatewayConfig Config, long ObjectId)> Cases()
    {
        var plain = new GatewayConfig();
        yield return ("1040", plain, 0);

        var escaped = new GatewayConfig();
        EscapingNotes(escaped);
        yield return ("1040 escaped notes, outbox set 42", escaped, 42);

        var normalized = new GatewayConfig();
        normalized.Set("VSCP", "event_class", "10");
        normalized.Set("VSCP", "zone", "3");
        normalized.Set("VSCP", "subzone", "4");
        normalized.Set("VSCP", "guid", "00:01:02:03:04:05:06:07:08:09:0a:0b:0c:0d:0E:0F");
        EscapingNotes(normalized);
        yield return ("10 normalized, guid, zone 3, subzone 4", normalized, 0);

        var single = new GatewayConfig();
        single.Set("VSCP", "event_class", "10");
        single.Set("VSCP", "class1_coding", "float");
        single.Set("VSCP", "sensorindex_voltage_l1", "200");
        single.Set("VSCP", "id_voltage_l1", "513");
        yield return ("10 float, sensor index 200 and id 513 of voltage_l1", single, 0);

        var dbl = new GatewayConfig();
        dbl.Set("VSCP", "event_class", "1060");
        dbl.Set("MQTT", "topic", "m/{xguid}/{sensorindex}/{zone}/{subzone}/{nickname}/{class}/{type}");
        EscapingNotes(dbl);
        yield return ("1060, every topic placeholder", dbl, 0);

        var plainValues = new GatewayConfig();
        plainValues.Set("GENERAL", "no_vscp", "true");
        yield return ("no_vscp", plainValues, 0);
    }

    /// <summary>
    /// The messages of the telegram's set under one case, as lines "case TAB topic TAB payload": with
    /// <paramref name="meters"/> the set of each meter in turn (its address as the set's header), all through one builder;
    /// everything twice, the second time checked against the first.
    /// </summary>
    private static List<string> Messages(string name, GatewayConfig config, long objectId, string[]? meters)
    {
        ReadingSet set = DsmrDecoding.Single(Corpus.Bytes("dsmr", Capture));
        var builder = new MessageBuilder(config.Messages, Mac, new FixedClock(UnixTime.FromCivil(2026, 12, 5, 12, 0, 0), 1234));
        builder.ObjectId = objectId;
        var lines = new List<string>();
        for (int pass = 0; pass < 2; pass++)
        {
            int at = 0;
            foreach (string? meter in meters ?? new string?[] { null })
            {
                if (meter != null)
                {
                    byte[] address = Encoding.ASCII.GetBytes(meter);
                    set.SetHeader(address, 0, address.Length);
                }
                int count = builder.Build(set);
                Assert.Equal(21, count);
                for (int i = 0; i < count; i++, at++)
                {
                    int length = builder.WritePayload(i);
                    string line = name + (meter != null ? " meter " + meter : "") + "\t" + builder.Topic(i) + "\t"
                        + Encoding.UTF8.GetString(builder.PayloadBuffer, 0, length);
                    if (pass == 0) lines.Add(line);
                    else Assert.Equal(lines[at], line);
                }
            }
        }
        return lines;
    }

    private static List<string> AllMessages()
    {
        var lines = new List<string>();
        foreach (var (name, config, objectId) in Cases()) lines.AddRange(Messages(name, config, objectId, null));
        // Two meters: each has its own GUIDs (bytes 8..13 its address) and so its own topics and JSON parts.
        var two = new GatewayConfig();
        EscapingNotes(two);
        two.Messages.Meters = new[] { Encoding.ASCII.GetBytes(Addresses[0]), Encoding.ASCII.GetBytes(Addresses[1]) };
        lines.AddRange(Messages("1040", two, 0, Addresses));
        return lines;
    }

    [Fact]
    public void EveryMessageOfTheTelegramIsByteIdenticalToTheKeptOnes()
    {
        string[] expected = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Publishing", "dsmr50_nl_iskra_mt382.messages.txt"), Encoding.UTF8);
        List<string> actual = AllMessages();
        Assert.Equal(6 * 21 + 2 * 21, expected.Length);
        Assert.Equal(expected.Length, actual.Count);
        for (int i = 0; i < expected.Length; i++) Assert.Equal(expected[i], actual[i]);
    }
}
