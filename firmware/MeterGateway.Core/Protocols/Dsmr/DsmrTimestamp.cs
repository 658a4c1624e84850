using MeterGateway.Core.Readings;

namespace MeterGateway.Core.Protocols.Dsmr
{
    /// <summary>
    /// The P1 timestamp <c>YYMMDDhhmmssX</c> (DSMR 5.0.2 Table 5-1, TST): local time with X = <c>S</c> when daylight
    /// saving time is active, <c>W</c> when not. NL, BE and LU meters run on Central European time, so UTC is the local
    /// time minus 2 hours (S) or 1 hour (W); the Swedish H1 port writes "Swedish normal time" with W (SE Bilaga 3),
    /// the same offset. The flag makes the ambiguous autumn hour unambiguous (dsmr_parser: 161113205757W →
    /// 2016-11-13T19:57:57Z). Without a flag (DSMR 2.2 gas capture time) UTC cannot be known.
    /// </summary>
    public static class DsmrTimestamp
    {
        /// <summary>
        /// Parses 12 digits plus an optional S/W flag. Returns true when the bytes have that shape; <paramref name="utc"/>
        /// is the UTC in Unix seconds, or <see cref="ReadingSet.NoTime"/> when there is no flag or the fields are not a
        /// real date (placeholders such as <c>632525252525W</c>). Years 70..99 are 1970..1999 (the epoch placeholder
        /// <c>700101010000W</c>), 00..69 are 2000..2069.
        /// </summary>
        public static bool TryParse(byte[] buffer, int offset, int count, out long utc)
        {
            utc = ReadingSet.NoTime;
            if (count != 12 && count != 13) return false;
            for (int i = 0; i < 12; i++)
            {
                if (!Ascii.IsDigit(buffer[offset + i])) return false;
            }
            int offsetHours;
            if (count == 13)
            {
                int flag = buffer[offset + 12];
                if (flag == 'S' || flag == 's') offsetHours = 2;
                else if (flag == 'W' || flag == 'w') offsetHours = 1;
                else return false;
            }
            else
            {
                return true;
            }
            int yy = Two(buffer, offset);
            int year = yy >= 70 ? 1900 + yy : 2000 + yy;
            int month = Two(buffer, offset + 2), day = Two(buffer, offset + 4);
            int hour = Two(buffer, offset + 6), minute = Two(buffer, offset + 8), second = Two(buffer, offset + 10);
            if (!UnixTime.IsValid(year, month, day, hour, minute, second)) return true;
            utc = UnixTime.FromCivil(year, month, day, hour, minute, second) - offsetHours * 3600L;
            return true;
        }

        /// <summary>
        /// Writes the timestamp of <paramref name="utc"/> as Central European local time with its S/W flag
        /// (13 bytes), the inverse of <see cref="TryParse"/>. DST per EU rule: last Sunday of March 01:00 UTC to last
        /// Sunday of October 01:00 UTC. Used by the simulator to stamp telegrams with the current time.
        /// </summary>
        public static void Format(long utc, byte[] buffer, int offset)
        {
            int year, month, day, hour, minute, second;
            UnixTime.ToCivil(utc, out year, out month, out day, out hour, out minute, out second);
            bool summer = utc >= LastSundayUtc(year, 3) && utc < LastSundayUtc(year, 10);
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

        private static int Two(byte[] b, int p)
        {
            return (b[p] - '0') * 10 + (b[p + 1] - '0');
        }
    }
}
