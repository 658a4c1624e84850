using System.CommandLine;
using System.Reflection;
using MeterGateway.Host.Cli;

namespace MeterGateway.Host;

/// <summary>Entry point of <c>metergateway</c>: builds the command tree from every <see cref="ICliCommand"/>.</summary>
public static class Program
{
    /// <summary>Runs the command line; returns the exit code (<see cref="ExitCodes"/>).</summary>
    public static int Main(string[] args)
    {
        var root = new RootCommand("MeterGateway: reads an electricity meter (DSMR P1, IEC 62056-21, SML, EKM) and publishes VSCP events over MQTT.");
        foreach (var type in typeof(Program).Assembly.GetTypes()
                     .Where(t => typeof(ICliCommand).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
                     .OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            root.Subcommands.Add(((ICliCommand)Activator.CreateInstance(type)!).Create());
        }
        if (args.Length == 0)
        {
            // No command at all: the newcomer's demo, as README.md promises.
            args = new[] { "run" };
        }
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors) Console.Error.WriteLine("metergateway: " + error.Message);
            Console.Error.WriteLine("Try 'metergateway --help'.");
            return ExitCodes.Usage;
        }
        try
        {
            Termination.Register();
            return parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, Termination.Token)
                .GetAwaiter().GetResult();
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine("metergateway: " + e.Message);
            return ExitCodes.Usage;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine("metergateway: " + e.Message);
            return ExitCodes.Failed;
        }
    }
}
