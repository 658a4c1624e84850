namespace MeterGateway.Host.Cli;

/// <summary>A bad argument or configuration found after parsing: printed, and the program exits with <see cref="ExitCodes.Usage"/>.</summary>
public sealed class UsageException : Exception
{
    /// <summary>Creates the exception with a message that names the bad option or key and its value.</summary>
    public UsageException(string message) : base(message) { }
}
