using System.Globalization;
using MeterGateway.Protocols.Ekm;

namespace MeterGateway.Host.Cli;

/// <summary>
/// The settings of <c>metergateway ekm … SETTING VALUE…</c>, one per setting of the EKM library manual, turned into
/// the command bytes of <see cref="EkmCommands"/>. Syntax errors and values the meter does not allow become a
/// <see cref="UsageException"/> naming the setting and the value, before anything is sent.
/// </summary>
public static class EkmSettingArguments
{
    /// <summary>Each setting with its arguments and what they mean (the help text).</summary>
    public static readonly (string Name, string Usage)[] Settings =
    {
        ("ct-ratio", "AMPS: 100, 200, 400, 600, 800, 1000, 1200, 1500, 2000, 3000, 4000 or 5000"),
        ("max-demand-period", "MINUTES: 15, 30 or 60"),
        ("max-demand-reset-interval", "off|monthly|weekly|daily|hourly (v4)"),
        ("max-demand-reset-now", "(no value): reset the max demand now"),
        ("pulse-input-ratio", "INPUT RATIO: input 1..3, ratio 1..9999 (v4)"),
        ("pulse-output-ratio", "RATIO: 1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80, 100, 200, 400, 800 or 1600 (v4)"),
        ("relay", "RELAY open|close [SECONDS]: relay 1 or 2, for 1..9999 s or held (0, the default) (v4)"),
        ("meter-time", "now|YYYY-MM-DDThh:mm:ss: the meter's local time (now = this computer's local time)"),
        ("season-schedules", "M/D=S…: 1 to 4 seasons, start month/day and schedule 1..8"),
        ("schedule-tariffs", "SCHEDULE hh:mm=T…: schedule 1..8, 1 to 4 periods starting at hh:mm in tariff 1..4"),
        ("holidays", "M/D…: 0 to 20 holiday dates (none clears them)"),
        ("weekend-holiday-schedules", "WEEKEND HOLIDAY: the schedules 1..8 used on weekends and holidays"),
        ("lcd", "ITEM…: 1 to 40 display items, LCDItems names (kWh_Tot, Line_Freq…) or numbers 1..42 (v4)"),
        ("zero-resettable-kwh", "(no value): zero kWh_Rst and Rev_kWh_Rst (v4)"),
        ("password", "NEW: a new 8-digit meter password (keep it: EKM has no back door)"),
    };

    private static readonly string[] ResetIntervals = { "off", "monthly", "weekly", "daily", "hourly" };

    /// <summary>
    /// True for the settings only Omnimeter v4 meters have (those marked "(v4)" in the list above: max demand reset
    /// interval, pulse input and output ratios, relays, LCD items, the resettable kWh; EKM's v4 protocol document).
    /// </summary>
    public static bool IsV4Only(string setting) => Settings.Any(s => s.Name == setting && s.Usage.EndsWith("(v4)"));

    /// <summary>Builds the command of <paramref name="setting"/> with <paramref name="values"/> into <paramref name="buffer"/>; returns its length.</summary>
    public static int Build(string setting, string[] values, byte[] buffer, Func<DateTime>? localNow = null)
    {
        try
        {
            return setting switch
            {
                "ct-ratio" => EkmCommands.CtRatio(Int(setting, values, 0, 1), buffer, 0),
                "max-demand-period" => EkmCommands.MaxDemandPeriod(Int(setting, values, 0, 1), buffer, 0),
                "max-demand-reset-interval" => EkmCommands.MaxDemandResetInterval(ResetInterval(setting, values), buffer, 0),
                "max-demand-reset-now" => None(setting, values, EkmCommands.MaxDemandResetNow(buffer, 0)),
                "pulse-input-ratio" => EkmCommands.PulseInputRatio(Int(setting, values, 0, 2), Int(setting, values, 1, 2), buffer, 0),
                "pulse-output-ratio" => EkmCommands.PulseOutputRatio(Int(setting, values, 0, 1), buffer, 0),
                "relay" => Relay(setting, values, buffer),
                "meter-time" => MeterTime(setting, values, buffer, localNow ?? (() => DateTime.Now)),
                "season-schedules" => Seasons(setting, values, buffer),
                "schedule-tariffs" => ScheduleTariffs(setting, values, buffer),
                "holidays" => Holidays(setting, values, buffer),
                "weekend-holiday-schedules" => EkmCommands.WeekendHolidaySchedules(Int(setting, values, 0, 2), Int(setting, values, 1, 2), buffer, 0),
                "lcd" => EkmCommands.LcdItems(values.Select(v => LcdItem(setting, v)).ToArray(), buffer, 0),
                "zero-resettable-kwh" => None(setting, values, EkmCommands.ZeroResettableKwh(buffer, 0)),
                "password" => EkmCommands.MeterPassword(One(setting, values), buffer, 0),
                _ => throw new UsageException($"ekm: unknown setting '{setting}'; one of: settings, {string.Join(", ", Settings.Select(s => s.Name))}"),
            };
        }
        catch (EkmSettingException e)
        {
            throw new UsageException($"ekm {setting}: {e.Message}");
        }
    }

