namespace MeterGateway.Vscp
{
    /// <summary>
    /// VSCP measurement types used by the gateway, the same numbers in classes 10, 1040 and 1060, with their units
    /// (VSCP specification, grodansparadis/vscp-doc-spec class1.measurement.md; unit 0 is the default unit).
    /// </summary>
    public static class VscpType
    {
        /// <summary>Electric current (5): unit 0 = ampere.</summary>
        public const int ElectricCurrent = 5;
        /// <summary>Frequency (9): unit 0 = hertz.</summary>
        public const int Frequency = 9;
        /// <summary>Energy (13): unit 0 = joule, 1 = kWh, 2 = Wh.</summary>
        public const int Energy = 13;
        /// <summary>Power (14, ELECTRICAL_POWER): unit 0 = watt (there is no kW unit).</summary>
        public const int Power = 14;
        /// <summary>Electrical potential, voltage (16): unit 0 = volt.</summary>
        public const int ElectricalPotential = 16;
        /// <summary>Volume (28): unit 0 = m³, 1 = litre.</summary>
        public const int Volume = 28;
        /// <summary>Power factor (63): unit 0 = cos of the phase angle (no unit).</summary>
        public const int PowerFactor = 63;
        /// <summary>Reactive power (64): unit 0 = var.</summary>
        public const int ReactivePower = 64;
        /// <summary>Reactive energy (65): unit 0 = kvarh.</summary>
        public const int ReactiveEnergy = 65;
    }
}
