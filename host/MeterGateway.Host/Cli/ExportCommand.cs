using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using MeterGateway.Host.Storage;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway export --db FILE --since T [--address A] [--format json|csv|xml] [--raw]</c>: prints the EKM reads
/// stored in an SQLite file (<see cref="EkmReadStore"/>) after time T (Unix seconds or ISO 8601, e.g.
/// <c>2024-01-31T00:00:00Z</c>), oldest first: JSON, one object per read and line
/// (<c>{"Meter_Address":"000300001162","Time_Stamp":1706659200000,"Time":"2024-01-31T00:00:00.000Z","kWh_Tot":12345.6,…}</c>,
/// numbers exact, fields the meter did not send left out), CSV with a header line and every column, or one XML
/// document with an element per read and field (<see cref="EkmReadXml"/>).
/// <c>--raw</c> adds the raw reads in hex (Raw_A, Raw_B), as SqliteMeterDB's renderRawJsonReadsSince does.
/// </summary>
public sealed class ExportCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Create()
    {
        var db = new Option<string>("--db") { Description = "SQLite file written by --db", Required = true };
        var since = new Option<string>("--since") { Description = "Reads after this time: Unix seconds or ISO 8601 (2024-01-31T00:00:00Z)", Required = true };
        var address = new Option<string?>("--address", "-a") { Description = "Only this meter (12 digits)" };
        var format = new Option<string>("--format") { Description = "json (one object per line), csv or xml (one document, an element per field)", DefaultValueFactory = _ => "json" };
        var raw = new Option<bool>("--raw") { Description = "Add the raw reads in hex (Raw_A, Raw_B)" };
        var command = new Command("export", "Print stored EKM reads as JSON lines, CSV or XML");
        foreach (var option in new Option[] { db, since, address, format, raw }) command.Options.Add(option);
        command.SetAction(result => Run(result.GetValue(db)!, result.GetValue(since)!, result.GetValue(address),
            result.GetValue(format)!, result.GetValue(raw), Console.Out));
        return command;
    }

    /// <summary>Writes the reads; returns the exit code (0 also when there are none).</summary>
    public static int Run(string dbPath, string since, string? address, string format, bool raw, TextWriter output)
    {
        if (format is not ("json" or "csv" or "xml")) throw new UsageException($"--format {format}: json, csv or xml");
        if (!File.Exists(dbPath)) throw new UsageException($"--db {dbPath}: no such file");
        long sinceMs = ParseSince(since);
        using var store = new EkmReadStore(dbPath);
        if (format == "xml")
        {
            EkmReadXml.Write(output, store.ReadSince(sinceMs, address), raw);
            return ExitCodes.Ok;
        }
        if (format == "csv")
        {
            var header = new List<string> { "Meter_Address", "Time_Stamp" };
            header.AddRange(EkmReadStore.FieldColumns);
            if (raw) header.AddRange(new[] { "Raw_A", "Raw_B" });
            output.WriteLine(string.Join(",", header));
        }
        foreach (var read in store.ReadSince(sinceMs, address))
        {
            output.WriteLine(format == "json" ? Json(read, raw) : Csv(read, raw));
        }
        return ExitCodes.Ok;
    }

    /// <summary>Unix milliseconds of a --since value: Unix seconds or an ISO 8601 time (UTC when no offset is given).</summary>
    public static long ParseSince(string text)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seconds)) return seconds * 1000;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time.ToUnixTimeMilliseconds();
        throw new UsageException($"--since {text}: not a time (Unix seconds or ISO 8601 such as 2024-01-31T00:00:00Z)");
    }

    private static string Json(EkmStoredRead read, bool raw)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteString("Meter_Address", read.MeterAddress);
            w.WriteNumber("Time_Stamp", read.TimeStampMs);
            w.WriteString("Time", EkmReadTime.Iso(read.TimeStampMs));
            foreach (var field in read.Fields)
            {
                w.WritePropertyName(field.Name);
                if (field.IsNumber) w.WriteRawValue(field.Value!);
                else w.WriteStringValue(field.Value);
            }
            if (raw)
            {
                w.WriteString("Raw_A", read.RawA);
                w.WriteString("Raw_B", read.RawB);
            }
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Csv(EkmStoredRead read, bool raw)
    {
        var byName = read.Fields.ToDictionary(f => f.Name, f => f.Value);
        var cells = new List<string?> { read.MeterAddress, read.TimeStampMs.ToString(CultureInfo.InvariantCulture) };
        cells.AddRange(EkmReadStore.FieldColumns.Select(c => byName.GetValueOrDefault(c)));
        if (raw) cells.AddRange(new[] { read.RawA, read.RawB });
        return string.Join(",", cells.Select(Quote));
    }

    private static string Quote(string? cell)
    {
        if (cell == null) return "";
        return cell.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";
    }
}
