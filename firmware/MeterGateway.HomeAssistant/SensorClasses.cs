using MeterGateway.Mapping;
using MeterGateway.Protocols;

namespace MeterGateway.HomeAssistant
{
    /// <summary>
    /// What Home Assistant is told about each quantity of <see cref="Quantities"/>: sensor device class, state class and
    /// unit of measurement, from the quantity's unit rule (<see cref="Quantities.Rule"/>). Source: home-assistant/core
    /// <c>homeassistant/components/sensor/const.py</c> (<c>SensorDeviceClass</c>, <c>DEVICE_CLASS_UNITS</c>,
    /// <c>DEVICE_CLASS_STATE_CLASSES</c>; <c>reactive_energy</c> with varh/kvarh since Home Assistant 2025.6,
    /// home-assistant/core#143941).
    /// <list type="bullet">
    /// <item>Registers (active and reactive energy, gas/water volume, heat) are <c>total_increasing</c>: the Energy
    /// dashboard takes them as they are. Instantaneous values (power, voltage, current, power factor, frequency) are
    /// <c>measurement</c>.</item>
    /// <item>The value published is the mapped value (the VSCP unit of docs/vscp-mapping.md): kWh, kvarh, W, var, V, A,
    /// Hz, m³, no unit for the power factor (a ratio 0..1, which <c>power_factor</c> accepts without a unit). Heat in
    /// J is published in GJ (exponent − 9, exact), heat in kWh as it is.</item>
    /// <item>An M-Bus volume is <c>water</c> when the channel's device type (<c>0-n:24.1.0</c>, EN 13757-3: 6 warm
    /// water, 7 water, 21 hot water, 22 cold water) says so, else <c>gas</c> (type 3, and DSMR 2.2/3 meters that
    /// send no type; PROTOCOLS.md §1).</item>
    /// </list>
    /// Constant strings: nothing is allocated.
    /// </summary>
    public static class SensorClasses
    {
        /// <summary>Unit text of cubic metres as Home Assistant spells it (<c>UnitOfVolume.CUBIC_METERS</c>, U+00B3).</summary>
        public const string CubicMetres = "m\u00B3";

        /// <summary>True when quantity <paramref name="q"/> is a register (a meter reading that only grows).</summary>
        public static bool IsRegister(int q)
        {
            UnitRule rule = (UnitRule)Quantities.Rule[q];
            return rule == UnitRule.ActiveEnergy || rule == UnitRule.ReactiveEnergy || rule == UnitRule.Volume || rule == UnitRule.Heat;
        }

        /// <summary><c>total_increasing</c> for registers, else <c>measurement</c>.</summary>
        public static string StateClass(int q)
        {
            return IsRegister(q) ? "total_increasing" : "measurement";
        }

        /// <summary>
        /// The sensor device class of quantity <paramref name="q"/>; <paramref name="mbusDeviceType"/> is its M-Bus
        /// channel's device type (or <see cref="MeterIdentity.UnknownDeviceType"/>), used for volumes only.
        /// </summary>
        public static string DeviceClass(int q, int mbusDeviceType)
        {
            switch ((UnitRule)Quantities.Rule[q])
            {
                case UnitRule.ActiveEnergy: return "energy";
                case UnitRule.ReactiveEnergy: return "reactive_energy";
                case UnitRule.ActivePower: return "power";
                case UnitRule.ReactivePower: return "reactive_power";
                case UnitRule.Voltage: return "voltage";
                case UnitRule.Current: return "current";
                case UnitRule.PowerFactor: return "power_factor";
                case UnitRule.Frequency: return "frequency";
                case UnitRule.Volume: return IsWater(mbusDeviceType) ? "water" : "gas";
                default: return "energy";
            }
        }

        /// <summary>
        /// The unit of measurement of quantity <paramref name="q"/> whose mapped value has VSCP unit code
        /// <paramref name="vscpUnit"/>, or null for none (power factor).
        /// </summary>
        public static string Unit(int q, int vscpUnit)
        {
            switch ((UnitRule)Quantities.Rule[q])
            {
                case UnitRule.ActiveEnergy: return "kWh";
                case UnitRule.ReactiveEnergy: return "kvarh";
                case UnitRule.ActivePower: return "W";
                case UnitRule.ReactivePower: return "var";
                case UnitRule.Voltage: return "V";
                case UnitRule.Current: return "A";
                case UnitRule.PowerFactor: return null;
                case UnitRule.Frequency: return "Hz";
                case UnitRule.Volume: return CubicMetres;
                default: return vscpUnit == 0 ? "GJ" : "kWh";
            }
        }

        /// <summary>What to add to the mapped value's decimal exponent to express it in <see cref="Unit"/>: −9 for heat in J (→ GJ), else 0.</summary>
        public static int ExponentShift(int q, int vscpUnit)
        {
            return (UnitRule)Quantities.Rule[q] == UnitRule.Heat && vscpUnit == 0 ? -9 : 0;
        }

        /// <summary>
        /// A number that differs whenever the discovery config of quantity <paramref name="q"/> would differ in device
        /// class or unit (heat J/kWh, volume gas/water); compared to decide whether to announce again.
        /// </summary>
        public static int Variant(int q, int vscpUnit, int mbusDeviceType)
        {
            UnitRule rule = (UnitRule)Quantities.Rule[q];
            if (rule == UnitRule.Heat) return vscpUnit;
            if (rule == UnitRule.Volume) return IsWater(mbusDeviceType) ? 1 : 0;
            return 0;
        }

        private static bool IsWater(int deviceType)
        {
            return deviceType == 6 || deviceType == 7 || deviceType == 21 || deviceType == 22;
        }
    }
}
