using MeterGateway.Readings;

namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// The address of an IEC 62056-21 data set as an OBIS code (IEC 62056-61). Meters write the full code
    /// <c>1-0:1.8.1*255</c>, the short form <c>1.8.1</c>, the letter groups of the older notation (<c>C.1.0</c>,
    /// <c>F.F</c>: C = 96 service, F = 97 error, L = 98 list, P = 99 profile, in value groups C and D as
    /// Apollon77/smartmeter-obis @ e06eec5c <c>lib/ObisMeasurement.js</c> maps them), heat-meter codes of two groups
    /// (<c>6.8</c>, <c>9.20</c>) or one (<c>F</c>), with the historical value after <c>*</c>, <c>&amp;</c> or a fourth
    /// dotted group (<c>1.8.0*01</c>, <c>1-0:31.7.0.255</c>).
    /// <para>
    /// Missing groups are filled so that every address is one packed <see cref="Obis"/> code: A = the meter's medium
    /// (1 electricity by default; 6 heat for heat meters, as smartmeter-obis's <c>obisFallbackMedium</c>), B = 0,
    /// D = 0, E = 0, F = 255 (current value). So <c>F.F</c> is <c>1-0:97.97.0</c>, <c>C.1</c> is <c>1-0:96.1.0</c>,
    /// <c>1.8.0*01</c> is <c>1-0:1.8.0*1</c> and, with medium 6, <c>9.20</c> is <c>6-0:9.20.0</c>. A code with only B
    /// before ':' (<c>3:171.0</c>) gets the medium as A.
    /// </para>
    /// </summary>
    public static class Iec62056Address
    {
        /// <summary>Value group A given to addresses without one when nothing else is configured: electricity.</summary>
        public const int Electricity = 1;

        /// <summary>
        /// Parses the whole range (surrounding spaces allowed) as an address. Returns false when it is not one: empty,
        /// a group above 255, more than four dotted groups, or characters other than digits, <c>- : . * &amp;</c> and
        /// the letters C, F, L, P in value groups C and D.
        /// </summary>
        public static bool TryParse(byte[] buffer, int offset, int count, int medium, out long obis)
        {
            obis = Obis.None;
            int p = offset, end = offset + count;
            while (p < end && buffer[p] == ' ') p++;
            while (end > p && buffer[end - 1] == ' ') end--;
            if (p >= end) return false;

            int a = medium, b = 0;
            int colon = IndexOf(buffer, p, end, ':');
            if (colon >= 0)
            {
                int dash = IndexOf(buffer, p, colon, '-');
                if (dash >= 0)
                {
                    if (!Number(buffer, p, dash, out a) || !Number(buffer, dash + 1, colon, out b)) return false;
                }
                else if (!Number(buffer, p, colon, out b))
                {
                    return false;
                }
                p = colon + 1;
            }

            // C[.D[.E[.F]]] then optionally *F or &F
            int c = 0, d = 0, e = 0, f = 255;
            int groups = 0;
            bool historical = false;
            while (true)
            {
                int stop = p;
                while (stop < end && buffer[stop] != '.' && buffer[stop] != '*' && buffer[stop] != '&') stop++;
                int value;
                bool letterAllowed = groups < 2 && !historical;
                if (!Group(buffer, p, stop, letterAllowed, out value)) return false;
                if (historical) f = value;
                else if (groups == 0) c = value;
                else if (groups == 1) d = value;
                else if (groups == 2) e = value;
                else if (groups == 3) f = value;
                else return false;
                if (!historical) groups++;
                if (stop >= end) break;
                if (historical) return false;
                if (buffer[stop] != '.')
                {
                    if (groups > 3) return false;
                    historical = true;
                }
                p = stop + 1;
                if (p >= end) return false;
            }
            obis = Obis.Pack(a, b, c, d, e, f);
            return true;
        }

        private static int IndexOf(byte[] buffer, int from, int end, char c)
        {
            for (int i = from; i < end; i++)
            {
                if (buffer[i] == c) return i;
            }
            return -1;
        }

        // One value group: 1..3 digits up to 255, or (in value groups C and D) one of the letters C F L P.
        private static bool Group(byte[] buffer, int from, int end, bool letterAllowed, out int value)
        {
            value = 0;
            if (end - from == 1 && letterAllowed)
            {
                switch (buffer[from])
                {
                    case (byte)'C': value = 96; return true;
                    case (byte)'F': value = 97; return true;
                    case (byte)'L': value = 98; return true;
                    case (byte)'P': value = 99; return true;
                }
            }
            return Number(buffer, from, end, out value);
        }

        private static bool Number(byte[] buffer, int from, int end, out int value)
        {
            value = 0;
            int n = end - from;
            if (n < 1 || n > 3) return false;
            for (int i = from; i < end; i++)
            {
                int ch = buffer[i];
                if (ch < '0' || ch > '9') return false;
                value = value * 10 + (ch - '0');
            }
            return value <= 255;
        }
    }
}
