using MeterGateway.Mapping;
using MeterGateway.Publishing;

namespace MeterGateway.HomeAssistant
{
    /// <summary>
    /// Home Assistant discovery (<see cref="HomeAssistantPublisher"/>, docs/home-assistant.md): on or off, the discovery
    /// prefix and the plain-value topic template. Filled by the configuration reader from <c>[GENERAL] homeassistant</c>,
    /// <c>[MQTT] discovery_prefix</c> and <c>state_topic</c>.
    /// </summary>
    public sealed class HomeAssistantOptions
    {
        /// <summary>
        /// <c>homeassistant</c>: also publish Home Assistant MQTT discovery configs (retained) and each quantity's plain
        /// value on <see cref="StateTopic"/> (docs/home-assistant.md). Default false.
        /// </summary>
        public bool Enabled;
        /// <summary><c>discovery_prefix</c>: Home Assistant's discovery prefix. Default <c>homeassistant</c>.</summary>
        public string DiscoveryPrefix = DefaultDiscoveryPrefix;
        /// <summary><c>state_topic</c>: topic of each quantity's plain value with <c>homeassistant</c>; <c>{client}</c>, <c>{quantity}</c>, <c>{meter}</c>. Default <c>metergateway/{client}/{quantity}</c>.</summary>
        public string StateTopic = DefaultStateTopic;
        /// <summary>Default Home Assistant discovery prefix (Home Assistant's own default).</summary>
        public const string DefaultDiscoveryPrefix = "homeassistant";
        /// <summary>Default topic template of the plain values for Home Assistant.</summary>
        public const string DefaultStateTopic = "metergateway/{client}/{quantity}";

        /// <summary>The plain-value topic of quantity row <paramref name="q"/> for Home Assistant.</summary>
        public string StateTopicFor(string clientId, int q)
        {
            return StateTopicFor(clientId, q, SingleMeter);
        }

        /// <summary>
        /// The plain-value topic of quantity row <paramref name="q"/> of the meter <paramref name="meter"/> (its address
        /// when the gateway reads several meters, else <see cref="SingleMeter"/>), for <c>{meter}</c>.
        /// </summary>
        public string StateTopicFor(string clientId, int q, string meter)
        {
            return TopicTemplate.Expand(StateTopic, TopicTemplate.StatePlaceholders, new string[] { clientId, Quantities.Name(q), meter });
        }

        /// <summary>What <c>{meter}</c> stands for when the gateway reads one meter.</summary>
        public const string SingleMeter = "meter";
    }
}
