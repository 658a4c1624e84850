using System.Text;
using MeterGateway.Readings;
using MeterGateway.Update;
using MeterGateway.Host.Update;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Update
{
    /// <summary>
    /// The whole path on the host: a release made by the release tool's code, served over HTTP on the loopback, fetched
    /// by the core's agent through <see cref="HttpUpdateTransport"/> into <see cref="FileUpdateStorage"/> with one broken
    /// connection (resumed with a Range request), switched, booted on trial by the loader and confirmed.
    /// </summary>
    public class HttpUpdateEndToEndTests
    {
        [Fact]
        public void ReleaseOverHttpIsDownloadedResumedActivatedAndConfirmed()
        {
            using var temp = new TempFolder();
            var keys = ReleaseKeys.Generate();
            var core = new byte[40000];
            var app = new byte[9000];
            new Random(10).NextBytes(core);
            new Random(11).NextBytes(app);
            string folder = temp.File("release");
            Directory.CreateDirectory(folder);
            File.WriteAllBytes(Path.Combine(folder, "MeterGateway.Core.pe"), core);
            File.WriteAllBytes(Path.Combine(folder, "MeterGateway.pe"), app);
            File.WriteAllBytes(Path.Combine(folder, "manifest"), ReleaseManifest.Build(keys, "2.0.1", "1.12", "MeterGateway.Program",
                new[] { new ReleaseManifest.Assembly("MeterGateway.Core.pe", core), new ReleaseManifest.Assembly("MeterGateway.pe", app) }));

            using var server = new ReleaseServer(folder) { BreakFile = "MeterGateway.Core.pe", BreakAfter = 10000 };
            var storage = new FileUpdateStorage(temp.File("ota"));
            var policy = new UpdatePolicy
            {
                Key = new FleetKey(keys.PublicKey, 0),
                BuiltInVersion = "2.0.0",
                FirmwareVersion = "1.12.0.53",
                RequireHttps = false,
                ChunkSize = 4096,
            };
            using var transport = new HttpUpdateTransport(TimeSpan.FromSeconds(10));
            var agent = new UpdateAgent(storage, transport, policy, "2.0.0");
            byte[] command = Encoding.ASCII.GetBytes("update " + server.Url + "manifest");
            agent.Command(command, 0, command.Length);
            long now = 0;
            for (int i = 0; i < 200 && agent.Busy; i++, now += 100000) agent.Step(now);

            Xunit.Assert.Equal(UpdateResult.Activated, agent.Report.Result);
            Xunit.Assert.Equal(core, File.ReadAllBytes(Path.Combine(temp.File("ota"), "a", "MeterGateway.Core.pe")));
            Xunit.Assert.Equal(app, File.ReadAllBytes(Path.Combine(temp.File("ota"), "a", "MeterGateway.pe")));
            var requests = server.Requests.ToArray();
            Xunit.Assert.Equal("manifest 0", requests[0]);
            Xunit.Assert.Equal("MeterGateway.Core.pe 0", requests[1]);
            // The broken connection resumed at a chunk boundary at or before the 10000 bytes sent, not from the start.
            string resumed = requests[2];
            Xunit.Assert.StartsWith("MeterGateway.Core.pe ", resumed);
            int offset = int.Parse(resumed.Split(' ')[1]);
            Xunit.Assert.InRange(offset, 4096, 10000);
            Xunit.Assert.Equal("MeterGateway.pe 0", requests[3]);

            var loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            Xunit.Assert.Equal("2.0.1", loader.Version);
            Xunit.Assert.True(loader.OnTrial);
            Xunit.Assert.Equal(new[] { "a/MeterGateway.Core.pe", "a/MeterGateway.pe" }, new[] { loader.FilePath(0), loader.FilePath(1) });
            Xunit.Assert.True(loader.Confirm());
            var json = new JsonWriter(512);
            loader.Report.Write(json);
            Xunit.Assert.Equal("{\"result\":\"updated\",\"version\":\"2.0.1\",\"running\":\"2.0.1\"}", Encoding.ASCII.GetString(json.Buffer, json.Start, json.Length));
        }

        [Fact]
        public void UnreachableServerAndMissingFileAreOpenFailures()
        {
            using var temp = new TempFolder();
            using var server = new ReleaseServer(temp.Path);
            using var transport = new HttpUpdateTransport(TimeSpan.FromSeconds(5));
            Xunit.Assert.False(transport.Open(server.Url + "missing.pe", 0));
            Xunit.Assert.False(transport.Open($"http://127.0.0.1:{ExternalTool.FreePort()}/x", 0));
            File.WriteAllBytes(temp.File("x.pe"), new byte[] { 1, 2, 3, 4, 5 });
            Xunit.Assert.True(transport.Open(server.Url + "x.pe", 3));
            var buffer = new byte[10];
            Xunit.Assert.Equal(2, transport.Read(buffer, 0, 10));
            Xunit.Assert.Equal(new byte[] { 4, 5 }, buffer.Take(2));
            Xunit.Assert.Equal(0, transport.Read(buffer, 0, 10));
            transport.Close();
        }
    }
}
