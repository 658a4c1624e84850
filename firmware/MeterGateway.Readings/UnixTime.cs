namespace MeterGateway.Readings
{
    /// <summary>
    /// Calendar arithmetic on Unix seconds without <c>DateTime</c> (which differs on nanoFramework and has no
    /// time zones there): civil date ↔ days since 1970-01-01 (proleptic Gregorian, H. Hinnant's algorithm) and
    /// ISO 8601 formatting.
    /// </summary>
    public static class UnixTime
    {
        /// <summary>Length of the ISO 8601 text <see cref="FormatIso"/> writes: <c>YYYY-MM-DDThh:mm:ssZ</c>.</summary>
        public const int IsoLength = 20;

        /// <summary>Days since 1970-01-01 of a civil date.</summary>
        public static long DaysFromCivil(int year, int month, int day)
        {
            long y = month <= 2 ? year - 1 : year;
            long era = (y >= 0 ? y : y - 399) / 400;
            long yoe = y - era * 400;
            long mp = (month + 9) % 12;
            long doy = (153 * mp + 2) / 5 + day - 1;
            long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            return era * 146097 + doe - 719468;
        }

        /// <summary>Unix seconds of a civil date and time (no time zone: the caller subtracts the offset).</summary>
        public static long FromCivil(int year, int month, int day, int hour, int minute, int second)
        {
            return DaysFromCivil(year, month, day) * 86400L + hour * 3600L + minute * 60L + second;
        }

        /// <summary>Splits Unix seconds into year, month (1..12), day, hour, minute, second.</summary>
        public static void ToCivil(long unixSeconds, out int year, out int month, out int day, out int hour, out int minute, out int second)
        {
            long days = unixSeconds / 86400;
            long rem = unixSeconds % 86400;
            if (rem < 0) { rem += 86400; days--; }
            hour = (int)(rem / 3600);
            minute = (int)(rem % 3600 / 60);
            second = (int)(rem % 60);
            long z = days + 719468;
            long era = (z >= 0 ? z : z - 146096) / 146097;
            long doe = z - era * 146097;
            long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
            long y = yoe + era * 400;
            long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
            long mp = (5 * doy + 2) / 153;
            day = (int)(doy - (153 * mp + 2) / 5 + 1);
            month = (int)(mp < 10 ? mp + 3 : mp - 9);
            year = (int)(month <= 2 ? y + 1 : y);
        }

        /// <summary>True when the fields form a real date and time (days checked against the month and leap years).</summary>
        public static bool IsValid(int year, int month, int day, int hour, int minute, int second)
        {
            if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return false;
            int dim = month == 2 ? ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28)
                : (month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31);
            return day <= dim;
        }

        /// <summary>Writes <c>YYYY-MM-DDThh:mm:ssZ</c> (20 bytes). Returns 20.</summary>
        public static int FormatIso(long unixSeconds, byte[] buffer, int offset)
        {
            int year, month, day, hour, minute, second;
            ToCivil(unixSeconds, out year, out month, out day, out hour, out minute, out second);
            Ascii.WritePadded(year, 4, buffer, offset);
            buffer[offset + 4] = (byte)'-';
            Ascii.WritePadded(month, 2, buffer, offset + 5);
            buffer[offset + 7] = (byte)'-';
            Ascii.WritePadded(day, 2, buffer, offset + 8);
            buffer[offset + 10] = (byte)'T';
            Ascii.WritePadded(hour, 2, buffer, offset + 11);
            buffer[offset + 13] = (byte)':';
            Ascii.WritePadded(minute, 2, buffer, offset + 14);
            buffer[offset + 16] = (byte)':';
            Ascii.WritePadded(second, 2, buffer, offset + 17);
            buffer[offset + 19] = (byte)'Z';
            return IsoLength;
        }

        /// <summary>The ISO 8601 UTC text (allocates; for tools and tests).</summary>
        public static string ToIso(long unixSeconds)
        {
            byte[] buffer = new byte[20];
            FormatIso(unixSeconds, buffer, 0);
            return Ascii.ToString(buffer, 0, 20);
        }
    }
}
