using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Sml;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Host.Gateway;
using Xunit;

namespace MeterGateway.Tests.Sml;

/// <summary>
/// What an SML meter's first valid file publishes: energies in kWh and the power registers (1-0:16.7.0 and the phases
/// 36/56/76.7.0, signed) in W, with the exact digits of tests/corpus/sml/README.md.
/// </summary>
public class SmlPublishingTests
{
    [Theory]
    // ISKRA_MT175_D1A52-V22-K0t: 16.7.0 = -4308 W, 36/56/76.7.0 = -1392/-1432/-1482 W (exporting).
    [InlineData("ISKRA_MT175_D1A52-V22-K0t.bin", "Active effect net (out minus in)", "-4308")]
    [InlineData("ISKRA_MT175_D1A52-V22-K0t.bin", "Active effect L1 net (out minus in)", "-1392")]
    [InlineData("ISKRA_MT175_D1A52-V22-K0t.bin", "Active effect L3 net (out minus in)", "-1482")]
    [InlineData("ISKRA_MT175_D1A52-V22-K0t.bin", "Meter reading active energy in", "28275.3245")]
    // EMH ED300L: 15.7.0 = 137.1 W; 1.8.0 = 17243368.3 Wh.
    [InlineData("EMH-ED300L_consumption.bin", "Active effect absolute", "137.1")]
    [InlineData("EMH-ED300L_consumption.bin", "Meter reading active energy out", "17243.3683")]
    // DZG DVS74 sends 356.24 W as the signed -299.12 W; with the quirk on (the default) the true value is published.
    [InlineData("DZG_DVS-7412.2_jmberg.bin", "Active effect net (out minus in)", "356.24")]
    // A later DZG with a genuinely negative power keeps its sign.
    [InlineData("DZG_DVS-7420.2V.G2_mtr2_neg.bin", "Active effect net (out minus in)", "-105.50")]
    public void FirstFilePublishesExactValues(string capture, string note, string digits)
    {
        var values = Published(capture);
        Assert.True(values.TryGetValue(note, out var value), capture + ": nothing published as " + note + "; got " + string.Join(", ", values.Keys));
        Assert.Equal(digits, value);
    }

    // note → measurement value digits of the events built from the first valid SML file.
    private static Dictionary<string, string> Published(string capture)
    {
        byte[] data = Corpus.Bytes("sml", capture);
        var decoder = new SmlDecoder();
        var set = new ReadingSet();
        int used = 0;
        while (used < data.Length)
        {
            used += decoder.Feed(data, used, data.Length - used);
            if (decoder.Result == FrameResult.Valid && decoder.Parse(set)) break;
        }
        Assert.True(set.ReadingCount > 0, capture + ": no valid SML file");
        var builder = new MessageBuilder(new GatewayConfig().Messages, new byte[6], new HostClock());
        var values = new Dictionary<string, string>();
        int count = builder.Build(set);
        for (int i = 0; i < count; i++)
        {
            int length = builder.WritePayload(i);
            using var json = JsonDocument.Parse(builder.PayloadBuffer.AsMemory(0, length));
            values[json.RootElement.GetProperty("vscpNote").GetString()!] = json.RootElement.GetProperty("measurement").GetProperty("value").GetRawText();
        }
        return values;
    }
}
