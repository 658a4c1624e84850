using MeterGateway.Readings;
using MeterGateway.Vscp;

namespace MeterGateway.Mapping
{
    /// <summary>
    /// The table of published quantities: for each, its configuration name (the suffix of the
    /// <c>sensorindex_*</c>, <c>id_*</c> and <c>note_*</c> keys), the OBIS codes it is read from, the units it accepts
    /// (<see cref="UnitRule"/>, which decides its VSCP type, <see cref="TypeOf"/>), its <c>send_*</c> switch and its
    /// default note (<see cref="DefaultNote"/>).
    /// <para>
    /// Rows 0..25 are the 26 quantities of the reference P1→VSCP script (grodansparadis/vscp-python-p1-power-meter,
    /// seeds/003), with its names, defaults (sensor index and id = row + 1) and notes; "out" is what the meter
    /// delivers to the house (import, OBIS 1.8.0, Swedish "uttag"), "in" what the house feeds back (export, 2.8.0).
    /// Rows 26.. are this project's: tariff registers, power factor, frequency, and per M-Bus channel 1..4 the
    /// gas/water volume (<c>0-n:24.2.1</c>, Belgian <c>0-n:24.2.3</c>, DSMR 2.2/3 <c>0-n:24.3.0</c>) and the heat
    /// energy (<c>0-n:24.2.1</c> in GJ or kWh); rows 43.. the other country variants' quantities (docs/p1-variants.md):
    /// tariffs 3 and 4 (Hungary), reactive tariff registers (Austria), reactive energy and power per quadrant and the
    /// absolute active energy 15.8.0 (Hungary), the Belgian current average demand 1.4.0 and month's peak 1.6.0.
    /// Rows 70..75 are the active energy registers per phase, import and export (IEC 62056-61 value groups C 21/22,
    /// 41/42, 61/62 with D = 8: <c>1-0:21.8.0</c> … <c>1-0:62.8.0</c>), which IEC 62056-21 readouts and EKM Omnimeters
    /// (kWh_Ln_1..3, Rev_kWh_Ln_1..3) carry; switched by <c>send_phase_energy</c>.
    /// OBIS codes per DSMR 5.0.2 §6.12 and the Swedish HAN spec (PROTOCOLS.md §1.5, §1.7), dsmr_parser's obis_references.
    /// </para>
    /// Only the unit rules are a table (<see cref="Rule"/>, a byte per row made at start-up; reading it allocates
    /// nothing); names, codes and send switches are switches of constants, asked for while the gateway is configured
    /// and set up (on nanoFramework each <see cref="Name"/> call makes a small string object of a literal).
    /// </summary>
    public static class Quantities
    {
        /// <summary>Number of quantities.</summary>
        public const int Count = 76;
        /// <summary>Number of quantities of the reference script (rows 0..SeedCount-1).</summary>
        public const int SeedCount = 26;
        /// <summary>Row of sum_active_energy_out (1-0:1.8.0).</summary>
        public const int SumActiveEnergyOut = 0;
        /// <summary>Row of sum_active_energy_in (1-0:2.8.0).</summary>
        public const int SumActiveEnergyIn = 1;
        /// <summary>Number of <see cref="OtherCode"/> codes.</summary>
        public const int OtherCodeCount = 8;

        /// <summary>
        /// The <see cref="UnitRule"/> of each row as a byte (the mapper and Home Assistant's classes read it per reading:
        /// a table, where a switch would cost a call; one byte per row, where an enum array takes 4 on nanoFramework's heap).
        /// </summary>
        public static readonly byte[] Rule = MakeRules();

        // nanoFramework runs every static initializer at start and keeps what static fields hold for good, a string array
        // with a heap block per string: the names, codes and send switches are switches of constants instead (a literal
        // stays in the assembly until a call returns it), looked up only while the gateway is configured and set up.
        private static byte[] MakeRules()
        {
            byte[] rules = new byte[Count];
            for (int q = 0; q < Count; q++) rules[q] = (byte)((Info(q) >> RuleShift) & 0xF);
            return rules;
        }

