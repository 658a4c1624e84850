using MeterGateway.Readings;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// The write command of every setting in the EKM library manual, validated before a byte is built: each
    /// method throws <see cref="EkmSettingException"/> (naming the setting, the value and what is allowed) or
    /// writes <c>SOH W1 STX register ( data ) ETX CRC</c> into the buffer and returns its length (at most
    /// <see cref="EkmRequests.MaxCommandLength"/>). A command is sent after an A read and the password
    /// command, and the meter answers it with a single ACK (see <see cref="EkmClient.Write"/>).
    /// Registers and data formats: ekmmetering/ekmmeters @ 3933c34884334027c8d9edb6bd9e07c75834db00
    /// (<c>setCTRatio</c> 00D0, <c>setMaxDemandPeriod</c> 0050, <c>setMaxDemandResetInterval</c> 00D5,
    /// <c>setMaxDemandResetNow</c> 0040, <c>setPulseInputRatio</c> 00A0..00A2, <c>setPulseOutputRatio</c> 00D4,
    /// <c>setRelay</c> 0081/0082, <c>setTime</c> 0060, <c>setSeasonSchedules</c> 0080, <c>setScheduleTariffs</c>
    /// 0070..0077, <c>setHolidayDates</c> 00B0, <c>setWeekendHolidaySchedules</c> 00C0, <c>setLCD</c> 00D2,
    /// <c>setZeroResettableKWH</c> 00D3, <c>setMeterPassword</c> 0020); allowed values: the manual's constants.
    /// </summary>
    public static class EkmCommands
    {
        /// <summary>The CT ratios a meter accepts (CTRatio: Amps_100 … Amps_5000); a new array on each call (no static table on nanoFramework's heap).</summary>
        public static int[] CtRatios { get { return new int[] { 100, 200, 400, 600, 800, 1000, 1200, 1500, 2000, 3000, 4000, 5000 }; } }
        /// <summary>The pulse output ratios a v4 meter accepts (PulseOutput: Ratio_1 … Ratio_1600); a new array on each call.</summary>
        public static int[] PulseOutputRatios { get { return new int[] { 1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80, 100, 200, 400, 800, 1600 }; } }
        /// <summary>The max demand periods in minutes, sent as MaxDemandPeriod 1, 2, 3; a new array on each call.</summary>
        public static int[] MaxDemandPeriods { get { return new int[] { 15, 30, 60 }; } }
        /// <summary>Longest relay interval in seconds (RelayInterval.Max); 0 holds the relay in its new state.</summary>
        public const int RelayMaxSeconds = 9999;
        /// <summary>Seasons in the season table (Extents.Seasons).</summary>
        public const int Seasons = 4;
        /// <summary>Tariff schedules (Extents.Schedules), numbered 1..8 here.</summary>
        public const int Schedules = 8;
        /// <summary>Tariff periods of a schedule (Extents.Tariffs).</summary>
        public const int Tariffs = 4;
        /// <summary>Holiday dates (Extents.Holidays).</summary>
        public const int Holidays = 20;
        /// <summary>Items the v4 display cycles through at most.</summary>
        public const int LcdSlots = 40;

        /// <summary>CT ratio (v3 and v4): one of <see cref="CtRatios"/>, sent as 4 digits to register 00D0.</summary>
        public static int CtRatio(int amps, byte[] buffer, int offset)
        {
            if (IndexOf(CtRatios, amps) < 0) throw new EkmSettingException("CT ratio", amps.ToString(), List(CtRatios));
            return Digits("00D0", amps, 4, buffer, offset);
        }

        /// <summary>Max demand period (v3 and v4): 15, 30 or 60 minutes, sent as 1, 2 or 3 to register 0050.</summary>
        public static int MaxDemandPeriod(int minutes, byte[] buffer, int offset)
        {
            int code = IndexOf(MaxDemandPeriods, minutes) + 1;
            if (code == 0) throw new EkmSettingException("max demand period", minutes.ToString(), "15, 30 or 60 (minutes)");
            return Digits("0050", code, 1, buffer, offset);
        }

        /// <summary>Max demand auto-reset interval (v4): 0 off, 1 monthly, 2 weekly, 3 daily, 4 hourly (MaxDemandResetInterval), register 00D5.</summary>
        public static int MaxDemandResetInterval(int interval, byte[] buffer, int offset)
        {
            Range("max demand reset interval", interval, 0, 4, "0 (off), 1 (monthly), 2 (weekly), 3 (daily) or 4 (hourly)");
            return Digits("00D5", interval, 1, buffer, offset);
        }

        /// <summary>Resets the max demand now (v3 and v4; EKM Dash's Now button): register 0040, data 000000.</summary>
        public static int MaxDemandResetNow(byte[] buffer, int offset)
        {
            return Digits("0040", 0, 6, buffer, offset);
        }

        /// <summary>Pulse input ratio (v4) of input 1..3: 1..9999 closures per counted pulse, 4 digits to register 00A0..00A2.</summary>
        public static int PulseInputRatio(int input, int ratio, byte[] buffer, int offset)
        {
            Range("pulse input", input, 1, 3, "1, 2 or 3");
            Range("pulse input ratio", ratio, 1, 9999, "1 to 9999");
            int p = EkmRequests.Begin((byte)'W', "00A0", buffer, offset);
            buffer[p - 2] = (byte)('0' + input - 1);
            Ascii.WritePadded(ratio, 4, buffer, p);
            return EkmRequests.End(buffer, offset, p + 4);
        }

        /// <summary>Pulse output ratio (v4): one of <see cref="PulseOutputRatios"/>, 4 digits to register 00D4.</summary>
        public static int PulseOutputRatio(int ratio, byte[] buffer, int offset)
        {
            if (IndexOf(PulseOutputRatios, ratio) < 0) throw new EkmSettingException("pulse output ratio", ratio.ToString(), List(PulseOutputRatios));
            return Digits("00D4", ratio, 4, buffer, offset);
        }

        /// <summary>
        /// Relay (v4): relay 1 or 2 open or closed, for 1..9999 seconds or held (0), register 0081/0082, data
        /// status digit (0 open, 1 closed, RelayState) and 4 digits of seconds.
        /// </summary>
        public static int Relay(int relay, bool close, int seconds, byte[] buffer, int offset)
        {
            Range("relay", relay, 1, 2, "1 or 2");
            Range("relay interval", seconds, 0, RelayMaxSeconds, "0 (hold) to 9999 seconds");
            int p = EkmRequests.Begin((byte)'W', "0080", buffer, offset);
            buffer[p - 2] = (byte)('0' + relay);
            buffer[p++] = close ? (byte)'1' : (byte)'0';
            Ascii.WritePadded(seconds, 4, buffer, p);
            return EkmRequests.End(buffer, offset, p + 4);
        }

        /// <summary>
        /// Meter time (v3 and v4): a real date of 2000..2099 and a time, sent as <c>YYMMDDWWhhmmss</c> to register
        /// 0060 with WW the ISO weekday (Monday 01 … Sunday 07) computed here, as ekmmeters does.
        /// </summary>
        public static int MeterTime(int year, int month, int day, int hour, int minute, int second, byte[] buffer, int offset)
        {
            if (year < 2000 || year > 2099 || !UnixTime.IsValid(year, month, day, hour, minute, second) || second > 59)
            {
                throw new EkmSettingException("meter time", year + "-" + month + "-" + day + " " + hour + ":" + minute + ":" + second,
                    "a real date of 2000 to 2099 and a time 00:00:00 to 23:59:59");
            }
            int weekday = (int)((UnixTime.DaysFromCivil(year, month, day) % 7 + 10) % 7) + 1;
            int p = EkmRequests.Begin((byte)'W', "0060", buffer, offset);
            Ascii.WritePadded(year % 100, 2, buffer, p);
            Ascii.WritePadded(month, 2, buffer, p + 2);
            Ascii.WritePadded(day, 2, buffer, p + 4);
            Ascii.WritePadded(weekday, 2, buffer, p + 6);
            Ascii.WritePadded(hour, 2, buffer, p + 8);
            Ascii.WritePadded(minute, 2, buffer, p + 10);
            Ascii.WritePadded(second, 2, buffer, p + 12);
            return EkmRequests.End(buffer, offset, p + 14);
        }

        /// <summary>
        /// Season table (v3 and v4): 1 to 4 seasons, each a start date (month, day) and the schedule 1..8 it uses;
        /// register 0080, data month, day, schedule as 2 digits each for 4 seasons (missing ones 00 00 00), then 24
        /// zeros. The schedule numbers are 1-based as ekmmeters' <c>assignSeasonSchedule</c> sends them.
        /// </summary>
        public static int SeasonSchedules(int[] months, int[] days, int[] schedules, byte[] buffer, int offset)
        {
            Count("seasons", months.Length, 1, Seasons);
            int p = EkmRequests.Begin((byte)'W', "0080", buffer, offset);
            for (int s = 0; s < Seasons; s++)
            {
                bool used = s < months.Length;
                if (used)
                {
                    CheckDate("season " + (s + 1) + " start", months[s], days[s]);
                    Range("season " + (s + 1) + " schedule", schedules[s], 1, Schedules, "1 to 8");
                }
                Ascii.WritePadded(used ? months[s] : 0, 2, buffer, p);
                Ascii.WritePadded(used ? days[s] : 0, 2, buffer, p + 2);
                Ascii.WritePadded(used ? schedules[s] : 0, 2, buffer, p + 4);
                p += 6;
            }
            p = Zeros(24, buffer, p);
            return EkmRequests.End(buffer, offset, p);
        }

        /// <summary>
        /// Tariff periods of one schedule 1..8 (v3 and v4): 1 to 4 periods, each a start time (hour, minute) and the
        /// tariff 1..4 it counts in; register 007n with n = schedule − 1 (ekmmeters' zero-based Schedules), data
        /// hour, minute, tariff as 2 digits each for 4 periods (missing ones 00 00 00), then 24 zeros.
        /// </summary>
        public static int ScheduleTariffs(int schedule, int[] hours, int[] minutes, int[] tariffs, byte[] buffer, int offset)
        {
            Range("schedule", schedule, 1, Schedules, "1 to 8");
            Count("tariff periods", hours.Length, 1, Tariffs);
            int p = EkmRequests.Begin((byte)'W', "0070", buffer, offset);
            buffer[p - 2] = (byte)('0' + schedule - 1);
            for (int t = 0; t < Tariffs; t++)
            {
                bool used = t < hours.Length;
                if (used)
                {
                    string name = "schedule " + schedule + " period " + (t + 1);
                    Range(name + " hour", hours[t], 0, 23, "0 to 23");
                    Range(name + " minute", minutes[t], 0, 59, "0 to 59");
                    Range(name + " tariff", tariffs[t], 1, 4, "1 to 4");
                }
                Ascii.WritePadded(used ? hours[t] : 0, 2, buffer, p);
                Ascii.WritePadded(used ? minutes[t] : 0, 2, buffer, p + 2);
                Ascii.WritePadded(used ? tariffs[t] : 0, 2, buffer, p + 4);
                p += 6;
            }
            p = Zeros(24, buffer, p);
            return EkmRequests.End(buffer, offset, p);
        }

        /// <summary>
        /// Holiday dates (v3 and v4): 0 to 20 dates (month, day); register 00B0, data month and day as 2 digits
        /// each for 20 holidays, unused ones 00 00.
        /// </summary>
        public static int HolidayDates(int[] months, int[] days, byte[] buffer, int offset)
        {
            Count("holidays", months.Length, 0, Holidays);
            int p = EkmRequests.Begin((byte)'W', "00B0", buffer, offset);
            for (int h = 0; h < Holidays; h++)
            {
                bool used = h < months.Length;
                if (used) CheckDate("holiday " + (h + 1), months[h], days[h]);
                Ascii.WritePadded(used ? months[h] : 0, 2, buffer, p);
                Ascii.WritePadded(used ? days[h] : 0, 2, buffer, p + 2);
                p += 4;
            }
            return EkmRequests.End(buffer, offset, p);
        }

        /// <summary>
        /// The schedules (1..8) used on weekends and on holidays (v3 and v4): register 00C0, data weekend and
        /// holiday schedule as 2 digits each. Sent 1-based like the season table (ekmmeters passes its argument through).
        /// </summary>
        public static int WeekendHolidaySchedules(int weekend, int holiday, byte[] buffer, int offset)
        {
            Range("weekend schedule", weekend, 1, Schedules, "1 to 8");
            Range("holiday schedule", holiday, 1, Schedules, "1 to 8");
            int p = EkmRequests.Begin((byte)'W', "00C0", buffer, offset);
            Ascii.WritePadded(weekend, 2, buffer, p);
            Ascii.WritePadded(holiday, 2, buffer, p + 2);
            return EkmRequests.End(buffer, offset, p + 4);
        }

        /// <summary>
        /// The items the v4 display cycles through: 1 to 40 LCDItems numbers 1..42 (<see cref="EkmLcdItems"/>);
        /// register 00D2, data 40 items as 2 digits, unused ones 00.
        /// </summary>
        public static int LcdItems(int[] items, byte[] buffer, int offset)
        {
            Count("LCD items", items.Length, 1, LcdSlots);
            int p = EkmRequests.Begin((byte)'W', "00D2", buffer, offset);
            for (int i = 0; i < LcdSlots; i++)
            {
                int item = i < items.Length ? items[i] : 0;
                if (i < items.Length) Range("LCD item " + (i + 1), item, 1, EkmLcdItems.Count, "1 to 42 (LCDItems)");
                Ascii.WritePadded(item, 2, buffer, p);
                p += 2;
            }
            return EkmRequests.End(buffer, offset, p);
        }

        /// <summary>Zeroes the resettable kWh registers kWh_Rst and Rev_kWh_Rst (v4): register 00D3, empty data.</summary>
        public static int ZeroResettableKwh(byte[] buffer, int offset)
        {
            int p = EkmRequests.Begin((byte)'W', "00D3", buffer, offset);
            return EkmRequests.End(buffer, offset, p);
        }

        /// <summary>A new meter password (v3 and v4): exactly 8 digits, register 0020. Keep it: EKM has no back door.</summary>
        public static int MeterPassword(string newPassword, byte[] buffer, int offset)
        {
            EkmRequests.CheckPassword("new meter password", newPassword);
            int p = EkmRequests.Begin((byte)'W', "0020", buffer, offset);
            p += Ascii.Write(newPassword, buffer, p);
            return EkmRequests.End(buffer, offset, p);
        }

        private static int Digits(string register, int value, int width, byte[] buffer, int offset)
        {
            int p = EkmRequests.Begin((byte)'W', register, buffer, offset);
            Ascii.WritePadded(value, width, buffer, p);
            return EkmRequests.End(buffer, offset, p + width);
        }

        private static int Zeros(int count, byte[] buffer, int p)
        {
            for (int i = 0; i < count; i++) buffer[p++] = (byte)'0';
            return p;
        }

        private static void Range(string setting, int value, int min, int max, string allowed)
        {
            if (value < min || value > max) throw new EkmSettingException(setting, value.ToString(), allowed);
        }

        private static void Count(string setting, int count, int min, int max)
        {
            if (count < min || count > max)
            {
                throw new EkmSettingException("number of " + setting, count.ToString(), min + " to " + max);
            }
        }

        private static void CheckDate(string setting, int month, int day)
        {
            Range(setting + " month", month, 1, 12, "1 to 12");
            if (!UnixTime.IsValid(2000, month, day, 0, 0, 0))
            {
                throw new EkmSettingException(setting + " day", day.ToString(), "a day of month " + month);
            }
        }

        private static int IndexOf(int[] values, int value)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (values[i] == value) return i;
            }
            return -1;
        }

        private static string List(int[] values)
        {
            string text = "";
            for (int i = 0; i < values.Length; i++)
            {
                text += i == 0 ? "" : (i == values.Length - 1 ? " or " : ", ");
                text += values[i].ToString();
            }
            return text;
        }
    }
}
