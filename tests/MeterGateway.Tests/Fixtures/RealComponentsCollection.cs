using Xunit;

namespace MeterGateway.Tests.Fixtures;

/// <summary>
/// The tests that start real processes (mosquitto, socat, metergateway) run one class at a time: in parallel on a
/// small CI machine their timing-sensitive waits would compete for the same cores.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealComponentsCollection
{
    /// <summary>The collection's name, for <c>[Collection(RealComponentsCollection.Name)]</c>.</summary>
    public const string Name = "real components";
}
