using System.Collections;
using System.Reflection;
using MeterGateway.Config;
using MeterGateway.Host.Cli;
using Xunit;

namespace MeterGateway.Tests.Europe;

/// <summary>
/// <c>[GENERAL] decryption_key</c> and <c>authentication_key</c>: validated as 32 hex digits, used by <c>run</c> and
/// <c>dry-run</c> to decrypt DLMS-ciphered P1 frames (corpus: the real Luxembourg Smarty frame, the synthetic frame
/// around the Austrian T210-D telegram), and never shown: not by the configuration's fields or ToString, not in an error
/// message, not in anything published or printed.
/// </summary>
public class DecryptionKeyConfigTests
{
    private const string SmartyKey = "D491470F47126332B07D1923B3504188";          // lux_smarty_real_encrypted_openhab.bin
    private const string SyntheticKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";       // lux_smarty_synthetic_encrypted_polargoose.bin

    [Fact]
    public void KeysAreReadAndOnlyCopiedOut()
    {
        GatewayConfig c = GatewayConfig.Load($"[GENERAL]\ndecryption_key = {SmartyKey.ToLowerInvariant()}\nauthentication_key = 00112233445566778899AABBCCDDEEFF\n");
        Assert.NotNull(c.DecryptionKey);
        var bytes = new byte[16];
        c.DecryptionKey!.CopyTo(bytes, 0);
        Assert.Equal(Convert.FromHexString(SmartyKey), bytes);
        Assert.Equal(Convert.FromHexString("00112233445566778899AABBCCDDEEFF"), c.AuthenticationKey!.ToBytes());
        Assert.Equal("(set, not shown)", c.DecryptionKey.ToString());
        Assert.Null(new GatewayConfig().DecryptionKey);
        Assert.Null(GatewayConfig.Load("[GENERAL]\ndecryption_key =\n").DecryptionKey);
    }

