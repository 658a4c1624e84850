using MeterGateway.Mapping;
using MeterGateway.Readings;

namespace MeterGateway.HomeAssistant
{
    /// <summary>
    /// Keeps registers from being published going backwards: Home Assistant reads a falling <c>total_increasing</c>
    /// sensor as the start of a new meter cycle and counts the whole next reading as consumption
    /// (developers.home-assistant.io, "New sensor state class: total_increasing", 2021-08-16).
    /// Per quantity row, the last accepted value; a value below it is refused (and counted by the caller), equal or
    /// higher is accepted and remembered. Exact fixed-point comparison; no allocation. The memory is the running
    /// program's: a restart starts afresh.
    /// </summary>
    public sealed class RegisterGuard
    {
        private readonly long[] _mantissa;
        private readonly int[] _exponent;
        private readonly bool[] _known;

        /// <summary>A guard for the rows of <see cref="Quantities"/>.</summary>
        public RegisterGuard() : this(Quantities.Count) { }

        /// <summary>A guard for <paramref name="rows"/> rows (several meters: meter × <see cref="Quantities.Count"/> + quantity).</summary>
        public RegisterGuard(int rows)
        {
            _mantissa = new long[rows];
            _exponent = new int[rows];
            _known = new bool[rows];
        }

        /// <summary>
        /// True when <paramref name="mantissa"/> × 10^<paramref name="exponent"/> is not below the last accepted value of
        /// row <paramref name="q"/> (or there is none); it then becomes the last accepted value.
        /// </summary>
        public bool Accept(int q, long mantissa, int exponent)
        {
            if (_known[q] && IsBelow(mantissa, exponent, _mantissa[q], _exponent[q])) return false;
            _mantissa[q] = mantissa;
            _exponent[q] = exponent;
            _known[q] = true;
            return true;
        }

        /// <summary>Forgets row <paramref name="q"/>'s last value (its meter was replaced).</summary>
        public void Forget(int q)
        {
            _known[q] = false;
        }

        /// <summary>a × 10^ea &lt; b × 10^eb, exactly; false when the two cannot be brought to one exponent (overflow).</summary>
        private static bool IsBelow(long a, int ea, long b, int eb)
        {
            int e = ea < eb ? ea : eb;
            long x, y;
            if (!FixedPoint.Rescale(a, ea, e, out x) || !FixedPoint.Rescale(b, eb, e, out y)) return false;
            return x < y;
        }
    }
}
