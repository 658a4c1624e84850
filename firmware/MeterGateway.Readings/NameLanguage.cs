namespace MeterGateway.Readings
{
    /// <summary>Languages of the names given to OBIS codes and manufacturers in notes and on displays.</summary>
    public enum NameLanguage : byte
    {
        /// <summary>English.</summary>
        English = 0,
        /// <summary>Dutch (Nederlands).</summary>
        Dutch = 1,
        /// <summary>German (Deutsch).</summary>
        German = 2,
        /// <summary>French (Français).</summary>
        French = 3,
        /// <summary>Portuguese (Português; Brazilian terms).</summary>
        Portuguese = 4,
    }
}
