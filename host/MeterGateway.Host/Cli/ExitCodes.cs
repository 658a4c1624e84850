namespace MeterGateway.Host.Cli;

/// <summary>Exit codes of <c>metergateway</c>, a contract for scripts.</summary>
public static class ExitCodes
{
    /// <summary>Success (for <c>parse</c>: at least one valid frame was found).</summary>
    public const int Ok = 0;
    /// <summary>The work failed (for <c>parse</c>: no valid frame was found; for <c>run</c>: a fatal error).</summary>
    public const int Failed = 1;
    /// <summary>Usage error: unknown option, bad argument, bad configuration.</summary>
    public const int Usage = 2;
}
