using MeterGateway.Readings;

namespace MeterGateway.Mapping
{
    /// <summary>
    /// The default note (the VSCP event's vscpNote, the <c>no_vscp</c> topic, the Home Assistant entity name) of each
    /// quantity in the user's language (<c>[GENERAL] language</c>): in English the reference script's notes
    /// (<see cref="Quantities.DefaultNote"/>, seeds/003's contract); in the other languages the name of the quantity's
    /// electricity OBIS code from <see cref="ObisNames"/> (DSMR 5.0.2 §6.12 terms, IEC 62056-61 value groups), and the
    /// English note where the table has no name (quadrant registers, demand, net and absolute power, M-Bus channels:
    /// those keep distinct notes, which <c>no_vscp</c> needs as topics). Configured <c>note_*</c> values always win.
    /// </summary>
    public static class QuantityNames
    {
        /// <summary>The default note of quantity row <paramref name="q"/> in <paramref name="language"/>.</summary>
        public static string DefaultNote(int q, NameLanguage language)
        {
            if (language == NameLanguage.English) return Quantities.DefaultNote(q);
            long code = Quantities.Code(q);
            string name = Obis.A(code) == 1 ? ObisNames.Get(code, language) : null;
            return name != null ? name : Quantities.DefaultNote(q);
        }
    }
}
