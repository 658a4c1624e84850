using System.Text;
using MeterGateway.Update;
using MeterGateway.Host.Update;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Update
{
    /// <summary>
    /// <c>metergateway release --keygen</c> and <c>metergateway release</c> run as a process, and what they write checked
    /// with the core: the manifest parses, verifies with the public key file, and names the copied files' SHA-256.
    /// </summary>
    [Xunit.Collection(MeterGateway.Tests.Fixtures.RealComponentsCollection.Name)]
    public class ReleaseCommandTests
    {
        [Fact]
        public void KeygenThenReleaseIsAcceptedByTheCore()
        {
            using var temp = new TempFolder();
            string keys = temp.File("keys");
            var keygen = MetergatewayProcess.Run("release", "--keygen", "--out", keys);
            Xunit.Assert.True(keygen.ExitCode == 0, keygen.Errors);
            string privatePath = Path.Combine(keys, "fleet-private.pem");
            if (!OperatingSystem.IsWindows())
            {
                Xunit.Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(privatePath));
            }
            byte[] publicKey = ReleaseKeys.PublicKeyFromPem(File.ReadAllText(Path.Combine(keys, "fleet-public.pem")));
            Xunit.Assert.Contains(Convert.ToHexString(publicKey), keygen.Output);

            string core = temp.File("MeterGateway.Core.pe");
            string app = temp.File("MeterGateway.pe");
            File.WriteAllBytes(core, RandomBytes(61234, 1));
            File.WriteAllBytes(app, RandomBytes(20480, 2));
            string release = temp.File("release");
            var made = MetergatewayProcess.Run("release", "--key", privatePath, "--out", release, "--version", "1.4.0", "--firmware", "1.12.0.53", core, app);
            Xunit.Assert.True(made.ExitCode == 0, made.Errors);

            byte[] manifestBytes = File.ReadAllBytes(Path.Combine(release, "manifest"));
            var manifest = new UpdateManifest();
            Xunit.Assert.Equal(UpdateReason.None, manifest.Parse(manifestBytes, 0, manifestBytes.Length));
            Xunit.Assert.Equal(UpdateReason.None, new FleetKey(publicKey, 0).Check(manifest, manifestBytes, 0));
            Xunit.Assert.Equal("1.4.0", manifest.Version);
            Xunit.Assert.Equal("1.12.0.53", manifest.MinimumFirmware);
            Xunit.Assert.Equal("MeterGateway.Program", manifest.Entry);
            Xunit.Assert.Equal(new[] { "MeterGateway.Core.pe", "MeterGateway.pe" }, manifest.FileNames.Take(manifest.FileCount));
            for (int i = 0; i < manifest.FileCount; i++)
            {
                byte[] copied = File.ReadAllBytes(Path.Combine(release, manifest.FileNames[i]));
                Xunit.Assert.Equal(File.ReadAllBytes(i == 0 ? core : app), copied);
                Xunit.Assert.Equal(manifest.FileSizes[i], copied.Length);
                Xunit.Assert.Equal(System.Security.Cryptography.SHA256.HashData(copied), manifest.FileHashes.Skip(32 * i).Take(32).ToArray());
            }

            // A changed byte, or another fleet's key, is refused by the core.
            manifestBytes[manifestBytes.Length / 3] ^= 0x01;
            UpdateReason tampered = manifest.Parse(manifestBytes, 0, manifestBytes.Length);
            if (tampered == UpdateReason.None) tampered = new FleetKey(publicKey, 0).Check(manifest, manifestBytes, 0);
            Xunit.Assert.NotEqual(UpdateReason.None, tampered);
            manifestBytes[manifestBytes.Length / 3] ^= 0x01;
            var otherKeys = MetergatewayProcess.Run("release", "--keygen", "--out", temp.File("other"));
            Xunit.Assert.Equal(0, otherKeys.ExitCode);
            byte[] otherPublic = ReleaseKeys.PublicKeyFromPem(File.ReadAllText(Path.Combine(temp.File("other"), "fleet-public.pem")));
            manifest.Parse(manifestBytes, 0, manifestBytes.Length);
            Xunit.Assert.Equal(UpdateReason.WrongKey, new FleetKey(otherPublic, 0).Check(manifest, manifestBytes, 0));
        }

        [Fact]
        public void KeygenNeverOverwritesAPrivateKey()
        {
            using var temp = new TempFolder();
            Xunit.Assert.Equal(0, MetergatewayProcess.Run("release", "--keygen", "--out", temp.Path).ExitCode);
            string before = File.ReadAllText(temp.File("fleet-private.pem"));
            var again = MetergatewayProcess.Run("release", "--keygen", "--out", temp.Path);
            Xunit.Assert.Equal(2, again.ExitCode);
            Xunit.Assert.Contains("exists", again.Errors);
            Xunit.Assert.Equal(before, File.ReadAllText(temp.File("fleet-private.pem")));
        }

        [Fact]
        public void UsageErrorsNameTheProblem()
        {
            using var temp = new TempFolder();
            var keys = ReleaseKeys.Generate();
            string key = temp.File("k.pem");
            File.WriteAllText(key, keys.PrivatePem());
            string good = temp.File("App.pe");
            File.WriteAllBytes(good, new byte[] { 1, 2, 3 });
            string spaced = temp.File("my app.pe");
            File.WriteAllBytes(spaced, new byte[] { 1 });
            string publicPem = temp.File("pub.pem");
            File.WriteAllText(publicPem, keys.PublicPem());

            Check(2, "--version", "release", "--key", key, "--out", temp.File("r"), good);
            Check(2, "--version 1.x", "release", "--key", key, "--out", temp.File("r"), "--version", "1.x", good);
            Check(2, "file names", "release", "--key", key, "--out", temp.File("r"), "--version", "1.0", spaced);
            Check(2, "no such file", "release", "--key", key, "--out", temp.File("r"), "--version", "1.0", temp.File("missing.pe"));
            Check(2, "PRIVATE KEY", "release", "--key", publicPem, "--out", temp.File("r"), "--version", "1.0", good);
            Check(2, "--key", "release", "--out", temp.File("r"), "--version", "1.0", good);
            Xunit.Assert.False(Directory.Exists(temp.File("r")));
        }

        [SkippableFact]
        public void OpenSslKeysWorkBothWays()
        {
            Skip.If(ExternalTool.Find("openssl") == null, "openssl is not installed");
            using var temp = new TempFolder();
            string opensslKey = temp.File("openssl.pem");
            Xunit.Assert.Equal(0, RunTool("openssl", "genpkey", "-algorithm", "ed25519", "-out", opensslKey).ExitCode);
            var keys = ReleaseKeys.FromPrivatePem(File.ReadAllText(opensslKey));
            var derived = RunTool("openssl", "pkey", "-in", opensslKey, "-pubout");
            Xunit.Assert.Equal(keys.PublicKey, ReleaseKeys.PublicKeyFromPem(derived.Output));

            string ours = temp.File("ours.pem");
            File.WriteAllText(ours, ReleaseKeys.Generate().PrivatePem());
            var read = RunTool("openssl", "pkey", "-in", ours, "-pubout");
            Xunit.Assert.Equal(0, read.ExitCode);
            Xunit.Assert.Equal(ReleaseKeys.FromPrivatePem(File.ReadAllText(ours)).PublicKey, ReleaseKeys.PublicKeyFromPem(read.Output));
        }

        private static void Check(int exitCode, string message, params string[] args)
        {
            var run = MetergatewayProcess.Run(args);
            Xunit.Assert.True(run.ExitCode == exitCode, string.Join(' ', args) + " → " + run.ExitCode + ": " + run.Errors);
            Xunit.Assert.Contains(message, run.Errors);
        }

        private static byte[] RandomBytes(int count, int seed)
        {
            var bytes = new byte[count];
            new Random(seed).NextBytes(bytes);
            return bytes;
        }

        private static (int ExitCode, string Output) RunTool(string tool, params string[] args)
        {
            var info = new System.Diagnostics.ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var process = System.Diagnostics.Process.Start(info)!;
            string output = process.StandardOutput.ReadToEnd();
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output);
        }
    }
}
