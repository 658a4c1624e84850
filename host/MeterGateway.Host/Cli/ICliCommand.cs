using System.CommandLine;

namespace MeterGateway.Host.Cli;

/// <summary>
/// One sub-command of <c>metergateway</c>. Every non-abstract implementation in this assembly is found
/// by <see cref="Program"/> and added to the root command, so a new command is one new file.
/// </summary>
public interface ICliCommand
{
    /// <summary>Builds the command with its options and action. The action returns the exit code.</summary>
    Command Create();
}