        /// <summary>The row of a configuration name (lower case, e.g. <c>voltage_l1</c>), or -1.</summary>
        public static int Find(string name)
        {
            for (int q = 0; q < Count; q++)
            {
                if (Name(q) == name) return q;
            }
            return -1;
        }

        /// <summary>
        /// The configuration name of row <paramref name="q"/> (0..<see cref="Count"/> - 1; lower case): the suffix of its
        /// <c>sensorindex_*</c>, <c>id_*</c> and <c>note_*</c> keys, the status document's <c>quantity</c>.
        /// </summary>
        public static string Name(int q)
        {
            switch (q)
            {
                case 0: return "sum_active_energy_out";
                case 1: return "sum_active_energy_in";
                case 2: return "sum_reactive_energy_out";
                case 3: return "sum_reactive_energy_in";
                case 4: return "momentan_active_effect_out";
                case 5: return "momentan_active_effect_in";
                case 6: return "momentan_reactive_effect_out";
                case 7: return "momentan_reactive_effect_in";
                case 8: return "momentan_active_effect_l1_out";
                case 9: return "momentan_active_effect_l1_in";
                case 10: return "momentan_active_effect_l2_out";
                case 11: return "momentan_active_effect_l2_in";
                case 12: return "momentan_active_effect_l3_out";
                case 13: return "momentan_active_effect_l3_in";
                case 14: return "momentan_reactive_effect_l1_out";
                case 15: return "momentan_reactive_effect_l1_in";
                case 16: return "momentan_reactive_effect_l2_out";
                case 17: return "momentan_reactive_effect_l2_in";
                case 18: return "momentan_reactive_effect_l3_out";
                case 19: return "momentan_reactive_effect_l3_in";
                case 20: return "voltage_l1";
                case 21: return "voltage_l2";
                case 22: return "voltage_l3";
                case 23: return "current_l1";
                case 24: return "current_l2";
                case 25: return "current_l3";
                case 26: return "tariff1_active_energy_out";
                case 27: return "tariff2_active_energy_out";
                case 28: return "tariff1_active_energy_in";
                case 29: return "tariff2_active_energy_in";
                case 30: return "power_factor";
                case 31: return "power_factor_l1";
                case 32: return "power_factor_l2";
                case 33: return "power_factor_l3";
                case 34: return "frequency";
                case 35: return "mbus1_volume";
                case 36: return "mbus2_volume";
                case 37: return "mbus3_volume";
                case 38: return "mbus4_volume";
                case 39: return "mbus1_heat";
                case 40: return "mbus2_heat";
                case 41: return "mbus3_heat";
                case 42: return "mbus4_heat";
                case 43: return "tariff3_active_energy_out";
                case 44: return "tariff4_active_energy_out";
                case 45: return "tariff3_active_energy_in";
                case 46: return "tariff4_active_energy_in";
                case 47: return "tariff1_reactive_energy_out";
                case 48: return "tariff2_reactive_energy_out";
                case 49: return "tariff1_reactive_energy_in";
                case 50: return "tariff2_reactive_energy_in";
                case 51: return "sum_reactive_energy_q1";
                case 52: return "sum_reactive_energy_q2";
                case 53: return "sum_reactive_energy_q3";
                case 54: return "sum_reactive_energy_q4";
                case 55: return "momentan_reactive_effect_q1";
                case 56: return "momentan_reactive_effect_q2";
                case 57: return "momentan_reactive_effect_q3";
                case 58: return "momentan_reactive_effect_q4";
                case 59: return "sum_active_energy_abs";
                case 60: return "demand_active_effect_out";
                case 61: return "max_demand_active_effect_out";
                case 62: return "momentan_active_effect_net";
                case 63: return "momentan_active_effect_abs";
                case 64: return "momentan_active_effect_l1_net";
                case 65: return "momentan_active_effect_l1_abs";
                case 66: return "momentan_active_effect_l2_net";
                case 67: return "momentan_active_effect_l2_abs";
                case 68: return "momentan_active_effect_l3_net";
                case 69: return "momentan_active_effect_l3_abs";
                case 70: return "sum_active_energy_l1_out";
                case 71: return "sum_active_energy_l1_in";
                case 72: return "sum_active_energy_l2_out";
                case 73: return "sum_active_energy_l2_in";
                case 74: return "sum_active_energy_l3_out";
                case 75: return "sum_active_energy_l3_in";
                default: throw new System.ArgumentOutOfRangeException("q");
            }
        }

