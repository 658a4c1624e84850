namespace MeterGateway.TcpServer
{
    /// <summary>
    /// <c>[TCP]</c> of config.ini: the telegram server (docs/tcp.md). <see cref="Listen"/> empty (the default) turns it
    /// off. Set by <c>GatewayConfig</c>, which checks each value with <see cref="CheckListen"/> and the ranges below.
    /// </summary>
    public sealed class TcpServerOptions
    {
        /// <summary>Default of <see cref="MaxClients"/>.</summary>
        public const int DefaultMaxClients = 4;

        /// <summary>Largest <see cref="MaxClients"/>: each client is a socket of the ESP32's lwIP stack, which has about 10 in all.</summary>
        public const int MaxClientsLimit = 8;

        /// <summary>
        /// <c>listen</c>: <c>HOST:PORT</c>, HOST an IPv4 address (<c>0.0.0.0</c> for every interface, <c>127.0.0.1</c> for
        /// this machine only), PORT 1..65535; empty (default): no server.
        /// </summary>
        public string Listen = "";

        /// <summary><c>raw</c>: pass the meter's bytes through unchecked (garbage and damaged frames included) instead of checked frames. Default false.</summary>
        public bool Raw;

        /// <summary><c>max_clients</c>: clients served at once, 1..<see cref="MaxClientsLimit"/>; further connections are closed at once. Default 4.</summary>
        public int MaxClients = DefaultMaxClients;

        /// <summary>True when <see cref="Listen"/> is set.</summary>
        public bool Enabled { get { return Listen.Length > 0; } }

        /// <summary>The HOST of <see cref="Listen"/> (an IPv4 address in dotted form), or "" when off.</summary>
        public string ListenHost
        {
            get { return Enabled ? Listen.Substring(0, Listen.LastIndexOf(':')) : ""; }
        }

        /// <summary>The PORT of <see cref="Listen"/> (1..65535), or 0 when off.</summary>
        public int ListenPort
        {
            get { return Enabled ? Number(Listen, Listen.LastIndexOf(':') + 1, Listen.Length) : 0; }
        }

        /// <summary>
        /// Null when <paramref name="value"/> is a valid <c>listen</c> value (<c>HOST:PORT</c> as <see cref="Listen"/>
        /// describes, or empty), else what is wrong with it, for a configuration error that names the key and value.
        /// </summary>
        public static string CheckListen(string value)
        {
            if (value.Length == 0) return null;
            const string Expected = "expected HOST:PORT with an IPv4 address and a port 1..65535 (0.0.0.0:2001 for every interface), or empty for off";
            int colon = value.LastIndexOf(':');
            if (colon <= 0) return Expected;
            int port = Number(value, colon + 1, value.Length);
            if (port < 1 || port > 65535) return Expected;
            int part = 0, start = 0;
            for (int i = 0; i <= colon; i++)
            {
                if (i < colon && value[i] != '.') continue;
                int octet = Number(value, start, i);
                if (octet < 0 || octet > 255) return Expected;
                part++;
                start = i + 1;
            }
            return part == 4 ? null : Expected;
        }

        // The decimal number in text[from..to), at most 5 digits; -1 when empty, too long or not digits.
        private static int Number(string text, int from, int to)
        {
            if (to <= from || to - from > 5) return -1;
            int n = 0;
            for (int i = from; i < to; i++)
            {
                char c = text[i];
                if (c < '0' || c > '9') return -1;
                n = n * 10 + (c - '0');
            }
            return n;
        }
    }
}
