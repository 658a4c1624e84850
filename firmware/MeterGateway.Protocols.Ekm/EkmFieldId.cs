namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// The fields of the EKM Omnimeter reads (union of the V3 A, V4 A and V4 B field tables and the calculated
    /// fields), named as ekmmeters names them. The numbers are stable: a field without an OBIS equivalent is
    /// published under the manufacturer-specific code <c>1-0:128.0.&lt;number&gt;</c> (see <see cref="EkmFields"/>).
    /// Source: PROTOCOLS.md §4 (ekmmetering/ekmmeters @ 3933c34884334027c8d9edb6bd9e07c75834db00).
    /// </summary>
    public enum EkmFieldId : byte
    {
        /// <summary>Bytes the field tables call reserved_n (STX, fillers, the tail <c>!\r\n ETX</c>): not published.</summary>
        Reserved = 0,
        /// <summary>V4 Request_Type ("00" for A, "01" for B): checked against the request, not published.</summary>
        Request_Type = 1,
        /// <summary>The reply's EKM CRC: checked, not published.</summary>
        Crc16 = 2,
        /// <summary>Meter model, 2 bytes shown in hex (1017 = OmniMeter I v.3, 1022 = OmniMeter II UL v.3, 1024 = Omnimeter Pulse v.4).</summary>
        Model = 10,
        /// <summary>Firmware version, 1 byte shown in hex.</summary>
        Firmware = 11,
        /// <summary>The 12-digit meter number printed on the meter, its address on the bus.</summary>
        Meter_Address = 12,
        /// <summary>Meter clock YYMMDDWWhhmmss (WW = weekday), the meter's local time.</summary>
        Meter_Time = 13,
        /// <summary>Forward (import) active energy total, kWh.</summary>
        kWh_Tot = 20,
        /// <summary>Forward active energy in tariff period 1, kWh.</summary>
        kWh_Tariff_1 = 21,
        /// <summary>Forward active energy in tariff period 2, kWh.</summary>
        kWh_Tariff_2 = 22,
        /// <summary>Forward active energy in tariff period 3, kWh.</summary>
        kWh_Tariff_3 = 23,
        /// <summary>Forward active energy in tariff period 4, kWh.</summary>
        kWh_Tariff_4 = 24,
        /// <summary>Reverse (export) active energy total, kWh.</summary>
        Rev_kWh_Tot = 25,
        /// <summary>Reverse active energy in tariff period 1, kWh.</summary>
        Rev_kWh_Tariff_1 = 26,
        /// <summary>Reverse active energy in tariff period 2, kWh.</summary>
        Rev_kWh_Tariff_2 = 27,
        /// <summary>Reverse active energy in tariff period 3, kWh.</summary>
        Rev_kWh_Tariff_3 = 28,
        /// <summary>Reverse active energy in tariff period 4, kWh.</summary>
        Rev_kWh_Tariff_4 = 29,
        /// <summary>Total reactive energy, kvarh (no direction given by EKM).</summary>
        Reactive_Energy_Tot = 30,
        /// <summary>Forward active energy of line 1, kWh.</summary>
        kWh_Ln_1 = 31,
        /// <summary>Forward active energy of line 2, kWh.</summary>
        kWh_Ln_2 = 32,
        /// <summary>Forward active energy of line 3, kWh.</summary>
        kWh_Ln_3 = 33,
        /// <summary>Reverse active energy of line 1, kWh.</summary>
        Rev_kWh_Ln_1 = 34,
        /// <summary>Reverse active energy of line 2, kWh.</summary>
        Rev_kWh_Ln_2 = 35,
        /// <summary>Reverse active energy of line 3, kWh.</summary>
        Rev_kWh_Ln_3 = 36,
        /// <summary>Resettable forward energy, kWh (ekmmeters Resettable_kWh_Tot).</summary>
        kWh_Rst = 37,
        /// <summary>Resettable reverse energy, kWh (ekmmeters Resettable_Rev_kWh_Tot).</summary>
        Rev_kWh_Rst = 38,
        /// <summary>RMS voltage of line 1, V.</summary>
        RMS_Volts_Ln_1 = 40,
        /// <summary>RMS voltage of line 2, V.</summary>
        RMS_Volts_Ln_2 = 41,
        /// <summary>RMS voltage of line 3, V.</summary>
        RMS_Volts_Ln_3 = 42,
        /// <summary>Current of line 1, A.</summary>
        Amps_Ln_1 = 43,
        /// <summary>Current of line 2, A.</summary>
        Amps_Ln_2 = 44,
        /// <summary>Current of line 3, A.</summary>
        Amps_Ln_3 = 45,
        /// <summary>Active power of line 1 without sign, W.</summary>
        RMS_Watts_Ln_1 = 46,
        /// <summary>Active power of line 2 without sign, W.</summary>
        RMS_Watts_Ln_2 = 47,
        /// <summary>Active power of line 3 without sign, W.</summary>
        RMS_Watts_Ln_3 = 48,
        /// <summary>Active power of lines 1 + 2 + 3 without sign, W.</summary>
        RMS_Watts_Tot = 49,
        /// <summary>Power factor of line 1: C (leading), L (lagging) or space, and 3 digits (cos θ × 100).</summary>
        Cos_Theta_Ln_1 = 50,
        /// <summary>Power factor of line 2: C (leading), L (lagging) or space, and 3 digits (cos θ × 100).</summary>
        Cos_Theta_Ln_2 = 51,
        /// <summary>Power factor of line 3: C (leading), L (lagging) or space, and 3 digits (cos θ × 100).</summary>
        Cos_Theta_Ln_3 = 52,
        /// <summary>Reactive power of line 1, var.</summary>
        Reactive_Pwr_Ln_1 = 53,
        /// <summary>Reactive power of line 2, var.</summary>
        Reactive_Pwr_Ln_2 = 54,
        /// <summary>Reactive power of line 3, var.</summary>
        Reactive_Pwr_Ln_3 = 55,
        /// <summary>Reactive power total, var.</summary>
        Reactive_Pwr_Tot = 56,
        /// <summary>Line frequency, Hz.</summary>
        Line_Freq = 57,
        /// <summary>Maximum demand (peak active power in the demand period), W.</summary>
        RMS_Watts_Max_Demand = 60,
        /// <summary>Max demand period setting: 1 = 15, 2 = 30, 3 = 60 minutes.</summary>
        Max_Demand_Period = 61,
        /// <summary>Max demand auto-reset interval setting: 0 off, 1 monthly, 2 weekly, 3 daily, 4 hourly.</summary>
        Max_Demand_Rst = 62,
        /// <summary>Current transformer ratio setting (primary amperes).</summary>
        CT_Ratio = 63,
        /// <summary>
        /// Pulse output ratio setting of a v4 meter (PulseOutput: 1 … 1600 imp/kWh), in every V4 B read: the ekmmeters
        /// manual's Pulse_Output_Ratio (the library's later source calls it CF_Ratio; the Ruby gem's settable constant).
        /// </summary>
        Pulse_Output_Ratio = 64,
        /// <summary>Pulse count of pulse input 1.</summary>
        Pulse_Cnt_1 = 65,
        /// <summary>Pulse count of pulse input 2.</summary>
        Pulse_Cnt_2 = 66,
        /// <summary>Pulse count of pulse input 3.</summary>
        Pulse_Cnt_3 = 67,
        /// <summary>Pulse input ratio setting of input 1.</summary>
        Pulse_Ratio_1 = 68,
        /// <summary>Pulse input ratio setting of input 2.</summary>
        Pulse_Ratio_2 = 69,
        /// <summary>Pulse input ratio setting of input 3.</summary>
        Pulse_Ratio_3 = 70,
        /// <summary>State of the pulse inputs (StateIn: 0 = HighHighHigh .. 7 = LowLowLow).</summary>
        State_Inputs = 71,
        /// <summary>Direction of the line powers (DirectionFlag 1 = FFF .. 8 = RRR).</summary>
        State_Watts_Dir = 72,
        /// <summary>State of the two outputs/relays (StateOut 1 = OffOff, 2 = OffOn, 3 = OnOff, 4 = OnOn).</summary>
        State_Out = 73,
        /// <summary>Decimals of the kWh fields on v4 (ScaleKWH 0, 1 or 2).</summary>
        kWh_Scale = 74,
        /// <summary>V3 status byte, shown in hex.</summary>
        Meter_Status_Code = 75,
        /// <summary>V4 status byte A, shown in hex (ekmmeters Status_A).</summary>
        Meter_Status_Code_A = 76,
        /// <summary>V4 status byte B, shown in hex (ekmmeters Status_B).</summary>
        Meter_Status_Code_B = 77,
        /// <summary>V4 status byte C, shown in hex (ekmmeters Status_C).</summary>
        Meter_Status_Code_C = 78,
        /// <summary>Calculated: EKM power factor of line 1, 200 − x for C, x for L, 100 for space (0..200, 100 = unity).</summary>
        Power_Factor_Ln_1 = 80,
        /// <summary>Calculated: EKM power factor of line 2, 200 − x for C, x for L, 100 for space (0..200, 100 = unity).</summary>
        Power_Factor_Ln_2 = 81,
        /// <summary>Calculated: EKM power factor of line 3, 200 − x for C, x for L, 100 for space (0..200, 100 = unity).</summary>
        Power_Factor_Ln_3 = 82,
        /// <summary>Calculated (v4): active power of line 1 with the sign of State_Watts_Dir, W.</summary>
        Net_Calc_Watts_Ln_1 = 83,
        /// <summary>Calculated (v4): active power of line 2 with the sign of State_Watts_Dir, W.</summary>
        Net_Calc_Watts_Ln_2 = 84,
        /// <summary>Calculated (v4): active power of line 3 with the sign of State_Watts_Dir, W.</summary>
        Net_Calc_Watts_Ln_3 = 85,
        /// <summary>Calculated (v4): sum of the signed line powers, W.</summary>
        Net_Calc_Watts_Tot = 86,
    }
}