        /// <summary>The OBIS code row <paramref name="q"/> is read from (a few rows also from <see cref="OtherCode"/>).</summary>
        public static long Code(int q)
        {
            return Info(q) & CodeMask;
        }

        /// <summary>The <c>send_*</c> switch of row <paramref name="q"/>.</summary>
        public static SendGroup Group(int q)
        {
            return (SendGroup)((Info(q) >> GroupShift) & 0xF);
        }

        /// <summary>
        /// The further codes some rows are also read from (<paramref name="k"/> 0..<see cref="OtherCodeCount"/> - 1, in
        /// row order): per M-Bus channel 1..4 the volume's Belgian <c>0-n:24.2.3</c> and DSMR 2.2/3 <c>0-n:24.3.0</c>;
        /// the row of each is <see cref="OtherCodeRow"/>. Kept apart so that every other row has one code.
        /// </summary>
        public static long OtherCode(int k)
        {
            int channel = (k >> 1) + 1;
            return (k & 1) == 0 ? Obis.Pack(0, channel, 24, 2, 3) : Obis.Pack(0, channel, 24, 3, 0);
        }

        /// <summary>The row of <see cref="OtherCode"/>(<paramref name="k"/>): mbus1_volume .. mbus4_volume.</summary>
        public static int OtherCodeRow(int k)
        {
            return MbusVolume1 + (k >> 1);
        }

        private const int MbusVolume1 = 35;
        private const int RuleShift = 48, GroupShift = 52;
        private const long CodeMask = 0xFFFFFFFFFFFFL;

