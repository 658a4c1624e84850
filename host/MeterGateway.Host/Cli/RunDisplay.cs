using MeterGateway.Gateway;

namespace MeterGateway.Host.Cli;

/// <summary>
/// How the gateway that <see cref="RunCommand"/> builds shows itself: <c>run</c>'s lines on the terminal (start, one
/// line per frame, stop summary: <see cref="Lines"/>), or for <c>watch</c> no lines and the loop handed to a live view
/// after each step.
/// </summary>
/// <param name="Output">Where the start, demo and stop lines go (<see cref="TextWriter.Null"/>: nowhere).</param>
/// <param name="Errors">Where a failure to start the loop is written.</param>
/// <param name="ShowsLines">True: the loop's events are written to <paramref name="Output"/> (<see cref="Gateway.ConsoleObserver"/>).</param>
/// <param name="Stepped">Called on the loop's thread after every step of at most 200 ms, or null.</param>
internal sealed record RunDisplay(TextWriter Output, TextWriter Errors, bool ShowsLines, Action<GatewayLoop>? Stepped)
{
    /// <summary><c>run</c>'s own display: everything on standard output.</summary>
    public static RunDisplay Lines => new(Console.Out, Console.Error, true, null);
}
