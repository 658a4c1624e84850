using System.Collections.Concurrent;
using System.Text.Json;
using MeterGateway.Readings;
using Spectre.Console;

namespace MeterGateway.Host.Watch;

/// <summary>
/// Shows the updates of <c>metergateway watch</c> until their queue is completed: on a terminal a full-screen table
/// (the alternate screen, restored on exit; <see cref="WatchTable"/>) redrawn on each update; when standard output is
/// redirected one line per reading (<see cref="WatchLines.Reading"/>) and each new problem on standard error.
/// </summary>
public static class WatchScreen
{
    /// <summary>True when standard output is a terminal that takes the full-screen table.</summary>
    public static bool IsTerminal => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Ansi && AnsiConsole.Profile.Capabilities.AlternateBuffer;

    /// <summary>Shows <paramref name="updates"/> in <paramref name="view"/>, names in <paramref name="language"/>; returns when the queue is completed.</summary>
    public static void Show(BlockingCollection<WatchUpdate> updates, WatchView view, NameLanguage language)
    {
        if (!IsTerminal)
        {
            string? shown = null;
            foreach (WatchUpdate update in updates.GetConsumingEnumerable())
            {
                if (Apply(view, update, language)) Console.Out.WriteLine(WatchLines.Reading(view));
                if (view.Problem != null && view.Problem != shown) Console.Error.WriteLine("metergateway: " + view.Problem);
                shown = view.Problem;
            }
            return;
        }
        AnsiConsole.AlternateScreen(() => AnsiConsole.Live(WatchTable.Render(view)).Overflow(VerticalOverflow.Ellipsis).Start(context =>
        {
            foreach (WatchUpdate update in updates.GetConsumingEnumerable())
            {
                Apply(view, update, language);
                context.UpdateTarget(WatchTable.Render(view));
            }
        }));
    }

    // The update into the view; true when it brought a new reading.
    private static bool Apply(WatchView view, WatchUpdate update, NameLanguage language)
    {
        if (update.Status == null)
        {
            view.Fail(update.Problem ?? "no status");
            return false;
        }
        try
        {
            return view.Update(StatusSnapshot.Parse(update.Status, language));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            view.Fail("not a status document: " + e.Message);
            return false;
        }
    }
}
