namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// The 42 items a v4 meter's display can show (ekmmeters <c>LCDItems</c>, the EKM library manual §11.1):
    /// number 1 = kWh_Tot … 42 = Max_Demand. Used by <see cref="EkmCommands.LcdItems"/>.
    /// </summary>
    public static class EkmLcdItems
    {
        /// <summary>Number of items (numbered 1..42).</summary>
        public const int Count = 42;

        // Made on first use (static initializers run at start on nanoFramework, and only EKM boxes use it).
        private static string[] _names;

        private static string[] Names()
        {
            if (_names == null) _names = new string[]
            {
                "kWh_Tot", "Rev_kWh_Tot", "RMS_Volts_Ln_1", "RMS_Volts_Ln_2", "RMS_Volts_Ln_3", "Amps_Ln_1", "Amps_Ln_2",
                "Amps_Ln_3", "RMS_Watts_Ln_1", "RMS_Watts_Ln_2", "RMS_Watts_Ln_3", "RMS_Watts_Tot", "Power_Factor_Ln_1",
                "Power_Factor_Ln_2", "Power_Factor_Ln_3", "kWh_Tariff_1", "kWh_Tariff_2", "kWh_Tariff_3", "kWh_Tariff_4",
                "Rev_kWh_Tariff_1", "Rev_kWh_Tariff_2", "Rev_kWh_Tariff_3", "Rev_kWh_Tariff_4", "Reactive_Pwr_Ln_1",
                "Reactive_Pwr_Ln_2", "Reactive_Pwr_Ln_3", "Reactive_Pwr_Tot", "Line_Freq", "Pulse_Cnt_1", "Pulse_Cnt_2",
                "Pulse_Cnt_3", "kWh_Ln_1", "Rev_kWh_Ln_1", "kWh_Ln_2", "Rev_kWh_Ln_2", "kWh_Ln_3", "Rev_kWh_Ln_3",
                "Reactive_Energy_Tot", "Max_Demand_Rst", "Rev_kWh_Rst", "State_Inputs", "Max_Demand",
            };
            return _names;
        }

        /// <summary>The name of item 1..42, or null.</summary>
        public static string Name(int item)
        {
            return item >= 1 && item <= Count ? Names()[item - 1] : null;
        }

        /// <summary>The number 1..42 of an item name (exact case, as the manual writes it), or 0 when there is none (ekmmeters <c>lcdString</c>).</summary>
        public static int Find(string name)
        {
            string[] names = Names();
            for (int i = 0; i < Count; i++)
            {
                if (names[i] == name) return i + 1;
            }
            return 0;
        }
    }
}
