namespace MeterGateway.Update
{
    /// <summary>
    /// Dotted numeric versions of releases and firmware, "1.4.0" or "1.17.11.0": one to four parts, each 0…65535
    /// (the System.Version range of nanoFramework's assembly versions), compared part by part, missing parts as 0.
    /// </summary>
    public static class AppVersion
    {
        /// <summary>Most parts in a version.</summary>
        public const int MaxParts = 4;

        /// <summary>True when <paramref name="count"/> bytes from <paramref name="offset"/> are a valid version.</summary>
        public static bool IsValid(byte[] text, int offset, int count)
        {
            int parts = 0;
            int i = offset;
            int end = offset + count;
            while (true)
            {
                int start = i;
                long value = 0;
                while (i < end && text[i] >= '0' && text[i] <= '9')
                {
                    value = value * 10 + (text[i] - '0');
                    if (value > 65535) return false;
                    i++;
                }
                if (i == start || ++parts > MaxParts) return false;
                if (i == end) return true;
                if (text[i] != '.') return false;
                i++;
            }
        }

        /// <summary>
        /// Compares two valid versions (see <see cref="IsValid"/>): negative when <paramref name="a"/> is older, 0 when
        /// equal ("1.4" equals "1.4.0"), positive when newer.
        /// </summary>
        public static int Compare(string a, string b)
        {
            int ia = 0;
            int ib = 0;
            for (int part = 0; part < MaxParts; part++)
            {
                int va = 0;
                while (ia < a.Length && a[ia] != '.') va = va * 10 + (a[ia++] - '0');
                int vb = 0;
                while (ib < b.Length && b[ib] != '.') vb = vb * 10 + (b[ib++] - '0');
                if (va != vb) return va < vb ? -1 : 1;
                ia++;
                ib++;
            }
            return 0;
        }
    }
}
