using System.Globalization;
using System.Text;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;
using Microsoft.Data.Sqlite;

namespace MeterGateway.Host.Storage;

/// <summary>One stored EKM read.</summary>
/// <param name="MeterAddress">The meter's 12-digit address.</param>
/// <param name="TimeStampMs">When the host read it, Unix milliseconds (ekmmeters' Time_Stamp).</param>
/// <param name="Fields">The EKM fields that have a value, in <see cref="EkmReadStore.FieldColumns"/> order.</param>
/// <param name="RawA">The A read as lower-case hex (Raw_A).</param>
/// <param name="RawB">The V4 B read as hex, empty for a v3 meter (Raw_B).</param>
public sealed record EkmStoredRead(string MeterAddress, long TimeStampMs, IReadOnlyList<EkmFieldValue> Fields, string RawA, string RawB)
{
    /// <summary>
    /// A read made at <paramref name="timeStampMs"/>: its fields (<see cref="EkmFieldValues.Of"/>, Meter_Address
    /// included) and its raw replies (<paramref name="rawB"/> null for a v3 meter). Throws ArgumentException when the
    /// read has no Meter_Address.
    /// </summary>
    public static EkmStoredRead Of(long timeStampMs, ReadingSet readings, byte[] rawA, byte[]? rawB)
    {
        var fields = EkmFieldValues.Of(readings).ToList();
        string address = fields.FirstOrDefault(f => f.Name == "Meter_Address").Value
            ?? throw new ArgumentException("the read has no Meter_Address", nameof(readings));
        return new EkmStoredRead(address, timeStampMs, fields, Convert.ToHexStringLower(rawA), rawB == null ? "" : Convert.ToHexStringLower(rawB));
    }
}

/// <summary>
/// EKM reads in SQLite, as the EKM library's MeterDB/SqliteMeterDB keeps them (EKM library manual §9): one table
/// <c>Meter_Reads</c> with a column per field of the union of the V3 A and V4 A/B reads (named as ekmmeters names
/// them, the calculated fields included), <c>Time_Stamp</c> (Unix ms at read) and the raw reads <c>Raw_A</c>,
/// <c>Raw_B</c> in hex; keyed by (<c>Meter_Address</c>, <c>Time_Stamp</c>), with an index on <c>Time_Stamp</c>.
/// Unlike MeterDB's FLOAT columns the fields are TEXT holding the exact decimal (<c>12345.6</c>), so no digit is lost.
/// A file written by an earlier version gets the columns it lacks when opened.
/// </summary>
public sealed class EkmReadStore : IDisposable
{
    /// <summary>The table, as MeterDB names it.</summary>
    public const string Table = "Meter_Reads";

    /// <summary>The field columns after Meter_Address and Time_Stamp (every published EKM field but Meter_Address).</summary>
    public static readonly IReadOnlyList<string> FieldColumns = EkmFields.Published
        .Where(id => id != EkmFieldId.Meter_Address).Select(EkmFields.Name).ToArray();

    private readonly SqliteConnection _connection;

    /// <summary>Opens (creating when missing) the database file <paramref name="path"/> and its table.</summary>
    public EkmReadStore(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        var create = new StringBuilder($"CREATE TABLE IF NOT EXISTS {Table} (Meter_Address TEXT NOT NULL, Time_Stamp INTEGER NOT NULL");
        foreach (string column in FieldColumns) create.Append(", ").Append(column).Append(" TEXT");
        create.Append(", Raw_A TEXT, Raw_B TEXT, PRIMARY KEY (Meter_Address, Time_Stamp))");
        Execute(create.ToString());
        AddMissingColumns();
        Execute($"CREATE INDEX IF NOT EXISTS idx_time ON {Table} (Time_Stamp)");
    }

    // A file made by an earlier version may lack a field column (Pulse_Output_Ratio was stored as CF_Ratio): it gets
    // the column, empty in its older rows; columns no field has any more stay as they are.
    private void AddMissingColumns()
    {
        var present = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        using (var info = _connection.CreateCommand())
        {
            info.CommandText = $"PRAGMA table_info({Table})";
            using var reader = info.ExecuteReader();
            while (reader.Read()) present.Add(reader.GetString(1));
        }
        foreach (string column in FieldColumns.Where(c => !present.Contains(c))) Execute($"ALTER TABLE {Table} ADD COLUMN {column} TEXT");
    }

    /// <summary>
    /// Stores a read made at <paramref name="timeStampMs"/> (a read of the same meter at the same millisecond is
    /// replaced). The meter address is the read's Meter_Address; <paramref name="rawB"/> is null for a v3 meter.
    /// </summary>
    public void Insert(long timeStampMs, ReadingSet readings, byte[] rawA, byte[]? rawB)
    {
        var read = EkmStoredRead.Of(timeStampMs, readings, rawA, rawB);
        using var command = _connection.CreateCommand();
        var columns = new StringBuilder("Meter_Address, Time_Stamp, Raw_A, Raw_B");
        var values = new StringBuilder("$a, $t, $ra, $rb");
        command.Parameters.AddWithValue("$a", read.MeterAddress);
        command.Parameters.AddWithValue("$t", timeStampMs);
        command.Parameters.AddWithValue("$ra", read.RawA);
        command.Parameters.AddWithValue("$rb", read.RawB);
        int n = 0;
        foreach (var field in read.Fields.Where(f => f.Name != "Meter_Address"))
        {
            columns.Append(", ").Append(field.Name);
            values.Append(", $f").Append(n);
            command.Parameters.AddWithValue("$f" + n, (object?)field.Value ?? DBNull.Value);
            n++;
        }
        command.CommandText = $"INSERT OR REPLACE INTO {Table} ({columns}) VALUES ({values})";
        command.ExecuteNonQuery();
    }

    /// <summary>The reads after <paramref name="sinceMs"/> (Unix ms, exclusive as in SqliteMeterDB), oldest first, of one meter or all.</summary>
    public IEnumerable<EkmStoredRead> ReadSince(long sinceMs, string? meterAddress = null)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT Meter_Address, Time_Stamp, Raw_A, Raw_B, {string.Join(", ", FieldColumns)} FROM {Table} " +
            "WHERE Time_Stamp > $since" + (meterAddress == null ? "" : " AND Meter_Address = $a") + " ORDER BY Time_Stamp, Meter_Address";
        command.Parameters.AddWithValue("$since", sinceMs);
        if (meterAddress != null) command.Parameters.AddWithValue("$a", meterAddress);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var fields = new List<EkmFieldValue>();
            for (int i = 0; i < FieldColumns.Count; i++)
            {
                if (reader.IsDBNull(4 + i)) continue;
                string name = FieldColumns[i];
                fields.Add(new EkmFieldValue(name, reader.GetString(4 + i), !EkmFields.IsText((EkmFieldId)EkmFields.FromName(name))));
            }
            yield return new EkmStoredRead(reader.GetString(0), reader.GetInt64(1), fields,
                reader.IsDBNull(2) ? "" : reader.GetString(2), reader.IsDBNull(3) ? "" : reader.GetString(3));
        }
    }

    /// <summary>Number of stored reads.</summary>
    public long Count()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {Table}";
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <inheritdoc/>
    public void Dispose() => _connection.Dispose();
}
