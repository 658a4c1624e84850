using MeterGateway.Readings;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// What each EKM field is published as: its ekmmeters name, its OBIS code and its unit.
    /// <para>
    /// Fields with an OBIS equivalent (IEC 62056-61 / DLMS Blue Book value groups) get that code:
    /// kWh_Tot 1-0:1.8.0, kWh_Tariff_n 1-0:1.8.n, Rev_kWh_Tot 1-0:2.8.0, Rev_kWh_Tariff_n 1-0:2.8.n,
    /// kWh_Ln_1..3 1-0:21/41/61.8.0, Rev_kWh_Ln_1..3 1-0:22/42/62.8.0, RMS_Volts_Ln_1..3 1-0:32/52/72.7.0,
    /// Amps_Ln_1..3 1-0:31/51/71.7.0, Cos_Theta_Ln_1..3 1-0:33/53/73.7.0 (cos θ without the C/L letter),
    /// Line_Freq 1-0:14.7.0, Meter_Address 0-0:96.1.0, Meter_Time 0-0:1.0.0, Firmware 1-0:0.2.0, CT_Ratio 1-0:0.4.2.
    /// Active power: EKM's RMS_Watts are magnitudes without sign, which is OBIS C = 15 (|+P| + |−P|) and its
    /// per-line codes 35/55/75, so RMS_Watts_Tot is 1-0:15.7.0 and RMS_Watts_Ln_1..3 1-0:35/55/75.7.0
    /// (1.7.0 would claim import, 16.7.0 a sign); RMS_Watts_Max_Demand is 1-0:15.6.0. The v4 signed
    /// Net_Calc_Watts (import − export) are C = 16 and 36/56/76: Net_Calc_Watts_Tot 1-0:16.7.0.
    /// </para>
    /// <para>
    /// Fields without an OBIS equivalent keep EKM's name and get the manufacturer-specific code
    /// <c>1-0:128.0.E</c> (value group C = 128 is manufacturer specific in IEC 62056-61) with E = the field's
    /// <see cref="EkmFieldId"/> number; <see cref="Name"/> gives the name back. This includes the reactive values
    /// (EKM gives no direction, so no Q+/Q− code applies), the resettable kWh, pulse counts and ratios, states,
    /// settings, status bytes, Model, kWh_Scale and EKM's own Power_Factor (0..200).
    /// </para>
    /// </summary>
    public static class EkmFields
    {
        /// <summary>Value group C of the manufacturer-specific codes (<c>1-0:128.0.E</c>).</summary>
        public const int ManufacturerC = 128;

        private const int Size = 87;
        // The tables are made on first use (Table()): a box that reads no EKM meter never holds them (nanoFramework runs
        // static initializers at start, used or not).
        private static readonly object Sync = new object();
        private static string[] _names;
        private static long[] _codes;
        private static byte[][] _unitTexts;
        private static bool[] _texts;
        private static EkmFieldId[] _published;

        // the unit texts, made with the tables
        private static byte[] Kwh, Kvarh, W, Var, V, A, Hz, NoUnit;

        /// <summary>The published fields in a stable order (the store's columns, JSON keys).</summary>
        public static EkmFieldId[] Published { get { return Table(); } }

        private static EkmFieldId[] Table()
        {
            EkmFieldId[] published = _published;
            if (published != null) return published;
            lock (Sync)
            {
                if (_published == null)
                {
                    _names = StringArray.New(Size);
                    _codes = new long[Size];
                    _unitTexts = new byte[Size][];
                    _texts = new bool[Size];
                    _published = MakeTable();
                }
                return _published;
            }
        }

        private static EkmFieldId[] MakeTable()
        {
            Kwh = Ascii.GetBytes("kWh");
            Kvarh = Ascii.GetBytes("kvarh");
            W = Ascii.GetBytes("W");
            Var = Ascii.GetBytes("var");
            V = Ascii.GetBytes("V");
            A = Ascii.GetBytes("A");
            Hz = Ascii.GetBytes("Hz");
            NoUnit = new byte[0];
            EkmFieldId[] order = new EkmFieldId[67];
            int n = 0;
            order[n++] = Text(EkmFieldId.Meter_Address, "Meter_Address", Obis.Pack(0, 0, 96, 1, 0));
            order[n++] = Text(EkmFieldId.Model, "Model", Own(EkmFieldId.Model));
            order[n++] = Text(EkmFieldId.Firmware, "Firmware", Obis.Pack(1, 0, 0, 2, 0));
            order[n++] = Text(EkmFieldId.Meter_Time, "Meter_Time", Obis.Pack(0, 0, 1, 0, 0));
            order[n++] = Number(EkmFieldId.kWh_Tot, "kWh_Tot", Obis.Pack(1, 0, 1, 8, 0), Kwh);
            order[n++] = Number(EkmFieldId.kWh_Tariff_1, "kWh_Tariff_1", Obis.Pack(1, 0, 1, 8, 1), Kwh);
            order[n++] = Number(EkmFieldId.kWh_Tariff_2, "kWh_Tariff_2", Obis.Pack(1, 0, 1, 8, 2), Kwh);
            order[n++] = Number(EkmFieldId.kWh_Tariff_3, "kWh_Tariff_3", Obis.Pack(1, 0, 1, 8, 3), Kwh);
            order[n++] = Number(EkmFieldId.kWh_Tariff_4, "kWh_Tariff_4", Obis.Pack(1, 0, 1, 8, 4), Kwh);
            order[n++] = Number(EkmFieldId.Rev_kWh_Tot, "Rev_kWh_Tot", Obis.Pack(1, 0, 2, 8, 0), Kwh);
            order[n++] = Number(EkmFieldId.Rev_kWh_Tariff_1, "Rev_kWh_Tariff_1", Obis.Pack(1, 0, 2, 8, 1), Kwh);
            order[n++] = Number(EkmFieldId.Rev_kWh_Tariff_2, "Rev_kWh_Tariff_2", Obis.Pack(1, 0, 2, 8, 2), Kwh);
            order[n++] = Number(EkmFieldId.Rev_kWh_Tariff_3, "Rev_kWh_Tariff_3", Obis.Pack(1, 0, 2, 8, 3), Kwh);
            order[n++] = Number(EkmFieldId.Rev_kWh_Tariff_4, "Rev_kWh_Tariff_4", Obis.Pack(1, 0, 2, 8, 4), Kwh);
            order[n++] = Number(EkmFieldId.Reactive_Energy_Tot, "Reactive_Energy_Tot", Own(EkmFieldId.Reactive_Energy_Tot), Kvarh);
            order[n++] = Number(EkmFieldId.kWh_Ln_1, "kWh_Ln_1", Obis.Pack(1, 0, 21, 8, 0), Kwh);
            order[n++] = Number(EkmFieldId.kWh_Ln_2, "kWh_Ln_2", Obis.Pack(1, 0, 41, 8, 0), Kwh);
            order[n++] = Number(EkmFieldId.kWh_Ln_3, "kWh_Ln_3", Obis.Pack(1, 0, 61, 8, 0), Kwh);
            order[n++] = Number(EkmFieldId.Rev_kWh_Ln_1, "Rev_kWh_Ln_1", Obis.Pack(1, 0, 22, 8, 0), Kwh);
            order[n++] = Number(EkmFieldId.Rev_kWh_Ln_2, "Rev_kWh_Ln_2", Obis.Pack(1, 0, 42, 8, 0), Kwh);
            order[n++] = Number(EkmFieldId.Rev_kWh_Ln_3, "Rev_kWh_Ln_3", Obis.Pack(1, 0, 62, 8, 0), Kwh);
            order[n++] = Number(EkmFieldId.kWh_Rst, "kWh_Rst", Own(EkmFieldId.kWh_Rst), Kwh);
            order[n++] = Number(EkmFieldId.Rev_kWh_Rst, "Rev_kWh_Rst", Own(EkmFieldId.Rev_kWh_Rst), Kwh);
            order[n++] = Number(EkmFieldId.RMS_Volts_Ln_1, "RMS_Volts_Ln_1", Obis.Pack(1, 0, 32, 7, 0), V);
            order[n++] = Number(EkmFieldId.RMS_Volts_Ln_2, "RMS_Volts_Ln_2", Obis.Pack(1, 0, 52, 7, 0), V);
            order[n++] = Number(EkmFieldId.RMS_Volts_Ln_3, "RMS_Volts_Ln_3", Obis.Pack(1, 0, 72, 7, 0), V);
            order[n++] = Number(EkmFieldId.Amps_Ln_1, "Amps_Ln_1", Obis.Pack(1, 0, 31, 7, 0), A);
            order[n++] = Number(EkmFieldId.Amps_Ln_2, "Amps_Ln_2", Obis.Pack(1, 0, 51, 7, 0), A);
            order[n++] = Number(EkmFieldId.Amps_Ln_3, "Amps_Ln_3", Obis.Pack(1, 0, 71, 7, 0), A);
            order[n++] = Number(EkmFieldId.RMS_Watts_Ln_1, "RMS_Watts_Ln_1", Obis.Pack(1, 0, 35, 7, 0), W);
            order[n++] = Number(EkmFieldId.RMS_Watts_Ln_2, "RMS_Watts_Ln_2", Obis.Pack(1, 0, 55, 7, 0), W);
            order[n++] = Number(EkmFieldId.RMS_Watts_Ln_3, "RMS_Watts_Ln_3", Obis.Pack(1, 0, 75, 7, 0), W);
            order[n++] = Number(EkmFieldId.RMS_Watts_Tot, "RMS_Watts_Tot", Obis.Pack(1, 0, 15, 7, 0), W);
            order[n++] = Number(EkmFieldId.Net_Calc_Watts_Ln_1, "Net_Calc_Watts_Ln_1", Obis.Pack(1, 0, 36, 7, 0), W);
            order[n++] = Number(EkmFieldId.Net_Calc_Watts_Ln_2, "Net_Calc_Watts_Ln_2", Obis.Pack(1, 0, 56, 7, 0), W);
            order[n++] = Number(EkmFieldId.Net_Calc_Watts_Ln_3, "Net_Calc_Watts_Ln_3", Obis.Pack(1, 0, 76, 7, 0), W);
            order[n++] = Number(EkmFieldId.Net_Calc_Watts_Tot, "Net_Calc_Watts_Tot", Obis.Pack(1, 0, 16, 7, 0), W);
            order[n++] = Number(EkmFieldId.Cos_Theta_Ln_1, "Cos_Theta_Ln_1", Obis.Pack(1, 0, 33, 7, 0), NoUnit);
            order[n++] = Number(EkmFieldId.Cos_Theta_Ln_2, "Cos_Theta_Ln_2", Obis.Pack(1, 0, 53, 7, 0), NoUnit);
            order[n++] = Number(EkmFieldId.Cos_Theta_Ln_3, "Cos_Theta_Ln_3", Obis.Pack(1, 0, 73, 7, 0), NoUnit);
            order[n++] = Number(EkmFieldId.Power_Factor_Ln_1, "Power_Factor_Ln_1", Own(EkmFieldId.Power_Factor_Ln_1), NoUnit);
            order[n++] = Number(EkmFieldId.Power_Factor_Ln_2, "Power_Factor_Ln_2", Own(EkmFieldId.Power_Factor_Ln_2), NoUnit);
            order[n++] = Number(EkmFieldId.Power_Factor_Ln_3, "Power_Factor_Ln_3", Own(EkmFieldId.Power_Factor_Ln_3), NoUnit);
            order[n++] = Number(EkmFieldId.Reactive_Pwr_Ln_1, "Reactive_Pwr_Ln_1", Own(EkmFieldId.Reactive_Pwr_Ln_1), Var);
            order[n++] = Number(EkmFieldId.Reactive_Pwr_Ln_2, "Reactive_Pwr_Ln_2", Own(EkmFieldId.Reactive_Pwr_Ln_2), Var);
            order[n++] = Number(EkmFieldId.Reactive_Pwr_Ln_3, "Reactive_Pwr_Ln_3", Own(EkmFieldId.Reactive_Pwr_Ln_3), Var);
            order[n++] = Number(EkmFieldId.Reactive_Pwr_Tot, "Reactive_Pwr_Tot", Own(EkmFieldId.Reactive_Pwr_Tot), Var);
            order[n++] = Number(EkmFieldId.Line_Freq, "Line_Freq", Obis.Pack(1, 0, 14, 7, 0), Hz);
            order[n++] = Number(EkmFieldId.RMS_Watts_Max_Demand, "RMS_Watts_Max_Demand", Obis.Pack(1, 0, 15, 6, 0), W);
            order[n++] = Number(EkmFieldId.Max_Demand_Period, "Max_Demand_Period", Own(EkmFieldId.Max_Demand_Period), NoUnit);
            order[n++] = Number(EkmFieldId.Max_Demand_Rst, "Max_Demand_Rst", Own(EkmFieldId.Max_Demand_Rst), NoUnit);
            order[n++] = Number(EkmFieldId.CT_Ratio, "CT_Ratio", Obis.Pack(1, 0, 0, 4, 2), NoUnit);
            order[n++] = Number(EkmFieldId.Pulse_Output_Ratio, "Pulse_Output_Ratio", Own(EkmFieldId.Pulse_Output_Ratio), NoUnit);
            order[n++] = Number(EkmFieldId.Pulse_Cnt_1, "Pulse_Cnt_1", Own(EkmFieldId.Pulse_Cnt_1), NoUnit);
            order[n++] = Number(EkmFieldId.Pulse_Cnt_2, "Pulse_Cnt_2", Own(EkmFieldId.Pulse_Cnt_2), NoUnit);
            order[n++] = Number(EkmFieldId.Pulse_Cnt_3, "Pulse_Cnt_3", Own(EkmFieldId.Pulse_Cnt_3), NoUnit);
            order[n++] = Number(EkmFieldId.Pulse_Ratio_1, "Pulse_Ratio_1", Own(EkmFieldId.Pulse_Ratio_1), NoUnit);
            order[n++] = Number(EkmFieldId.Pulse_Ratio_2, "Pulse_Ratio_2", Own(EkmFieldId.Pulse_Ratio_2), NoUnit);
            order[n++] = Number(EkmFieldId.Pulse_Ratio_3, "Pulse_Ratio_3", Own(EkmFieldId.Pulse_Ratio_3), NoUnit);
            order[n++] = Number(EkmFieldId.State_Inputs, "State_Inputs", Own(EkmFieldId.State_Inputs), NoUnit);
            order[n++] = Number(EkmFieldId.State_Watts_Dir, "State_Watts_Dir", Own(EkmFieldId.State_Watts_Dir), NoUnit);
            order[n++] = Number(EkmFieldId.State_Out, "State_Out", Own(EkmFieldId.State_Out), NoUnit);
            order[n++] = Number(EkmFieldId.kWh_Scale, "kWh_Scale", Own(EkmFieldId.kWh_Scale), NoUnit);
            order[n++] = Text(EkmFieldId.Meter_Status_Code, "Meter_Status_Code", Own(EkmFieldId.Meter_Status_Code));
            order[n++] = Text(EkmFieldId.Meter_Status_Code_A, "Meter_Status_Code_A", Own(EkmFieldId.Meter_Status_Code_A));
            order[n++] = Text(EkmFieldId.Meter_Status_Code_B, "Meter_Status_Code_B", Own(EkmFieldId.Meter_Status_Code_B));
            order[n++] = Text(EkmFieldId.Meter_Status_Code_C, "Meter_Status_Code_C", Own(EkmFieldId.Meter_Status_Code_C));
            return order;
        }

        private static long Own(EkmFieldId id)
        {
            return Obis.Pack(1, 0, ManufacturerC, 0, (int)id);
        }

        private static EkmFieldId Number(EkmFieldId id, string name, long obis, byte[] unit)
        {
            _names[(int)id] = name;
            _codes[(int)id] = obis;
            _unitTexts[(int)id] = unit;
            return id;
        }

        private static EkmFieldId Text(EkmFieldId id, string name, long obis)
        {
            _texts[(int)id] = true;
            return Number(id, name, obis, NoUnit);
        }

        /// <summary>The ekmmeters name of a published field (e.g. <c>kWh_Tot</c>), or null for reserved, Request_Type and CRC.</summary>
        public static string Name(EkmFieldId id)
        {
            Table();
            return _names[(int)id];
        }

        /// <summary>The OBIS code the field is published under (<see cref="Obis"/>), or <see cref="Obis.None"/> when it is not published.</summary>
        public static long ObisCode(EkmFieldId id)
        {
            Table();
            return _names[(int)id] == null ? Obis.None : _codes[(int)id];
        }

        /// <summary>The unit text of a numeric field (<c>kWh</c>, <c>kvarh</c>, <c>W</c>, <c>var</c>, <c>V</c>, <c>A</c>, <c>Hz</c>), empty when it has none. Shared: do not modify.</summary>
        public static byte[] Unit(EkmFieldId id)
        {
            Table();
            byte[] unit = _unitTexts[(int)id];
            return unit == null ? NoUnit : unit;
        }

        /// <summary>True for fields published as text or timestamp (address, model, firmware, meter time, status bytes).</summary>
        public static bool IsText(EkmFieldId id)
        {
            Table();
            return _texts[(int)id];
        }

        /// <summary>The field published under an OBIS code, or -1 when the code is not an EKM field's.</summary>
        public static int FromObis(long obis)
        {
            EkmFieldId[] published = Table();
            for (int i = 0; i < published.Length; i++)
            {
                if (_codes[(int)published[i]] == obis) return (int)published[i];
            }
            return -1;
        }

        /// <summary>The field of an ekmmeters name (exact case), or -1.</summary>
        public static int FromName(string name)
        {
            EkmFieldId[] published = Table();
            for (int i = 0; i < published.Length; i++)
            {
                if (_names[(int)published[i]] == name) return (int)published[i];
            }
            return -1;
        }
    }
}
