using Spectre.Console;
using Spectre.Console.Rendering;

namespace MeterGateway.Host.Watch;

/// <summary>
/// The full screen of <c>metergateway watch</c> on a terminal (Spectre.Console): a title, the meter's identity and
/// time, a table of the values (name, OBIS code, value, unit, change since the last reading), the frame counters
/// (valid, rejected by reason) and the broker's state. Texts from the meter are shown as text, never as markup.
/// </summary>
public static class WatchTable
{
    /// <summary>What the screen shows for <paramref name="view"/>.</summary>
    public static IRenderable Render(WatchView view)
    {
        var lines = new List<IRenderable>
        {
            new Markup($"[bold]metergateway watch[/]: {Markup.Escape(view.Source)}   [grey]readings {view.Readings}, Ctrl-C stops[/]"),
        };
        StatusSnapshot? s = view.Status;
        if (view.Problem != null) lines.Add(new Markup("[red]" + Markup.Escape(view.Problem) + "[/]"));
        if (s == null)
        {
            lines.Add(new Text("waiting for the gateway's status…"));
            return new Rows(lines);
        }
        lines.Add(new Text(WatchLines.Meter(s)));
        lines.Add(new Text(WatchLines.Times(s)));
        if (s.Values.Count == 0) lines.Add(new Text("waiting for the first reading…"));
        else lines.Add(Values(view, s));
        lines.Add(new Text(WatchLines.Frames(s)));
        if (s.LastError != null) lines.Add(new Text("last rejected: " + s.LastError));
        lines.Add(new Markup("broker: " + (s.Connected ? "[green]connected[/]" : "[red]disconnected[/]") + Markup.Escape(WatchLines.BrokerCounts(s))));
        return new Rows(lines);
    }

    private static Table Values(WatchView view, StatusSnapshot s)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Name");
        table.AddColumn("OBIS");
        table.AddColumn(new TableColumn("Value").RightAligned());
        table.AddColumn("Unit");
        table.AddColumn(new TableColumn("Change").RightAligned());
        foreach (StatusValue v in s.Values)
        {
            table.AddRow(new Text(v.Name), new Text(v.Obis ?? v.Quantity), new Text(v.Value), new Text(v.Unit ?? ""), new Text(view.Change(v.Quantity) ?? ""));
        }
        return table;
    }
}
