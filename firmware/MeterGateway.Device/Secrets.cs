using MeterGateway.Config;

namespace MeterGateway.Device
{
    /// <summary>
    /// How the device treats secret settings (<see cref="GatewayConfig.IsSecret"/>) and the remote-command token:
    /// error texts that never repeat a secret value, and a token comparison whose time does not depend on where the
    /// given token first differs from the configured one.
    /// </summary>
    public static class Secrets
    {
        /// <summary>
        /// The message of a configuration error as the portal and the command replies show it: <see cref="ConfigException"/>'s
        /// own message, except for a secret key, where the value is left out (<c>[WIFI] password: empty for an open
        /// network, else 8..63 characters (WPA2)</c>).
        /// </summary>
        public static string Describe(ConfigException e)
        {
            if (!GatewayConfig.IsSecret(e.Section, e.Key)) return e.Message;
            return "[" + e.Section + "] " + e.Key + ": " + e.Problem;
        }

        /// <summary>
        /// True when <paramref name="given"/> equals <paramref name="expected"/> (ordinal, UTF-16 code units). Every code
        /// unit of the given token is compared (against the expected one, cycled) and the differences are or-ed
        /// together, with no early exit, so the time depends only on the given token's length. Null never matches;
        /// an empty expected token matches nothing (remote commands off).
        /// </summary>
        public static bool TokenMatches(string given, string expected)
        {
            if (given == null || expected == null || expected.Length == 0) return false;
            int difference = given.Length ^ expected.Length;
            for (int i = 0; i < given.Length; i++)
            {
                difference |= given[i] ^ expected[i % expected.Length];
            }
            return difference == 0;
        }
    }
}
