namespace MeterGateway.Publishing
{
    /// <summary>
    /// Domoticz updates (<see cref="DomoticzMessages"/>): the topic and the idx of the electricity and gas devices,
    /// filled by the configuration reader from <c>[DOMOTICZ]</c>.
    /// </summary>
    public sealed class DomoticzOptions
    {
        /// <summary><c>topic</c>: where Domoticz reads its MQTT input. Default <c>domoticz/in</c>.</summary>
        public string Topic = "domoticz/in";
        /// <summary><c>idx_electricity</c>: idx of the Domoticz "P1 Smart Meter" device (0..999999999; 0 = none, default).</summary>
        public int IdxElectricity;
        /// <summary><c>idx_gas</c>: idx of the Domoticz gas device (0..999999999; 0 = none, default).</summary>
        public int IdxGas;

        /// <summary>True when a Domoticz device is named (an idx above 0), so Domoticz messages are built.</summary>
        public bool IsConfigured
        {
            get { return IdxElectricity > 0 || IdxGas > 0; }
        }
    }
}
