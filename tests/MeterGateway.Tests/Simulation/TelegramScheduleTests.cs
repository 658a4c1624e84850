using MeterGateway.Host.Simulation;
using Xunit;

namespace MeterGateway.Tests.Simulation;

/// <summary>The stamps of <c>metergateway simulate</c> (<see cref="TelegramSchedule"/>) when ticks come late.</summary>
public class TelegramScheduleTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeMilliseconds(1_764_936_000_900); // 2025-12-05 12:00:00.9 UTC

    [Fact]
    public void ALateTickAndTheOneCatchingUpAfterItKeepTheirOwnSeconds()
    {
        var schedule = new TelegramSchedule(TimeSpan.FromSeconds(1));
        Assert.Equal(Start, schedule.Next(Start));
        // the second tick, due at 12:00:01.9, runs at 12:00:02.5; the third catches up at 12:00:02.9
        Assert.Equal(1_764_936_001, schedule.Next(Start.AddSeconds(1.6)).ToUnixTimeSeconds());
        Assert.Equal(1_764_936_002, schedule.Next(Start.AddSeconds(2.0)).ToUnixTimeSeconds());
        // on time again
        Assert.Equal(1_764_936_003, schedule.Next(Start.AddSeconds(3.001)).ToUnixTimeSeconds());
    }

    [Fact]
    public void ATickMoreThanAnIntervalLateTakesTheSlotItIsIn()
    {
        var schedule = new TelegramSchedule(TimeSpan.FromSeconds(1));
        schedule.Next(Start);
        Assert.Equal(Start.AddSeconds(5), schedule.Next(Start.AddSeconds(5.7)));
        Assert.Equal(Start.AddSeconds(6), schedule.Next(Start.AddSeconds(5.71)));
    }

    [Fact]
    public void UnderASecondStampsFollowTheClockAndRepeatSeconds()
    {
        var schedule = new TelegramSchedule(TimeSpan.FromSeconds(0.3));
        Assert.Equal(Start, schedule.Next(Start));
        Assert.Equal(Start.AddSeconds(0.3), schedule.Next(Start.AddSeconds(0.3)));
        Assert.Equal(Start.AddSeconds(0.6), schedule.Next(Start.AddSeconds(0.6)));
        Assert.Equal(1_764_936_001, schedule.Next(Start.AddSeconds(0.6)).ToUnixTimeSeconds()); // a catch-up: 0.9 s, ahead by 0.3 s
        Assert.Equal(1_764_936_002, schedule.Next(Start.AddSeconds(1.21)).ToUnixTimeSeconds());
    }
}
