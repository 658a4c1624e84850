
namespace MeterGateway.Crypto
{
    /// <summary>
    /// A 16-byte AES-128 key from the configuration (<c>[GENERAL] decryption_key</c>, <c>authentication_key</c>: the DLMS
    /// keys of an encrypted P1 port, LUX §3.2.5). It cannot be read back as text: <see cref="ToString"/> names no byte,
    /// and the bytes only leave through <see cref="CopyTo"/>, which the code that builds the decryptor calls once. Errors
    /// about a key never repeat its value (the configuration reader).
    /// </summary>
    public sealed class SecretKey
    {
        /// <summary>Length of a key in bytes (AES-128).</summary>
        public const int Length = 16;

        private readonly byte[] _bytes = new byte[Length];

        /// <summary>A key holding a copy of the 16 bytes at <paramref name="offset"/>.</summary>
        public SecretKey(byte[] bytes, int offset)
        {
            System.Array.Copy(bytes, offset, _bytes, 0, Length);
        }

        /// <summary>Copies the key into <paramref name="destination"/> at <paramref name="offset"/> (16 bytes).</summary>
        public void CopyTo(byte[] destination, int offset)
        {
            System.Array.Copy(_bytes, 0, destination, offset, Length);
        }

        /// <summary>The key as 16 new bytes (for the decryptor's constructor, which copies them again).</summary>
        public byte[] ToBytes()
        {
            byte[] copy = new byte[Length];
            CopyTo(copy, 0);
            return copy;
        }

        /// <summary>Never the key: the text <c>(set, not shown)</c>.</summary>
        public override string ToString()
        {
            return "(set, not shown)";
        }
    }
}
