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
    /// The table is fixed at start-up (allocates once); lookups do not allocate.
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
        /// <summary>Number of <see cref="OtherCodes"/>.</summary>
        public const int OtherCodeCount = 8;

        /// <summary>Configuration name of each row (lower case).</summary>
        public static readonly string[] Names = StringArray.New(Count);
        /// <summary>The OBIS code each row is read from (a few rows also from <see cref="OtherCodes"/>).</summary>
        public static readonly long[] Codes = new long[Count];
        /// <summary>
        /// The further codes some rows are also read from (the M-Bus volumes: Belgian <c>0-n:24.2.3</c>, DSMR 2.2/3
        /// <c>0-n:24.3.0</c>), in row order; the row of each in <see cref="OtherCodeRows"/>. Kept apart so that every
        /// other row holds one code (nanoFramework keeps the table on the heap for good).
        /// </summary>
        public static readonly long[] OtherCodes = new long[OtherCodeCount];
        /// <summary>The row of each of <see cref="OtherCodes"/>.</summary>
        public static readonly byte[] OtherCodeRows = new byte[OtherCodeCount];
        private static int _otherCodes;
        /// <summary>Accepted units of each row.</summary>
        public static readonly UnitRule[] Rule = new UnitRule[Count];
        /// <summary>The <c>send_*</c> switch of each row.</summary>
        public static readonly SendGroup[] Group = new SendGroup[Count];

        static Quantities()
        {
            Fill();
        }

        /// <summary>The row of a configuration name (lower case, e.g. <c>voltage_l1</c>), or -1.</summary>
        public static int Find(string name)
        {
            for (int q = 0; q < Count; q++)
            {
                if (Names[q] == name) return q;
            }
            return -1;
        }

        /// <summary>
        /// VSCP measurement type of row <paramref name="q"/> (<see cref="VscpType"/>), which its unit rule decides:
        /// energy (heat too), reactive energy, power, reactive power, electrical potential, current, power factor,
        /// frequency, volume.
        /// </summary>
        public static int TypeOf(int q)
        {
            switch (Rule[q])
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

        // Every name is a literal: nanoFramework keeps a literal's text in the assembly (a string object of one heap block),
        // where a concatenated one ("voltage_l" + phase) is copied onto the heap (about 40 bytes more each).
        private static void Fill()
        {
            int r = 0;
            const UnitRule E = UnitRule.ActiveEnergy, RE = UnitRule.ReactiveEnergy, P = UnitRule.ActivePower, RP = UnitRule.ReactivePower;
            r = Row(r, "sum_active_energy_out", Elec(1, 8, 0), E, SendGroup.Energy);
            r = Row(r, "sum_active_energy_in", Elec(2, 8, 0), E, SendGroup.Energy);
            r = Row(r, "sum_reactive_energy_out", Elec(3, 8, 0), RE, SendGroup.Energy);
            r = Row(r, "sum_reactive_energy_in", Elec(4, 8, 0), RE, SendGroup.Energy);
            r = Row(r, "momentan_active_effect_out", Elec(1, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_in", Elec(2, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_reactive_effect_out", Elec(3, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_reactive_effect_in", Elec(4, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_active_effect_l1_out", Elec(21, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l1_in", Elec(22, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l2_out", Elec(41, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l2_in", Elec(42, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l3_out", Elec(61, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l3_in", Elec(62, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_reactive_effect_l1_out", Elec(23, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_reactive_effect_l1_in", Elec(24, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_reactive_effect_l2_out", Elec(43, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_reactive_effect_l2_in", Elec(44, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_reactive_effect_l3_out", Elec(63, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_reactive_effect_l3_in", Elec(64, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "voltage_l1", Elec(32, 7, 0), UnitRule.Voltage, SendGroup.Voltage);
            r = Row(r, "voltage_l2", Elec(52, 7, 0), UnitRule.Voltage, SendGroup.Voltage);
            r = Row(r, "voltage_l3", Elec(72, 7, 0), UnitRule.Voltage, SendGroup.Voltage);
            r = Row(r, "current_l1", Elec(31, 7, 0), UnitRule.Current, SendGroup.Current);
            r = Row(r, "current_l2", Elec(51, 7, 0), UnitRule.Current, SendGroup.Current);
            r = Row(r, "current_l3", Elec(71, 7, 0), UnitRule.Current, SendGroup.Current);

            r = Row(r, "tariff1_active_energy_out", Elec(1, 8, 1), E, SendGroup.Tariffs);
            r = Row(r, "tariff2_active_energy_out", Elec(1, 8, 2), E, SendGroup.Tariffs);
            r = Row(r, "tariff1_active_energy_in", Elec(2, 8, 1), E, SendGroup.Tariffs);
            r = Row(r, "tariff2_active_energy_in", Elec(2, 8, 2), E, SendGroup.Tariffs);
            r = Row(r, "power_factor", Elec(13, 7, 0), UnitRule.PowerFactor, SendGroup.PowerFactor);
            r = Row(r, "power_factor_l1", Elec(33, 7, 0), UnitRule.PowerFactor, SendGroup.PowerFactor);
            r = Row(r, "power_factor_l2", Elec(53, 7, 0), UnitRule.PowerFactor, SendGroup.PowerFactor);
            r = Row(r, "power_factor_l3", Elec(73, 7, 0), UnitRule.PowerFactor, SendGroup.PowerFactor);
            r = Row(r, "frequency", Elec(14, 7, 0), UnitRule.Frequency, SendGroup.Frequency);
            r = Row(r, "mbus1_volume", Obis.Pack(0, 1, 24, 2, 1), Obis.Pack(0, 1, 24, 2, 3), Obis.Pack(0, 1, 24, 3, 0), UnitRule.Volume, SendGroup.Gas);
            r = Row(r, "mbus2_volume", Obis.Pack(0, 2, 24, 2, 1), Obis.Pack(0, 2, 24, 2, 3), Obis.Pack(0, 2, 24, 3, 0), UnitRule.Volume, SendGroup.Gas);
            r = Row(r, "mbus3_volume", Obis.Pack(0, 3, 24, 2, 1), Obis.Pack(0, 3, 24, 2, 3), Obis.Pack(0, 3, 24, 3, 0), UnitRule.Volume, SendGroup.Gas);
            r = Row(r, "mbus4_volume", Obis.Pack(0, 4, 24, 2, 1), Obis.Pack(0, 4, 24, 2, 3), Obis.Pack(0, 4, 24, 3, 0), UnitRule.Volume, SendGroup.Gas);
            r = Row(r, "mbus1_heat", Obis.Pack(0, 1, 24, 2, 1), UnitRule.Heat, SendGroup.Heat);
            r = Row(r, "mbus2_heat", Obis.Pack(0, 2, 24, 2, 1), UnitRule.Heat, SendGroup.Heat);
            r = Row(r, "mbus3_heat", Obis.Pack(0, 3, 24, 2, 1), UnitRule.Heat, SendGroup.Heat);
            r = Row(r, "mbus4_heat", Obis.Pack(0, 4, 24, 2, 1), UnitRule.Heat, SendGroup.Heat);

            r = Row(r, "tariff3_active_energy_out", Elec(1, 8, 3), E, SendGroup.Tariffs);
            r = Row(r, "tariff4_active_energy_out", Elec(1, 8, 4), E, SendGroup.Tariffs);
            r = Row(r, "tariff3_active_energy_in", Elec(2, 8, 3), E, SendGroup.Tariffs);
            r = Row(r, "tariff4_active_energy_in", Elec(2, 8, 4), E, SendGroup.Tariffs);
            r = Row(r, "tariff1_reactive_energy_out", Elec(3, 8, 1), RE, SendGroup.Tariffs);
            r = Row(r, "tariff2_reactive_energy_out", Elec(3, 8, 2), RE, SendGroup.Tariffs);
            r = Row(r, "tariff1_reactive_energy_in", Elec(4, 8, 1), RE, SendGroup.Tariffs);
            r = Row(r, "tariff2_reactive_energy_in", Elec(4, 8, 2), RE, SendGroup.Tariffs);
            r = Row(r, "sum_reactive_energy_q1", Elec(5, 8, 0), RE, SendGroup.Energy);
            r = Row(r, "sum_reactive_energy_q2", Elec(6, 8, 0), RE, SendGroup.Energy);
            r = Row(r, "sum_reactive_energy_q3", Elec(7, 8, 0), RE, SendGroup.Energy);
            r = Row(r, "sum_reactive_energy_q4", Elec(8, 8, 0), RE, SendGroup.Energy);
            r = Row(r, "momentan_reactive_effect_q1", Elec(5, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_reactive_effect_q2", Elec(6, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_reactive_effect_q3", Elec(7, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "momentan_reactive_effect_q4", Elec(8, 7, 0), RP, SendGroup.ReactiveEffect);
            r = Row(r, "sum_active_energy_abs", Elec(15, 8, 0), E, SendGroup.Energy);
            r = Row(r, "demand_active_effect_out", Elec(1, 4, 0), P, SendGroup.Demand);
            r = Row(r, "max_demand_active_effect_out", Elec(1, 6, 0), P, SendGroup.Demand);
            // SML and EKM meters: sum active power as import minus export (16.7.0, signed) and without sign (15.7.0), and
            // per phase (36/56/76.7.0 signed, 35/55/75.7.0 absolute), IEC 62056-61 value group C 15/16.
            r = Row(r, "momentan_active_effect_net", Elec(16, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_abs", Elec(15, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l1_net", Elec(36, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l1_abs", Elec(35, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l2_net", Elec(56, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l2_abs", Elec(55, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l3_net", Elec(76, 7, 0), P, SendGroup.ActiveEffect);
            r = Row(r, "momentan_active_effect_l3_abs", Elec(75, 7, 0), P, SendGroup.ActiveEffect);
            // Active energy per phase (IEC 62056-61: C = 21/41/61 import, 22/42/62 export, D = 8 register).
            r = Row(r, "sum_active_energy_l1_out", Elec(21, 8, 0), E, SendGroup.PhaseEnergy);
            r = Row(r, "sum_active_energy_l1_in", Elec(22, 8, 0), E, SendGroup.PhaseEnergy);
            r = Row(r, "sum_active_energy_l2_out", Elec(41, 8, 0), E, SendGroup.PhaseEnergy);
            r = Row(r, "sum_active_energy_l2_in", Elec(42, 8, 0), E, SendGroup.PhaseEnergy);
            r = Row(r, "sum_active_energy_l3_out", Elec(61, 8, 0), E, SendGroup.PhaseEnergy);
            r = Row(r, "sum_active_energy_l3_in", Elec(62, 8, 0), E, SendGroup.PhaseEnergy);
        }

        private static long Elec(int c, int d, int e)
        {
            return Obis.Pack(1, 0, c, d, e);
        }

        private static int Row(int r, string name, long code, UnitRule rule, SendGroup group)
        {
            return Row(r, name, code, Obis.None, Obis.None, rule, group);
        }

        private static int Row(int r, string name, long code1, long code2, long code3, UnitRule rule, SendGroup group)
        {
            Names[r] = name;
            Codes[r] = code1;
            Other(r, code2);
            Other(r, code3);
            Rule[r] = rule;
            Group[r] = group;
            return r + 1;
        }

        private static void Other(int r, long code)
        {
            if (code == Obis.None) return;
            OtherCodes[_otherCodes] = code;
            OtherCodeRows[_otherCodes] = (byte)r;
            _otherCodes++;
        }
    }
}