        // A row's OBIS code (bits 0..47), unit rule (48..51) and send switch (52..55).
        private static long Info(int q)
        {
            const UnitRule E = UnitRule.ActiveEnergy, RE = UnitRule.ReactiveEnergy, P = UnitRule.ActivePower, RP = UnitRule.ReactivePower;
            switch (q)
            {
                case 0: return Elec(1, 8, 0, E, SendGroup.Energy);
                case 1: return Elec(2, 8, 0, E, SendGroup.Energy);
                case 2: return Elec(3, 8, 0, RE, SendGroup.Energy);
                case 3: return Elec(4, 8, 0, RE, SendGroup.Energy);
                case 4: return Elec(1, 7, 0, P, SendGroup.ActiveEffect);
                case 5: return Elec(2, 7, 0, P, SendGroup.ActiveEffect);
                case 6: return Elec(3, 7, 0, RP, SendGroup.ReactiveEffect);
                case 7: return Elec(4, 7, 0, RP, SendGroup.ReactiveEffect);
                case 8: return Elec(21, 7, 0, P, SendGroup.ActiveEffect);
                case 9: return Elec(22, 7, 0, P, SendGroup.ActiveEffect);
                case 10: return Elec(41, 7, 0, P, SendGroup.ActiveEffect);
                case 11: return Elec(42, 7, 0, P, SendGroup.ActiveEffect);
                case 12: return Elec(61, 7, 0, P, SendGroup.ActiveEffect);
                case 13: return Elec(62, 7, 0, P, SendGroup.ActiveEffect);
                case 14: return Elec(23, 7, 0, RP, SendGroup.ReactiveEffect);
                case 15: return Elec(24, 7, 0, RP, SendGroup.ReactiveEffect);
                case 16: return Elec(43, 7, 0, RP, SendGroup.ReactiveEffect);
                case 17: return Elec(44, 7, 0, RP, SendGroup.ReactiveEffect);
                case 18: return Elec(63, 7, 0, RP, SendGroup.ReactiveEffect);
                case 19: return Elec(64, 7, 0, RP, SendGroup.ReactiveEffect);
                case 20: return Elec(32, 7, 0, UnitRule.Voltage, SendGroup.Voltage);
                case 21: return Elec(52, 7, 0, UnitRule.Voltage, SendGroup.Voltage);
                case 22: return Elec(72, 7, 0, UnitRule.Voltage, SendGroup.Voltage);
                case 23: return Elec(31, 7, 0, UnitRule.Current, SendGroup.Current);
                case 24: return Elec(51, 7, 0, UnitRule.Current, SendGroup.Current);
                case 25: return Elec(71, 7, 0, UnitRule.Current, SendGroup.Current);
                case 26: return Elec(1, 8, 1, E, SendGroup.Tariffs);
                case 27: return Elec(1, 8, 2, E, SendGroup.Tariffs);
                case 28: return Elec(2, 8, 1, E, SendGroup.Tariffs);
                case 29: return Elec(2, 8, 2, E, SendGroup.Tariffs);
                case 30: return Elec(13, 7, 0, UnitRule.PowerFactor, SendGroup.PowerFactor);
                case 31: return Elec(33, 7, 0, UnitRule.PowerFactor, SendGroup.PowerFactor);
                case 32: return Elec(53, 7, 0, UnitRule.PowerFactor, SendGroup.PowerFactor);
                case 33: return Elec(73, 7, 0, UnitRule.PowerFactor, SendGroup.PowerFactor);
                case 34: return Elec(14, 7, 0, UnitRule.Frequency, SendGroup.Frequency);
                case 35: return Info(Obis.Pack(0, 1, 24, 2, 1), UnitRule.Volume, SendGroup.Gas);
                case 36: return Info(Obis.Pack(0, 2, 24, 2, 1), UnitRule.Volume, SendGroup.Gas);
                case 37: return Info(Obis.Pack(0, 3, 24, 2, 1), UnitRule.Volume, SendGroup.Gas);
                case 38: return Info(Obis.Pack(0, 4, 24, 2, 1), UnitRule.Volume, SendGroup.Gas);
                case 39: return Info(Obis.Pack(0, 1, 24, 2, 1), UnitRule.Heat, SendGroup.Heat);
                case 40: return Info(Obis.Pack(0, 2, 24, 2, 1), UnitRule.Heat, SendGroup.Heat);
                case 41: return Info(Obis.Pack(0, 3, 24, 2, 1), UnitRule.Heat, SendGroup.Heat);
                case 42: return Info(Obis.Pack(0, 4, 24, 2, 1), UnitRule.Heat, SendGroup.Heat);
                case 43: return Elec(1, 8, 3, E, SendGroup.Tariffs);
                case 44: return Elec(1, 8, 4, E, SendGroup.Tariffs);
                case 45: return Elec(2, 8, 3, E, SendGroup.Tariffs);
                case 46: return Elec(2, 8, 4, E, SendGroup.Tariffs);
                case 47: return Elec(3, 8, 1, RE, SendGroup.Tariffs);
                case 48: return Elec(3, 8, 2, RE, SendGroup.Tariffs);
                case 49: return Elec(4, 8, 1, RE, SendGroup.Tariffs);
                case 50: return Elec(4, 8, 2, RE, SendGroup.Tariffs);
                case 51: return Elec(5, 8, 0, RE, SendGroup.Energy);
                case 52: return Elec(6, 8, 0, RE, SendGroup.Energy);
                case 53: return Elec(7, 8, 0, RE, SendGroup.Energy);
                case 54: return Elec(8, 8, 0, RE, SendGroup.Energy);
                case 55: return Elec(5, 7, 0, RP, SendGroup.ReactiveEffect);
                case 56: return Elec(6, 7, 0, RP, SendGroup.ReactiveEffect);
                case 57: return Elec(7, 7, 0, RP, SendGroup.ReactiveEffect);
                case 58: return Elec(8, 7, 0, RP, SendGroup.ReactiveEffect);
                case 59: return Elec(15, 8, 0, E, SendGroup.Energy);
                case 60: return Elec(1, 4, 0, P, SendGroup.Demand);
                case 61: return Elec(1, 6, 0, P, SendGroup.Demand);
                case 62: return Elec(16, 7, 0, P, SendGroup.ActiveEffect);
                case 63: return Elec(15, 7, 0, P, SendGroup.ActiveEffect);
                case 64: return Elec(36, 7, 0, P, SendGroup.ActiveEffect);
                case 65: return Elec(35, 7, 0, P, SendGroup.ActiveEffect);
                case 66: return Elec(56, 7, 0, P, SendGroup.ActiveEffect);
                case 67: return Elec(55, 7, 0, P, SendGroup.ActiveEffect);
                case 68: return Elec(76, 7, 0, P, SendGroup.ActiveEffect);
                case 69: return Elec(75, 7, 0, P, SendGroup.ActiveEffect);
                case 70: return Elec(21, 8, 0, E, SendGroup.PhaseEnergy);
                case 71: return Elec(22, 8, 0, E, SendGroup.PhaseEnergy);
                case 72: return Elec(41, 8, 0, E, SendGroup.PhaseEnergy);
                case 73: return Elec(42, 8, 0, E, SendGroup.PhaseEnergy);
                case 74: return Elec(61, 8, 0, E, SendGroup.PhaseEnergy);
                case 75: return Elec(62, 8, 0, E, SendGroup.PhaseEnergy);
                default: throw new System.ArgumentOutOfRangeException("q");
            }
        }

