using System.CommandLine;
using System.Text.Json;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;
using MeterGateway.Host.Serial;
using MeterGateway.Host.Storage;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway ekm --port DEVICE --address A [--meter-version 3|4] [--password P] SETTING VALUE…</c>: changes one
/// setting of an EKM Omnimeter on an RS-485 bus (every setting of the EKM library manual, see
/// <see cref="EkmSettingArguments"/>), its value checked before anything is sent; <c>ekm … settings</c> reads them
/// all back as one JSON object (the A/B read's fields by EKM name, the 8 tariff schedules, 6 months of forward and
/// reverse kWh, the holidays and the weekend/holiday schedules). Exit 0 when the meter acknowledged (or answered),
/// 1 when it refused or did not answer, 2 for a bad argument.
/// </summary>
public sealed class EkmCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Create()
    {
        var port = new Option<string>("--port") { Description = "Serial device of the RS-485 adapter (opened at 9600 7E1)", Required = true };
        var address = new Option<string>("--address", "-a") { Description = "Meter address: the 12-digit number on the meter (leading zeros may be left out; 999999999999 = the only meter on the line)", Required = true };
        var version = new Option<int>("--meter-version") { Description = "Omnimeter generation: 3 or 4", DefaultValueFactory = _ => 4 };
        var password = new Option<string>("--password") { Description = "Meter password (8 digits)", DefaultValueFactory = _ => "00000000" };
        var timeout = new Option<int>("--timeout-ms") { Description = "Longest wait for a reply", DefaultValueFactory = _ => 3000 };
        var setting = new Argument<string>("SETTING") { Description = "settings, or one of: " + string.Join(", ", EkmSettingArguments.Settings.Select(s => s.Name)) };
        var values = new Argument<string[]>("VALUE") { Description = "The setting's values: " + string.Join("; ", EkmSettingArguments.Settings.Select(s => s.Name + " " + s.Usage)), Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("ekm", "Change a setting of an EKM Omnimeter, or read its settings back");
        foreach (var option in new Option[] { port, address, version, password, timeout }) command.Options.Add(option);
        command.Arguments.Add(setting);
        command.Arguments.Add(values);
        command.SetAction(result => Run(result.GetValue(port)!, result.GetValue(address)!, result.GetValue(version), result.GetValue(password)!,
            result.GetValue(timeout), result.GetValue(setting)!, result.GetValue(values) ?? Array.Empty<string>(), Console.Out));
        return command;
    }

    /// <summary>Runs the command on the serial device <paramref name="port"/>; prints the outcome on <paramref name="output"/>.</summary>
    public static int Run(string port, string address, int version, string password, int timeoutMs, string setting, string[] values, TextWriter output)
    {
        if (version is not (3 or 4)) throw new UsageException($"--meter-version {version}: 3 or 4");
        var meterVersion = version == 3 ? EkmMeterVersion.V3 : EkmMeterVersion.V4;
        byte[] meter;
        var command = new byte[EkmRequests.MaxCommandLength];
        int length = 0;
        try
        {
            meter = EkmRequests.Address(address);
            EkmRequests.CheckPassword("--password", password);
            if (setting != "settings") length = EkmSettingArguments.Build(setting, values, command);
            else if (values.Length > 0) throw new UsageException($"ekm settings: takes no value, got '{string.Join(" ", values)}'");
            if (meterVersion == EkmMeterVersion.V3 && EkmSettingArguments.IsV4Only(setting))
                throw new UsageException($"ekm {setting}: a v4 setting; an Omnimeter v3 (--meter-version 3) does not have it, nothing was sent");
        }
        catch (EkmSettingException e)
        {
            throw new UsageException("ekm: " + e.Message);
        }

        using var link = new SerialMeterLink(port);
        link.Open(EkmClient.BaudRate, EkmClient.Parity, EkmClient.DataBits);
        var client = new EkmClient(link) { FirstByteTimeoutMs = timeoutMs };
        string who = Ascii.ToString(meter, 0, meter.Length);
        if (setting == "settings") return ReadSettings(client, meter, meterVersion, output);

        EkmStatus status = client.Write(meter, meterVersion, password, command, 0, length);
        if (status != EkmStatus.Ok)
        {
            Console.Error.WriteLine($"metergateway: ekm {setting}: meter {who}: {EkmStatusText.Of(status)}");
            return ExitCodes.Failed;
        }
        output.WriteLine($"ekm {string.Join(" ", values.Prepend(setting))}: acknowledged by meter {who}");
        return ExitCodes.Ok;
    }

    private static int ReadSettings(EkmClient client, byte[] meter, EkmMeterVersion version, TextWriter output)
    {
        var readings = new ReadingSet();
        var settings = new EkmMeterSettings();
        EkmStatus status = client.Read(meter, version, readings);
        if (status == EkmStatus.Ok) status = client.ReadSettings(meter, version, settings);
        if (status != EkmStatus.Ok)
        {
            Console.Error.WriteLine($"metergateway: ekm settings: meter {Ascii.ToString(meter, 0, meter.Length)}: {EkmStatusText.Of(status)}");
            return ExitCodes.Failed;
        }
        output.WriteLine(SettingsJson(version, readings, settings));
        return ExitCodes.Ok;
    }

    /// <summary>The settings as one JSON object (numbers exact).</summary>
    public static string SettingsJson(EkmMeterVersion version, ReadingSet readings, EkmMeterSettings settings)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteNumber("version", (int)version);
            w.WriteStartObject("read");
            foreach (var field in EkmFieldValues.Of(readings))
            {
                w.WritePropertyName(field.Name);
                if (field.Value == null) w.WriteNullValue();
                else if (field.IsNumber) w.WriteRawValue(field.Value);
                else w.WriteStringValue(field.Value);
            }
            w.WriteEndObject();
            w.WriteStartArray("schedules");
            for (int s = 0; s < EkmCommands.Schedules; s++)
            {
                w.WriteStartObject();
                w.WriteNumber("schedule", s + 1);
                w.WriteStartArray("periods");
                for (int t = 0; t < EkmCommands.Tariffs; t++)
                {
                    int i = s * EkmCommands.Tariffs + t;
                    w.WriteStartObject();
                    w.WriteString("start", $"{settings.TariffHour[i]:00}:{settings.TariffMinute[i]:00}");
                    w.WriteNumber("tariff", settings.TariffRate[i]);
                    w.WriteEndObject();
                }
                w.WriteEndArray();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("months");
            for (int m = 0; m < EkmMeterSettings.Months; m++)
            {
                w.WriteStartObject();
                w.WriteNumber("month", m + 1);
                string[] names = { "Tot", "Tariff_1", "Tariff_2", "Tariff_3", "Tariff_4" };
                for (int k = 0; k < 5; k++)
                {
                    w.WritePropertyName("kWh_" + names[k]);
                    w.WriteRawValue(FixedPoint.ToText(settings.MonthForward[m * 5 + k], settings.MonthExponent));
                }
                for (int k = 0; k < 5; k++)
                {
                    w.WritePropertyName("Rev_kWh_" + names[k]);
                    w.WriteRawValue(FixedPoint.ToText(settings.MonthReverse[m * 5 + k], settings.MonthExponent));
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartArray("holidays");
            for (int h = 0; h < EkmCommands.Holidays; h++)
            {
                if (settings.HolidayMonth[h] == 0) continue;
                w.WriteStartObject();
                w.WriteNumber("holiday", h + 1);
                w.WriteNumber("month", settings.HolidayMonth[h]);
                w.WriteNumber("day", settings.HolidayDay[h]);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteNumber("weekend_schedule", settings.WeekendSchedule);
            w.WriteNumber("holiday_schedule", settings.HolidaySchedule);
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
