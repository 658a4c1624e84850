namespace MeterGateway.Mapping
{
    /// <summary>Which meter units a quantity accepts and the VSCP unit each becomes (see <see cref="UnitScaling"/>).</summary>
    public enum UnitRule : byte
    {
        /// <summary>Wh (any decimal scale: Wh, kWh, MWh) → VSCP ENERGY unit 1 (kWh).</summary>
        ActiveEnergy = 0,
        /// <summary>varh (varh, kvarh, Mvarh) → VSCP REACTIVE_ENERGY unit 0 (kvarh).</summary>
        ReactiveEnergy = 1,
        /// <summary>W (W, kW, MW) → VSCP POWER unit 0 (W).</summary>
        ActivePower = 2,
        /// <summary>var (var, kvar, Mvar) → VSCP REACTIVE_POWER unit 0 (var).</summary>
        ReactivePower = 3,
        /// <summary>V (V, kV) → VSCP ELECTRICAL_POTENTIAL unit 0 (V).</summary>
        Voltage = 4,
        /// <summary>A (A, mA) → VSCP ELECTRIC_CURRENT unit 0 (A).</summary>
        Current = 5,
        /// <summary>No unit (or the DLMS count unit) → VSCP POWER_FACTOR unit 0.</summary>
        PowerFactor = 6,
        /// <summary>Hz → VSCP FREQUENCY unit 0 (Hz).</summary>
        Frequency = 7,
        /// <summary>m³ → VSCP VOLUME unit 0 (m³).</summary>
        Volume = 8,
        /// <summary>J (J, kJ, MJ, GJ) → VSCP ENERGY unit 0 (J); Wh (Wh, kWh, MWh) → VSCP ENERGY unit 1 (kWh).</summary>
        Heat = 9,
    }
}
