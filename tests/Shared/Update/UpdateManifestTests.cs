// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using nanoFramework.TestFramework;
using MeterGateway.Crypto;
using MeterGateway.Readings;
using MeterGateway.Update;

namespace MeterGateway.Tests.Shared.Update
{
    /// <summary>The manifest format (<see cref="UpdateManifest"/>), its signature check (<see cref="FleetKey"/>) and versions.</summary>
    [TestClass]
    public class UpdateManifestTests
    {
        [TestMethod]
        public void SignedReleaseParsesAndVerifies()
        {
            byte[] data = Ascii.GetBytes(TestRelease.Manifest110);
            var manifest = new UpdateManifest();
            Assert.AreEqual((int)UpdateReason.None, (int)manifest.Parse(data, 0, data.Length));
            Assert.AreEqual("1.1.0", manifest.Version);
            Assert.AreEqual("1.10", manifest.MinimumFirmware);
            Assert.AreEqual("MeterGateway.Program", manifest.Entry);
            Assert.AreEqual(2, manifest.FileCount);
            Assert.AreEqual("MeterGateway.Core.pe", manifest.FileNames[0]);
            Assert.AreEqual(3000, manifest.FileSizes[0]);
            Assert.AreEqual("MeterGateway.pe", manifest.FileNames[1]);
            Assert.AreEqual(1500, manifest.FileSizes[1]);
            Assert.AreEqual(4500L, manifest.TotalSize);
            Assert.AreEqual(TestRelease.Manifest110.IndexOf("signature "), manifest.SignedLength);
            byte[] digest = new byte[32];
            new Sha256().Compute(TestRelease.App110(), 0, 1500, digest, 0);
            for (int i = 0; i < 32; i++) Assert.AreEqual(digest[i], manifest.FileHashes[32 + i]);
            Assert.AreEqual((int)UpdateReason.None, (int)TestRelease.Policy().Key.Check(manifest, data, 0));
        }

        [TestMethod]
        public void TamperedManifestIsRefused()
        {
            // A newer version, a bigger file, another hash, a file dropped: the format still parses, the signature fails.
            Assert.AreEqual((int)UpdateReason.BadSignature, (int)ParseAndCheck(Replace(TestRelease.Manifest110, "version 1.1.0", "version 9.1.0")));
            Assert.AreEqual((int)UpdateReason.BadSignature, (int)ParseAndCheck(Replace(TestRelease.Manifest110, " 1500 ", " 1501 ")));
            Assert.AreEqual((int)UpdateReason.BadSignature, (int)ParseAndCheck(Replace(TestRelease.Manifest110, "ab677f5f", "ab677f5e")));
            Assert.AreEqual((int)UpdateReason.BadSignature, (int)ParseAndCheck(Replace(TestRelease.Manifest110,
                "file MeterGateway.pe 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77\n", "")));
            Assert.AreEqual((int)UpdateReason.BadSignature, (int)ParseAndCheck(Replace(TestRelease.Manifest110, "signature 9b", "signature 9c")));
        }

        [TestMethod]
        public void EveryChangedByteIsRefused()
        {
            // Changing any byte of the manifest (one in seven, for the time it takes on a device) never yields an accepted manifest.
            byte[] data = Ascii.GetBytes(TestRelease.Manifest110);
            var manifest = new UpdateManifest();
            var key = TestRelease.Policy().Key;
            for (int i = 0; i < data.Length; i += 7)
            {
                byte original = data[i];
                data[i] = (byte)(original == (byte)'0' ? '1' : '0');
                UpdateReason reason = manifest.Parse(data, 0, data.Length);
                if (reason == UpdateReason.None) reason = key.Check(manifest, data, 0);
                Assert.IsTrue(reason != UpdateReason.None, "byte " + i);
                data[i] = original;
            }
        }

        [TestMethod]
        public void SignedByAnotherKeyIsWrongKey()
        {
            Assert.AreEqual((int)UpdateReason.WrongKey, (int)ParseAndCheck(TestRelease.ManifestOtherKey));
            // Claiming the fleet's key id does not help: the signature is still another key's.
            Assert.AreEqual((int)UpdateReason.BadSignature, (int)ParseAndCheck(Replace(TestRelease.ManifestOtherKey, "key bbc3f7d0c18ed599", "key 65b60673d6ed884b")));
        }

