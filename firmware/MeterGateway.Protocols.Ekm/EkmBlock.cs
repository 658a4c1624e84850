namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// The settings tables a meter returns on an <c>R1</c> read command, each as a 255-byte block
    /// (ekmmeters <c>readScheduleTariffs</c>, <c>readMonthTariffs</c>, <c>readHolidayDates</c>).
    /// </summary>
    public enum EkmBlock : byte
    {
        /// <summary>Tariff periods of schedules 1 to 4 (register 0070, ReadSchedules.Schedules_1_To_4).</summary>
        Schedules1To4 = 0,
        /// <summary>Tariff periods of schedules 5 to 8 (register 0071, ReadSchedules.Schedules_5_To_8).</summary>
        Schedules5To8 = 1,
        /// <summary>Forward kWh of the last six months per tariff (register 0011, ReadMonths.kWh).</summary>
        MonthsForward = 2,
        /// <summary>Reverse kWh of the last six months per tariff (register 0012, ReadMonths.kWhReverse).</summary>
        MonthsReverse = 3,
        /// <summary>The 20 holiday dates and the weekend and holiday schedules (register 00B0).</summary>
        Holidays = 4,
    }
}
