using MeterGateway.Host.Cli;
using Xunit;

namespace MeterGateway.Tests.Dlms
{
    /// <summary><c>metergateway parse --protocol dsmr --key HEX [--auth-key HEX]</c>: the decoder it builds and the key checks.</summary>
    public class ParseWithKeyTests
    {
        private static (int Exit, string Output) Parse(string file, byte[]? key, byte[]? authKey = null, bool lenient = false)
        {
            var decoder = ProtocolCatalog.CreateDecoder(ProtocolCatalog.Dsmr, new ProtocolCatalog.DecoderOptions(LenientCrc: lenient, Key: key, AuthenticationKey: authKey));
            var output = new StringWriter();
            int exit = ParseCommand.Run(ProtocolCatalog.Dsmr, decoder, Corpus.Bytes("dsmr", file), output);
            return (exit, output.ToString());
        }

        [Fact]
        public void KeyDecryptsBeforeParsing()
        {
            var (exit, output) = Parse("lux_smarty_synthetic_encrypted_polargoose.bin", KeyOption.Parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "--key"));
            Xunit.Assert.Equal(ExitCodes.Ok, exit);
            Xunit.Assert.Contains("\"valid\":true", output);
            Xunit.Assert.Contains("\"obis\":\"1-0:4.7.0\"", output);

            (exit, output) = Parse("lux_smarty_real_encrypted_openhab.bin", KeyOption.Parse("d491470f47126332b07d1923b3504188", "--key"), lenient: true);
            Xunit.Assert.Equal(ExitCodes.Ok, exit);
            Xunit.Assert.Contains("\"header\":\"Lux5\\\\253663629_D\"", output);
        }

        [Fact]
        public void WrongAuthenticationKeyOrNoKeyFindsNoValidFrame()
        {
            var (exit, output) = Parse("lux_smarty_synthetic_encrypted_polargoose.bin",
                KeyOption.Parse("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "--key"), KeyOption.Parse("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "--auth-key"));
            Xunit.Assert.Equal(ExitCodes.Failed, exit);
            Xunit.Assert.Contains(MeterGateway.Protocols.Dlms.DlmsCipherDecoder.TagMismatchText, output);
            Xunit.Assert.DoesNotContain("AAAAAAAA", output);

            (exit, _) = Parse("lux_smarty_synthetic_encrypted_polargoose.bin", null);
            Xunit.Assert.Equal(ExitCodes.Failed, exit);
        }

        [Theory]
        [InlineData("D491470F47126332B07D1923B350418")]
        [InlineData("D491470F47126332B07D1923B350418G")]
        [InlineData("D491470F47126332B07D1923B3504188AA")]
        public void MalformedKeyIsAUsageErrorThatDoesNotRepeatTheKey(string hex)
        {
            var e = Xunit.Assert.Throws<UsageException>(() => KeyOption.Parse(hex, "--key"));
            Xunit.Assert.StartsWith("--key:", e.Message);
            Xunit.Assert.DoesNotContain("D491", e.Message);
        }
    }
}
