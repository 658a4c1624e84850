namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// The three 255-byte read layouts of the EKM Omnimeter, transcribed from PROTOCOLS.md §4 (which takes them
    /// from ekmmetering/ekmmeters @ 3933c34884334027c8d9edb6bd9e07c75834db00 <c>initFormatA/B</c>, <c>initWorkFormat</c>):
    /// V3 A (one read per v3 meter), V4 A and V4 B (a v4 meter is read with both). The comment on each line is
    /// the offset the table gives; tests check every offset against hand-built replies.
    /// </summary>
    public static class EkmLayouts
    {
        /// <summary>Length of every EKM read reply and settings block: STX … ETX + 2 CRC bytes.</summary>
        public const int ReplyLength = 255;

        // Each layout is made on its first use: a box that reads no EKM meter never holds them (nanoFramework runs static
        // initializers at start, used or not).
        private static EkmLayout _v3a, _v4a, _v4b;

        /// <summary>The V3 A read (PROTOCOLS.md §4 table "V3 A read").</summary>
        public static EkmLayout V3A { get { return _v3a != null ? _v3a : (_v3a = MakeV3A()); } }

        private static EkmLayout MakeV3A()
        {
            return new EkmLayout("V3 A", null, 42)
                .Add(EkmFieldId.Reserved, 1, EkmFieldType.Hex, EkmScale.None)   // 0 reserved_10
                .Add(EkmFieldId.Model, 2, EkmFieldType.Hex, EkmScale.None)   // 1
                .Add(EkmFieldId.Firmware, 1, EkmFieldType.Hex, EkmScale.None)   // 3
                .Add(EkmFieldId.Meter_Address, 12, EkmFieldType.String, EkmScale.None)   // 4
                .Add(EkmFieldId.kWh_Tot, 8, EkmFieldType.Float, EkmScale.Kwh)   // 16
                .Add(EkmFieldId.kWh_Tariff_1, 8, EkmFieldType.Float, EkmScale.Kwh)   // 24
                .Add(EkmFieldId.kWh_Tariff_2, 8, EkmFieldType.Float, EkmScale.Kwh)   // 32
                .Add(EkmFieldId.kWh_Tariff_3, 8, EkmFieldType.Float, EkmScale.Kwh)   // 40
                .Add(EkmFieldId.kWh_Tariff_4, 8, EkmFieldType.Float, EkmScale.Kwh)   // 48
                .Add(EkmFieldId.Rev_kWh_Tot, 8, EkmFieldType.Float, EkmScale.Kwh)   // 56
                .Add(EkmFieldId.Rev_kWh_Tariff_1, 8, EkmFieldType.Float, EkmScale.Kwh)   // 64
                .Add(EkmFieldId.Rev_kWh_Tariff_2, 8, EkmFieldType.Float, EkmScale.Kwh)   // 72
                .Add(EkmFieldId.Rev_kWh_Tariff_3, 8, EkmFieldType.Float, EkmScale.Kwh)   // 80
                .Add(EkmFieldId.Rev_kWh_Tariff_4, 8, EkmFieldType.Float, EkmScale.Kwh)   // 88
                .Add(EkmFieldId.RMS_Volts_Ln_1, 4, EkmFieldType.Float, EkmScale.Div10)   // 96
                .Add(EkmFieldId.RMS_Volts_Ln_2, 4, EkmFieldType.Float, EkmScale.Div10)   // 100
                .Add(EkmFieldId.RMS_Volts_Ln_3, 4, EkmFieldType.Float, EkmScale.Div10)   // 104
                .Add(EkmFieldId.Amps_Ln_1, 5, EkmFieldType.Float, EkmScale.Div10)   // 108
                .Add(EkmFieldId.Amps_Ln_2, 5, EkmFieldType.Float, EkmScale.Div10)   // 113
                .Add(EkmFieldId.Amps_Ln_3, 5, EkmFieldType.Float, EkmScale.Div10)   // 118
                .Add(EkmFieldId.RMS_Watts_Ln_1, 7, EkmFieldType.Int, EkmScale.None)   // 123
                .Add(EkmFieldId.RMS_Watts_Ln_2, 7, EkmFieldType.Int, EkmScale.None)   // 130
                .Add(EkmFieldId.RMS_Watts_Ln_3, 7, EkmFieldType.Int, EkmScale.None)   // 137
                .Add(EkmFieldId.RMS_Watts_Tot, 7, EkmFieldType.Int, EkmScale.None)   // 144
                .Add(EkmFieldId.Cos_Theta_Ln_1, 4, EkmFieldType.PowerFactor, EkmScale.None)   // 151
                .Add(EkmFieldId.Cos_Theta_Ln_2, 4, EkmFieldType.PowerFactor, EkmScale.None)   // 155
                .Add(EkmFieldId.Cos_Theta_Ln_3, 4, EkmFieldType.PowerFactor, EkmScale.None)   // 159
                .Add(EkmFieldId.RMS_Watts_Max_Demand, 8, EkmFieldType.Float, EkmScale.Kwh)   // 163
                .Add(EkmFieldId.Max_Demand_Period, 1, EkmFieldType.Int, EkmScale.None)   // 171
                .Add(EkmFieldId.Meter_Time, 14, EkmFieldType.MeterTime, EkmScale.None)   // 172
                .Add(EkmFieldId.CT_Ratio, 4, EkmFieldType.Int, EkmScale.None)   // 186
                .Add(EkmFieldId.Pulse_Cnt_1, 8, EkmFieldType.Int, EkmScale.None)   // 190
                .Add(EkmFieldId.Pulse_Cnt_2, 8, EkmFieldType.Int, EkmScale.None)   // 198
                .Add(EkmFieldId.Pulse_Cnt_3, 8, EkmFieldType.Int, EkmScale.None)   // 206
                .Add(EkmFieldId.Pulse_Ratio_1, 4, EkmFieldType.Int, EkmScale.None)   // 214
                .Add(EkmFieldId.Pulse_Ratio_2, 4, EkmFieldType.Int, EkmScale.None)   // 218
                .Add(EkmFieldId.Pulse_Ratio_3, 4, EkmFieldType.Int, EkmScale.None)   // 222
                .Add(EkmFieldId.State_Inputs, 3, EkmFieldType.Int, EkmScale.None)   // 226
                .Add(EkmFieldId.Reserved, 19, EkmFieldType.Hex, EkmScale.None)   // 229 reserved_11
                .Add(EkmFieldId.Meter_Status_Code, 1, EkmFieldType.Hex, EkmScale.None)   // 248
                .Add(EkmFieldId.Reserved, 4, EkmFieldType.Hex, EkmScale.None)   // 249 reserved_12
                .Add(EkmFieldId.Crc16, 2, EkmFieldType.Hex, EkmScale.None);   // 253 crc16
        }

        /// <summary>The V4 A read (PROTOCOLS.md §4 table "V4 A read").</summary>
        public static EkmLayout V4A { get { return _v4a != null ? _v4a : (_v4a = MakeV4A()); } }

        private static EkmLayout MakeV4A()
        {
            return new EkmLayout("V4 A", "00", 45)
                .Add(EkmFieldId.Reserved, 1, EkmFieldType.Hex, EkmScale.None)   // 0 reserved_1
                .Add(EkmFieldId.Model, 2, EkmFieldType.Hex, EkmScale.None)   // 1
                .Add(EkmFieldId.Firmware, 1, EkmFieldType.Hex, EkmScale.None)   // 3
                .Add(EkmFieldId.Meter_Address, 12, EkmFieldType.String, EkmScale.None)   // 4
                .Add(EkmFieldId.kWh_Tot, 8, EkmFieldType.Float, EkmScale.Kwh)   // 16
                .Add(EkmFieldId.Reactive_Energy_Tot, 8, EkmFieldType.Float, EkmScale.Kwh)   // 24
                .Add(EkmFieldId.Rev_kWh_Tot, 8, EkmFieldType.Float, EkmScale.Kwh)   // 32
                .Add(EkmFieldId.kWh_Ln_1, 8, EkmFieldType.Float, EkmScale.Kwh)   // 40
                .Add(EkmFieldId.kWh_Ln_2, 8, EkmFieldType.Float, EkmScale.Kwh)   // 48
                .Add(EkmFieldId.kWh_Ln_3, 8, EkmFieldType.Float, EkmScale.Kwh)   // 56
                .Add(EkmFieldId.Rev_kWh_Ln_1, 8, EkmFieldType.Float, EkmScale.Kwh)   // 64
                .Add(EkmFieldId.Rev_kWh_Ln_2, 8, EkmFieldType.Float, EkmScale.Kwh)   // 72
                .Add(EkmFieldId.Rev_kWh_Ln_3, 8, EkmFieldType.Float, EkmScale.Kwh)   // 80
                .Add(EkmFieldId.kWh_Rst, 8, EkmFieldType.Float, EkmScale.Kwh)   // 88
                .Add(EkmFieldId.Rev_kWh_Rst, 8, EkmFieldType.Float, EkmScale.Kwh)   // 96
                .Add(EkmFieldId.RMS_Volts_Ln_1, 4, EkmFieldType.Float, EkmScale.Div10)   // 104
                .Add(EkmFieldId.RMS_Volts_Ln_2, 4, EkmFieldType.Float, EkmScale.Div10)   // 108
                .Add(EkmFieldId.RMS_Volts_Ln_3, 4, EkmFieldType.Float, EkmScale.Div10)   // 112
                .Add(EkmFieldId.Amps_Ln_1, 5, EkmFieldType.Float, EkmScale.Div10)   // 116
                .Add(EkmFieldId.Amps_Ln_2, 5, EkmFieldType.Float, EkmScale.Div10)   // 121
                .Add(EkmFieldId.Amps_Ln_3, 5, EkmFieldType.Float, EkmScale.Div10)   // 126
                .Add(EkmFieldId.RMS_Watts_Ln_1, 7, EkmFieldType.Int, EkmScale.None)   // 131
                .Add(EkmFieldId.RMS_Watts_Ln_2, 7, EkmFieldType.Int, EkmScale.None)   // 138
                .Add(EkmFieldId.RMS_Watts_Ln_3, 7, EkmFieldType.Int, EkmScale.None)   // 145
                .Add(EkmFieldId.RMS_Watts_Tot, 7, EkmFieldType.Int, EkmScale.None)   // 152
                .Add(EkmFieldId.Cos_Theta_Ln_1, 4, EkmFieldType.PowerFactor, EkmScale.None)   // 159
                .Add(EkmFieldId.Cos_Theta_Ln_2, 4, EkmFieldType.PowerFactor, EkmScale.None)   // 163
                .Add(EkmFieldId.Cos_Theta_Ln_3, 4, EkmFieldType.PowerFactor, EkmScale.None)   // 167
                .Add(EkmFieldId.Reactive_Pwr_Ln_1, 7, EkmFieldType.Int, EkmScale.None)   // 171
                .Add(EkmFieldId.Reactive_Pwr_Ln_2, 7, EkmFieldType.Int, EkmScale.None)   // 178
                .Add(EkmFieldId.Reactive_Pwr_Ln_3, 7, EkmFieldType.Int, EkmScale.None)   // 185
                .Add(EkmFieldId.Reactive_Pwr_Tot, 7, EkmFieldType.Int, EkmScale.None)   // 192
                .Add(EkmFieldId.Line_Freq, 4, EkmFieldType.Float, EkmScale.Div100)   // 199
                .Add(EkmFieldId.Pulse_Cnt_1, 8, EkmFieldType.Int, EkmScale.None)   // 203
                .Add(EkmFieldId.Pulse_Cnt_2, 8, EkmFieldType.Int, EkmScale.None)   // 211
                .Add(EkmFieldId.Pulse_Cnt_3, 8, EkmFieldType.Int, EkmScale.None)   // 219
                .Add(EkmFieldId.State_Inputs, 1, EkmFieldType.Int, EkmScale.None)   // 227
                .Add(EkmFieldId.State_Watts_Dir, 1, EkmFieldType.Int, EkmScale.None)   // 228
                .Add(EkmFieldId.State_Out, 1, EkmFieldType.Int, EkmScale.None)   // 229
                .Add(EkmFieldId.kWh_Scale, 1, EkmFieldType.Int, EkmScale.None)   // 230
                .Add(EkmFieldId.Reserved, 2, EkmFieldType.Hex, EkmScale.None)   // 231 reserved_2
                .Add(EkmFieldId.Meter_Time, 14, EkmFieldType.MeterTime, EkmScale.None)   // 233
                .Add(EkmFieldId.Request_Type, 2, EkmFieldType.Hex, EkmScale.None)   // 247
                .Add(EkmFieldId.Reserved, 4, EkmFieldType.Hex, EkmScale.None)   // 249 reserved_4
                .Add(EkmFieldId.Crc16, 2, EkmFieldType.Hex, EkmScale.None);   // 253 crc16
        }

        /// <summary>The V4 B read (PROTOCOLS.md §4 table "V4 B read").</summary>
        public static EkmLayout V4B { get { return _v4b != null ? _v4b : (_v4b = MakeV4B()); } }

        private static EkmLayout MakeV4B()
        {
            return new EkmLayout("V4 B", "01", 41)
                .Add(EkmFieldId.Reserved, 1, EkmFieldType.Hex, EkmScale.None)   // 0 reserved_5
                .Add(EkmFieldId.Model, 2, EkmFieldType.Hex, EkmScale.None)   // 1
                .Add(EkmFieldId.Firmware, 1, EkmFieldType.Hex, EkmScale.None)   // 3
                .Add(EkmFieldId.Meter_Address, 12, EkmFieldType.String, EkmScale.None)   // 4
                .Add(EkmFieldId.kWh_Tariff_1, 8, EkmFieldType.Float, EkmScale.Kwh)   // 16
                .Add(EkmFieldId.kWh_Tariff_2, 8, EkmFieldType.Float, EkmScale.Kwh)   // 24
                .Add(EkmFieldId.kWh_Tariff_3, 8, EkmFieldType.Float, EkmScale.Kwh)   // 32
                .Add(EkmFieldId.kWh_Tariff_4, 8, EkmFieldType.Float, EkmScale.Kwh)   // 40
                .Add(EkmFieldId.Rev_kWh_Tariff_1, 8, EkmFieldType.Float, EkmScale.Kwh)   // 48
                .Add(EkmFieldId.Rev_kWh_Tariff_2, 8, EkmFieldType.Float, EkmScale.Kwh)   // 56
                .Add(EkmFieldId.Rev_kWh_Tariff_3, 8, EkmFieldType.Float, EkmScale.Kwh)   // 64
                .Add(EkmFieldId.Rev_kWh_Tariff_4, 8, EkmFieldType.Float, EkmScale.Kwh)   // 72
                .Add(EkmFieldId.RMS_Volts_Ln_1, 4, EkmFieldType.Float, EkmScale.Div10)   // 80
                .Add(EkmFieldId.RMS_Volts_Ln_2, 4, EkmFieldType.Float, EkmScale.Div10)   // 84
                .Add(EkmFieldId.RMS_Volts_Ln_3, 4, EkmFieldType.Float, EkmScale.Div10)   // 88
                .Add(EkmFieldId.Amps_Ln_1, 5, EkmFieldType.Float, EkmScale.Div10)   // 92
                .Add(EkmFieldId.Amps_Ln_2, 5, EkmFieldType.Float, EkmScale.Div10)   // 97
                .Add(EkmFieldId.Amps_Ln_3, 5, EkmFieldType.Float, EkmScale.Div10)   // 102
                .Add(EkmFieldId.RMS_Watts_Ln_1, 7, EkmFieldType.Int, EkmScale.None)   // 107
                .Add(EkmFieldId.RMS_Watts_Ln_2, 7, EkmFieldType.Int, EkmScale.None)   // 114
                .Add(EkmFieldId.RMS_Watts_Ln_3, 7, EkmFieldType.Int, EkmScale.None)   // 121
                .Add(EkmFieldId.RMS_Watts_Tot, 7, EkmFieldType.Int, EkmScale.None)   // 128
                .Add(EkmFieldId.Cos_Theta_Ln_1, 4, EkmFieldType.PowerFactor, EkmScale.None)   // 135
                .Add(EkmFieldId.Cos_Theta_Ln_2, 4, EkmFieldType.PowerFactor, EkmScale.None)   // 139
                .Add(EkmFieldId.Cos_Theta_Ln_3, 4, EkmFieldType.PowerFactor, EkmScale.None)   // 143
                .Add(EkmFieldId.RMS_Watts_Max_Demand, 8, EkmFieldType.Float, EkmScale.Div10)   // 147
                .Add(EkmFieldId.Max_Demand_Period, 1, EkmFieldType.Int, EkmScale.None)   // 155
                .Add(EkmFieldId.Pulse_Ratio_1, 4, EkmFieldType.Int, EkmScale.None)   // 156
                .Add(EkmFieldId.Pulse_Ratio_2, 4, EkmFieldType.Int, EkmScale.None)   // 160
                .Add(EkmFieldId.Pulse_Ratio_3, 4, EkmFieldType.Int, EkmScale.None)   // 164
                .Add(EkmFieldId.CT_Ratio, 4, EkmFieldType.Int, EkmScale.None)   // 168
                .Add(EkmFieldId.Max_Demand_Rst, 1, EkmFieldType.Int, EkmScale.None)   // 172
                .Add(EkmFieldId.Pulse_Output_Ratio, 4, EkmFieldType.Int, EkmScale.None)   // 173
                .Add(EkmFieldId.Reserved, 53, EkmFieldType.Hex, EkmScale.None)   // 177 reserved_7
                .Add(EkmFieldId.Meter_Status_Code_A, 1, EkmFieldType.Hex, EkmScale.None)   // 230
                .Add(EkmFieldId.Meter_Status_Code_B, 1, EkmFieldType.Hex, EkmScale.None)   // 231
                .Add(EkmFieldId.Meter_Status_Code_C, 1, EkmFieldType.Hex, EkmScale.None)   // 232
                .Add(EkmFieldId.Meter_Time, 14, EkmFieldType.MeterTime, EkmScale.None)   // 233
                .Add(EkmFieldId.Request_Type, 2, EkmFieldType.Hex, EkmScale.None)   // 247
                .Add(EkmFieldId.Reserved, 4, EkmFieldType.Hex, EkmScale.None)   // 249 reserved_9
                .Add(EkmFieldId.Crc16, 2, EkmFieldType.Hex, EkmScale.None);   // 253 crc16
        }
    }
}
