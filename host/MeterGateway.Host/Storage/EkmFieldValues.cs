using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;

namespace MeterGateway.Host.Storage;

/// <summary>One EKM field of a read: its ekmmeters name, its value as exact text (null when the meter sent none), and whether it is a number.</summary>
public readonly record struct EkmFieldValue(string Name, string? Value, bool IsNumber);

/// <summary>The readings of an EKM read (<see cref="EkmClient.Read"/>) by EKM field name, in <see cref="EkmFields.Published"/> order.</summary>
public static class EkmFieldValues
{
    /// <summary>
    /// Every published EKM field found in <paramref name="readings"/>: numbers as exact decimal text without unit
    /// (<c>12345.6</c>), texts and the meter time as the meter wrote them, an unreadable field as null.
    /// </summary>
    public static IEnumerable<EkmFieldValue> Of(ReadingSet readings)
    {
        foreach (EkmFieldId id in EkmFields.Published)
        {
            int r = readings.Find(EkmFields.ObisCode(id));
            if (r < 0) continue;
            int v = readings.Primary[r];
            string? value = readings.Kind[v] switch
            {
                ValueKind.Number => FixedPoint.ToText(readings.Mantissa[v], readings.Exponent[v]),
                ValueKind.Text or ValueKind.Timestamp => readings.GetText(readings.TextOffset[v], readings.TextLength[v]),
                _ => null,
            };
            yield return new EkmFieldValue(EkmFields.Name(id), value, !EkmFields.IsText(id));
        }
    }
}
