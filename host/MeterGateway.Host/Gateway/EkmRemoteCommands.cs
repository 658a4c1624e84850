using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Link;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Host.Cli;

namespace MeterGateway.Host.Gateway;

/// <summary>
/// Settings of the configured EKM meters changed over MQTT by <c>metergateway run</c>. A command is published on
/// <c>DEVICE_TOPIC/ekm/ADDRESS/command</c> (<c>[DEVICE] device_topic</c>, ADDRESS one of <c>[EKM] meters</c>) as
/// <c>{"token":"ADMIN_PASSWORD","setting":"ct-ratio","values":["200"]}</c>, with the settings and value syntax of
/// <c>metergateway ekm</c> (<see cref="EkmSettingArguments"/>), or <c>"setting":"settings"</c> to read them back; the
/// answer goes to <c>DEVICE_TOPIC/ekm/ADDRESS/reply</c>:
/// <c>{"ok":true|false,"setting":"ct-ratio","status":"acknowledged|read|refused|not sent","error":"…"}</c> (a settings
/// read adds <c>"settings":{…}</c> as <c>ekm settings</c> prints it). Commands are off (every one refused) unless both
/// <c>[DEVICE] admin_password</c> and <c>[EKM] meter_password</c> are set; the token is compared in constant time
/// (<see cref="Secrets.TokenMatches"/>) and after <see cref="CommandHandler.FailuresBeforeLockout"/> wrong tokens in a
/// row every command is refused for <see cref="CommandHandler.LockoutMs"/>, as the firmware's remote commands do; a bad
/// setting or value is refused with the reason before anything is sent; no secret is ever put in a reply. Commands
/// arrive on MQTTnet's thread (<see cref="Enqueue"/>) and are run by <see cref="RunPending"/> on the gateway loop's
/// thread, between polls, because the serial link is not thread-safe.
/// </summary>
public sealed class EkmRemoteCommands
{
    /// <summary>Commands waiting beyond this many are dropped (a flood must not hold the meter reads back).</summary>
    public const int MaxPending = 16;

    private readonly GatewayConfig _config;
    private readonly IMqttConnection _mqtt;
    private readonly IClock _clock;
    private readonly string _prefix;
    private readonly ConcurrentQueue<(string Topic, byte[] Payload)> _pending = new();
    private readonly byte[] _command = new byte[EkmRequests.MaxCommandLength];
    private int _failures;
    private long _lockedUntil = long.MinValue;

    /// <summary>Commands for the meters of <paramref name="config"/> under <paramref name="deviceTopic"/> (expanded), replies published on <paramref name="mqtt"/>.</summary>
    public EkmRemoteCommands(GatewayConfig config, string deviceTopic, IMqttConnection mqtt, IClock clock)
    {
        _config = config;
        _mqtt = mqtt;
        _clock = clock;
        _prefix = deviceTopic + "/ekm/";
    }

    /// <summary>The topic filter to subscribe: <c>DEVICE_TOPIC/ekm/+/command</c>.</summary>
    public string CommandFilter => _prefix + "+/command";

    /// <summary>True when commands can be accepted: both the admin password and the meter password are configured.</summary>
    public bool Enabled => _config.AdminPassword.Length > 0 && _config.EkmMeterPassword.Length > 0;

    /// <summary>Queues a command message (any thread); it runs at the next <see cref="RunPending"/>.</summary>
    public void Enqueue(string topic, byte[] payload)
    {
        if (_pending.Count < MaxPending) _pending.Enqueue((topic, payload));
    }

    /// <summary>Runs the queued commands on <paramref name="client"/> (the loop's thread) and publishes each reply.</summary>
    public void RunPending(EkmClient client)
    {
        while (_pending.TryDequeue(out var message))
        {
            string address = message.Topic.Substring(_prefix.Length, message.Topic.Length - _prefix.Length - "/command".Length);
            byte[] reply = Encoding.UTF8.GetBytes(Handle(address, message.Payload, client));
            _mqtt.Publish(_prefix + address + "/reply", reply, 0, reply.Length, 1, false);
        }
    }

