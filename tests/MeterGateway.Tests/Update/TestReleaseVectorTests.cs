using System.Text;
using MeterGateway.Host.Update;
using MeterGateway.Tests.Shared.Update;
using Xunit;

namespace MeterGateway.Tests.Update
{
    /// <summary>
    /// The signed releases pasted into tests/Shared/Update/TestRelease.cs are what the release tool's code makes from the
    /// documented key seeds and contents (Ed25519 signatures are deterministic, RFC 8032 §5.1.6).
    /// </summary>
    public class TestReleaseVectorTests
    {
        private static readonly ReleaseKeys Fleet = ReleaseKeys.FromSeed(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        private static readonly ReleaseKeys Other = ReleaseKeys.FromSeed(Enumerable.Range(101, 32).Select(i => (byte)i).ToArray());

        [Fact]
        public void FleetKeyIsTheSeedsPublicKey()
        {
            Xunit.Assert.Equal(TestRelease.FleetPublicKey, Convert.ToHexString(Fleet.PublicKey));
        }

        [Fact]
        public void ReleasesAreReproducedByteForByte()
        {
            var v110 = new List<ReleaseManifest.Assembly> { new("MeterGateway.Core.pe", TestRelease.Core110()), new("MeterGateway.pe", TestRelease.App110()) };
            var v120 = new List<ReleaseManifest.Assembly> { new("MeterGateway.Core.pe", TestRelease.Core120()), new("MeterGateway.pe", TestRelease.App120()) };
            Xunit.Assert.Equal(TestRelease.Manifest110, Encoding.ASCII.GetString(ReleaseManifest.Build(Fleet, "1.1.0", "1.10", "MeterGateway.Program", v110)));
            Xunit.Assert.Equal(TestRelease.Manifest120, Encoding.ASCII.GetString(ReleaseManifest.Build(Fleet, "1.2.0", "1.10", "MeterGateway.Program", v120)));
            Xunit.Assert.Equal(TestRelease.ManifestOtherKey, Encoding.ASCII.GetString(ReleaseManifest.Build(Other, "1.1.0", "1.10", "MeterGateway.Program", v110)));
        }
    }
}
