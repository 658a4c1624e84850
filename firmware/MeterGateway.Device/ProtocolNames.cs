using MeterGateway.Config;

namespace MeterGateway.Device
{
    /// <summary>The <c>[GENERAL] protocol</c> values (docs/configuration.md), as the portal and the status documents name them.</summary>
    public static class ProtocolNames
    {
        /// <summary><c>dsmr</c>, <c>iec62056-21</c>, <c>sml</c> or <c>ekm</c>; null for an unknown value.</summary>
        public static string Of(MeterProtocol protocol)
        {
            switch (protocol)
            {
                case MeterProtocol.Dsmr: return "dsmr";
                case MeterProtocol.Iec62056_21: return "iec62056-21";
                case MeterProtocol.Sml: return "sml";
                case MeterProtocol.Ekm: return "ekm";
                default: return null;
            }
        }
    }
}