        [TestMethod]
        public void FormatErrorsAreRefusedWithTheirReason()
        {
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(Replace(TestRelease.Manifest110, "metergateway-update 1", "metergateway-update 2")));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(Replace(TestRelease.Manifest110, "\n", "\r\n")));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(Replace(TestRelease.Manifest110, "version 1.1.0\n", "version 1.1.0\nversion 1.1.0\n")));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(Replace(TestRelease.Manifest110, "version 1.1.0\n", "")));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(Replace(TestRelease.Manifest110, "version 1.1.0", "version 1.1.0-beta")));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(Replace(TestRelease.Manifest110, "version 1.1.0", "version 1.70000")));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(Replace(TestRelease.Manifest110, "entry MeterGateway.Program", "entry Meter Gateway")));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(Replace(TestRelease.Manifest110, "key 65b60673d6ed884b", "key 65b60673d6ed88")));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(TestRelease.Manifest110.Substring(0, TestRelease.Manifest110.IndexOf("signature"))));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(TestRelease.Manifest110 + "x-after signature\n"));
            Assert.AreEqual((int)UpdateReason.ManifestMalformed, (int)Parse(Replace(TestRelease.Manifest110, "signature 9b", "signature 9")));
            // Without the final line end it is still the same signed bytes.
            Assert.AreEqual((int)UpdateReason.None, (int)ParseAndCheck(TestRelease.Manifest110.Substring(0, TestRelease.Manifest110.Length - 1)));
        }

        [TestMethod]
        public void UnknownFieldsAreRefusedExceptXFields()
        {
            Assert.AreEqual((int)UpdateReason.ManifestUnknownField, (int)Parse(Replace(TestRelease.Manifest110, "entry ", "compress lz4\nentry ")));
            // An x- field parses (and would have to be signed like any other byte).
            string withX = Replace(TestRelease.Manifest110, "entry ", "x-notes built on the CI\nentry ");
            Assert.AreEqual((int)UpdateReason.None, (int)Parse(withX));
            Assert.AreEqual((int)UpdateReason.BadSignature, (int)ParseAndCheck(withX));
        }

        [TestMethod]
        public void BadFileLinesAreRefused()
        {
            const string line = "file MeterGateway.pe 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77";
            string[] bad = new string[]
            {
                "file ../MeterGateway.pe 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
                "file a/MeterGateway.pe 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
                "file .pe 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
                "file MeterGateway.dll 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
                "file MeterGateway.pe 0 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
                "file MeterGateway.pe 16777217 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
                "file MeterGateway.pe -15 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
                "file MeterGateway.pe 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b7",
                "file MeterGateway.pe 1500 zb677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
                "file MeterGateway.pe  1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
                "file MeterGateway.Core.pe 1500 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77",
            };
            for (int i = 0; i < bad.Length; i++)
            {
                Assert.AreEqual((int)UpdateReason.ManifestBadFile, (int)Parse(Replace(TestRelease.Manifest110, line, bad[i])), bad[i]);
            }
        }

        [TestMethod]
        public void TooManyFilesOrTooLongIsRefused()
        {
            string files = "";
            for (int i = 0; i < UpdateManifest.MaxFiles + 1; i++)
            {
                files += "file F" + i + ".pe 10 ab677f5f9cd26d58101280878e0d13686ef824b2f407b30d75ee30651fa78b77\n";
            }
            Assert.AreEqual((int)UpdateReason.ManifestBadFile, (int)Parse(Replace(TestRelease.Manifest110, "entry ", files + "entry ")));
            string padding = "x-pad ";
            while (padding.Length < UpdateManifest.MaxLength) padding += "0123456789";
            Assert.AreEqual((int)UpdateReason.ManifestTooLong, (int)Parse(Replace(TestRelease.Manifest110, "entry ", padding + "\nentry ")));
        }

        [TestMethod]
        public void VersionsCompareByNumber()
        {
            Assert.IsTrue(AppVersion.Compare("1.10", "1.9.9") > 0);
            Assert.IsTrue(AppVersion.Compare("1.2", "1.2.0.0") == 0);
            Assert.IsTrue(AppVersion.Compare("0.9", "1") < 0);
            Assert.IsTrue(AppVersion.Compare("2.0.0.1", "2.0.0") > 0);
            byte[] ok = Ascii.GetBytes("1.17.11.0");
            Assert.IsTrue(AppVersion.IsValid(ok, 0, ok.Length));
            string[] bad = new string[] { "", "1.", ".1", "1..2", "1.2.3.4.5", "65536", "1.a", "v1" };
            for (int i = 0; i < bad.Length; i++)
            {
                byte[] b = Ascii.GetBytes(bad[i]);
                Assert.IsFalse(AppVersion.IsValid(b, 0, b.Length), bad[i]);
            }
        }

        private static UpdateReason Parse(string text)
        {
            byte[] data = Ascii.GetBytes(text);
            return new UpdateManifest().Parse(data, 0, data.Length);
        }

        private static UpdateReason ParseAndCheck(string text)
        {
            byte[] data = Ascii.GetBytes(text);
            var manifest = new UpdateManifest();
            UpdateReason reason = manifest.Parse(data, 0, data.Length);
            return reason != UpdateReason.None ? reason : TestRelease.Policy().Key.Check(manifest, data, 0);
        }

        // First occurrence only; the text must contain it.
        internal static string Replace(string text, string find, string with)
        {
            int at = text.IndexOf(find);
            Assert.IsTrue(at >= 0, "test text lacks " + find);
            string result = text.Substring(0, at) + with + text.Substring(at + find.Length);
            return find == "\n" ? ReplaceAll(result, at + with.Length, find, with) : result;
        }

        private static string ReplaceAll(string text, int from, string find, string with)
        {
            int at = text.IndexOf(find, from);
            while (at >= 0)
            {
                text = text.Substring(0, at) + with + text.Substring(at + find.Length);
                at = text.IndexOf(find, at + with.Length);
            }
            return text;
        }
    }
}
