using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Outbox
{
    /// <summary>
    /// Small reading sets for the outbox tests, shaped like the DSMR 5 telegram of an Iskra AM550
    /// (tests/corpus/dsmr/dsmr50_nl_iskra_am550_openhab.txt): every value kind, units, roles and a frame time.
    /// Set <paramref name="n"/> differs from set n-1 in its time and its register values, so each is recognisable.
    /// </summary>
    public static class OutboxSamples
    {
        /// <summary>2018-01-04T22:19:41Z, the capture's 0-0:1.0.0 (180104231941W).</summary>
        public const long BaseTime = 1515104381;

        /// <summary>Fills <paramref name="set"/> with sample <paramref name="n"/>, measured at <paramref name="time"/>.</summary>
        public static void Fill(ReadingSet set, int n, long time)
        {
            set.Clear();
            byte[] header = Ascii.GetBytes("ISK5\\2M550T-1012");
            set.SetHeader(header, 0, header.Length);
            set.FrameTime = time;
            Timestamp(set, Obis.Pack(0, 0, 1, 0, 0), time, "180104231941W");
            Number(set, Obis.Pack(1, 0, 1, 8, 1), 156167 + n, -3, "kWh");
            Number(set, Obis.Pack(1, 0, 1, 8, 2), 71546, -3, "kWh");
            Number(set, Obis.Pack(1, 0, 1, 7, 0), 519 + n % 50, -3, "kW");
            Number(set, Obis.Pack(1, 0, 2, 7, 0), 0, -3, "kW");
            Number(set, Obis.Pack(1, 0, 32, 7, 0), 2348 - n % 7, -1, "V");
            Number(set, Obis.Pack(1, 0, 31, 7, 0), -1, 0, "A");
            Number(set, Obis.Pack(0, 0, 96, 7, 21), 9, 0, "");
            byte[] id = Ascii.GetBytes("4530303434303036393033333132393137");
            set.BeginReading(Obis.Pack(0, 0, 96, 1, 1));
            set.EndReading(set.AddText(id, 0, id.Length, false), -1);
            set.BeginReading(Obis.Pack(0, 0, 96, 13, 0));
            set.EndReading(set.AddEmpty(), -1);
            byte[] gasTime = Ascii.GetBytes("180104231507W");
            byte[] m3 = Ascii.GetBytes("m3");
            set.BeginReading(Obis.Pack(0, 1, 24, 2, 1));
            int capture = set.AddTimestamp(1515104107, gasTime, 0, gasTime.Length);
            int value = set.AddNumber(212529 + n, -3, m3, 0, m3.Length);
            set.EndReading(value, capture);
            byte[] log = Ascii.GetBytes("170609063239S");
            byte[] s = Ascii.GetBytes("s");
            set.BeginReading(Obis.Pack(1, 0, 99, 97, 0));
            set.AddNumber(1, 0, s, 0, 0);
            set.AddTimestamp(ReadingSet.NoTime, log, 0, log.Length);
            set.AddNumber(267, 0, s, 0, s.Length);
            set.EndReading(-1, -1);
        }

        /// <summary>The energy register 1-0:1.8.1 of sample <paramref name="n"/> as mantissa (exponent -3).</summary>
        public static long Energy(int n) { return 156167 + n; }

        private static void Number(ReadingSet set, long obis, long mantissa, int exponent, string unit)
        {
            byte[] u = Ascii.GetBytes(unit);
            set.BeginReading(obis);
            set.EndReading(set.AddNumber(mantissa, exponent, u, 0, u.Length), -1);
        }

        private static void Timestamp(ReadingSet set, long obis, long utc, string text)
        {
            byte[] t = Ascii.GetBytes(text);
            set.BeginReading(obis);
            set.EndReading(set.AddTimestamp(utc, t, 0, t.Length), -1);
        }

        /// <summary>True when two sets hold the same readings and values (texts compared by content, not offset).</summary>
        public static bool SameReadings(ReadingSet a, ReadingSet b)
        {
            if (a.ReadingCount != b.ReadingCount || a.TotalValues != b.TotalValues) return false;
            if (a.FrameTime != b.FrameTime || a.Overflowed != b.Overflowed) return false;
            if (!SameText(a, a.HeaderOffset, a.HeaderLength, b, b.HeaderOffset, b.HeaderLength)) return false;
            for (int r = 0; r < a.ReadingCount; r++)
            {
                if (a.ObisCode[r] != b.ObisCode[r] || a.First[r] != b.First[r] || a.ValueCount[r] != b.ValueCount[r]) return false;
                if (a.Primary[r] != b.Primary[r] || a.CaptureTime[r] != b.CaptureTime[r]) return false;
            }
            for (int v = 0; v < a.TotalValues; v++)
            {
                if (a.Kind[v] != b.Kind[v] || a.Mantissa[v] != b.Mantissa[v] || a.Exponent[v] != b.Exponent[v]) return false; // a timestamp's UTC is its mantissa
                if (a.UnitCode[v] != b.UnitCode[v] || a.UnitScale[v] != b.UnitScale[v]) return false;
                if (!SameText(a, a.UnitOffset[v], a.UnitLength[v], b, b.UnitOffset[v], b.UnitLength[v])) return false;
                if (!SameText(a, a.TextOffset[v], a.TextLength[v], b, b.TextOffset[v], b.TextLength[v])) return false;
            }
            return true;
        }

        private static bool SameText(ReadingSet a, int offsetA, int lengthA, ReadingSet b, int offsetB, int lengthB)
        {
            if (lengthA != lengthB) return false;
            for (int i = 0; i < lengthA; i++)
            {
                if (a.Text[offsetA + i] != b.Text[offsetB + i]) return false;
            }
            return true;
        }
    }
}
