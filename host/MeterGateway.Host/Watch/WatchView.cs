using System.Globalization;

namespace MeterGateway.Host.Watch;

/// <summary>
/// The state of <c>metergateway watch</c>'s screen: the last status document and, per value, its change since the
/// previous reading (keyed by quantity, so a value missing from one set keeps its last value for the next change).
/// A new reading is a status with another count of valid frames or another time of the last frame; other updates
/// (broker, rejected frames) change the counters and leave the changes as they were.
/// </summary>
public sealed class WatchView
{
    private readonly Dictionary<string, decimal> _previous = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _changes = new(StringComparer.Ordinal);

    /// <summary>Where the status comes from: <c>demo</c>, the configuration file, or the attached URL.</summary>
    public string Source { get; }

    /// <summary>The last status, or null before the first.</summary>
    public StatusSnapshot? Status { get; private set; }

    /// <summary>Readings seen since the view started.</summary>
    public long Readings { get; private set; }

    /// <summary>Why the last status could not be had (an attached gateway not answering), or null.</summary>
    public string? Problem { get; private set; }

    /// <summary>A view of the status of <paramref name="source"/>.</summary>
    public WatchView(string source) => Source = source;

    /// <summary>
    /// Takes a new status; returns true when it brings a new reading (then the changes are those against the reading
    /// before). A status without values (a gateway that has not read its meter yet) is no reading.
    /// </summary>
    public bool Update(StatusSnapshot status)
    {
        StatusSnapshot? before = Status;
        Status = status;
        Problem = null;
        if (status.Values.Count == 0 || (before != null && before.FramesValid == status.FramesValid && before.LastFrame == status.LastFrame)) return false;
        Readings++;
        _changes.Clear();
        foreach (StatusValue v in status.Values)
        {
            if (!decimal.TryParse(v.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal now)) continue;
            if (_previous.TryGetValue(v.Quantity, out decimal then)) _changes[v.Quantity] = Signed(now - then);
            _previous[v.Quantity] = now;
        }
        return true;
    }

    /// <summary>Records why no status could be had; the last one stays on screen.</summary>
    public void Fail(string problem) => Problem = problem;

    /// <summary>The change of <paramref name="quantity"/> at the last reading (<c>+0.012</c>, <c>-3</c>, <c>0</c>), or null at its first reading.</summary>
    public string? Change(string quantity) => _changes.TryGetValue(quantity, out string? change) ? change : null;

    // "+1.5", "-0.012", "0": with the digits of the values (decimal keeps the larger scale of the two).
    private static string Signed(decimal change) =>
        change > 0 ? "+" + change.ToString(CultureInfo.InvariantCulture) : change < 0 ? change.ToString(CultureInfo.InvariantCulture) : "0";
}
