using System.CommandLine;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway parse --protocol P [--lenient-crc] [--key HEX [--auth-key HEX]] [--language L] FILE|-</c>: decodes a capture
/// (with <c>--key</c>: authenticating and decrypting DLMS-ciphered frames first) and prints one JSON object per frame
/// (valid or rejected), one per line (<see cref="ReadingJson"/>). Exit 0 when a valid frame was found, 1 when none
/// was, 2 on a usage error.
/// </summary>
public sealed class ParseCommand : ICliCommand
{
    /// <inheritdoc/>
    public Command Create()
    {
        var protocol = new Option<string>("--protocol", "-p") { Description = "Meter protocol: " + string.Join(", ", ProtocolCatalog.Names), Required = true };
        var lenient = new Option<bool>("--lenient-crc") { Description = "Accept DSMR telegrams whose CRC does not match (Smarty firmware quirk)" };
        var key = new Option<string>("--key") { Description = "AES-128 key (32 hex digits) of an encrypted P1 port (Luxembourg Smarty, Austrian meters): DLMS frames are authenticated and decrypted before parsing" };
        var authKey = new Option<string>("--auth-key") { Description = "DLMS authentication key (32 hex digits) for --key; default 00112233445566778899AABBCCDDEEFF (Smarty)" };
        var file = new Argument<string>("FILE") { Description = "Capture file, or - for standard input" };
        var language = LanguageOption.Create();
        var command = new Command("parse", "Decode a captured meter stream and print one JSON line per frame");
        command.Options.Add(protocol);
        command.Options.Add(lenient);
        command.Options.Add(key);
        command.Options.Add(authKey);
        command.Options.Add(language);
        command.Arguments.Add(file);
        command.SetAction(result =>
        {
            byte[]? encryptionKey = KeyOption.Parse(result.GetValue(key), "--key");
            byte[]? authenticationKey = KeyOption.Parse(result.GetValue(authKey), "--auth-key");
            if (authenticationKey != null && encryptionKey == null) throw new UsageException("--auth-key: needs --key");
            var decoder = ProtocolCatalog.CreateDecoder(result.GetValue(protocol)!, new ProtocolCatalog.DecoderOptions(
                LenientCrc: result.GetValue(lenient), Key: encryptionKey, AuthenticationKey: authenticationKey));
            NameLanguage names = LanguageOption.Parse(result.GetValue(language));
            byte[] data = ReadInput(result.GetValue(file)!);
            return Run(result.GetValue(protocol)!, decoder, data, Console.Out, names);
        });
        return command;
    }

    /// <summary>Decodes <paramref name="data"/> and writes the JSON lines; returns the exit code.</summary>
    public static int Run(string protocol, IFrameDecoder decoder, byte[] data, TextWriter output, NameLanguage language = NameLanguage.English)
    {
        var set = new ReadingSet();
        var json = new JsonWriter(1 << 20);
        var brand = new MeterBrand(protocol);
        int valid = 0;
        int used = 0;
        while (used < data.Length)
        {
            used += decoder.Feed(data, used, data.Length - used);
            if (decoder.Result != FrameResult.None) valid += Print(protocol, decoder, set, json, output, brand, language);
        }
        // A message that ends with the input (an IEC 62056-21 readout that may still get an ETX) ends there.
        if (decoder is Iec62056Decoder iec && iec.Flush() != FrameResult.None) valid += Print(protocol, decoder, set, json, output, brand, language);
        return valid > 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }

    // Prints the frame the decoder just completed; 1 when it was valid.
    private static int Print(string protocol, IFrameDecoder decoder, ReadingSet set, JsonWriter json, TextWriter output, MeterBrand brand, NameLanguage language)
    {
        bool ok = decoder.Result == FrameResult.Valid && decoder.Parse(set);
        if (!ok) set.Clear();
        if (ok) brand.Update(set);
        else brand.Clear();
        json.Reset();
        ReadingJson.Write(json, protocol, ok, ok ? null : decoder.ErrorText, set, brand.Manufacturer, brand.Model, language);
        output.WriteLine(System.Text.Encoding.UTF8.GetString(json.Buffer, json.Start, json.Length));
        return ok ? 1 : 0;
    }

    /// <summary>The bytes of a file, or of standard input for <c>-</c>; a missing file is a usage error.</summary>
    public static byte[] ReadInput(string path)
    {
        if (path == "-")
        {
            using var stdin = Console.OpenStandardInput();
            using var copy = new MemoryStream();
            stdin.CopyTo(copy);
            return copy.ToArray();
        }
        if (!File.Exists(path)) throw new UsageException($"FILE {path}: no such file");
        return File.ReadAllBytes(path);
    }
}
