using System.Text;
using MeterGateway.Gateway;
using MeterGateway.Readings;

namespace MeterGateway.Host.Logging;

/// <summary>
/// The monthly log of the selected values (<c>run --log-dir DIR</c>): <c>values-YYYY-MM.csv</c>, one line per published
/// reading set, as the DSMR logger's SML3 files (seeds/004) but CSV with a header.
/// <list type="bullet">
/// <item>Header: <c>received</c> (the gateway's UTC when the set arrived), then one column per OBIS code: the
/// <c>[LOGGER] obis_selected</c> codes (the meter timestamp <c>0-0:1.0.0</c> first), or without a selection the codes of
/// the first set written to the file. Each column is titled by its code, a space and the name of what it measures in
/// the gateway's language (<see cref="MeasurementName"/>: <c>1-0:1.8.1 Active energy import tariff 1</c>,
/// <c>1-0:128.0.75 Meter_Status_Code</c>), or by the code alone when no table names it.</item>
/// <item>Cell: the reading's values separated by spaces, exactly: numbers with the meter's unit as
/// <c>2078.645*kWh</c> (mixed units such as the Belgian 13-month history stay as written: <c>4.329*kW 4529*W</c>),
/// timestamps in ISO 8601 UTC (the meter's text when it cannot be placed), texts as written; empty when the set has no
/// such reading. Cells with a comma, quote or line break are quoted (RFC 4180).</item>
/// <item>The month is the meter's time (else the gateway's) in the host's time zone.</item>
/// <item>An existing file is continued when its header has the same codes, whatever its titles' names (a file begun
/// before names were written, with bare codes, or in another language, keeps its header); without a selection its
/// columns are adopted. A partial last line (power cut) is removed first. A file with other columns is left alone and <c>values-YYYY-MM-2.csv</c>
/// (… -3 …) is used.</item>
/// </list>
/// </summary>
public sealed class ValueLog : IDisposable
{
    /// <summary>File name before the month.</summary>
    public const string Name = "values";

    private readonly MonthlyFiles _files;
    private readonly ObisSelection? _selection;
    private readonly NameLanguage _language;
    private readonly bool _ekm;
    private long[] _columns = Array.Empty<long>();
    private ReadingSet? _set;

    /// <summary>
    /// A log in <paramref name="directory"/> of the codes of <paramref name="selection"/> (null: all), months in
    /// <paramref name="zone"/>, columns named in <paramref name="language"/> (<paramref name="ekm"/>: the readings come
    /// from EKM meters, whose own fields are named as ekmmeters names them).
    /// </summary>
    public ValueLog(string directory, ObisSelection? selection, TimeZoneInfo zone, NameLanguage language = NameLanguage.English, bool ekm = false)
    {
        _files = new MonthlyFiles(directory, zone);
        _selection = selection;
        _language = language;
        _ekm = ekm;
    }

    /// <summary>Path of the file being written, or null.</summary>
    public string? CurrentPath => _files.CurrentPath;

    /// <summary>Appends the line of <paramref name="set"/>, received at <paramref name="receivedUtc"/> (Unix seconds).</summary>
    public void Write(ReadingSet set, long receivedUtc)
    {
        _set = set;
        long when = set.FrameTime != ReadingSet.NoTime ? set.FrameTime : receivedUtc;
        FileStream file = _files.For(when, Open);
        var line = new StringBuilder();
        line.Append(UnixTime.ToIso(receivedUtc));
        foreach (long code in _columns)
        {
            line.Append(',');
            int r = set.Find(code);
            if (r >= 0) line.Append(Csv(Cell(set, r)));
        }
        line.Append('\n');
        byte[] bytes = Encoding.UTF8.GetBytes(line.ToString());
        file.Write(bytes, 0, bytes.Length);
    }

