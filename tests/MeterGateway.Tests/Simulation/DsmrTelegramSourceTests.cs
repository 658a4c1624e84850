using MeterGateway.Host.Simulation;
using MeterGateway.Tests.Dsmr;
using Xunit;

namespace MeterGateway.Tests.Simulation;

/// <summary>The simulated P1 meter's time stamps (<see cref="DsmrTelegramSource"/>) over a real capture.</summary>
public class DsmrTelegramSourceTests
{
    private static long Stamp(DsmrTelegramSource source, DateTimeOffset now)
    {
        var (_, buffer, length) = source.Next(now);
        return DsmrDecoding.Single(buffer[..length]).FrameTime;
    }

    [Fact]
    public void TelegramsSentInOneSecondGetSuccessiveStampsAsAMetersWould()
    {
        const string name = "dsmr50_nl_iskra_am550_openhab.txt";
        var source = new DsmrTelegramSource(new[] { (name, Corpus.Bytes("dsmr", name)) });
        var now = DateTimeOffset.FromUnixTimeSeconds(1_764_936_000); // 2025-12-05 12:00:00 UTC
        Assert.Equal(1_764_936_000, Stamp(source, now));
        // a late timer tick catching up: the next telegram goes out in the same second
        Assert.Equal(1_764_936_001, Stamp(source, now.AddMilliseconds(400)));
        // the clock moves on past the stamps: the clock's second again
        Assert.Equal(1_764_936_005, Stamp(source, now.AddSeconds(5)));
    }
}
