// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Crypto;
using MeterGateway.Readings;
using MeterGateway.Update;

namespace MeterGateway.Tests.Shared.Update
{
    /// <summary>
    /// Two signed test releases (1.1.0 and 1.2.0) of two assemblies with generated contents, and 1.1.0 signed by another
    /// key. Made with <c>metergateway release</c>'s code from the RFC 8032 private key seeds 01 02 … 20 (the fleet) and
    /// 65 66 … 84 (another key); tests/MeterGateway.Tests/Update/TestReleaseVectorTests.cs signs them again and
    /// checks they are byte for byte these (Ed25519 signatures are deterministic).
    /// </summary>
    public static class TestRelease
    {
        /// <summary>The fleet's public key.</summary>
        public const string FleetPublicKey = "79B5562E8FE654F94078B112E8A98BA7901F853AE695BED7E0E3910BAD049664";

        /// <summary>Release 1.1.0: MeterGateway.Core.pe (3000 bytes), MeterGateway.pe (1500 bytes).</summary>
        public const string Manifest110 =
            "metergateway-update 1\n" +
            "version 1.1.0\n" +
            "firmware 1.10\n" +
            "entry MeterGateway.Program\n" +
            "key 65b60673d6ed884b\n" +
            "file MeterGateway.Core.pe 3000 8b5fc0e9b559acd86a49017943707c53e283f26bb629cb20bce913bac9975c21\n" +
            "file MeterGateway.pe 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77\n" +
            "signature 9b001483352bf2ee79103941a3598f838e4f22c9dd2c77ed5863089711fbda86f7e4a5786122044c26236a387de05266d8c08a5b2afe7ef9046410625c19040b\n";

        /// <summary>Release 1.2.0: MeterGateway.Core.pe (3100 bytes), MeterGateway.pe (1600 bytes).</summary>
        public const string Manifest120 =
            "metergateway-update 1\n" +
            "version 1.2.0\n" +
            "firmware 1.10\n" +
            "entry MeterGateway.Program\n" +
            "key 65b60673d6ed884b\n" +
            "file MeterGateway.Core.pe 3100 bd284fbe7a46c78d1d736dc4609f183aaa3aa60ccb4298b9cda5328963656220\n" +
            "file MeterGateway.pe 1600 fbae5348ec417fcf56852074b7eff8da05cbccaff003206e8abafbf5f8ba19e8\n" +
            "signature 4141dc59829c1c242236fcfb57cc8b8885100c42ff98afa68e36ad2eae59c914c3b4539a3a8ba3b322950d223e9984b995a6a583c22d4b8c38c6690f3edbed06\n";

        /// <summary>Release 1.1.0's files signed by another key.</summary>
        public const string ManifestOtherKey =
            "metergateway-update 1\n" +
            "version 1.1.0\n" +
            "firmware 1.10\n" +
            "entry MeterGateway.Program\n" +
            "key bbc3f7d0c18ed599\n" +
            "file MeterGateway.Core.pe 3000 8b5fc0e9b559acd86a49017943707c53e283f26bb629cb20bce913bac9975c21\n" +
            "file MeterGateway.pe 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77\n" +
            "signature 5705be9a84acafa86bfe69636ef42cfddab3322b600f0af673cb255d2e1dc48edb116e72a4602824526512545b1f642b960668f7e2aaeffe33d39ba3944d490d\n";

        /// <summary>Where release 1.1.0 is served.</summary>
        public const string Url110 = "https://fleet.example/releases/1.1.0/";
        /// <summary>Where release 1.2.0 is served.</summary>
        public const string Url120 = "https://fleet.example/releases/1.2.0/";

        /// <summary>Contents of a test file: byte i = (i·multiplier + addend) mod 256.</summary>
        public static byte[] Content(int size, int multiplier, int addend)
        {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) data[i] = (byte)((i * multiplier + addend) & 255);
            return data;
        }

        /// <summary>1.1.0's MeterGateway.Core.pe.</summary>
        public static byte[] Core110() { return Content(3000, 31, 7); }
        /// <summary>1.1.0's MeterGateway.pe.</summary>
        public static byte[] App110() { return Content(1500, 17, 3); }
        /// <summary>1.2.0's MeterGateway.Core.pe.</summary>
        public static byte[] Core120() { return Content(3100, 29, 5); }
        /// <summary>1.2.0's MeterGateway.pe.</summary>
        public static byte[] App120() { return Content(1600, 13, 1); }

        /// <summary>The policy of a box built with the fleet key, running the built-in 1.0.0 on native firmware 1.10.2, short retry waits.</summary>
        public static UpdatePolicy Policy()
        {
            var policy = new UpdatePolicy();
            policy.Key = new FleetKey(HexText.ToBytes(FleetPublicKey), 0);
            policy.BuiltInVersion = "1.0.0";
            policy.FirmwareVersion = "1.10.2";
            policy.RetryInitialMs = 1000;
            policy.RetryMaxMs = 4000;
            policy.PublishDeadlineMs = 60000;
            return policy;
        }

        /// <summary>Serves both releases (manifests and files) on <paramref name="transport"/>.</summary>
        public static void Serve(FakeTransport transport)
        {
            transport.Serve(Url110 + "manifest", Ascii.GetBytes(Manifest110));
            transport.Serve(Url110 + "MeterGateway.Core.pe", Core110());
            transport.Serve(Url110 + "MeterGateway.pe", App110());
            transport.Serve(Url120 + "manifest", Ascii.GetBytes(Manifest120));
            transport.Serve(Url120 + "MeterGateway.Core.pe", Core120());
            transport.Serve(Url120 + "MeterGateway.pe", App120());
        }

        /// <summary>The command that fetches the manifest at <paramref name="folderUrl"/> + "manifest".</summary>
        public static byte[] Command(string folderUrl)
        {
            return Ascii.GetBytes("update " + folderUrl + "manifest");
        }

        /// <summary>Steps <paramref name="agent"/> until it is idle or activated (at most 500 steps, 5 s of simulated time each); returns the simulated time.</summary>
        public static long Run(UpdateAgent agent, long nowMs)
        {
            for (int i = 0; i < 500 && agent.Busy; i++)
            {
                agent.Step(nowMs);
                nowMs += 5000;
            }
            return nowMs;
        }

        /// <summary>
        /// Brings a box to "running 1.1.0, confirmed, in slot A": download, activate, boot, confirm. Returns the loader
        /// after the confirming boot.
        /// </summary>
        public static UpdateLoader Install110(MemoryUpdateStorage storage, UpdatePolicy policy)
        {
            var transport = new FakeTransport();
            Serve(transport);
            var agent = new UpdateAgent(storage, transport, policy, policy.BuiltInVersion);
            byte[] command = Command(Url110);
            agent.Command(command, 0, command.Length);
            Run(agent, 0);
            var loader = new UpdateLoader(storage, policy);
            loader.Boot(0);
            loader.Confirm();
            return loader;
        }
    }
}
