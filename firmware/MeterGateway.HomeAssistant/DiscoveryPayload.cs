using MeterGateway.Readings;

namespace MeterGateway.HomeAssistant
{
    /// <summary>
    /// Writes the discovery config of one sensor (Home Assistant MQTT discovery, home-assistant.io/integrations/mqtt
    /// "Discovery messages" and home-assistant.io/integrations/sensor.mqtt), unabbreviated keys:
    /// <code>{"name":"Meter reading active energy out","unique_id":"&lt;node&gt;_sum_active_energy_out",
    ///  "state_topic":"metergateway/&lt;client&gt;/sum_active_energy_out","device_class":"energy",
    ///  "state_class":"total_increasing","unit_of_measurement":"kWh",
    ///  "availability_topic":"metergateway/&lt;client&gt;/status","payload_available":"online","payload_not_available":"offline",
    ///  "device":{"identifiers":["&lt;node&gt;"],"name":"Iskraemeco MT382-1000","manufacturer":"Iskraemeco","model":"MT382-1000",
    ///   "serial_number":"…","via_device":"…"},
    ///  "origin":{"name":"MeterGateway","sw_version":"0.1.0"}}</code>
    /// <c>unit_of_measurement</c> is left out for the power factor (a ratio), device keys that are not known are left
    /// out. The state topic carries the value as plain digits. Writes into the caller's <see cref="JsonWriter"/>: no
    /// allocation.
    /// </summary>
    public static class DiscoveryPayload
    {
        /// <summary>The component of every config: sensors (the gateway only reports).</summary>
        public const string Component = "sensor";

        /// <summary>
        /// Writes the config of quantity row <paramref name="q"/> named <paramref name="name"/> whose value has VSCP unit
        /// <paramref name="vscpUnit"/> (and, for a volume, M-Bus device type <paramref name="deviceType"/>).
        /// </summary>
        public static void Write(JsonWriter w, int q, string name, string uniqueId, string stateTopic, int vscpUnit, int deviceType,
            string availabilityTopic, DiscoveryDevice device, string applicationVersion)
        {
            w.Raw('{');
            w.Name("name", true); w.String(name);
            w.Name("unique_id", false); w.String(uniqueId);
            w.Name("state_topic", false); w.String(stateTopic);
            w.Name("device_class", false); w.String(SensorClasses.DeviceClass(q, deviceType));
            w.Name("state_class", false); w.String(SensorClasses.StateClass(q));
            string unit = SensorClasses.Unit(q, vscpUnit);
            if (unit != null)
            {
                w.Name("unit_of_measurement", false);
                w.String(unit);
            }
            w.Name("availability_topic", false); w.String(availabilityTopic);
            w.Name("payload_available", false); w.String("online");
            w.Name("payload_not_available", false); w.String("offline");
            w.Name("device", false);
            WriteDevice(w, device);
            w.Name("origin", false);
            w.Raw('{');
            w.Name("name", true); w.String("MeterGateway");
            w.Name("sw_version", false); w.String(applicationVersion);
            w.Raw('}');
            w.Raw('}');
        }

        private static void WriteDevice(JsonWriter w, DiscoveryDevice device)
        {
            w.Raw('{');
            w.Name("identifiers", true);
            w.Raw('[');
            w.String(device.Node);
            w.Raw(']');
            w.Name("name", false); w.String(device.Name);
            Optional(w, "manufacturer", device.Manufacturer);
            Optional(w, "model", device.Model);
            Optional(w, "serial_number", device.SerialNumber);
            Optional(w, "via_device", device.ViaDevice);
            w.Raw('}');
        }

        private static void Optional(JsonWriter w, string key, string value)
        {
            if (value == null) return;
            w.Name(key, false);
            w.String(value);
        }
    }
}
