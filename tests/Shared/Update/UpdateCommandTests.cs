// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using nanoFramework.TestFramework;
using MeterGateway.Readings;
using MeterGateway.Update;

namespace MeterGateway.Tests.Shared.Update
{
    /// <summary>The MQTT update command payload (<see cref="UpdateCommand"/>).</summary>
    [TestClass]
    public class UpdateCommandTests
    {
        [TestMethod]
        public void ManifestUrlGivesTheFilesFolder()
        {
            var command = new UpdateCommand();
            Assert.AreEqual((int)UpdateReason.None, (int)Parse(command, "update https://fleet.example/r/1.4.0/manifest", true));
            Assert.AreEqual("https://fleet.example/r/1.4.0/manifest", command.Url);
            Assert.AreEqual("https://fleet.example/r/1.4.0/", command.FilesUrl);
            Assert.AreEqual(-1, command.ManifestOffset);
            Assert.AreEqual((int)UpdateReason.None, (int)Parse(command, "update https://fleet.example/m\r\n", true));
            Assert.AreEqual("https://fleet.example/", command.FilesUrl);
        }

        [TestMethod]
        public void InlineManifestFollowsTheFolderUrl()
        {
            var command = new UpdateCommand();
            string payload = "update https://fleet.example/r/\n" + TestRelease.Manifest110;
            Assert.AreEqual((int)UpdateReason.None, (int)Parse(command, payload, true));
            Assert.AreEqual("https://fleet.example/r/", command.FilesUrl);
            Assert.AreEqual(2 + payload.IndexOf("metergateway-update"), command.ManifestOffset);
            Assert.AreEqual(TestRelease.Manifest110.Length, command.ManifestLength);
        }

        [TestMethod]
        public void BadCommandsAndUrlsAreRefused()
        {
            var command = new UpdateCommand();
            Assert.AreEqual((int)UpdateReason.CommandMalformed, (int)Parse(command, "", true));
            Assert.AreEqual((int)UpdateReason.CommandMalformed, (int)Parse(command, "upgrade https://fleet.example/m", true));
            Assert.AreEqual((int)UpdateReason.CommandMalformed, (int)Parse(command, "update ", true));
            Assert.AreEqual((int)UpdateReason.BadUrl, (int)Parse(command, "update http://fleet.example/m", true));
            Assert.AreEqual((int)UpdateReason.BadUrl, (int)Parse(command, "update ftp://fleet.example/m", true));
            Assert.AreEqual((int)UpdateReason.BadUrl, (int)Parse(command, "update https://fleet.example/a b", true));
            Assert.AreEqual((int)UpdateReason.BadUrl, (int)Parse(command, "update https://fleet", true));
            Assert.AreEqual((int)UpdateReason.BadUrl, (int)Parse(command, "update https://fleet.example/r/", true));
            Assert.AreEqual((int)UpdateReason.BadUrl, (int)Parse(command, "update https://fleet.example/manifest\n" + TestRelease.Manifest110, true));
            // Plain HTTP only where the policy allows it (tests on the loopback).
            Assert.AreEqual((int)UpdateReason.None, (int)Parse(command, "update http://127.0.0.1:8080/m", false));
        }

        private static UpdateReason Parse(UpdateCommand command, string payload, bool requireHttps)
        {
            // At an offset inside a larger buffer, as MQTT adapters hand payloads over.
            byte[] data = Ascii.GetBytes("##" + payload);
            return command.Parse(data, 2, data.Length - 2, requireHttps);
        }
    }
}
