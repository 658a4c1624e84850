using System.Security.Cryptography;
using System.Text;
using MeterGateway.Update;

namespace MeterGateway.Host.Update;

/// <summary>
/// Writes a release manifest in the format <see cref="UpdateManifest"/> reads (header, version, firmware, entry, key
/// id, one <c>file</c> line per assembly in load order, then the signature of every byte before it), and checks the
/// result with the core's parser and Ed25519 verification before anyone ships it.
/// </summary>
public static class ReleaseManifest
{
    /// <summary>One assembly of a release.</summary>
    public sealed record Assembly(string Name, byte[] Content);

    /// <summary>The signed manifest bytes for <paramref name="assemblies"/> (in load order).</summary>
    public static byte[] Build(ReleaseKeys keys, string version, string firmware, string entry, IReadOnlyList<Assembly> assemblies)
    {
        var text = new StringBuilder();
        text.Append(UpdateManifest.Header).Append('\n');
        text.Append("version ").Append(version).Append('\n');
        text.Append("firmware ").Append(firmware).Append('\n');
        text.Append("entry ").Append(entry).Append('\n');
        text.Append("key ").Append(keys.KeyId()).Append('\n');
        foreach (var a in assemblies)
        {
            text.Append("file ").Append(a.Name).Append(' ').Append(a.Content.Length).Append(' ')
                .Append(Convert.ToHexString(SHA256.HashData(a.Content)).ToLowerInvariant()).Append('\n');
        }
        byte[] body = Encoding.ASCII.GetBytes(text.ToString());
        string signature = Convert.ToHexString(keys.Sign(body)).ToLowerInvariant();
        byte[] manifest = Encoding.ASCII.GetBytes(text.Append("signature ").Append(signature).Append('\n').ToString());
        string? problem = Check(manifest, keys.PublicKey);
        if (problem != null) throw new FormatException("manifest: " + problem);
        return manifest;
    }

    /// <summary>Null when the core accepts <paramref name="manifest"/> signed by <paramref name="publicKey"/>, else the reason's text.</summary>
    public static string? Check(byte[] manifest, byte[] publicKey)
    {
        var parsed = new UpdateManifest();
        UpdateReason reason = parsed.Parse(manifest, 0, manifest.Length);
        if (reason == UpdateReason.None) reason = new FleetKey(publicKey, 0).Check(parsed, manifest, 0);
        return reason == UpdateReason.None ? null : UpdateReasons.Text(reason);
    }
}