    /// <summary>Runs one command for the meter <paramref name="address"/> (the topic's level) and returns the reply JSON.</summary>
    public string Handle(string address, byte[] payload, EkmClient client)
    {
        string? setting = null;
        try
        {
            using var json = JsonDocument.Parse(payload);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return Reply(false, null, "not sent", "the command is not a JSON object {\"token\",\"setting\",\"values\"}");
            if (root.TryGetProperty("setting", out var s) && s.ValueKind == JsonValueKind.String) setting = Text(s);
            if (!Enabled) return Reply(false, setting, "not sent", "EKM commands are off: set [DEVICE] admin_password and [EKM] meter_password");
            long now = _clock.MonotonicMs;
            if (now < _lockedUntil) return Reply(false, setting, "not sent", $"too many wrong tokens: commands refused for {(_lockedUntil - now + 999) / 1000} s");
            string? token = root.TryGetProperty("token", out var t) && t.ValueKind == JsonValueKind.String ? Text(t) : null;
            if (token == null || !Secrets.TokenMatches(token, _config.AdminPassword))
            {
                if (++_failures >= CommandHandler.FailuresBeforeLockout)
                {
                    _failures = 0;
                    _lockedUntil = now + CommandHandler.LockoutMs;
                }
                return Reply(false, setting, "not sent", "wrong or missing token");
            }
            _failures = 0;
            int meter = FindMeter(address);
            if (meter < 0) return Reply(false, setting, "not sent", $"meter {address} is not one of [EKM] meters");
            if (setting == null) return Reply(false, null, "not sent", "no \"setting\": one of settings, " + string.Join(", ", EkmSettingArguments.Settings.Select(x => x.Name)));
            string[] values = Values(root);
            byte[] meterAddress = _config.EkmMeterAddresses[meter];
            EkmMeterVersion version = _config.EkmMeterVersions[meter];
            if (setting == "settings") return ReadSettings(client, meterAddress, version, values);
            // The configured meter_password would no longer match: the password is changed locally (metergateway ekm).
            if (setting == "password") return Reply(false, setting, "not sent", "the meter password is not changed over MQTT: use metergateway ekm … password, then [EKM] meter_password");
            int length = EkmSettingArguments.Build(setting, values, _command);
            EkmStatus status = client.Write(meterAddress, version, _config.EkmMeterPassword, _command, 0, length);
            return status == EkmStatus.Ok ? Reply(true, setting, "acknowledged", null) : Reply(false, setting, "refused", EkmStatusText.Of(status));
        }
        catch (JsonException)
        {
            return Reply(false, setting, "not sent", "the command is not JSON {\"token\",\"setting\",\"values\"}");
        }
        catch (UsageException e)
        {
            return Reply(false, setting, "not sent", e.Message);
        }
    }

    private string ReadSettings(EkmClient client, byte[] address, EkmMeterVersion version, string[] values)
    {
        if (values.Length > 0) return Reply(false, "settings", "not sent", "settings takes no value");
        var readings = new ReadingSet();
        var settings = new EkmMeterSettings();
        EkmStatus status = client.Read(address, version, readings);
        if (status == EkmStatus.Ok) status = client.ReadSettings(address, version, settings);
        if (status != EkmStatus.Ok) return Reply(false, "settings", "refused", EkmStatusText.Of(status));
        return Reply(true, "settings", "read", null, EkmCommand.SettingsJson(version, readings, settings));
    }

    private int FindMeter(string address)
    {
        byte[] wanted;
        try
        {
            wanted = EkmRequests.Address(address);
        }
        catch (EkmSettingException)
        {
            return -1;
        }
        for (int i = 0; i < _config.EkmMeterAddresses.Length; i++)
        {
            if (_config.EkmMeterAddresses[i].AsSpan().SequenceEqual(wanted)) return i;
        }
        return -1;
    }

    // "values": ["200"] (numbers are taken as written: [200] is the same).
    private static string[] Values(JsonElement root)
    {
        if (!root.TryGetProperty("values", out var v) || v.ValueKind == JsonValueKind.Null) return Array.Empty<string>();
        if (v.ValueKind != JsonValueKind.Array) throw new UsageException("\"values\" is not an array of strings");
        return v.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? Text(e) : e.GetRawText()).ToArray();
    }

    // A JSON string as text. Valid JSON can still hold text that is no string: a lone UTF-16 surrogate ("\ud800") or
    // bytes that are not UTF-8, on which GetString throws InvalidOperationException; that is bad JSON to the sender.
    private static string Text(JsonElement element)
    {
        try
        {
            return element.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    private static string Reply(bool ok, string? setting, string status, string? error, string? settingsJson = null)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream))
        {
            w.WriteStartObject();
            w.WriteBoolean("ok", ok);
            if (setting != null) w.WriteString("setting", setting);
            w.WriteString("status", status);
            if (error != null) w.WriteString("error", error);
            if (settingsJson != null)
            {
                w.WritePropertyName("settings");
                w.WriteRawValue(settingsJson);
            }
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
