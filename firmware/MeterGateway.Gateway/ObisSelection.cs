using MeterGateway.Readings;

namespace MeterGateway.Gateway
{
    /// <summary>
    /// The OBIS codes a gateway keeps and publishes (<c>[LOGGER] obis_selected</c>): the DSMR logger's ObisSelected file
    /// (seeds/004, obislct.py), with the meter timestamp <c>0-0:1.0.0</c> always included, as that logger's smprog.py
    /// adds it. Readings of other codes are dropped from the set before it is published or logged (<see cref="Apply"/>).
    /// <para>
    /// Text format (<see cref="Parse"/>): codes <c>A-B:C.D.E</c> (optionally <c>*F</c>) separated by commas, semicolons,
    /// spaces or line ends; a line starting with <c>#</c> is a comment; <c>[</c> starts a description that runs to the
    /// end of its line. So both <c>1-0:1.8.1, 1-0:1.8.2</c> and the seed's file lines <c>1-0:1.8.1[ Electricity
    /// tariff 1</c> are selections. Parsing is start-up code (allocates); <see cref="Apply"/> allocates nothing.
    /// </para>
    /// </summary>
    public sealed class ObisSelection
    {
        /// <summary>The meter timestamp, part of every selection.</summary>
        public static readonly long MeterTimestamp = Obis.Pack(0, 0, 1, 0, 0);

        private readonly long[] _codes;
        private readonly int _count;

        private ObisSelection(long[] codes, int count)
        {
            _codes = codes;
            _count = count;
        }

        /// <summary>Number of codes, the meter timestamp included.</summary>
        public int Count { get { return _count; } }

        /// <summary>Code <paramref name="i"/> (0 ≤ i &lt; <see cref="Count"/>): the meter timestamp first, then the others in the order given.</summary>
        public long Code(int i)
        {
            return _codes[i];
        }

        /// <summary>True when readings of <paramref name="code"/> are kept.</summary>
        public bool Contains(long code)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_codes[i] == code) return true;
            }
            return false;
        }

        /// <summary>Drops from <paramref name="set"/> every reading whose code is not selected (<see cref="ReadingSet.Retain"/>).</summary>
        public void Apply(ReadingSet set)
        {
            set.Retain(_codes, _count);
        }

        /// <summary>Null when <paramref name="text"/> is a valid selection, else what is wrong with it (naming the item and its line).</summary>
        public static string Check(string text)
        {
            string problem;
            Parse(text, out problem);
            return problem;
        }

        /// <summary>
        /// Parses a selection (format in the class summary). Returns null with <paramref name="problem"/> set when an item
        /// is not an OBIS code or no code is given.
        /// </summary>
        public static ObisSelection Parse(string text, out string problem)
        {
            problem = null;
            long[] codes = new long[16];
            int count = 0;
            codes[count++] = MeterTimestamp;
            string[] lines = text.Split(new char[] { '\n' });
            for (int n = 0; n < lines.Length; n++)
            {
                string line = lines[n].Trim();
                if (line.Length == 0 || line[0] == '#') continue;
                int description = line.IndexOf('[');
                if (description >= 0) line = line.Substring(0, description);
                string[] items = line.Split(new char[] { ',', ';', ' ', '\t', '\r' });
                for (int i = 0; i < items.Length; i++)
                {
                    string item = items[i];
                    if (item.Length == 0) continue;
                    long code = Obis.FromText(item);
                    if (code == Obis.None)
                    {
                        problem = "\"" + item + "\" is not an OBIS code A-B:C.D.E (line " + (n + 1) + ")";
                        return null;
                    }
                    if (Contains(codes, count, code)) continue;
                    if (count == codes.Length)
                    {
                        long[] bigger = new long[codes.Length * 2];
                        System.Array.Copy(codes, bigger, count);
                        codes = bigger;
                    }
                    codes[count++] = code;
                }
            }
            if (count == 1)
            {
                problem = "no OBIS code in the selection";
                return null;
            }
            return new ObisSelection(codes, count);
        }

        private static bool Contains(long[] codes, int count, long code)
        {
            for (int i = 0; i < count; i++)
            {
                if (codes[i] == code) return true;
            }
            return false;
        }
    }
}
