namespace MeterGateway.HomeAssistant
{
    /// <summary>
    /// One Home Assistant device (one meter: the electricity meter, or an M-Bus gas/water/heat meter behind it) as the
    /// <c>device</c> mapping of a discovery config gives it: identifiers, name, manufacturer, model, serial number and
    /// the device it is connected through. Made when a meter's identity changes, not per telegram.
    /// </summary>
    public sealed class DiscoveryDevice
    {
        /// <summary>The device's identifier and discovery node id: characters [a-zA-Z0-9_-] only.</summary>
        public string Node;
        /// <summary>Display name.</summary>
        public string Name;
        /// <summary>Manufacturer, or null.</summary>
        public string Manufacturer;
        /// <summary>Model, or null.</summary>
        public string Model;
        /// <summary>Serial number, or null.</summary>
        public string SerialNumber;
        /// <summary>Identifier of the device this one is read through (an M-Bus meter's electricity meter), or null.</summary>
        public string ViaDevice;
    }
}
