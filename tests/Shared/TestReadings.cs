using MeterGateway.Link;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>A clock stopped at a given UTC and monotonic time (tests of what the core timestamps).</summary>
    public sealed class FixedClock : IClock
    {
        private readonly long _utc;
        private readonly long _ms;

        /// <summary>A clock reading <paramref name="utcSeconds"/> (0 = not set) and <paramref name="monotonicMs"/>.</summary>
        public FixedClock(long utcSeconds, long monotonicMs)
        {
            _utc = utcSeconds;
            _ms = monotonicMs;
        }

        /// <inheritdoc/>
        public long UtcNowSeconds { get { return _utc; } }

        /// <inheritdoc/>
        public long MonotonicMs { get { return _ms; } }
    }

    /// <summary>Fills reading sets by hand, the way a parser does, from meter-style texts (value digits, unit text).</summary>
    public static class TestReadings
    {
        /// <summary>The MAC address the tests give the gateway.</summary>
        public static byte[] Mac() { return new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44, 0x55 }; }

        /// <summary>Adds a one-value reading <paramref name="obis"/>(<paramref name="value"/>*<paramref name="unit"/>); unit "" = none.</summary>
        public static void Add(ReadingSet set, string obis, string value, string unit)
        {
            set.BeginReading(Obis.FromText(obis));
            int v = AddNumber(set, value, unit);
            set.EndReading(v, -1);
        }

        /// <summary>Adds an M-Bus reading <paramref name="obis"/>(capture time)(value*unit) with the capture time in Unix seconds.</summary>
        public static void AddCaptured(ReadingSet set, string obis, long utc, string timeText, string value, string unit)
        {
            set.BeginReading(Obis.FromText(obis));
            byte[] time = Ascii.GetBytes(timeText);
            int t = set.AddTimestamp(utc, time, 0, time.Length);
            int v = AddNumber(set, value, unit);
            set.EndReading(v, t);
        }

        /// <summary>Adds a text reading (no number).</summary>
        public static void AddText(ReadingSet set, string obis, string text)
        {
            set.BeginReading(Obis.FromText(obis));
            byte[] bytes = Ascii.GetBytes(text);
            int v = set.AddText(bytes, 0, bytes.Length, false);
            set.EndReading(v, -1);
        }

        /// <summary>The first <paramref name="count"/> bytes of <paramref name="buffer"/> as a new array.</summary>
        public static byte[] Slice(byte[] buffer, int offset, int count)
        {
            byte[] result = new byte[count < 0 ? 0 : count];
            for (int i = 0; i < result.Length; i++) result[i] = buffer[offset + i];
            return result;
        }

        private static int AddNumber(ReadingSet set, string value, string unit)
        {
            byte[] digits = Ascii.GetBytes(value);
            long m;
            int e;
            FixedPoint.TryParse(digits, 0, digits.Length, out m, out e);
            byte[] unitBytes = Ascii.GetBytes(unit);
            return set.AddNumber(m, e, unitBytes, 0, unitBytes.Length);
        }
    }
}
