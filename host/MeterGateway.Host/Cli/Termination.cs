using System.Runtime.InteropServices;

namespace MeterGateway.Host.Cli;

/// <summary>
/// Ctrl-C (SIGINT) and SIGTERM for the whole program, instead of System.CommandLine's handler (which threw
/// <see cref="InvalidOperationException"/> on a second signal and aborted the process, and forces an exit two seconds
/// after the first, before <c>run</c> may have flushed its outbox). A command that stops cleanly on <see cref="Token"/>
/// calls <see cref="StopCleanly"/>; the first signal then cancels the token and every further one is ignored (the same
/// clean stop goes on). For the other commands a signal ends the process at once, as without any handler.
/// </summary>
public static class Termination
{
    private static readonly CancellationTokenSource Requested = new();
    private static PosixSignalRegistration[]? _registrations;
    private static volatile bool _graceful;
    private static int _signals;

    /// <summary>Cancelled by the first SIGINT or SIGTERM once <see cref="StopCleanly"/> was called.</summary>
    public static CancellationToken Token => Requested.Token;

    /// <summary>Signals received while stopping cleanly (the first stops, the others are ignored).</summary>
    public static int Signals => Volatile.Read(ref _signals);

    /// <summary>Installs the handlers (once, at start-up).</summary>
    public static void Register()
    {
        if (_registrations != null) return;
        _registrations = new[]
        {
            PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal),
            PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal),
        };
    }

    /// <summary>From now on a signal asks the running command to stop (through <see cref="Token"/>) instead of ending the process.</summary>
    public static void StopCleanly() => _graceful = true;

    private static void OnSignal(PosixSignalContext context)
    {
        if (!_graceful) return; // the default: the process ends
        context.Cancel = true;
        if (Interlocked.Increment(ref _signals) > 1)
        {
            Console.Error.WriteLine($"metergateway: {context.Signal} again: already stopping (the outbox is flushed first)");
            return;
        }
        try
        {
            Requested.Cancel();
        }
        catch (AggregateException e)
        {
            Console.Error.WriteLine("metergateway: while stopping: " + e.InnerException?.Message);
        }
    }
}
