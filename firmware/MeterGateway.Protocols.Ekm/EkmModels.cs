using MeterGateway.Readings;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// Brand and model of an EKM meter from its read: the manufacturer is EKM Metering, the model is named from the
    /// 2-byte Model field (hex text in the reading set): 1017 = OmniMeter I v.3, 1022 = OmniMeter II UL v.3,
    /// 1024 = Omnimeter Pulse v.4 (EKM's v3/v4 protocol documents, <see cref="EkmFieldId.Model"/>); any other code is
    /// given as <c>Model XXXX</c>. Constant strings for the known codes.
    /// </summary>
    public static class EkmModels
    {
        /// <summary>The manufacturer's name.</summary>
        public const string Manufacturer = "EKM Metering";

        /// <summary>The model of the meter whose read is in <paramref name="set"/>, or null when the set has no Model field.</summary>
        public static string Of(ReadingSet set)
        {
            int r = set.Find(EkmFields.ObisCode(EkmFieldId.Model));
            if (r < 0) return null;
            int v = set.Primary[r];
            if (v < 0 || set.Kind[v] != ValueKind.Text) return null;
            string code = set.GetText(set.TextOffset[v], set.TextLength[v]);
            if (code == "1017") return "OmniMeter I v.3";
            if (code == "1022") return "OmniMeter II UL v.3";
            if (code == "1024") return "Omnimeter Pulse v.4";
            return "Model " + code;
        }
    }
}
