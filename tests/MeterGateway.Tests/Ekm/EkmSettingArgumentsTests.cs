using MeterGateway.Protocols.Ekm;
using MeterGateway.Host.Cli;
using Xunit;

namespace MeterGateway.Tests.Ekm;

/// <summary>The <c>ekm</c> command's setting arguments: the same bytes as the core builders, and usage errors that name setting and value.</summary>
public class EkmSettingArgumentsTests
{
    private static byte[] Cli(string setting, params string[] values)
    {
        var b = new byte[EkmRequests.MaxCommandLength];
        return b[..EkmSettingArguments.Build(setting, values, b, () => new DateTime(2023, 11, 22, 15, 39, 2))];
    }

    private static byte[] Core(Func<byte[], int> build)
    {
        var b = new byte[EkmRequests.MaxCommandLength];
        return b[..build(b)];
    }

    [Fact]
    public void EverySettingBuildsTheCoreCommand()
    {
        Assert.Equal(Core(b => EkmCommands.CtRatio(800, b, 0)), Cli("ct-ratio", "800"));
        Assert.Equal(Core(b => EkmCommands.MaxDemandPeriod(60, b, 0)), Cli("max-demand-period", "60"));
        Assert.Equal(Core(b => EkmCommands.MaxDemandResetInterval(2, b, 0)), Cli("max-demand-reset-interval", "weekly"));
        Assert.Equal(Core(b => EkmCommands.MaxDemandResetInterval(0, b, 0)), Cli("max-demand-reset-interval", "0"));
        Assert.Equal(Core(b => EkmCommands.MaxDemandResetNow(b, 0)), Cli("max-demand-reset-now"));
        Assert.Equal(Core(b => EkmCommands.PulseInputRatio(3, 100, b, 0)), Cli("pulse-input-ratio", "3", "100"));
        Assert.Equal(Core(b => EkmCommands.PulseOutputRatio(400, b, 0)), Cli("pulse-output-ratio", "400"));
        Assert.Equal(Core(b => EkmCommands.Relay(2, true, 30, b, 0)), Cli("relay", "2", "close", "30"));
        Assert.Equal(Core(b => EkmCommands.Relay(1, false, 0, b, 0)), Cli("relay", "1", "open"));
        Assert.Equal(Core(b => EkmCommands.MeterTime(2023, 11, 22, 15, 39, 2, b, 0)), Cli("meter-time", "now"));
        Assert.Equal(Core(b => EkmCommands.MeterTime(2024, 2, 29, 23, 59, 59, b, 0)), Cli("meter-time", "2024-02-29T23:59:59"));
        Assert.Equal(Core(b => EkmCommands.SeasonSchedules(new[] { 1, 3 }, new[] { 1, 21 }, new[] { 1, 2 }, b, 0)), Cli("season-schedules", "1/1=1", "3/21=2"));
        Assert.Equal(Core(b => EkmCommands.ScheduleTariffs(1, new[] { 0, 5 }, new[] { 0, 30 }, new[] { 1, 2 }, b, 0)), Cli("schedule-tariffs", "1", "00:00=1", "05:30=2"));
        Assert.Equal(Core(b => EkmCommands.HolidayDates(new[] { 12, 1 }, new[] { 25, 1 }, b, 0)), Cli("holidays", "12/25", "1/1"));
        Assert.Equal(Core(b => EkmCommands.HolidayDates(new int[0], new int[0], b, 0)), Cli("holidays"));
        Assert.Equal(Core(b => EkmCommands.WeekendHolidaySchedules(7, 8, b, 0)), Cli("weekend-holiday-schedules", "7", "8"));
        Assert.Equal(Core(b => EkmCommands.LcdItems(new[] { 3, 28, 42 }, b, 0)), Cli("lcd", "RMS_Volts_Ln_1", "Line_Freq", "42"));
        Assert.Equal(Core(b => EkmCommands.ZeroResettableKwh(b, 0)), Cli("zero-resettable-kwh"));
        Assert.Equal(Core(b => EkmCommands.MeterPassword("87654321", b, 0)), Cli("password", "87654321"));
    }

    [Theory]
    [InlineData("ekm ct-ratio: CT ratio 150 is not allowed: 100, 200, 400, 600, 800, 1000, 1200, 1500, 2000, 3000, 4000 or 5000", "ct-ratio", "150")]
    [InlineData("ekm relay: relay interval 10000 is not allowed: 0 (hold) to 9999 seconds", "relay", "1", "close", "10000")]
    [InlineData("ekm relay: expected RELAY open|close [SECONDS]: relay 1 or 2, for 1..9999 s or held (0, the default) (v4); got '1 shut'", "relay", "1", "shut")]
    [InlineData("ekm max-demand-period: 'x' is not a whole number", "max-demand-period", "x")]
    [InlineData("ekm max-demand-reset-now: takes no value, got '1'", "max-demand-reset-now", "1")]
    [InlineData("ekm meter-time: '2023-02-29T00:00:00' is not now or YYYY-MM-DDThh:mm:ss", "meter-time", "2023-02-29T00:00:00")]
    [InlineData("ekm holidays: holiday 1 day 31 is not allowed: a day of month 4", "holidays", "4/31")]
    [InlineData("ekm lcd: 'Volts' is not a whole number", "lcd", "Volts")]
    [InlineData("ekm password: new meter password 12ab5678 is not allowed: exactly 8 digits", "password", "12ab5678")]
    public void BadValuesAreUsageErrors(string message, string setting, params string[] values)
    {
        var e = Assert.Throws<UsageException>(() => Cli(setting, values));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void UnknownSettingListsTheSettings()
    {
        var e = Assert.Throws<UsageException>(() => Cli("volume", "11"));
        Assert.StartsWith("ekm: unknown setting 'volume'; one of: settings, ct-ratio,", e.Message);
    }
}
