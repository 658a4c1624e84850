using System.Globalization;

namespace MeterGateway.Host.Storage;

/// <summary>The time of an EKM read as <c>export</c> shows it next to Time_Stamp.</summary>
public static class EkmReadTime
{
    /// <summary>Unix milliseconds as ISO 8601 UTC with milliseconds (<c>2024-01-31T00:00:00.000Z</c>).</summary>
    public static string Iso(long unixMs) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMs).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
