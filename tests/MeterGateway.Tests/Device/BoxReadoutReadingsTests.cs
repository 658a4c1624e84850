using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Mapping;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Device;

/// <summary>
/// The box keeps of an IEC 62056-21 readout only the readings it uses (<see cref="MeterProfile.CreateBoxReadings"/>,
/// <see cref="PublishedReadingFilter"/>): with the Iskra MT174 readout of tests/corpus (343 data sets) it keeps exactly
/// the codes the filter names, with the same values as the host's whole set, and publishes, identifies and charts the
/// same as from the whole set, every <c>send_*</c> group switched on.
/// </summary>
public class BoxReadoutReadingsTests
{
    private static readonly GatewayConfig Config = new() { Protocol = MeterProtocol.Iec62056_21 };

    // The whole set (the host's) and the box's set of the Iskra MT174 readout.
    private static (ReadingSet Whole, ReadingSet Box) Parse()
    {
        byte[] data = Corpus.Bytes("iec62056-21", "iskra_mt174_modeC_9600.meter2.bin");
        int stx = Array.IndexOf(data, (byte)2);
        int end = Array.IndexOf(data, (byte)'!');
        MeterProfile profile = MeterProfile.For(Config);
        ReadingSet whole = profile.CreateReadings(1024), box = profile.CreateBoxReadings();
        var parser = new Iec62056Parser();
        Assert.Equal(343, parser.Parse(data, stx + 1, end - stx - 1, Obis.None, whole));
        Assert.Equal(15, parser.Parse(data, stx + 1, end - stx - 1, Obis.None, box));
        return (whole, box);
    }

    [Fact]
    public void TheBoxKeepsExactlyTheCodesItUses()
    {
        var (whole, box) = Parse();
        Assert.False(box.Overflowed);
        var filter = new PublishedReadingFilter();
        var expected = Enumerable.Range(0, whole.ReadingCount).Where(r => filter.Keeps(whole.ObisCode[r])).ToList();
        Assert.Equal(16, box.TotalValues); // 1-0:1.6.0 is a maximum demand and its time
        Assert.Equal(36, box.TextUsed);
        Assert.Equal(
            "1-0:0.0.0 0-0:96.1.0 1-0:1.6.0 1-0:1.7.0 1-0:1.8.0 1-0:1.8.1 1-0:1.8.2 1-0:1.8.3 1-0:1.8.4 "
            + "1-0:2.7.0 1-0:2.8.0 1-0:2.8.1 1-0:2.8.2 1-0:2.8.3 1-0:2.8.4",
            string.Join(" ", expected.Select(r => Obis.ToText(whole.ObisCode[r]))));
        AssertKeepsExactly(whole, box);
        Assert.Equal(8048375L, box.Mantissa[box.Primary[box.Find(Obis.FromText("1-0:1.8.0"))]]); // 8048.375 kWh
        Assert.Equal(-3, box.Exponent[box.Primary[box.Find(Obis.FromText("1-0:1.8.0"))]]);
    }

    /// <summary>
    /// Asserts that <paramref name="box"/> holds exactly the readings of <paramref name="whole"/> that
    /// <see cref="PublishedReadingFilter"/> keeps, in their order, with the same values, units and texts.
    /// </summary>
    internal static void AssertKeepsExactly(ReadingSet whole, ReadingSet box)
    {
        var filter = new PublishedReadingFilter();
        var expected = Enumerable.Range(0, whole.ReadingCount).Where(r => filter.Keeps(whole.ObisCode[r])).ToList();
        Assert.Equal(expected.Count, box.ReadingCount);
        for (int k = 0; k < expected.Count; k++)
        {
            int r = expected[k];
            Assert.Equal(whole.ObisCode[r], box.ObisCode[k]);
            Assert.Equal(whole.ValueCount[r], box.ValueCount[k]);
            Assert.Equal(Within(whole.Primary[r], whole.First[r]), Within(box.Primary[k], box.First[k]));
            Assert.Equal(Within(whole.CaptureTime[r], whole.First[r]), Within(box.CaptureTime[k], box.First[k]));
            for (int i = 0; i < whole.ValueCount[r]; i++)
            {
                int a = whole.First[r] + i, b = box.First[k] + i;
                Assert.Equal(whole.Kind[a], box.Kind[b]);
                Assert.Equal(whole.Mantissa[a], box.Mantissa[b]);
                Assert.Equal(whole.Exponent[a], box.Exponent[b]);
                Assert.Equal(whole.UnitCode[a], box.UnitCode[b]);
                Assert.Equal(whole.GetText(whole.UnitOffset[a], whole.UnitLength[a]), box.GetText(box.UnitOffset[b], box.UnitLength[b]));
                Assert.Equal(whole.GetText(whole.TextOffset[a], whole.TextLength[a]), box.GetText(box.TextOffset[b], box.TextLength[b]));
            }
        }
    }

    // A reading's value index relative to its first value (-1: none).
    private static int Within(int value, int first) => value < 0 ? -1 : value - first;

    [Fact]
    public void TheBoxPublishesIdentifiesAndChartsTheSameAsFromTheWholeSet()
    {
        var (whole, box) = Parse();
        var config = new GatewayConfig { Protocol = MeterProtocol.Iec62056_21 };
        for (int g = 0; g < config.Messages.Send.Length; g++) config.Messages.Send[g] = true;
        var clock = new FixedClock(1764936000, 5000);
        MessageBuilder fromWhole = new(config.Messages, TestReadings.Mac(), clock), fromBox = new(config.Messages, TestReadings.Mac(), clock);
        int count = fromWhole.Build(whole);
        Assert.Equal(count, fromBox.Build(box));
        Assert.Equal(13, count);
        for (int i = 0; i < count; i++)
        {
            Assert.Equal(fromWhole.Topic(i), fromBox.Topic(i));
            int length = fromWhole.WritePayload(i);
            Assert.Equal(Convert.ToHexString(fromWhole.PayloadBuffer, 0, length), Convert.ToHexString(fromBox.PayloadBuffer, 0, fromBox.WritePayload(i)));
        }

        MeterIdentity a = new(), b = new();
        a.Update(whole);
        b.Update(box);
        Assert.Equal("63355730", b.EquipmentId);
        Assert.Equal((a.Header, a.EquipmentId, a.Manufacturer, a.Model), (b.Header, b.EquipmentId, b.Manufacturer, b.Model));

        PowerHistory p = new(4), q = new(4);
        p.Add(whole, 1764936000);
        q.Add(box, 1764936000);
        Assert.Equal((p.Import(1764936000 / 60), p.Export(1764936000 / 60)), (q.Import(1764936000 / 60), q.Export(1764936000 / 60)));
    }

    [Fact]
    public void TheBoxsRecordIsSmallAndRoundTrips()
    {
        var (_, box) = Parse();
        byte[] buffer = new byte[65536];
        int length = ReadingSetCodec.Encode(box, buffer, 0, buffer.Length);
        Assert.Equal(276, length + RecordFormat.Overhead);
        Assert.True(length + RecordFormat.Overhead <= MeterProfile.For(Config).OutboxOptions(Config).MaxRecordBytes);
        ReadingSet decoded = MeterProfile.For(Config).CreateBoxReadings();
        Assert.True(ReadingSetCodec.Decode(buffer, 0, length, decoded));
        Assert.True(OutboxSamples.SameReadings(box, decoded));
    }
}
