using MeterGateway.Crypto;

namespace MeterGateway.Host.Cli;

/// <summary>AES-128 keys given on the command line or in configuration as 32 hex digits. Error messages never repeat the value.</summary>
public static class KeyOption
{
    /// <summary>The 16 bytes of <paramref name="hex"/>, or null when it is null; throws <see cref="UsageException"/> naming <paramref name="option"/> when it is not 32 hex digits.</summary>
    public static byte[]? Parse(string? hex, string option)
    {
        if (hex == null) return null;
        byte[]? key = HexText.ToBytes(hex.Trim());
        if (key == null || key.Length != 16) throw new UsageException($"{option}: must be 32 hex digits (a 16-byte AES-128 key)");
        return key;
    }
}
