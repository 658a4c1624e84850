using System.Security.Cryptography;
using MeterGateway.Update;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace MeterGateway.Host.Update;

/// <summary>
/// The fleet's Ed25519 key pair as PEM files: the private key as PKCS#8 (<c>-----BEGIN PRIVATE KEY-----</c>, RFC 8410
/// §7), the public key as SubjectPublicKeyInfo (<c>-----BEGIN PUBLIC KEY-----</c>, RFC 8410 §4), the forms OpenSSL
/// reads and writes (<c>openssl genpkey -algorithm ed25519</c>). Key generation and signing use BouncyCastle; the box
/// only verifies, with the core's <see cref="MeterGateway.Crypto.Ed25519"/>.
/// </summary>
public sealed class ReleaseKeys
{
    private static readonly byte[] Pkcs8Prefix = Convert.FromHexString("302E020100300506032B657004220420");

    private readonly Ed25519PrivateKeyParameters _private;

    /// <summary>The 32 bytes of the public key (what the loader holds).</summary>
    public byte[] PublicKey { get; }

    private ReleaseKeys(Ed25519PrivateKeyParameters privateKey)
    {
        _private = privateKey;
        PublicKey = privateKey.GeneratePublicKey().GetEncoded();
    }

    /// <summary>A new key pair from the system's cryptographic random generator.</summary>
    public static ReleaseKeys Generate()
    {
        var seed = RandomNumberGenerator.GetBytes(32);
        try { return new ReleaseKeys(new Ed25519PrivateKeyParameters(seed, 0)); }
        finally { CryptographicOperations.ZeroMemory(seed); }
    }

    /// <summary>The key pair of a 32-byte private key seed (RFC 8032 §5.1.5).</summary>
    public static ReleaseKeys FromSeed(byte[] seed) => new(new Ed25519PrivateKeyParameters(seed, 0));

    /// <summary>Reads a PKCS#8 PEM private key; throws <see cref="FormatException"/> when it is not an Ed25519 private key.</summary>
    public static ReleaseKeys FromPrivatePem(string pem)
    {
        byte[] der = ReadPem(pem, "PRIVATE KEY");
        try
        {
            if (PrivateKeyFactory.CreateKey(der) is Ed25519PrivateKeyParameters key) return new ReleaseKeys(key);
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or SecurityUtilityException)
        {
            throw new FormatException("not a PKCS#8 private key: " + e.Message);
        }
        throw new FormatException("not an Ed25519 private key");
    }

    /// <summary>The 32 bytes of an Ed25519 public key in a SubjectPublicKeyInfo PEM; throws <see cref="FormatException"/> otherwise.</summary>
    public static byte[] PublicKeyFromPem(string pem)
    {
        byte[] der = ReadPem(pem, "PUBLIC KEY");
        try
        {
            if (PublicKeyFactory.CreateKey(der) is Ed25519PublicKeyParameters key) return key.GetEncoded();
        }
        catch (Exception e) when (e is ArgumentException or InvalidCastException or IOException or SecurityUtilityException)
        {
            throw new FormatException("not a SubjectPublicKeyInfo public key: " + e.Message);
        }
        throw new FormatException("not an Ed25519 public key");
    }

    /// <summary>
    /// The private key as PKCS#8 v1 PEM: the fixed RFC 8410 §7 prefix <c>302E020100300506032B657004220420</c> and the
    /// 32-byte seed (the form OpenSSL writes and reads; BouncyCastle's own encoder adds the public key, which OpenSSL 3
    /// refuses).
    /// </summary>
    public string PrivatePem()
    {
        byte[] der = new byte[Pkcs8Prefix.Length + 32];
        Pkcs8Prefix.CopyTo(der, 0);
        _private.Encode(der, Pkcs8Prefix.Length);
        try { return PemEncoding.WriteString("PRIVATE KEY", der) + "\n"; }
        finally { CryptographicOperations.ZeroMemory(der); }
    }

    /// <summary>The public key as SubjectPublicKeyInfo PEM.</summary>
    public string PublicPem() =>
        PemEncoding.WriteString("PUBLIC KEY", SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(_private.GeneratePublicKey()).GetDerEncoded()) + "\n";

    /// <summary>The key id a manifest names (<see cref="FleetKey"/>), 16 hex digits.</summary>
    public string KeyId()
    {
        var id = new byte[UpdateManifest.KeyIdSize];
        FleetKey.ComputeId(PublicKey, 0, id, 0);
        return Convert.ToHexString(id).ToLowerInvariant();
    }

    /// <summary>The Ed25519 signature (RFC 8032 §5.1.6, 64 bytes) of <paramref name="message"/>.</summary>
    public byte[] Sign(byte[] message)
    {
        var signature = new byte[64];
        _private.Sign(Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.Algorithm.Ed25519, null, message, 0, message.Length, signature, 0);
        return signature;
    }

    private static byte[] ReadPem(string pem, string label)
    {
        if (!PemEncoding.TryFind(pem, out PemFields fields) || pem[fields.Label] != label)
            throw new FormatException($"expected a PEM block '-----BEGIN {label}-----'");
        return Convert.FromBase64String(pem[fields.Base64Data].ToString());
    }
}
