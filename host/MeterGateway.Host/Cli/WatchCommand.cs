using System.Collections.Concurrent;
using System.CommandLine;
using MeterGateway.Host.Watch;
using MeterGateway.Readings;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway watch [-c config.ini] [--language L] [--http HOST:PORT]</c> or <c>watch --attach URL</c>: a live view
/// for a person at the meter (seeds/004). It runs the gateway as <c>run</c> does (the configuration given or
/// ./config.ini, publishing to its broker; without one the demo's simulated meter) or, with <c>--attach</c>, reads
/// <c>status.json</c> of a gateway already running (<c>run --http</c>, the box); either way it shows that status
/// document (<see cref="StatusSnapshot"/>) as a full-screen table refreshed on each reading, with each value's change
/// since the reading before (<see cref="WatchScreen"/>), or one line per reading when its output is not a terminal.
/// The lines <c>run</c> would print (start, stop summary, errors) are written to standard error once the screen is closed.
/// </summary>
public sealed class WatchCommand : ICliCommand
{
    /// <summary>What the screen's title says of the demo.</summary>
    public const string DemoTitle = "demo (a simulated meter replaying the built-in captures)";

    /// <inheritdoc/>
    public Command Create()
    {
        var config = new Option<string?>("--config", "-c") { Description = "Configuration file as for run (default ./config.ini; without one: the demo)" };
        var http = new Option<string?>("--http") { Description = "Also serve the status page and /status.json on HOST:PORT, as run --http" };
        var attach = new Option<string?>("--attach") { Description = "Watch a running gateway through its status page instead (e.g. http://127.0.0.1:8080/)" };
        var language = LanguageOption.Create();
        var command = new Command("watch", "Show the meter's values live in a full-screen table (one line per reading when redirected)");
        foreach (var option in new Option[] { config, http, attach, language }) command.Options.Add(option);
        command.SetAction((result, cancel) => WatchAsync(result.GetValue(config), result.GetValue(http), result.GetValue(attach), result.GetValue(language), cancel));
        return command;
    }

    private static async Task<int> WatchAsync(string? configPath, string? http, string? attach, string? language, CancellationToken cancel)
    {
        NameLanguage names = LanguageOption.Parse(language);
        if (attach != null && (configPath != null || http != null))
            throw new UsageException("--attach: watches a gateway that runs elsewhere; -c and --http are for the gateway watch runs itself");
        Termination.StopCleanly(); // Ctrl-C stops the gateway cleanly and closes the screen
        using var updates = new BlockingCollection<WatchUpdate>();
        WatchView view;
        Task<int> producer;
        using var held = new StringWriter();
        TextWriter lines = WatchScreen.IsTerminal ? TextWriter.Synchronized(held) : Console.Error;
        if (attach != null)
        {
            Uri url = AttachedStatus.StatusUrl(attach);
            view = new WatchView(url.ToString());
            producer = Produce(updates, async () =>
            {
                await AttachedStatus.PollAsync(url, updates, cancel);
                return ExitCodes.Ok;
            });
        }
        else
        {
            string? path = configPath ?? (File.Exists("config.ini") ? "config.ini" : null);
            if (path != null)
            {
                var gateway = RunCommand.LoadConfig(path); // a bad file is a usage error before the screen opens
                if (language == null) names = gateway.Language;
            }
            view = new WatchView(path ?? DemoTitle);
            var feed = new LoopStatusFeed(updates);
            var display = new RunDisplay(lines, lines, false, feed.Stepped);
            producer = Produce(updates, () => RunCommand.RunAsync(configPath, false, false, false, null, false, http, null, cancel, null, language, display));
        }
        try
        {
            WatchScreen.Show(updates, view, names);
            return await producer;
        }
        finally
        {
            if (held.GetStringBuilder().Length > 0) Console.Error.Write(held.ToString());
        }
    }

    // Runs the source of the updates on the thread pool (the screen has the calling thread); the queue is completed when it ends.
    private static Task<int> Produce(BlockingCollection<WatchUpdate> updates, Func<Task<int>> source) => Task.Run(async () =>
    {
        try
        {
            return await source();
        }
        finally
        {
            updates.CompleteAdding();
        }
    });
}
