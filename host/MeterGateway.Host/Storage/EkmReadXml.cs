using System.Globalization;
using System.Xml;

namespace MeterGateway.Host.Storage;

/// <summary>
/// EKM reads as XML (<c>read --protocol ekm --format xml</c>, <c>export --format xml</c>). The ekmmeters library has
/// no XML writer; its dictionary rendering (<c>Meter.jsonRender</c>: Meter_Address, then every field of the read by its
/// <c>Field</c> name with its value as text, reserved bytes and CRC left out) is given one element per key:
/// <code>
/// &lt;Meter_Reads&gt;
///   &lt;Meter_Read&gt;
///     &lt;Meter_Address&gt;000300001162&lt;/Meter_Address&gt;
///     &lt;Time_Stamp&gt;1706659200000&lt;/Time_Stamp&gt;   (Unix ms when the host read it, ekmmeters' Time_Stamp)
///     &lt;Time&gt;2024-01-31T00:00:00.000Z&lt;/Time&gt;
///     &lt;Model&gt;1024&lt;/Model&gt; … &lt;kWh_Tot&gt;12345.6&lt;/kWh_Tot&gt; …   (EkmFields.Published order)
///     &lt;Raw_A&gt;…&lt;/Raw_A&gt;&lt;Raw_B&gt;…&lt;/Raw_B&gt;   (only when asked: the raw reads in hex)
///   &lt;/Meter_Read&gt;
/// &lt;/Meter_Reads&gt;
/// </code>
/// Numbers are the exact decimals the meter sent (no unit), texts and the meter time as written; a field the read
/// does not have (a v4 field of a v3 meter) or could not decode is left out. UTF-8, indented, one document.
/// </summary>
public static class EkmReadXml
{
    /// <summary>The document element.</summary>
    public const string Root = "Meter_Reads";
    /// <summary>The element of one read.</summary>
    public const string Read = "Meter_Read";

    /// <summary>Writes <paramref name="reads"/> as one document to <paramref name="output"/>; <paramref name="raw"/> adds Raw_A and Raw_B.</summary>
    public static void Write(TextWriter output, IEnumerable<EkmStoredRead> reads, bool raw)
    {
        var settings = new XmlWriterSettings { Indent = true, Encoding = new System.Text.UTF8Encoding(false), CloseOutput = false };
        using (var w = XmlWriter.Create(output, settings))
        {
            w.WriteStartDocument();
            w.WriteStartElement(Root);
            foreach (var read in reads)
            {
                w.WriteStartElement(Read);
                w.WriteElementString("Meter_Address", read.MeterAddress);
                w.WriteElementString("Time_Stamp", read.TimeStampMs.ToString(CultureInfo.InvariantCulture));
                w.WriteElementString("Time", EkmReadTime.Iso(read.TimeStampMs));
                foreach (var field in read.Fields)
                {
                    if (field.Value != null && field.Name != "Meter_Address") w.WriteElementString(field.Name, field.Value);
                }
                if (raw)
                {
                    w.WriteElementString("Raw_A", read.RawA);
                    w.WriteElementString("Raw_B", read.RawB);
                }
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }
        output.WriteLine();
        output.Flush();
    }
}
