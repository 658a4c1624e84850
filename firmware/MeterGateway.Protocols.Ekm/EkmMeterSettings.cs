using MeterGateway.Readings;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// The settings tables read back from a meter (<see cref="EkmBlock"/>; ekmmeters <c>readSettings</c>), parsed from
    /// their 255-byte blocks. Block layouts (ekmmetering/ekmmeters @ 3933c34884334027c8d9edb6bd9e07c75834db00
    /// <c>initSchd_1_to_4</c>, <c>initMons</c>, <c>initHldyDates</c>): 6 bytes echo of the command, then
    /// <list type="bullet">
    /// <item>schedules: per schedule 4 × (hour, minute, tariff) as 2 digits, schedule k of the block at 6 + 48k;</item>
    /// <item>months: 6 months × (total, tariff 1..4) as 8-digit kWh values at 6 + 8 × (5 × month + k);</item>
    /// <item>holidays: 20 × (month, day) as 2 digits at 6, weekend schedule at 86, holiday schedule at 88.</item>
    /// </list>
    /// </summary>
    public sealed class EkmMeterSettings
    {
        /// <summary>Start hour of each tariff period, index (schedule − 1) × 4 + (period − 1).</summary>
        public readonly int[] TariffHour = new int[EkmCommands.Schedules * EkmCommands.Tariffs];
        /// <summary>Start minute of each tariff period, indexed as <see cref="TariffHour"/>.</summary>
        public readonly int[] TariffMinute = new int[EkmCommands.Schedules * EkmCommands.Tariffs];
        /// <summary>Tariff 1..4 of each period (0 = unused), indexed as <see cref="TariffHour"/>.</summary>
        public readonly int[] TariffRate = new int[EkmCommands.Schedules * EkmCommands.Tariffs];
        /// <summary>Forward kWh mantissas, index month × 5 + k (k 0 = total, 1..4 = tariff; month 0 = Month_1); value = mantissa × 10^<see cref="MonthExponent"/>.</summary>
        public readonly long[] MonthForward = new long[Months * 5];
        /// <summary>Reverse kWh mantissas, indexed as <see cref="MonthForward"/>.</summary>
        public readonly long[] MonthReverse = new long[Months * 5];
        /// <summary>Decimal exponent of the month values (−1 for ÷10).</summary>
        public int MonthExponent;
        /// <summary>Month of each holiday (0 = unused).</summary>
        public readonly int[] HolidayMonth = new int[EkmCommands.Holidays];
        /// <summary>Day of each holiday (0 = unused).</summary>
        public readonly int[] HolidayDay = new int[EkmCommands.Holidays];
        /// <summary>Schedule used on weekends, as the meter stores it.</summary>
        public int WeekendSchedule;
        /// <summary>Schedule used on holidays, as the meter stores it.</summary>
        public int HolidaySchedule;

        /// <summary>Months kept by the meter (Extents.Months).</summary>
        public const int Months = 6;

        /// <summary>
        /// Parses a validated block (byte 0 = STX at <paramref name="offset"/>) into the matching arrays. Month values
        /// are scaled by <paramref name="kwhDecimals"/> (1 on v3, kWh_Scale on v4). False when a field is not digits.
        /// </summary>
        public bool Parse(EkmBlock block, byte[] frame, int offset, int kwhDecimals)
        {
            switch (block)
            {
                case EkmBlock.Schedules1To4:
                case EkmBlock.Schedules5To8:
                    int first = block == EkmBlock.Schedules1To4 ? 0 : 4;
                    for (int k = 0; k < 4; k++)
                    {
                        for (int t = 0; t < EkmCommands.Tariffs; t++)
                        {
                            int at = offset + 6 + 48 * k + 6 * t;
                            int i = (first + k) * EkmCommands.Tariffs + t;
                            if (!Two(frame, at, out TariffHour[i]) || !Two(frame, at + 2, out TariffMinute[i]) || !Two(frame, at + 4, out TariffRate[i])) return false;
                        }
                    }
                    return true;
                case EkmBlock.MonthsForward:
                case EkmBlock.MonthsReverse:
                    long[] values = block == EkmBlock.MonthsForward ? MonthForward : MonthReverse;
                    MonthExponent = -kwhDecimals;
                    for (int i = 0; i < values.Length; i++)
                    {
                        long m;
                        int e;
                        if (!FixedPoint.TryParse(frame, offset + 6 + 8 * i, 8, out m, out e)) return false;
                        if (!FixedPoint.Rescale(m, e - kwhDecimals, MonthExponent, out values[i])) return false;
                    }
                    return true;
                default:
                    for (int h = 0; h < EkmCommands.Holidays; h++)
                    {
                        if (!Two(frame, offset + 6 + 4 * h, out HolidayMonth[h]) || !Two(frame, offset + 8 + 4 * h, out HolidayDay[h])) return false;
                    }
                    return Two(frame, offset + 86, out WeekendSchedule) && Two(frame, offset + 88, out HolidaySchedule);
            }
        }

        private static bool Two(byte[] frame, int at, out int value)
        {
            int a = frame[at] - '0', b = frame[at + 1] - '0';
            value = a * 10 + b;
            return a >= 0 && a <= 9 && b >= 0 && b <= 9;
        }
    }
}
