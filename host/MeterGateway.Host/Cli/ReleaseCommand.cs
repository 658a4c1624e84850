using System.CommandLine;
using MeterGateway.Update;
using MeterGateway.Host.Update;

namespace MeterGateway.Host.Cli;

/// <summary>
/// <c>metergateway release --keygen [--out DIR]</c>: makes the fleet's Ed25519 key pair (<c>fleet-private.pem</c>,
/// mode 0600 on Unix, and <c>fleet-public.pem</c>) and prints the public key for the loader.
/// <c>metergateway release --key PRIVATE.pem --out DIR --version V [--firmware F] [--entry TYPE] ASSEMBLIES…</c>:
/// copies the assemblies (<c>.pe</c>, in load order) into DIR and writes DIR/manifest, signed, checked with the core's
/// own parser and verifier. See docs/ota.md.
/// </summary>
public sealed class ReleaseCommand : ICliCommand
{
    /// <summary>File name of the private key written by <c>--keygen</c>.</summary>
    public const string PrivateKeyFile = "fleet-private.pem";
    /// <summary>File name of the public key written by <c>--keygen</c>.</summary>
    public const string PublicKeyFile = "fleet-public.pem";
    /// <summary>File name of the manifest written into DIR.</summary>
    public const string ManifestFile = "manifest";

    /// <inheritdoc/>
    public Command Create()
    {
        var keygen = new Option<bool>("--keygen") { Description = "Make a new fleet key pair (fleet-private.pem, fleet-public.pem) in --out (default: the current folder)" };
        var key = new Option<string>("--key") { Description = "The fleet's private key (PKCS#8 PEM) that signs the release" };
        var output = new Option<string>("--out", "-o") { Description = "Folder to write into (created when missing)" };
        var version = new Option<string>("--version") { Description = "Version of the release, e.g. 1.4.0 (must be newer than what the boxes run)" };
        var firmware = new Option<string>("--firmware") { Description = "Oldest native nanoFramework firmware the release runs on, e.g. 1.12.0.53 (default 0: any)", DefaultValueFactory = _ => "0" };
        var entry = new Option<string>("--entry") { Description = "Type whose static Main the loader calls (default MeterGateway.Program)", DefaultValueFactory = _ => "MeterGateway.Program" };
        var files = new Argument<string[]>("ASSEMBLIES") { Description = "The .pe assemblies of the application, in load order (dependencies first)", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("release", "Make the fleet signing key, or a signed over-the-air release (docs/ota.md)");
        command.Options.Add(keygen);
        command.Options.Add(key);
        command.Options.Add(output);
        command.Options.Add(version);
        command.Options.Add(firmware);
        command.Options.Add(entry);
        command.Arguments.Add(files);
        command.SetAction(result =>
        {
            string folder = result.GetValue(output) ?? ".";
            if (result.GetValue(keygen))
            {
                if (result.GetValue(key) != null || result.GetValue(files)!.Length > 0) throw new UsageException("--keygen: takes only --out");
                return Keygen(folder, Console.Out);
            }
            if (result.GetValue(key) == null) throw new UsageException("release: needs --key PRIVATE.pem (or --keygen to make one)");
            if (result.GetValue(output) == null) throw new UsageException("release: needs --out DIR");
            return Release(result.GetValue(key)!, folder, result.GetValue(version), result.GetValue(firmware)!, result.GetValue(entry)!,
                result.GetValue(files)!, Console.Out);
        });
        return command;
    }

    /// <summary>Writes a new key pair into <paramref name="folder"/>; refuses to overwrite an existing private key.</summary>
    public static int Keygen(string folder, TextWriter output)
    {
        Directory.CreateDirectory(folder);
        string privatePath = Path.Combine(folder, PrivateKeyFile);
        string publicPath = Path.Combine(folder, PublicKeyFile);
        if (File.Exists(privatePath)) throw new UsageException($"--keygen: {privatePath} exists; move it away first (it signs every release of the fleet)");
        var keys = ReleaseKeys.Generate();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(privatePath, options)) writer.Write(keys.PrivatePem());
        File.WriteAllText(publicPath, keys.PublicPem());
        output.WriteLine($"private key: {privatePath} (keep it offline; it signs releases)");
        output.WriteLine($"public key:  {publicPath}");
        output.WriteLine($"key id:      {keys.KeyId()}");
        output.WriteLine($"public key bytes for the loader: {Convert.ToHexString(keys.PublicKey)}");
        return ExitCodes.Ok;
    }

    /// <summary>Copies <paramref name="assemblies"/> into <paramref name="folder"/> and writes the signed manifest.</summary>
    public static int Release(string keyPath, string folder, string? version, string firmware, string entry, string[] assemblies, TextWriter output)
    {
        if (!File.Exists(keyPath)) throw new UsageException($"--key {keyPath}: no such file");
        if (version == null) throw new UsageException("release: needs --version (e.g. 1.4.0)");
        CheckVersion("--version", version);
        CheckVersion("--firmware", firmware);
        if (assemblies.Length == 0) throw new UsageException("release: name the .pe assemblies to ship, in load order");
        if (assemblies.Length > UpdateManifest.MaxFiles) throw new UsageException($"release: at most {UpdateManifest.MaxFiles} assemblies");
        ReleaseKeys keys;
        try { keys = ReleaseKeys.FromPrivatePem(File.ReadAllText(keyPath)); }
        catch (FormatException e) { throw new UsageException($"--key {keyPath}: {e.Message}"); }

        var parts = new List<ReleaseManifest.Assembly>();
        foreach (string path in assemblies)
        {
            if (!File.Exists(path)) throw new UsageException($"ASSEMBLIES: {path}: no such file");
            string name = Path.GetFileName(path);
            if (parts.Any(p => p.Name == name)) throw new UsageException($"ASSEMBLIES: {name} given twice");
            parts.Add(new ReleaseManifest.Assembly(name, File.ReadAllBytes(path)));
        }
        byte[] manifest;
        try { manifest = ReleaseManifest.Build(keys, version, firmware, entry, parts); }
        catch (FormatException e) { throw new UsageException("release: " + e.Message + " (file names: letters, digits, . _ -, ending in .pe, at most 48 characters; --entry: a type name)"); }

        Directory.CreateDirectory(folder);
        foreach (var part in parts) File.WriteAllBytes(Path.Combine(folder, part.Name), part.Content);
        File.WriteAllBytes(Path.Combine(folder, ManifestFile), manifest);
        output.WriteLine($"release {version}: {parts.Count} assemblies, {parts.Sum(p => (long)p.Content.Length)} bytes, key id {keys.KeyId()}");
        output.WriteLine($"manifest: {Path.Combine(folder, ManifestFile)}");
        return ExitCodes.Ok;
    }

    private static void CheckVersion(string option, string value)
    {
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(value);
        if (!AppVersion.IsValid(bytes, 0, bytes.Length)) throw new UsageException($"{option} {value}: expected 1 to 4 numbers separated by dots, each 0–65535");
    }
}
