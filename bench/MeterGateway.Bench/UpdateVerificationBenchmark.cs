using BenchmarkDotNet.Attributes;
using MeterGateway.Crypto;

namespace MeterGateway.Bench;

/// <summary>
/// What an over-the-air update costs the box's CPU (issue 10): one Ed25519 verification of a manifest signature
/// (RFC 8032 TEST 2 vector) and the SHA-256 of 150 KiB of assemblies in 1 KiB chunks, as the update agent hashes a
/// download. Goal: 0 bytes allocated; docs/ota.md turns the times into an ESP32 estimate.
/// </summary>
[MemoryDiagnoser]
public class UpdateVerificationBenchmark
{
    private static readonly byte[] PublicKey = Convert.FromHexString("3D4017C3E843895A92B70AA74D1B7EBC9C982CCF2EC4968CC0CD55F12AF4660C");
    private static readonly byte[] Message = { 0x72 };
    private static readonly byte[] Signature = Convert.FromHexString(
        "92A009A9F0D4CAB8720E820B5F642540A2B27B5416503F8FB3762223EBDB69DA085AC1E43E15996E458F3613D0F11D8C387B2EAEB4302AEEB00D291612BB0C00");

    private readonly Ed25519 _ed25519 = new();
    private readonly Sha256 _sha256 = new();
    private readonly byte[] _assemblies = new byte[150 * 1024];
    private readonly byte[] _digest = new byte[Sha256.HashSize];

    /// <summary>Fills the assemblies with seeded random bytes and checks the vector verifies.</summary>
    [GlobalSetup]
    public void Setup()
    {
        new Random(10).NextBytes(_assemblies);
        if (!Verify()) throw new InvalidOperationException("RFC 8032 TEST 2 does not verify");
    }

    /// <summary>One signature verification.</summary>
    [Benchmark]
    public bool Verify() => _ed25519.Verify(PublicKey, 0, Message, 0, Message.Length, Signature, 0);

    /// <summary>SHA-256 of 150 KiB fed in 1 KiB chunks.</summary>
    [Benchmark]
    public byte HashAssemblies()
    {
        _sha256.Reset();
        for (int at = 0; at < _assemblies.Length; at += 1024) _sha256.Update(_assemblies, at, 1024);
        _sha256.Final(_digest, 0);
        return _digest[0];
    }
}