        private static long Elec(int c, int d, int e, UnitRule rule, SendGroup group)
        {
            return Info(Obis.Pack(1, 0, c, d, e), rule, group);
        }

        private static long Info(long code, UnitRule rule, SendGroup group)
        {
            return code | ((long)rule << RuleShift) | ((long)group << GroupShift);
        }

        /// <summary>
        /// VSCP measurement type of row <paramref name="q"/> (<see cref="VscpType"/>), which its unit rule decides:
        /// energy (heat too), reactive energy, power, reactive power, electrical potential, current, power factor,
        /// frequency, volume.
        /// </summary>
        public static int TypeOf(int q)
        {
            switch ((UnitRule)Rule[q])
            {
                case UnitRule.ActiveEnergy: return VscpType.Energy;
                case UnitRule.ReactiveEnergy: return VscpType.ReactiveEnergy;
                case UnitRule.ActivePower: return VscpType.Power;
                case UnitRule.ReactivePower: return VscpType.ReactivePower;
                case UnitRule.Voltage: return VscpType.ElectricalPotential;
                case UnitRule.Current: return VscpType.ElectricCurrent;
                case UnitRule.PowerFactor: return VscpType.PowerFactor;
                case UnitRule.Frequency: return VscpType.Frequency;
                case UnitRule.Volume: return VscpType.Volume;
                default: return VscpType.Energy; // UnitRule.Heat
            }
        }