    /// <summary>No public field or property of the configuration, nor its ToString, holds the key in any form.</summary>
    [Fact]
    public void TheConfigurationNeverShowsTheKey()
    {
        GatewayConfig c = GatewayConfig.Load($"[GENERAL]\ndecryption_key = {SmartyKey}\nauthentication_key = {SyntheticKey}\n");
        var shown = new List<string> { c.ToString()! };
        foreach (var member in typeof(GatewayConfig).GetMembers(BindingFlags.Public | BindingFlags.Instance))
        {
            object? value = member switch
            {
                FieldInfo f => f.GetValue(c),
                PropertyInfo p when p.GetIndexParameters().Length == 0 => p.GetValue(c),
                _ => null,
            };
            if (value is byte[] raw) Assert.NotEqual(Convert.FromHexString(SmartyKey), raw);
            if (value is IEnumerable items and not string) foreach (var item in items) shown.Add(item?.ToString() ?? "");
            else shown.Add(value?.ToString() ?? "");
        }
        foreach (string text in shown)
        {
            Assert.DoesNotContain(SmartyKey, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(SyntheticKey, text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Theory]
    [InlineData("[GENERAL]\ndecryption_key = D491470F47126332B07D1923B35041", "[GENERAL] decryption_key = \"(not shown)\": not a key: 32 hex digits (16 bytes), or empty for none (line 2)")]
    [InlineData("[GENERAL]\ndecryption_key = D491470F47126332B07D1923B350418Z", "[GENERAL] decryption_key = \"(not shown)\": not a key: 32 hex digits (16 bytes), or empty for none (line 2)")]
    [InlineData("[GENERAL]\nauthentication_key = D491470F47126332B07D1923B3504188FF", "[GENERAL] authentication_key = \"(not shown)\": not a key: 32 hex digits (16 bytes), or empty for none (line 2)")]
    [InlineData("[GENERAL]\ndecryption_key = D491470F47126332B07D1923B3504188\ndecryption_key = D491470F47126332B07D1923B3504188", "[GENERAL] decryption_key = \"(not shown)\": given twice (line 3)")]
    [InlineData("[GENERAL]\ndecryption_kee = D491470F47126332B07D1923B3504188", "[GENERAL] decryption_kee = \"(not shown)\": unknown key (line 2)")]
    [InlineData("[MQTT]\ndecryption_key = D491470F47126332B07D1923B3504188", "[MQTT] decryption_key = \"(not shown)\": unknown key (line 2)")]
    [InlineData("[GENERAL]\np1_secret = d491470f47126332b07d1923b3504188", "[GENERAL] p1_secret = \"(not shown)\": unknown key (line 2)")]
    [InlineData("[GENERAL]\nD491470F47126332B07D1923B3504188", "[GENERAL]: line (not shown): expected key = value, [SECTION] or a # comment (line 2)")]
    [InlineData("[GENERAL]\ndecryption_key D491470F47126332B07D1923B3504188", "[GENERAL]: line (not shown): expected key = value, [SECTION] or a # comment (line 2)")]
    public void ErrorsNeverRepeatAKey(string text, string message)
    {
        ConfigException e = Assert.Throws<ConfigException>(() => GatewayConfig.Load(text));
        Assert.Equal(message, e.Message);
        Assert.DoesNotContain("D491470F", e.Message);
    }

    [Fact]
    public void DryRunDecryptsTheRealSmartyFrameWithTheConfiguredKey()
    {
        var (exit, output, errors) = DryRun("lux_smarty_real_encrypted_openhab.bin", $"[GENERAL]\nlenient_crc = true\ndecryption_key = {SmartyKey}\n");
        Assert.Equal(ExitCodes.Ok, exit);
        var messages = P1VariantTests.DryRun("lux_smarty_real_encrypted_openhab.bin", $"[GENERAL]\nlenient_crc = true\ndecryption_key = {SmartyKey}\n");
        // 0-0:1.0.0(180130102122W) = 09:21:22Z; 1-0:3.7.0(00.000) has no unit, so it is not published as reactive power
        Assert.Equal(new[]
        {
            ("Meter reading active energy out", 13, 1, "6.695"), ("Meter reading active energy in", 13, 1, "0.025"),
            ("Meter reading reactive energy out", 65, 0, "0.818"), ("Meter reading reactive energy in", 65, 0, "2.745"),
            ("Active effect out", 14, 0, "0"), ("Active effect in", 14, 0, "0"),
            ("Current L1", 5, 0, "0"), ("Current L2", 5, 0, "0"), ("Current L3", 5, 0, "0"),
        }, messages.Select(m => (m.Note, m.Type, m.Unit, m.Digits)));
        Assert.All(messages, m => Assert.Equal("2018-01-30T09:21:22Z", m.Time));
        Assert.DoesNotContain(SmartyKey, output, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(SmartyKey, errors, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The Austrian T210-D telegram, encrypted as the meter sends it, gives exactly the plain telegram's events.</summary>
    [Fact]
    public void EncryptedAustrianTelegramPublishesLikeThePlainOne()
    {
        var encrypted = P1VariantTests.DryRun("lux_smarty_synthetic_encrypted_polargoose.bin", $"[GENERAL]\ndecryption_key = {SyntheticKey}\n");
        var plain = P1VariantTests.DryRun("dsmr50_at_sagemcom_t210dr_plain.txt", "");
        Assert.Equal(16, encrypted.Count);
        Assert.Equal(plain, encrypted);
    }

    [Fact]
    public void WrongKeyPublishesNothing()
    {
        var (exit, output, errors) = DryRun("lux_smarty_real_encrypted_openhab.bin", $"[GENERAL]\nlenient_crc = true\ndecryption_key = {SyntheticKey}\n");
        Assert.Equal(ExitCodes.Failed, exit);
        Assert.Equal("", output);
        Assert.Contains("failed authentication", errors);
        Assert.DoesNotContain(SyntheticKey, errors, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Without the key an encrypted stream is not read as a plain one, and a plain stream with a key is ignored.</summary>
    [Fact]
    public void KeyAndStreamMustAgree()
    {
        Assert.Equal(ExitCodes.Failed, DryRun("lux_smarty_real_encrypted_openhab.bin", "[GENERAL]\nlenient_crc = true\n").Exit);
        Assert.Equal(ExitCodes.Failed, DryRun("dsmr50_at_sagemcom_t210dr_plain.txt", $"[GENERAL]\ndecryption_key = {SyntheticKey}\n").Exit);
    }

    private static (int Exit, string Output, string Errors) DryRun(string capture, string config)
    {
        GatewayConfig cfg = GatewayConfig.Load(config);
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = DryRunCommand.Run(cfg, ProtocolCatalog.CreateDecoder(ProtocolCatalog.Dsmr, ProtocolCatalog.OptionsFrom(cfg)), Corpus.Bytes("dsmr", capture), output, errors);
        return (exit, output.ToString(), errors.ToString());
    }
}
