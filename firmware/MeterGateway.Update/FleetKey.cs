using MeterGateway.Crypto;

namespace MeterGateway.Update
{
    /// <summary>
    /// The fleet's Ed25519 public key, the only thing a box trusts updates by: built into the loader, never taken from
    /// a command or a file. Its id is the first 8 bytes of the SHA-256 of the 32 key bytes; a manifest names the key
    /// that signed it, so "signed by another key" and "changed after signing" are told apart.
    /// </summary>
    public sealed class FleetKey
    {
        // made at the first check (a few KB of field elements and points that only an update needs)
        private Ed25519 _ed25519;

        /// <summary>The 32 public key bytes.</summary>
        public readonly byte[] PublicKey = new byte[Ed25519.PublicKeySize];

        // made at the first use: hashing makes SHA-256's round constants, which only an update needs (a box holds them on
        // its managed heap from then on)
        private byte[] _id;

        /// <summary>The key id (<see cref="UpdateManifest.KeyIdSize"/> bytes), computed at the first use.</summary>
        public byte[] Id
        {
            get
            {
                if (_id == null)
                {
                    byte[] id = new byte[UpdateManifest.KeyIdSize];
                    ComputeId(PublicKey, 0, id, 0);
                    _id = id;
                }
                return _id;
            }
        }

        /// <summary>Holds a copy of the 32 bytes of <paramref name="publicKey"/> at <paramref name="offset"/>.</summary>
        public FleetKey(byte[] publicKey, int offset)
        {
            for (int i = 0; i < Ed25519.PublicKeySize; i++) PublicKey[i] = publicKey[offset + i];
        }

        /// <summary>Writes the 8-byte id of the public key at <paramref name="offset"/>: the first bytes of its SHA-256.</summary>
        public static void ComputeId(byte[] publicKey, int offset, byte[] id, int idOffset)
        {
            byte[] digest = new byte[Sha256.HashSize];
            new Sha256().Compute(publicKey, offset, Ed25519.PublicKeySize, digest, 0);
            for (int i = 0; i < UpdateManifest.KeyIdSize; i++) id[idOffset + i] = digest[i];
        }

        /// <summary>
        /// Checks a parsed manifest's signature over its bytes (<paramref name="data"/> from <paramref name="offset"/>,
        /// as given to <see cref="UpdateManifest.Parse"/>): <see cref="UpdateReason.WrongKey"/> when it names another
        /// key, <see cref="UpdateReason.BadSignature"/> when the signature does not verify, else <see cref="UpdateReason.None"/>.
        /// </summary>
        public UpdateReason Check(UpdateManifest manifest, byte[] data, int offset)
        {
            byte[] id = Id;
            for (int i = 0; i < UpdateManifest.KeyIdSize; i++)
            {
                if (manifest.KeyId[i] != id[i]) return UpdateReason.WrongKey;
            }
            if (_ed25519 == null) _ed25519 = new Ed25519();
            bool valid = _ed25519.Verify(PublicKey, 0, data, offset, manifest.SignedLength, manifest.Signature, 0);
            return valid ? UpdateReason.None : UpdateReason.BadSignature;
        }
    }
}