        /// <summary>
        /// The default <c>note_*</c> of row <paramref name="q"/> (0..<see cref="Count"/> - 1): the reference script's
        /// notes for its rows, then this project's. A literal per row, not a table: nanoFramework keeps a static table
        /// on the heap for good, and a note is needed only while the configuration is made.
        /// </summary>
        public static string DefaultNote(int q)
        {
            switch (q)
            {
                case 0: return "Meter reading active energy out";
                case 1: return "Meter reading active energy in";
                case 2: return "Meter reading reactive energy out";
                case 3: return "Meter reading reactive energy in";
                case 4: return "Active effect out";
                case 5: return "Active effect in";
                case 6: return "Reactive effect out";
                case 7: return "Reactive effect in";
                case 8: return "Active effect L1 out";
                case 9: return "Active effect L1 in";
                case 10: return "Active effect L2 out";
                case 11: return "Active effect L2 in";
                case 12: return "Active effect L3 out";
                case 13: return "Active effect L3 in";
                case 14: return "Reactive effect L1 out";
                case 15: return "Reactive effect L1 in";
                case 16: return "Reactive effect L2 out";
                case 17: return "Reactive effect L2 in";
                case 18: return "Reactive effect L3 out";
                case 19: return "Reactive effect L3 in";
                case 20: return "Voltage L1";
                case 21: return "Voltage L2";
                case 22: return "Voltage L3";
                case 23: return "Current L1";
                case 24: return "Current L2";
                case 25: return "Current L3";
                case 26: return "Meter reading active energy out tariff 1";
                case 27: return "Meter reading active energy out tariff 2";
                case 28: return "Meter reading active energy in tariff 1";
                case 29: return "Meter reading active energy in tariff 2";
                case 30: return "Power factor";
                case 31: return "Power factor L1";
                case 32: return "Power factor L2";
                case 33: return "Power factor L3";
                case 34: return "Frequency";
                case 35: return "Gas/water volume M-Bus 1";
                case 36: return "Gas/water volume M-Bus 2";
                case 37: return "Gas/water volume M-Bus 3";
                case 38: return "Gas/water volume M-Bus 4";
                case 39: return "Heat M-Bus 1";
                case 40: return "Heat M-Bus 2";
                case 41: return "Heat M-Bus 3";
                case 42: return "Heat M-Bus 4";
                case 43: return "Meter reading active energy out tariff 3";
                case 44: return "Meter reading active energy out tariff 4";
                case 45: return "Meter reading active energy in tariff 3";
                case 46: return "Meter reading active energy in tariff 4";
                case 47: return "Meter reading reactive energy out tariff 1";
                case 48: return "Meter reading reactive energy out tariff 2";
                case 49: return "Meter reading reactive energy in tariff 1";
                case 50: return "Meter reading reactive energy in tariff 2";
                case 51: return "Meter reading reactive energy Q1";
                case 52: return "Meter reading reactive energy Q2";
                case 53: return "Meter reading reactive energy Q3";
                case 54: return "Meter reading reactive energy Q4";
                case 55: return "Reactive effect Q1";
                case 56: return "Reactive effect Q2";
                case 57: return "Reactive effect Q3";
                case 58: return "Reactive effect Q4";
                case 59: return "Meter reading active energy absolute";
                case 60: return "Average demand out";
                case 61: return "Maximum demand out this month";
                case 62: return "Active effect net (out minus in)";
                case 63: return "Active effect absolute";
                case 64: return "Active effect L1 net (out minus in)";
                case 65: return "Active effect L1 absolute";
                case 66: return "Active effect L2 net (out minus in)";
                case 67: return "Active effect L2 absolute";
                case 68: return "Active effect L3 net (out minus in)";
                case 69: return "Active effect L3 absolute";
                case 70: return "Meter reading active energy L1 out";
                case 71: return "Meter reading active energy L1 in";
                case 72: return "Meter reading active energy L2 out";
                case 73: return "Meter reading active energy L2 in";
                case 74: return "Meter reading active energy L3 out";
                case 75: return "Meter reading active energy L3 in";
                default: throw new System.ArgumentOutOfRangeException("q");
            }
        }

        /// <summary>Default sensor index of a row (the reference script's 1..26, then 27..).</summary>
        public static int DefaultSensorIndex(int q) { return q + 1; }

        /// <summary>Default id (the GUID's two last bytes) of a row (the reference script's 1..26, then 27..).</summary>
        public static int DefaultId(int q) { return q + 1; }
    }
}
