namespace MeterGateway.Host.Watch;

/// <summary>One update for <c>metergateway watch</c>'s screen: a status document (UTF-8 JSON, docs/status-page.md), or why there is none.</summary>
/// <param name="Status">The document's bytes, or null.</param>
/// <param name="Problem">Why no document could be had (e.g. the attached gateway does not answer), or null.</param>
public sealed record WatchUpdate(byte[]? Status, string? Problem);
