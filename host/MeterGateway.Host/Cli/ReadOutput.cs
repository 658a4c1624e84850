using System.Globalization;
using System.Text;
using MeterGateway.Readings;
using MeterGateway.Host.Logging;

namespace MeterGateway.Host.Cli;

/// <summary>
/// Where <c>metergateway read</c> puts each frame: one JSON line on the output, exactly as <c>parse</c> prints
/// (<see cref="ReadingJson"/>), and, when asked, rows appended to a CSV file (RFC 4180), one per reading:
/// <c>time,meter,obis,name,value,unit</c> — the time of the read in UTC, the meter's identification, the OBIS code, its
/// name in the language asked (<see cref="MeasurementName"/>: the OBIS table's, or for an EKM meter's own codes the
/// ekmmeters field name such as <c>Meter_Status_Code</c>; empty when unknown), the
/// reading's measurement as the meter wrote its digits (or its values joined by ';' when it has no single measurement)
/// and the unit as written, then <c>manufacturer,model</c> decoded from the identification (<see cref="MeterBrand"/>;
/// empty when unknown). The header row is written when the file is new or empty; a file started with the earlier
/// five-column header (<c>time,meter,obis,value,unit</c>) keeps getting five columns.
/// </summary>
public sealed class ReadOutput
{
    private readonly string _protocol;
    private readonly TextWriter _json;
    private readonly string? _csvPath;
    private readonly JsonWriter _writer = new(1 << 20);
    private readonly MeterBrand _brand;
    private readonly NameLanguage _language;

    /// <summary>The CSV header row (without CR LF).</summary>
    public const string CsvHeader = "time,meter,obis,name,value,unit,manufacturer,model";
    /// <summary>The header of files written before the manufacturer and model columns.</summary>
    public const string CsvHeaderWithoutBrand = "time,meter,obis,value,unit";

    /// <summary>Output for <paramref name="protocol"/> frames to <paramref name="json"/> and, if given, the CSV file <paramref name="csvPath"/>.</summary>
    public ReadOutput(string protocol, TextWriter json, string? csvPath, NameLanguage language = NameLanguage.English)
    {
        _language = language;
        _protocol = protocol;
        _json = json;
        _csvPath = csvPath;
        _brand = new MeterBrand(protocol);
    }

    /// <summary>Frames written with <c>valid: true</c>.</summary>
    public int ValidFrames { get; private set; }

    /// <summary>Writes one frame read at <paramref name="time"/>; readings go to the CSV file only when it is valid.</summary>
    public void Frame(ReadingSet set, bool valid, string? error, DateTime time)
    {
        _writer.Reset();
        if (valid) _brand.Update(set);
        else _brand.Clear();
        ReadingJson.Write(_writer, _protocol, valid, error, set, _brand.Manufacturer, _brand.Model, _language);
        _json.WriteLine(Encoding.UTF8.GetString(_writer.Buffer, _writer.Start, _writer.Length));
        _json.Flush();
        if (!valid) return;
        ValidFrames++;
        if (_csvPath != null) AppendCsv(set, time);
    }

    private void AppendCsv(ReadingSet set, DateTime time)
    {
        bool header = !File.Exists(_csvPath) || new FileInfo(_csvPath!).Length == 0;
        bool brand = header || FirstLine(_csvPath!) != CsvHeaderWithoutBrand;
        var text = new StringBuilder();
        if (header) text.Append(CsvHeader).Append("\r\n");
        string brandColumns = brand ? "," + Field(_brand.Manufacturer ?? "") + "," + Field(_brand.Model ?? "") : "";
        string when = time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        string meter = set.GetText(set.HeaderOffset, set.HeaderLength);
        for (int r = 0; r < set.ReadingCount; r++)
        {
            int primary = set.Primary[r];
            string value, unit = "";
            if (primary >= 0)
            {
                value = ValueText(set, primary);
                if (set.Kind[primary] == ValueKind.Number) unit = set.GetText(set.UnitOffset[primary], set.UnitLength[primary]);
            }
            else
            {
                value = string.Join(";", Enumerable.Range(set.First[r], set.ValueCount[r]).Select(v => ValueText(set, v)));
            }
            text.Append(when).Append(',').Append(Field(meter)).Append(',').Append(Obis.ToText(set.ObisCode[r])).Append(',');
            if (brand) text.Append(Field(MeasurementName.Of(set.ObisCode[r], _language, _protocol == ProtocolCatalog.Ekm) ?? "")).Append(',');
            text
                .Append(Field(value)).Append(',').Append(Field(unit)).Append(brandColumns).Append("\r\n");
        }
        File.AppendAllText(_csvPath!, text.ToString(), new UTF8Encoding(false));
    }

    private static string FirstLine(string path)
    {
        using var reader = new StreamReader(path);
        return reader.ReadLine() ?? "";
    }

    private static string ValueText(ReadingSet set, int v) => set.Kind[v] switch
    {
        ValueKind.Number => FixedPoint.ToText(set.Mantissa[v], set.Exponent[v]),
        ValueKind.Text or ValueKind.Timestamp => set.GetText(set.TextOffset[v], set.TextLength[v]),
        _ => "",
    };

    private static string Field(string s) =>
        s.IndexOfAny(new[] { ',', '"', '\r', '\n' }) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