    /// <summary>The values of reading <paramref name="r"/> as logged (see the class).</summary>
    public static string Cell(ReadingSet set, int r)
    {
        var cell = new StringBuilder();
        for (int v = set.First[r]; v < set.First[r] + set.ValueCount[r]; v++)
        {
            if (v > set.First[r]) cell.Append(' ');
            switch (set.Kind[v])
            {
                case ValueKind.Number:
                    cell.Append(FixedPoint.ToText(set.Mantissa[v], set.Exponent[v]));
                    if (set.UnitLength[v] > 0) cell.Append('*').Append(set.GetText(set.UnitOffset[v], set.UnitLength[v]));
                    break;
                case ValueKind.Timestamp:
                    cell.Append(set.Mantissa[v] != ReadingSet.NoTime ? UnixTime.ToIso(set.Mantissa[v]) : set.GetText(set.TextOffset[v], set.TextLength[v]));
                    break;
                case ValueKind.Text:
                    cell.Append(set.GetText(set.TextOffset[v], set.TextLength[v]));
                    break;
            }
        }
        return cell.ToString();
    }

    /// <summary>The header line (without line end) for <paramref name="columns"/>, each titled by its code and name (see the class).</summary>
    public string Header(IEnumerable<long> columns) => "received," + string.Join(",", columns.Select(Title));

    private string Title(long code)
    {
        string? name = MeasurementName.Of(code, _language, _ekm);
        return Csv(name == null ? Obis.ToText(code) : Obis.ToText(code) + " " + name);
    }

    private FileStream Open(string month)
    {
        long[] wanted = _selection != null
            ? Enumerable.Range(0, _selection.Count).Select(_selection.Code).ToArray()
            : Enumerable.Range(0, _set!.ReadingCount).Select(r => _set.ObisCode[r]).Distinct().ToArray();
        for (int variant = 1; ; variant++)
        {
            string path = _files.PathOf(Name, variant == 1 ? month : $"{month}-{variant}", "csv");
            FileStream file = MonthlyFiles.OpenAppendable(path);
            DropPartialLine(file);
            string? header = ReadFirstLine(file);
            long[]? existing = header == null ? null : ParseHeader(header);
            if (header == null)
            {
                _columns = wanted;
            }
            else if (existing != null && (_selection == null || existing.SequenceEqual(wanted)))
            {
                _columns = existing;
            }
            else
            {
                file.Dispose();
                continue;
            }
            file.Seek(0, SeekOrigin.End);
            if (header == null)
            {
                byte[] bytes = Encoding.UTF8.GetBytes(Header(_columns) + "\n");
                file.Write(bytes, 0, bytes.Length);
            }
            return file;
        }
    }

    /// <summary>Cuts a file back to its last line end (a line torn by a power cut); an empty or whole file is unchanged.</summary>
    public static void DropPartialLine(FileStream file)
    {
        long length = file.Length;
        if (length == 0) return;
        var one = new byte[1];
        long keep = length;
        while (keep > 0)
        {
            file.Seek(keep - 1, SeekOrigin.Begin);
            file.ReadExactly(one, 0, 1);
            if (one[0] == (byte)'\n') break;
            keep--;
        }
        if (keep != length) file.SetLength(keep);
    }

    private static string? ReadFirstLine(FileStream file)
    {
        if (file.Length == 0) return null;
        file.Seek(0, SeekOrigin.Begin);
        var bytes = new List<byte>();
        int b;
        while ((b = file.ReadByte()) >= 0 && b != '\n') bytes.Add((byte)b);
        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    // The OBIS columns of a header written by Header() (titles "CODE NAME", quoted when the name has a comma or quote) or
    // by a version before names (bare codes), or null for any other first line.
    private static long[]? ParseHeader(string header)
    {
        List<string> titles = SplitHeader(header);
        if (titles.Count < 1 || titles[0] != "received") return null;
        var codes = titles.Skip(1).Select(t => Obis.FromText(t.Split(' ', 2)[0])).ToArray();
        return codes.Any(c => c == Obis.None) ? null : codes;
    }

    // The cells of a CSV line (RFC 4180 quotes).
    private static List<string> SplitHeader(string line)
    {
        var cells = new List<string>();
        var cell = new StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c != '"') cell.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { cell.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { cells.Add(cell.ToString()); cell.Clear(); }
            else cell.Append(c);
        }
        cells.Add(cell.ToString());
        return cells;
    }

    private static string Csv(string cell) =>
        cell.IndexOfAny(new[] { ',', '"', '\n', '\r' }) < 0 ? cell : "\"" + cell.Replace("\"", "\"\"") + "\"";

    /// <inheritdoc/>
    public void Dispose() => _files.Dispose();
}
