using MeterGateway.Readings;

namespace MeterGateway.Protocols.Dsmr
{
    /// <summary>
    /// The P1 timestamp <c>YYMMDDhhmmssX</c> (DSMR 5.0.2 Table 5-1, TST): local time with X = <c>S</c> when daylight
    /// saving time is active, <c>W</c> when not.
    /// <list type="bullet">
    /// <item>NL, BE and LU meters run on Central European time. By default the local time is placed in UTC by the EU
    /// calendar (CET, CEST from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC) and the
    /// flag only decides the repeated autumn hour, as dsmr_parser does with Europe/Amsterdam and Europe/Brussels
    /// (161113205757W → 2016-11-13T19:57:57Z): some Belgian meters flag winter history entries with S
    /// (emucs171_be_fluvius: 200305122139S is 2020-03-05 12:21:39 CET).</item>
    /// <item>The Swedish H1 port writes "Swedish normal time" all year with W (SE Bilaga 3): with
    /// <c>trustFlag</c> the flag alone gives the offset (S = UTC+2, W = UTC+1).</item>
    /// </list>
    /// Without a flag (DSMR 2.2 gas capture time) UTC cannot be known.
    /// </summary>
    public static class DsmrTimestamp
    {
        /// <summary>
        /// Parses 12 digits plus an optional S/W flag. Returns true when the bytes have that shape; <paramref name="utc"/>
        /// is the UTC in Unix seconds, or <see cref="ReadingSet.NoTime"/> when there is no flag or the fields are not a
        /// real date (placeholders such as <c>632525252525W</c>). Years 70..99 are 1970..1999 (the epoch placeholder
        /// <c>700101010000W</c>), 00..69 are 2000..2069. <paramref name="trustFlag"/> selects the Swedish rule (see the class).
        /// </summary>
        public static bool TryParse(byte[] buffer, int offset, int count, bool trustFlag, out long utc)
        {
            utc = ReadingSet.NoTime;
            if (count != 12 && count != 13) return false;
            // the twelve digits tested and read as one number in one loop; the fields are cut out of it afterwards (no
            // call per field: an interpreter pays for each call)
            long digits = 0;
            for (int i = 0; i < 12; i++)
            {
                int digit = buffer[offset + i] - '0';
                if ((uint)digit > 9) return false; // not a digit (Ascii.IsDigit without the call)
                digits = digits * 10 + digit;
            }
            if (count == 12) return true;
            int flag = buffer[offset + 12];
            bool summerFlag;
            if (flag == 'S' || flag == 's') summerFlag = true;
            else if (flag == 'W' || flag == 'w') summerFlag = false;
            else return false;
            int date = (int)(digits / 1000000), time = (int)(digits % 1000000); // YYMMDD, hhmmss
            int yy = date / 10000;
            int year = yy >= 70 ? 1900 + yy : 2000 + yy;
            int month = date / 100 % 100, day = date % 100;
            int hour = time / 10000, minute = time / 100 % 100, second = time % 100;
            if (!UnixTime.IsValid(year, month, day, hour, minute, second)) return true;
            long local = UnixTime.FromCivil(year, month, day, hour, minute, second);
            long asSummer = local - 7200, asWinter = local - 3600;
            if (trustFlag)
            {
                utc = summerFlag ? asSummer : asWinter;
                return true;
            }
            // A local date from April to September is in summer time, one from November to February in winter time, read
            // either way (summer time runs from the last Sunday of March to the last Sunday of October): only March and
            // October need the calendar below.
            if (month >= 4 && month <= 9)
            {
                utc = asSummer;
                return true;
            }
            if (month != 3 && month != 10)
            {
                utc = asWinter;
                return true;
            }
            // Summer time of the local year (both readings are within hours of it: a reading in the UTC year before is
            // in winter, as IsSummer finds too), without turning each reading back into a civil date.
            long summerStart = LastSundayUtc(year, 3), summerEnd = LastSundayUtc(year, 10);
            bool summerFits = asSummer >= summerStart && asSummer < summerEnd;
            bool winterFits = asWinter < summerStart || asWinter >= summerEnd;
            if (summerFits && winterFits) utc = summerFlag ? asSummer : asWinter; // the repeated autumn hour
            else if (summerFits) utc = asSummer;
            else if (winterFits) utc = asWinter;
            else utc = summerFlag ? asSummer : asWinter; // the skipped spring hour: only the flag can tell
            return true;
        }

        /// <summary>True when Central European Summer Time is in force at <paramref name="utc"/> (EU rule, since 1996).</summary>
        public static bool IsSummer(long utc)
        {
            int year, month, day, hour, minute, second;
            UnixTime.ToCivil(utc, out year, out month, out day, out hour, out minute, out second);
            return utc >= LastSundayUtc(year, 3) && utc < LastSundayUtc(year, 10);
        }

        /// <summary>
        /// Writes the timestamp of <paramref name="utc"/> as Central European local time with its S/W flag
        /// (13 bytes), the inverse of <see cref="TryParse"/>. DST per EU rule: last Sunday of March 01:00 UTC to last
        /// Sunday of October 01:00 UTC. Used by the simulator to stamp telegrams with the current time.
        /// </summary>
        public static void Format(long utc, byte[] buffer, int offset)
        {
            int year, month, day, hour, minute, second;
            bool summer = IsSummer(utc);
            long local = utc + (summer ? 7200 : 3600);
            UnixTime.ToCivil(local, out year, out month, out day, out hour, out minute, out second);
            Ascii.WritePadded(year % 100, 2, buffer, offset);
            Ascii.WritePadded(month, 2, buffer, offset + 2);
            Ascii.WritePadded(day, 2, buffer, offset + 4);
            Ascii.WritePadded(hour, 2, buffer, offset + 6);
            Ascii.WritePadded(minute, 2, buffer, offset + 8);
            Ascii.WritePadded(second, 2, buffer, offset + 10);
            buffer[offset + 12] = summer ? (byte)'S' : (byte)'W';
        }

        // 01:00 UTC on the last Sunday of the month.
        private static long LastSundayUtc(int year, int month)
        {
            long lastDay = UnixTime.DaysFromCivil(year, month, 31);
            long weekday = (lastDay + 4) % 7; // 1970-01-01 was a Thursday (4); 0 = Sunday
            return (lastDay - weekday) * 86400L + 3600L;
        }
    }
}
