using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;

namespace MeterGateway.Host.Logging;

/// <summary>
/// The name of what an OBIS code measures in the CSV files (<c>read --csv</c>, <c>run --log-dir</c>): the
/// <see cref="ObisNames"/> name in the language asked; for an EKM meter's manufacturer-specific codes
/// (<c>1-0:128.0.E</c>, <see cref="EkmFields"/>), which no OBIS table names, the ekmmeters field name
/// (<c>Meter_Status_Code</c>, <c>Pulse_Output_Ratio</c>…) in every language; null when neither knows the code.
/// </summary>
public static class MeasurementName
{
    /// <summary>The name of <paramref name="code"/> in <paramref name="language"/>; <paramref name="ekm"/>: the readings come from an EKM meter.</summary>
    public static string? Of(long code, NameLanguage language, bool ekm)
    {
        string? name = ObisNames.Get(code, language);
        if (name != null || !ekm || Obis.C(code) != EkmFields.ManufacturerC) return name;
        int field = EkmFields.FromObis(code);
        return field < 0 ? null : EkmFields.Name((EkmFieldId)field);
    }
}
