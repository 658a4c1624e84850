using System.Text.Json;
using MeterGateway.Mapping;
using MeterGateway.Readings;

namespace MeterGateway.Host.Watch;

/// <summary>
/// What <c>metergateway watch</c> shows, read from one status document (<c>/status.json</c>, docs/status-page.md): the
/// same document whether the gateway runs inside <c>watch</c> or is attached to over HTTP.
/// </summary>
/// <param name="Values">The mapped values of the last valid reading set, in the document's order.</param>
/// <param name="Manufacturer">The meter's manufacturer (FLAG id decoded), or null.</param>
/// <param name="Model">The meter's model, or null.</param>
/// <param name="EquipmentId">The meter's equipment id (DSMR <c>0-0:96.1.1</c>, hex as the meter sends it), or null.</param>
/// <param name="Header">The identification line the meter sends first (<c>/ISk5\2MT382-1000</c> without the slash), or null.</param>
/// <param name="LastFrame">ISO 8601 UTC time of the last valid frame, or null.</param>
/// <param name="Time">The gateway's ISO 8601 UTC clock, or null.</param>
/// <param name="FramesValid">Valid frames since the gateway started.</param>
/// <param name="Rejected">Rejected frames by reason (crc, bcc, framing, too_long, timeout, parse, decrypt), in the document's order.</param>
/// <param name="RejectedTotal">All rejected frames.</param>
/// <param name="LastError">Why the last frame was rejected, or null.</param>
/// <param name="Connected">True while the gateway is connected to its broker.</param>
/// <param name="Connects">Successful broker connections since start.</param>
/// <param name="MessagesPublished">Messages published since start.</param>
/// <param name="PublishFailures">Publications not acknowledged.</param>
public sealed record StatusSnapshot(
    IReadOnlyList<StatusValue> Values, string? Manufacturer, string? Model, string? EquipmentId, string? Header,
    string? LastFrame, string? Time, long FramesValid, IReadOnlyList<(string Reason, long Count)> Rejected, long RejectedTotal,
    string? LastError, bool Connected, long Connects, long MessagesPublished, long PublishFailures)
{
    /// <summary>
    /// Reads a status document. Each value's OBIS code is the document's <c>obis</c> (the code it was read from) or, from
    /// a gateway that does not write it, the quantity's code in <see cref="Quantities.Code"/>. Names are those of
    /// <see cref="ObisNames"/> in <paramref name="language"/> for that code, else the document's own (the gateway's note). A document that is not a status document throws <see cref="JsonException"/> (or
    /// <see cref="KeyNotFoundException"/>/<see cref="InvalidOperationException"/> for a missing or mistyped key).
    /// </summary>
    public static StatusSnapshot Parse(ReadOnlySpan<byte> json, NameLanguage language)
    {
        using var document = JsonDocument.Parse(json.ToArray());
        JsonElement root = document.RootElement;
        var values = new List<StatusValue>();
        foreach (JsonElement v in root.GetProperty("values").EnumerateArray())
        {
            string quantity = v.GetProperty("quantity").GetString() ?? "";
            int q = Quantities.Find(quantity);
            string? obis = Text(v, "obis");
            long code = obis != null ? Obis.FromText(obis) : Obis.None;
            if (code == Obis.None) code = q >= 0 ? Quantities.Code(q) : 0;
            string? name = code != 0 ? ObisNames.Get(code, language) : null;
            values.Add(new StatusValue(quantity, code != 0 ? Obis.ToText(code) : null,
                name ?? Text(v, "name") ?? quantity, v.GetProperty("value").GetRawText(), Text(v, "unit")));
        }
        JsonElement meter = root.GetProperty("meter"), frames = root.GetProperty("frames"), mqtt = root.GetProperty("mqtt");
        var rejected = new List<(string, long)>();
        foreach (JsonProperty reason in frames.GetProperty("rejected").EnumerateObject()) rejected.Add((reason.Name, reason.Value.GetInt64()));
        return new StatusSnapshot(values, Text(meter, "manufacturer"), Text(meter, "model"), Text(meter, "equipment_id"), Text(meter, "header"),
            Text(meter, "last_frame"), Text(root, "time"), frames.GetProperty("valid").GetInt64(), rejected,
            frames.GetProperty("rejected_total").GetInt64(), Text(frames, "last_error"), mqtt.GetProperty("connected").GetBoolean(),
            mqtt.GetProperty("connects").GetInt64(), mqtt.GetProperty("messages_published").GetInt64(), mqtt.GetProperty("publish_failures").GetInt64());
    }

    private static string? Text(JsonElement element, string key) =>
        element.TryGetProperty(key, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}

/// <summary>One value of a status document.</summary>
/// <param name="Quantity">The quantity's configuration name, e.g. <c>voltage_l1</c>.</param>
/// <param name="Obis">The OBIS code it is read from, e.g. <c>1-0:32.7.0</c> (the document's, else the first the mapping lists), or null when neither gives one.</param>
/// <param name="Name">What it measures, in the language asked (or the gateway's note).</param>
/// <param name="Value">The value as the document writes it (a JSON number with the meter's digits), e.g. <c>230.1</c>.</param>
/// <param name="Unit">Its unit (<c>kWh</c>, <c>W</c>, <c>V</c>, <c>m³</c>…), or null.</param>
public sealed record StatusValue(string Quantity, string? Obis, string Name, string Value, string? Unit);
