using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.HomeAssistant;
using MeterGateway.Mapping;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.TcpServer;

namespace MeterGateway.Health
{
    /// <summary>
    /// The gateway's status as one JSON object: what the status page shows, <c>/status.json</c> serves and the status
    /// topic carries (docs/status-page.md is the contract):
    /// <code>{"application":"metergateway","version":"0.1.0","firmware":".NET 10.0.1","ip":null,"last_reboot":null,"time":"2026-01-02T10:00:00Z",
    ///  "uptime":3600,"wifi_rssi":null,"free_memory":123456,
    ///  "mqtt":{"connected":true,"connects":1,"messages_published":120,"publish_failures":0,"sets_published":10,"sets_dropped":0},
    ///  "outbox":{"depth":null,"oldest_undelivered":null,"thinned":null,"dropped":null},
    ///  "meter":{"protocol":"dsmr","header":"ISk5\\2MT382-1000","equipment_id":"4B38…","serial_number":"K8EG…",
    ///   "manufacturer":"Iskraemeco","model":"MT382-1000","changes":0,"previous_equipment_id":null,"last_frame":"…Z"},
    ///  "frames":{"valid":10,"rejected":{"crc":1,"bcc":0,"framing":0,"too_long":0,"timeout":0,"parse":0,"decrypt":0},
    ///   "rejected_total":1,"last_error":"CRC mismatch"},
    ///  "homeassistant":{"enabled":true,"sensors":12,"configs_published":12,"configs_removed":0,"states_published":120,
    ///   "publish_failures":0,"registers_withheld":0,"last_withheld":null,"record_errors":0},
    ///  "tcp":{"enabled":true,"listen":"0.0.0.0:2001","raw":false,"max_clients":4,"accepted":1,"refused":0,"dropped_slow":0,
    ///   "disconnected":0,"frames_served":10,"frames_withheld":0,"clients":[{"address":"192.168.1.20:50312","connected_for":9,"frames":10,"bytes":8760}]},
    ///  "values":[{"quantity":"sum_active_energy_out","name":"…","obis":"1-0:1.8.0","value":1234.567,"unit":"kWh"},…]}</code>
    /// <c>uptime</c> is in seconds; times are ISO 8601 UTC; what is not known is <c>null</c> (Wi-Fi on the host, the
    /// outbox until it is wired, a clock not yet set). <c>values</c> are the mapped values of the last valid reading set
    /// in the units of docs/home-assistant.md, each with the OBIS code it was read from (<see cref="MessageBuilder.ObisOf"/>);
    /// when they do not all fit the writer's buffer, those that fit and <c>"values_omitted":N</c> after them (the
    /// fixed part is sized to fit <see cref="GatewayLoop.StatusCapacity"/>). Written on the gateway loop's thread into a preallocated
    /// <see cref="JsonWriter"/>: no allocation.
    /// </summary>
    public sealed class StatusJson : IStatusDocument
    {
        // Room kept after each value for the end of the document: ],"values_omitted":N} with N of up to 20 digits.
        private const int ValuesEnd = 41;

        private readonly GatewayLoop _loop;
        private readonly MeterProtocol _protocol;
        private readonly IPlatformHealth _platform;

        /// <summary>
        /// The status of <paramref name="loop"/> reading a <paramref name="protocol"/> meter, with the versions, Wi-Fi
        /// signal and free memory of <paramref name="platform"/> (or null: written as null). Set it as the loop's
        /// <see cref="GatewayLoop.StatusDocument"/>; it fits <see cref="GatewayLoop.StatusCapacity"/> with the values that
        /// fit there (any others are counted in <c>values_omitted</c>).
        /// </summary>
        public StatusJson(GatewayLoop loop, MeterProtocol protocol, IPlatformHealth platform)
        {
            _loop = loop;
            _protocol = protocol;
            _platform = platform;
        }

        /// <summary>The telegram server (<c>[TCP]</c>, docs/tcp.md) whose clients the document lists, or null (written as <c>"tcp":{"enabled":false}</c>).</summary>
        public TelegramServer Tcp { get; set; }

        /// <summary>Writes the status document.</summary>
        public void Write(JsonWriter w)
        {
            GatewayLoop loop = _loop;
            IPlatformHealth platform = _platform;
            long utc = loop.Clock.UtcNowSeconds;
            w.Raw('{');
            w.Name("application", true); w.String("metergateway");
            w.Name("version", false); w.String(platform != null ? platform.ApplicationVersion : null);
            w.Name("firmware", false); w.String(platform != null ? platform.Firmware : null);
            w.Name("ip", false); w.String(platform != null ? NullIfEmpty(platform.IpAddress) : null);
            w.Name("last_reboot", false); w.String(platform != null ? NullIfEmpty(platform.LastRebootReason) : null);
            w.Name("time", false); TimeOrNull(w, utc > 0 ? utc : ReadingSet.NoTime);
            w.Name("uptime", false); w.Number(loop.UptimeMs / 1000);
            w.Name("wifi_rssi", false);
            if (platform == null || platform.WifiRssi == PlatformHealth.NoWifi) w.Raw("null");
            else w.Number(platform.WifiRssi);
            w.Name("free_memory", false);
            long free = platform != null ? platform.FreeMemory() : PlatformHealth.Unknown;
            if (free == PlatformHealth.Unknown) w.Raw("null");
            else w.Number(free);
            WriteMqtt(w, loop);
            WriteOutbox(w, loop.Outbox);
            WriteMeter(w, loop, _protocol);
            WriteFrames(w, loop.Status);
            WriteHomeAssistant(w, loop.HomeAssistant);
            TelegramServer.WriteStatus(w, Tcp);
            WriteValues(w, loop.Builder);
            w.Raw('}');
        }

