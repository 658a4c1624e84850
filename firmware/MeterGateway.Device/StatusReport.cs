using MeterGateway.Gateway;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Device
{
    /// <summary>
    /// The device's status as a JSON object, the body of the <c>status</c> command's reply and the line the ESP32
    /// prints on its debug output:
    /// <code>
    /// {"uptime_s":3600,"free_memory":41234,"firmware":"…","ip":"192.168.1.20","last_reboot":"",
    ///  "connected":true,"connects":1,"frames_valid":3590,"frames_rejected":2,
    ///  "rejected":{"crc":2,"bcc":0,"framing":0,"too_long":0,"timeout":0,"parse":0,"decrypt":0},
    ///  "messages_published":96930,"publish_failures":0,"sets_dropped":0,
    ///  "last_frame_time":"2024-05-01T12:00:00Z","last_error":"CRC mismatch"}
    /// </code>
    /// <c>free_memory</c> is -1 when unknown, <c>last_frame_time</c> and <c>last_error</c> null when there is none.
    /// Writes into the caller's <see cref="JsonWriter"/>: no allocation.
    /// </summary>
    public static class StatusReport
    {
        // FrameError 1..7 in order (FrameError.None has no counter).

        /// <summary>Writes the object; <paramref name="uptimeMs"/> is the clock's monotonic time since start.</summary>
        public static void Write(JsonWriter json, GatewayStatus status, IDeviceInfo device, long uptimeMs)
        {
            json.Raw('{');
            json.Name("uptime_s", true);
            json.Number(uptimeMs / 1000);
            json.Name("free_memory", false);
            json.Number(device.FreeMemory());
            json.Name("firmware", false);
            json.String(device.Firmware);
            json.Name("ip", false);
            json.String(device.IpAddress);
            json.Name("last_reboot", false);
            json.String(device.LastRebootReason);
            json.Name("connected", false);
            json.Bool(status.Connected);
            json.Name("connects", false);
            json.Number(status.Connects);
            json.Name("frames_valid", false);
            json.Number(status.FramesValid);
            json.Name("frames_rejected", false);
            json.Number(status.FramesRejectedTotal);
            json.Name("rejected", false);
            json.Raw('{');
            for (int i = (int)FrameError.Crc; i <= (int)FrameError.Decrypt; i++)
            {
                json.Name(FrameErrorNames.Of((FrameError)i), i == (int)FrameError.Crc);
                json.Number(status.FramesRejected[i]);
            }
            json.Raw('}');
            json.Name("messages_published", false);
            json.Number(status.MessagesPublished);
            json.Name("publish_failures", false);
            json.Number(status.PublishFailures);
            json.Name("sets_dropped", false);
            json.Number(status.SetsDropped);
            json.Name("last_frame_time", false);
            if (status.LastFrameTime > 0) json.Time(status.LastFrameTime);
            else json.Raw("null");
            json.Name("last_error", false);
            json.String(status.LastError);
            json.Raw('}');
        }
    }
}
