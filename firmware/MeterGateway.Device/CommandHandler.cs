using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Link;
using MeterGateway.Readings;

namespace MeterGateway.Device
{
    /// <summary>
    /// Remote configuration and commands (docs/firmware.md): each message on <c>&lt;device_topic&gt;/command</c> is a
    /// flat JSON object, answered by exactly one JSON object on <c>&lt;device_topic&gt;/reply</c>.
    /// <code>
    /// {"token":"…","command":"status","id":"7"}
    ///   → {"id":"7","command":"status","ok":true,"status":{…StatusReport…}}
    /// {"token":"…","command":"set","section":"MQTT","key":"port","value":"8883","id":"8"}
    ///   → {"id":"8","command":"set","ok":true,"section":"MQTT","key":"port","value":"8883","restart_required":true}
    /// {"token":"…","command":"restart"}
    ///   → {"id":null,"command":"restart","ok":true} (then <see cref="RestartRequested"/> is true)
    /// anything refused
    ///   → {"id":…,"command":…,"ok":false,"error":"&lt;reason&gt;"}
    /// </code>
    /// <list type="bullet">
    /// <item>Credentials: nothing is done without <c>token</c> equal to <c>[DEVICE] admin_password</c>
    /// (<see cref="Secrets.TokenMatches"/>); an empty admin password turns commands off. After
    /// <see cref="FailuresBeforeLockout"/> wrong tokens in a row every command is refused for <see cref="LockoutMs"/>.</item>
    /// <item><c>set</c>: the key is checked with <see cref="GatewayConfig.Set"/>, written into the stored
    /// <c>config.ini</c> with <see cref="IniEditor"/>, and the whole file is checked again with
    /// <see cref="GatewayConfig.Load"/> before it replaces the stored one. The running configuration does not change
    /// (the message builder's topics are built once): the reply says a restart applies it. A secret value
    /// (<see cref="GatewayConfig.IsSecret"/>) is never repeated in a reply, nor in an error.</item>
    /// <item><c>id</c> (any JSON value) is echoed so that a caller can match replies to commands.</item>
    /// </list>
    /// The reply is written into the writer <see cref="Handle"/> is given (the box gives it the gateway loop's status
    /// buffer, <c>GatewayLoop.TakeStatusWriter</c>: no buffer of its own; no allocation for <c>status</c>, <c>set</c>
    /// allocates strings).
    /// </summary>
    public sealed class CommandHandler
    {
        /// <summary>Largest command accepted, in bytes.</summary>
        public const int MaxCommandLength = 2048;
        /// <summary>Wrong tokens in a row that lock remote commands.</summary>
        public const int FailuresBeforeLockout = 5;
        /// <summary>How long remote commands stay locked, in ms.</summary>
        public const int LockoutMs = 60000;

        private const string KnownCommands = "status, set, restart";

        private readonly GatewayConfig _config;
        private readonly IConfigStore _store;
        private readonly GatewayStatus _status;
        private readonly IDeviceInfo _device;
        private readonly IClock _clock;
        private JsonWriter _json; // the reply's writer, only during Handle (the box's is made for the reply and dropped after it)
        private int _failures;
        private long _lockedUntil = long.MinValue;

        /// <summary>
        /// A handler for a device running <paramref name="config"/> (whose <c>admin_password</c> is the token), keeping
        /// its file in <paramref name="store"/> and reporting <paramref name="status"/> and <paramref name="device"/>.
        /// </summary>
        public CommandHandler(GatewayConfig config, IConfigStore store, GatewayStatus status, IDeviceInfo device, IClock clock)
        {
            _config = config;
            _store = store;
            _status = status;
            _device = device;
            _clock = clock;
        }

        /// <summary>True once a valid <c>restart</c> was answered: publish the reply, then restart.</summary>
        public bool RestartRequested { get; private set; }

        /// <summary>
        /// Handles one command message and writes its reply into <paramref name="reply"/> (reset first); returns the
        /// reply's length, from offset 0 of the writer's buffer. A reply longer than the buffer is replaced by the
        /// refusal <c>reply longer than N bytes</c>.
        /// </summary>
        public int Handle(JsonWriter reply, byte[] payload, int offset, int count)
        {
            _json = reply;
            try
            {
                return Answer(payload, offset, count);
            }
            finally
            {
                _json = null;
            }
        }

