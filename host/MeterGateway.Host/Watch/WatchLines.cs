using System.Text;

namespace MeterGateway.Host.Watch;

/// <summary>
/// The texts of <c>metergateway watch</c>: the meter, time, frame and broker lines of the screen, and the one line per
/// reading it writes instead when its output is not a terminal (redirected to a file or a pipe):
/// <code>2026-12-05T10:05:11Z ELL 53833635_A: 1-0:1.8.0 119.841 kWh (-4668.790), 1-0:32.7.0 247.3 V (0), … | frames 2 valid, 0 rejected | broker connected</code>
/// Each value is its OBIS code (the quantity's name when the code is not known), value, unit and, from the second
/// reading on, its change in parentheses.
/// </summary>
public static class WatchLines
{
    /// <summary>"meter: Iskraemeco MT382-1000, equipment id 4B38…" (what the status knows of it).</summary>
    public static string Meter(StatusSnapshot s)
    {
        string name = Join(' ', s.Manufacturer, s.Model);
        if (name.Length == 0) name = s.Header ?? "not identified yet";
        return "meter: " + name + (s.EquipmentId != null ? ", equipment id " + s.EquipmentId : "");
    }

    /// <summary>"last frame 2026-12-05T10:05:11Z, gateway time 2026-12-05T10:05:12Z".</summary>
    public static string Times(StatusSnapshot s) => $"last frame {s.LastFrame ?? "none"}, gateway time {s.Time ?? "not set"}";

    /// <summary>"frames: 12 valid, 1 rejected (crc 1, bcc 0, framing 0, too_long 0, timeout 0, parse 0, decrypt 0)".</summary>
    public static string Frames(StatusSnapshot s)
    {
        var reasons = new StringBuilder();
        foreach (var (reason, count) in s.Rejected) reasons.Append(reasons.Length > 0 ? ", " : "").Append(reason).Append(' ').Append(count);
        return $"frames: {s.FramesValid} valid, {s.RejectedTotal} rejected ({reasons})";
    }

    /// <summary>" (1 connects, 52 messages published, 0 not acknowledged)", after the broker's state.</summary>
    public static string BrokerCounts(StatusSnapshot s) =>
        $" ({s.Connects} connects, {s.MessagesPublished} messages published, {s.PublishFailures} not acknowledged)";

    /// <summary>The line of one reading (see the type's summary).</summary>
    public static string Reading(WatchView view)
    {
        StatusSnapshot s = view.Status ?? throw new InvalidOperationException("no status yet");
        var line = new StringBuilder();
        line.Append(s.LastFrame ?? s.Time ?? "-").Append(' ');
        string meter = Join(' ', s.Manufacturer, s.Model);
        line.Append(meter.Length > 0 ? meter : s.Header ?? "meter").Append(": ");
        for (int i = 0; i < s.Values.Count; i++)
        {
            StatusValue v = s.Values[i];
            if (i > 0) line.Append(", ");
            line.Append(v.Obis ?? v.Quantity).Append(' ').Append(v.Value);
            if (v.Unit != null) line.Append(' ').Append(v.Unit);
            string? change = view.Change(v.Quantity);
            if (change != null) line.Append(" (").Append(change).Append(')');
        }
        line.Append(" | frames ").Append(s.FramesValid).Append(" valid, ").Append(s.RejectedTotal).Append(" rejected");
        line.Append(" | broker ").Append(s.Connected ? "connected" : "disconnected");
        return line.ToString();
    }

    private static string Join(char separator, params string?[] parts) =>
        string.Join(separator, parts.Where(p => !string.IsNullOrEmpty(p)));
}
