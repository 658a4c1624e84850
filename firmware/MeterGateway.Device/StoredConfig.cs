using MeterGateway.Config;

namespace MeterGateway.Device
{
    /// <summary>
    /// The stored <c>config.ini</c> as the ESP32 finds it at power-up: its text, the configuration it loads to, and
    /// why the box cannot run on it (no file, an error naming the key, no <c>[WIFI] ssid</c>, an outbox larger than the box
    /// keeps: <see cref="MeterProfile.OutboxProblem"/>): then the portal opens and says so.
    /// </summary>
    public sealed class StoredConfig
    {
        /// <summary>The file's text, or an empty string when there is none.</summary>
        public readonly string Text;
        /// <summary>The loaded configuration, or null when the text does not load.</summary>
        public readonly GatewayConfig Config;
        /// <summary>Why the box cannot run on it, or null when it can.</summary>
        public readonly string Problem;

        private StoredConfig(string text, GatewayConfig config, string problem)
        {
            Text = text;
            Config = config;
            Problem = problem;
        }

        /// <summary>True when the box can join Wi-Fi and read its meter with it.</summary>
        public bool IsUsable { get { return Problem == null; } }

        /// <summary>Reads <paramref name="text"/> (null: no file). Never throws.</summary>
        public static StoredConfig Read(string text)
        {
            if (text == null) return new StoredConfig("", null, "no config.ini yet");
            GatewayConfig config;
            try
            {
                config = GatewayConfig.Load(text);
            }
            catch (ConfigException e)
            {
                return new StoredConfig(text, null, "config.ini: " + Secrets.Describe(e));
            }
            if (config.WifiSsid.Length == 0) return new StoredConfig(text, config, "no Wi-Fi network set ([WIFI] ssid is empty)");
            string outbox = MeterProfile.OutboxProblem(config);
            if (outbox != null) return new StoredConfig(text, config, outbox);
            return new StoredConfig(text, config, null);
        }
    }
}
