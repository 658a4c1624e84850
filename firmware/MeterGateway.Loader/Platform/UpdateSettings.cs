using MeterGateway.Update;

namespace MeterGateway.Platform
{
    /// <summary>
    /// What the loader and the application both tell the update core (docs/ota.md): the fleet's Ed25519 public key
    /// (the 32 bytes <c>metergateway release --keygen</c> prints; replace <see cref="FleetPublicKey"/> with the
    /// fleet's own before deploying), the built-in set's version, the native firmware version, and the defaults of
    /// <see cref="UpdatePolicy"/> otherwise. One file compiled into both (the application links it), so they never
    /// disagree.
    /// </summary>
    public static class UpdateSettings
    {
        /// <summary>The fleet's public key: all zeros here, a key no release can match, until a fleet's key is put in.</summary>
        public static readonly byte[] FleetPublicKey = new byte[32];

        /// <summary>The version of the set deployed with nanoff (the built-in set): raise it with each USB deployment.</summary>
        public const string BuiltInVersion = "1.0.0";

        /// <summary>The entry type of the built-in set, found by name (the loader holds no reference to the application).</summary>
        public const string BuiltInEntry = "MeterGateway.Program, MeterGateway";

        /// <summary>The policy: the key above and the running native firmware's version (nanoFramework <c>SystemInfo.Version</c>).</summary>
        public static UpdatePolicy Create()
        {
            UpdatePolicy policy = new UpdatePolicy();
            policy.Key = new FleetKey(FleetPublicKey, 0);
            policy.BuiltInVersion = BuiltInVersion;
            policy.FirmwareVersion = nanoFramework.Runtime.Native.SystemInfo.Version.ToString();
            return policy;
        }
    }
}
