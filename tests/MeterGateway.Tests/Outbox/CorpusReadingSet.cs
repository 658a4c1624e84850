using System;
using System.IO;
using System.Text;
using MeterGateway.Core.Readings;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>
    /// A typical DSMR 5 reading set for the outbox tests and figures: the Iskra AM550 capture
    /// (tests/corpus/dsmr/dsmr50_nl_iskra_am550_openhab.txt, 35 OBIS lines) read line by line into a
    /// <see cref="ReadingSet"/> by a small reader of the P1 line syntax <c>OBIS(value)(value)…</c>. This is a test
    /// fixture, not the project's DSMR parser: it only has to give a realistic set (kinds, units, texts, roles) whose
    /// size and content the outbox must keep exactly.
    /// </summary>
    public static class CorpusReadingSet
    {
        /// <summary>The capture's file name under corpus/dsmr.</summary>
        public const string File = "dsmr50_nl_iskra_am550_openhab.txt";

        /// <summary>Reads the capture into a new set.</summary>
        public static ReadingSet Load()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "corpus", "dsmr", File);
            string[] lines = System.IO.File.ReadAllText(path, Encoding.Latin1).Split("\r\n");
            var set = new ReadingSet();
            byte[] header = Encoding.Latin1.GetBytes(lines[0].Substring(1));
            set.SetHeader(header, 0, header.Length);
            foreach (string line in lines)
            {
                int open = line.IndexOf('(');
                if (open <= 0) continue;
                long obis = Obis.FromText(line.Substring(0, open));
                if (obis == Obis.None) throw new InvalidDataException("not an OBIS line: " + line);
                string[] values = line.Substring(open + 1, line.Length - open - 2).Split(")(");
                set.BeginReading(obis);
                int primary = -1, capture = -1, lastTime = -1;
                foreach (string value in values) AddValue(set, value, ref primary, ref capture, ref lastTime);
                if (values.Length > 2) primary = capture = -1; // a list (power failure log): no single measurement
                set.SetRoles(primary, capture);
                set.EndReading();
                if (obis == Obis.Pack(0, 0, 1, 0, 0)) set.FrameTime = set.Time[set.First[set.ReadingCount - 1]];
            }
            return set;
        }

        /// <summary>Sample <paramref name="n"/> of a run: the capture with 1-0:1.8.1 raised by n Wh and the frame time moved to <paramref name="time"/>.</summary>
        public static void Vary(ReadingSet set, ReadingSet capture, int n, long time)
        {
            Copy(capture, set);
            set.Mantissa[set.First[set.Find(Obis.Pack(1, 0, 1, 8, 1))]] += n;
            set.FrameTime = time;
        }

        /// <summary>The 1-0:1.8.1 mantissa (exponent -3) of a set.</summary>
        public static long Energy(ReadingSet set)
        {
            return set.Mantissa[set.First[set.Find(Obis.Pack(1, 0, 1, 8, 1))]];
        }

        private static void Copy(ReadingSet from, ReadingSet to)
        {
            byte[] buffer = new byte[8192];
            int n = MeterGateway.Core.Outbox.ReadingSetCodec.Encode(from, buffer, 0, buffer.Length);
            if (!MeterGateway.Core.Outbox.ReadingSetCodec.Decode(buffer, 0, n, to)) throw new InvalidOperationException("copy failed");
        }

        private static void AddValue(ReadingSet set, string value, ref int primary, ref int capture, ref int lastTime)
        {
            byte[] bytes = Encoding.Latin1.GetBytes(value);
            if (bytes.Length == 0)
            {
                primary = set.AddEmpty();
                return;
            }
            if (bytes.Length == 13 && (value[12] == 'S' || value[12] == 'W') && IsDigits(value, 12))
            {
                // YYMMDDhhmmss local time; S = summer (UTC+2), W = winter (UTC+1) (DSMR 5.0.2 §6.4, TST).
                long local = UnixTime.FromCivil(2000 + Num(value, 0), Num(value, 2), Num(value, 4), Num(value, 6), Num(value, 8), Num(value, 10));
                lastTime = set.AddTimestamp(local - (value[12] == 'S' ? 7200 : 3600), bytes, 0, bytes.Length);
                primary = lastTime;
                return;
            }
            int star = value.IndexOf('*');
            int digits = star < 0 ? bytes.Length : star;
            if (FixedPoint.TryParse(bytes, 0, digits, out long mantissa, out int exponent))
            {
                int unitLength = star < 0 ? 0 : bytes.Length - star - 1;
                primary = set.AddNumber(mantissa, exponent, bytes, star + 1, unitLength);
                capture = lastTime;
                return;
            }
            primary = set.AddText(bytes, 0, bytes.Length, false);
        }

        private static bool IsDigits(string s, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (s[i] < '0' || s[i] > '9') return false;
            }
            return true;
        }

        private static int Num(string s, int at) => (s[at] - '0') * 10 + (s[at + 1] - '0');
    }
}