    private static int None(string setting, string[] values, int length)
    {
        if (values.Length != 0) throw new UsageException($"ekm {setting}: takes no value, got '{string.Join(" ", values)}'");
        return length;
    }

    private static string One(string setting, string[] values)
    {
        if (values.Length != 1) throw Usage(setting, values);
        return values[0];
    }

    private static int Int(string setting, string[] values, int index, int count)
    {
        if (values.Length != count) throw Usage(setting, values);
        return Number(setting, values[index]);
    }

    private static int Number(string setting, string text)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value))
        {
            throw new UsageException($"ekm {setting}: '{text}' is not a whole number");
        }
        return value;
    }

    private static UsageException Usage(string setting, string[] values)
    {
        string usage = Settings.First(s => s.Name == setting).Usage;
        return new UsageException($"ekm {setting}: expected {usage}; got '{string.Join(" ", values)}'");
    }

    private static int ResetInterval(string setting, string[] values)
    {
        string value = One(setting, values).ToLowerInvariant();
        int index = Array.IndexOf(ResetIntervals, value);
        return index >= 0 ? index : Number(setting, value);
    }

    private static int Relay(string setting, string[] values, byte[] buffer)
    {
        if (values.Length is < 2 or > 3 || values[1] is not ("open" or "close")) throw Usage(setting, values);
        int seconds = values.Length == 3 ? Number(setting, values[2]) : 0;
        return EkmCommands.Relay(Number(setting, values[0]), values[1] == "close", seconds, buffer, 0);
    }

    private static int MeterTime(string setting, string[] values, byte[] buffer, Func<DateTime> localNow)
    {
        string text = One(setting, values);
        DateTime t;
        if (text == "now") t = localNow();
        else if (!DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out t))
        {
            throw new UsageException($"ekm {setting}: '{text}' is not now or YYYY-MM-DDThh:mm:ss");
        }
        return EkmCommands.MeterTime(t.Year, t.Month, t.Day, t.Hour, t.Minute, t.Second, buffer, 0);
    }

    private static int Seasons(string setting, string[] values, byte[] buffer)
    {
        var parts = values.Select(v => Split(setting, v, '/', '=')).ToArray();
        return EkmCommands.SeasonSchedules(parts.Select(p => p[0]).ToArray(), parts.Select(p => p[1]).ToArray(), parts.Select(p => p[2]).ToArray(), buffer, 0);
    }

    private static int ScheduleTariffs(string setting, string[] values, byte[] buffer)
    {
        if (values.Length < 1) throw Usage(setting, values);
        var parts = values.Skip(1).Select(v => Split(setting, v, ':', '=')).ToArray();
        return EkmCommands.ScheduleTariffs(Number(setting, values[0]), parts.Select(p => p[0]).ToArray(),
            parts.Select(p => p[1]).ToArray(), parts.Select(p => p[2]).ToArray(), buffer, 0);
    }

    private static int Holidays(string setting, string[] values, byte[] buffer)
    {
        var parts = values.Select(v => Split(setting, v, '/')).ToArray();
        return EkmCommands.HolidayDates(parts.Select(p => p[0]).ToArray(), parts.Select(p => p[1]).ToArray(), buffer, 0);
    }

    // "1/21=2" with separators '/', '=' → {1, 21, 2}.
    private static int[] Split(string setting, string text, params char[] separators)
    {
        string[] pieces = text.Split(separators);
        if (pieces.Length != separators.Length + 1 || text.IndexOfAny(separators) < 0)
        {
            throw new UsageException($"ekm {setting}: '{text}' is not of the form expected: {Settings.First(s => s.Name == setting).Usage}");
        }
        return pieces.Select(p => Number(setting, p)).ToArray();
    }

    private static int LcdItem(string setting, string text)
    {
        int item = EkmLcdItems.Find(text);
        return item > 0 ? item : Number(setting, text);
    }
}
