namespace MeterGateway.Gateway
{
    /// <summary>
    /// The gateway loop's timing (<see cref="GatewayLoop"/>), filled by the configuration reader from
    /// <c>[GENERAL] interval</c> and <c>[MQTT] status_interval</c>.
    /// </summary>
    public sealed class GatewayOptions
    {
        /// <summary><c>interval</c>: publish at most one reading set every this many seconds (0..86400; 0 = every frame). Default 0.</summary>
        public int Interval;
        /// <summary><c>status_interval</c>: seconds between status JSON messages (0..86400, 0 = none). Default 60.</summary>
        public int StatusInterval = 60;
    }
}
