namespace MeterGateway.Readings
{
    /// <summary>Which readings a <see cref="ReadingSet"/> keeps (<see cref="ReadingSet.KeepOnly"/>), by OBIS code.</summary>
    public interface IReadingFilter
    {
        /// <summary>True when readings of <paramref name="obis"/> (<see cref="Obis"/>) are kept. Allocates nothing.</summary>
        bool Keeps(long obis);
    }
}