        private static void WriteMqtt(JsonWriter w, GatewayLoop loop)
        {
            GatewayStatus s = loop.Status;
            w.Name("mqtt", false);
            w.Raw('{');
            w.Name("connected", true); w.Bool(s.Connected);
            w.Name("connects", false); w.Number(s.Connects);
            w.Name("messages_published", false); w.Number(s.MessagesPublished);
            w.Name("publish_failures", false); w.Number(s.PublishFailures);
            w.Name("sets_published", false); w.Number(loop.SetsPublished);
            w.Name("sets_dropped", false); w.Number(s.SetsDropped);
            w.Raw('}');
        }

        private static void WriteOutbox(JsonWriter w, IOutboxGauge outbox)
        {
            w.Name("outbox", false);
            w.Raw('{');
            w.Name("depth", true);
            if (outbox == null) w.Raw("null");
            else w.Number(outbox.Depth);
            w.Name("oldest_undelivered", false);
            TimeOrNull(w, outbox == null ? ReadingSet.NoTime : outbox.OldestUndeliveredTime);
            w.Name("thinned", false);
            if (outbox == null) w.Raw("null");
            else w.Number(outbox.Thinned);
            w.Name("dropped", false);
            if (outbox == null) w.Raw("null");
            else w.Number(outbox.Dropped);
            w.Raw('}');
        }

        private static void WriteMeter(JsonWriter w, GatewayLoop loop, MeterProtocol meterProtocol)
        {
            MeterIdentity id = loop.Identity;
            w.Name("meter", false);
            w.Raw('{');
            w.Name("protocol", true); w.String(ProtocolNames.Of(meterProtocol));
            w.Name("header", false); w.String(id.Header);
            w.Name("equipment_id", false); w.String(id.EquipmentId);
            w.Name("serial_number", false); w.String(id.SerialNumber);
            w.Name("manufacturer", false); w.String(id.Manufacturer);
            w.Name("model", false); w.String(id.Model);
            w.Name("changes", false); w.Number(id.Changes);
            w.Name("previous_equipment_id", false); w.String(id.PreviousEquipmentId);
            w.Name("last_frame", false); TimeOrNull(w, loop.Status.LastFrameTime > 0 ? loop.Status.LastFrameTime : ReadingSet.NoTime);
            w.Raw('}');
        }

        private static void WriteFrames(JsonWriter w, GatewayStatus s)
        {
            w.Name("frames", false);
            w.Raw('{');
            w.Name("valid", true); w.Number(s.FramesValid);
            w.Name("rejected", false);
            w.Raw('{');
            for (int i = (int)FrameError.Crc; i <= (int)FrameError.Decrypt; i++)
            {
                w.Name(FrameErrorNames.Of((FrameError)i), i == (int)FrameError.Crc);
                w.Number(i < s.FramesRejected.Length ? s.FramesRejected[i] : 0);
            }
            w.Raw('}');
            w.Name("rejected_total", false); w.Number(s.FramesRejectedTotal);
            w.Name("last_error", false); w.String(s.LastError);
            w.Raw('}');
        }

        private static void WriteHomeAssistant(JsonWriter w, HomeAssistantPublisher ha)
        {
            w.Name("homeassistant", false);
            w.Raw('{');
            w.Name("enabled", true); w.Bool(ha != null && ha.Enabled);
            if (ha != null)
            {
                w.Name("sensors", false); w.Number(ha.Announced);
                w.Name("configs_published", false); w.Number(ha.ConfigsPublished);
                w.Name("configs_removed", false); w.Number(ha.ConfigsRemoved);
                w.Name("states_published", false); w.Number(ha.StatesPublished);
                w.Name("publish_failures", false); w.Number(ha.PublishFailures);
                w.Name("registers_withheld", false); w.Number(ha.RegistersWithheld);
                w.Name("last_withheld", false); w.String(ha.LastWithheld);
                w.Name("record_errors", false); w.Number(ha.RecordErrors);
            }
            w.Raw('}');
        }

        // The values that fit, leaving room for the end of the document; the others are counted in values_omitted.
        private static void WriteValues(JsonWriter w, MessageBuilder builder)
        {
            if (w.Overflowed) return; // the fixed part did not fit: there is no document
            w.Name("values", false);
            w.Raw('[');
            int count = builder.Count;
            int shown = 0;
            for (; shown < count; shown++)
            {
                int before = w.Length;
                if (shown > 0) w.Raw(',');
                WriteValue(w, builder, shown);
                if (!w.Overflowed && w.Room >= ValuesEnd) continue;
                w.Truncate(before);
                break;
            }
            w.Raw(']');
            if (shown == count) return;
            w.Name("values_omitted", false);
            w.Number(count - shown);
        }

        private static void WriteValue(JsonWriter w, MessageBuilder builder, int i)
        {
            int q = builder.QuantityOf(i);
            int unit = builder.Unit(i);
            w.Raw('{');
            w.Name("quantity", true); w.String(Quantities.Name(q));
            w.Name("name", false); w.String(builder.Options.NoteOf(q));
            w.Name("obis", false); w.Obis(builder.ObisOf(i));
            w.Name("value", false); w.Decimal(builder.Mantissa(i), builder.Exponent(i) + SensorClasses.ExponentShift(q, unit));
            string symbol = SensorClasses.Unit(q, unit);
            if (symbol != null)
            {
                w.Name("unit", false);
                w.String(symbol);
            }
            w.Raw('}');
        }

        private static string NullIfEmpty(string text)
        {
            return text == null || text.Length == 0 ? null : text;
        }

        private static void TimeOrNull(JsonWriter w, long utc)
        {
            if (utc == ReadingSet.NoTime) w.Raw("null");
            else w.Time(utc);
        }
    }
}
