namespace MeterGateway.Mapping
{
    /// <summary>
    /// The <c>send_*</c> switch of <c>[GENERAL]</c> that enables a quantity. The first five are the reference
    /// P1→VSCP script's (seeds/003), the others this project's.
    /// </summary>
    public enum SendGroup : byte
    {
        /// <summary><c>send_energy</c>: active and reactive energy totals (import and export, per quadrant, absolute).</summary>
        Energy = 0,
        /// <summary><c>send_active_effect</c>: active power, total and per phase.</summary>
        ActiveEffect = 1,
        /// <summary><c>send_reactive_effect</c>: reactive power, total, per phase and per quadrant.</summary>
        ReactiveEffect = 2,
        /// <summary><c>send_voltage</c>: voltage per phase.</summary>
        Voltage = 3,
        /// <summary><c>send_current</c>: current per phase.</summary>
        Current = 4,
        /// <summary><c>send_tariffs</c>: the tariff registers 1.8.1…1.8.4, 2.8.1…2.8.4 and the reactive 3.8.1/3.8.2/4.8.1/4.8.2.</summary>
        Tariffs = 5,
        /// <summary><c>send_power_factor</c>: power factor, total and per phase.</summary>
        PowerFactor = 6,
        /// <summary><c>send_frequency</c>: mains frequency.</summary>
        Frequency = 7,
        /// <summary><c>send_gas</c>: gas and water volumes of the M-Bus channels.</summary>
        Gas = 8,
        /// <summary><c>send_heat</c>: heat energy of the M-Bus channels.</summary>
        Heat = 9,
        /// <summary><c>send_demand</c>: the Belgian current average demand (1-0:1.4.0) and the month's peak (1-0:1.6.0).</summary>
        Demand = 10,
        /// <summary><c>send_phase_energy</c>: active energy import and export per phase (1-0:21.8.0, 22.8.0, 41.8.0, 42.8.0, 61.8.0, 62.8.0).</summary>
        PhaseEnergy = 11,
    }
}
