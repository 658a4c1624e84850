using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Readings;
using MeterGateway.Host.Serial;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>
/// <c>metergateway simulate</c> on one end of a socat pty pair, <see cref="SerialMeterLink"/> (System.IO.Ports) on the
/// other: the telegrams arrive whole, with valid CRCs and the current time, at 115200 8N1 and at 9600 7E1.
/// </summary>
[Collection(MeterGateway.Tests.Fixtures.RealComponentsCollection.Name)]
public class SimulatorOverPtyTests
{
    [SkippableTheory]
    [InlineData(115200, "none", 8, LinkParity.None)]
    [InlineData(9600, "even", 7, LinkParity.Even)]
    public void SimulatedTelegramsArriveValidAndStamped(int baud, string parity, int dataBits, LinkParity linkParity)
    {
        using var pty = PtyPair.Start();
        Skip.If(pty == null, "socat is not installed (apt-get install socat)");
        using var link = new SerialMeterLink(pty!.B);
        link.Open(baud, linkParity, dataBits);
        long before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        using var simulator = MetergatewayProcess.Start("simulate", "--protocol", "dsmr", "--port", pty.A, "--count", "3",
            "--interval", "0.3", "--baud", baud.ToString(), "--parity", parity, "--data-bits", dataBits.ToString(),
            Corpus.File("dsmr", "dsmr42_nl_kaifa.txt"));

        var decoder = new DsmrDecoder();
        var set = new ReadingSet();
        var buffer = new byte[512];
        int valid = 0;
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (valid < 3 && DateTime.UtcNow < deadline)
        {
            int n = link.Read(buffer, 0, buffer.Length, 200);
            int used = 0;
            while (used < n)
            {
                used += decoder.Feed(buffer, used, n - used);
                Assert.NotEqual(FrameResult.Invalid, decoder.Result);
                if (decoder.Result != FrameResult.Valid) continue;
                Assert.True(decoder.Parse(set));
                valid++;
                Assert.InRange(set.FrameTime, before - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 1);
                int r = set.Find(Obis.FromText("1-0:1.8.1"));
                Assert.Equal(1581123L, set.Mantissa[set.Primary[r]]);
            }
        }
        Assert.Equal(3, valid);
        Assert.True(simulator.WaitForExit(10000));
        Assert.Equal(0, simulator.ExitCode);
    }
}