        private int Answer(byte[] payload, int offset, int count)
        {
            _json.Reset();
            if (count > MaxCommandLength) return Refuse(null, null, "command longer than 2048 bytes");
            FlatJson request = FlatJson.Parse(payload, offset, count);
            if (request.Error != null) return Refuse(null, null, "not a flat JSON object: " + request.Error);
            string command = request.Get("command");
            if (_config.AdminPassword.Length == 0) return Refuse(request, command, "remote commands are off ([DEVICE] admin_password is empty)");

            long now = _clock.MonotonicMs;
            if (now < _lockedUntil) return Refuse(request, command, "locked after 5 wrong tokens; try again in " + ((_lockedUntil - now + 999) / 1000) + " s");
            if (!Secrets.TokenMatches(request.Get("token"), _config.AdminPassword))
            {
                if (++_failures >= FailuresBeforeLockout)
                {
                    _failures = 0;
                    _lockedUntil = now + LockoutMs;
                }
                return Refuse(request, command, request.IndexOf("token") < 0 ? "missing \"token\"" : "wrong token");
            }
            _failures = 0;

            if (command == null) return Refuse(request, null, "missing \"command\" (known: " + KnownCommands + ")");
            if (command == "status") return Status(request);
            if (command == "set") return Set(request);
            if (command == "restart")
            {
                Begin(request, command, true);
                RestartRequested = true;
                return End();
            }
            return Refuse(request, command, "unknown command \"" + command + "\" (known: " + KnownCommands + ")");
        }

        private int Status(FlatJson request)
        {
            Begin(request, "status", true);
            _json.Name("status", false);
            StatusReport.Write(_json, _status, _device, _clock.MonotonicMs);
            return End();
        }

        private int Set(FlatJson request)
        {
            string section = request.Get("section"), key = request.Get("key"), value = request.Get("value");
            if (section == null || key == null || value == null) return Refuse(request, "set", "set needs \"section\", \"key\" and \"value\"");
            string stored = _store.Read();
            string text = stored == null ? "" : stored;
            try
            {
                GatewayConfig.Load(text).Set(section, key, value);
                string updated = IniEditor.Set(text, section, key, value);
                GatewayConfig.Load(updated);
                _store.Write(updated);
            }
            catch (ConfigException e)
            {
                return Refuse(request, "set", Secrets.Describe(e));
            }
            catch (System.IO.IOException)
            {
                return Refuse(request, "set", "config.ini could not be written");
            }
            Begin(request, "set", true);
            _json.Name("section", false);
            _json.String(ConfigText.ToUpper(section));
            _json.Name("key", false);
            _json.String(ConfigText.ToLower(key));
            if (!GatewayConfig.IsSecret(section, key))
            {
                _json.Name("value", false);
                _json.String(value);
            }
            _json.Name("restart_required", false);
            _json.Bool(true);
            return End();
        }

        private int Refuse(FlatJson request, string command, string reason)
        {
            Begin(request, command, false);
            _json.Name("error", false);
            _json.String(reason);
            return End();
        }

        // {"id":…,"command":…,"ok":… — the id is echoed as it came: a string as a string, a number or literal as is.
        private void Begin(FlatJson request, string command, bool ok)
        {
            _json.Raw('{');
            _json.Name("id", true);
            int id = request == null ? -1 : request.IndexOf("id");
            if (id < 0 || request.Values[id] == null) _json.Raw("null");
            else if (request.IsString[id]) _json.String(request.Values[id]);
            else _json.Raw(request.Values[id]);
            _json.Name("command", false);
            _json.String(command);
            _json.Name("ok", false);
            _json.Bool(ok);
        }

        private int End()
        {
            _json.Raw('}');
            if (!_json.Overflowed) return _json.Length;
            _json.Reset();
            _json.Raw("{\"id\":null,\"command\":null,\"ok\":false,\"error\":\"reply longer than ");
            _json.Number(_json.Buffer.Length);
            _json.Raw(" bytes\"}");
            return _json.Length;
        }
    }
}
