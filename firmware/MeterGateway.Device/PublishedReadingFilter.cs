using MeterGateway.Mapping;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Device
{
    /// <summary>
    /// The readings a box keeps of a DSMR telegram, an SML file or an IEC 62056-21 data readout
    /// (<see cref="ReadingSet.KeepOnly"/>): those it can publish, show or store, so that the data sets it does not use (an
    /// Iskra MT174 sends 330: previous billing periods, error registers, load profile settings; a DSMR telegram its
    /// power failure log, text message and failure counters) take no room on its heap, nor in the outbox's records.
    /// <list type="bullet">
    /// <item>The codes of every quantity of <see cref="Quantities"/> (its code and its other codes), switched on in
    /// <c>[MQTT] send_*</c> or not: the messages, Home Assistant discovery, the status page's power chart
    /// (<c>PowerHistory</c>).</item>
    /// <item>The tariff registers <c>1-0:c.8.e</c> (c = 1 import, 2 export, e = 0…63) the published totals are summed from
    /// (<see cref="QuantityMapper.FindTariffTotals"/>).</item>
    /// <item>The meter identity's codes (<see cref="MeterIdentity.Reads"/>): the status document and the device names.</item>
    /// <item>The meter's timestamp <c>0-0:1.0.0</c> (DSMR 5.0.2 §6.12): the set's <see cref="ReadingSet.FrameTime"/>, the
    /// messages' time when a reading has none of its own, the outbox record's time.</item>
    /// </list>
    /// The box applies it to every protocol but EKM (<see cref="MeterProfile.CreateBoxReadings"/>). The host keeps every
    /// reading (its logs, <c>metergateway read</c> and the console show them all). Allocates nothing once made.
    /// </summary>
    public sealed class PublishedReadingFilter : IReadingFilter
    {
        // The quantities' codes, sorted (a binary search per data set of the readout).
        private readonly long[] _codes;
        private readonly long _meterTimestamp = Obis.Pack(0, 0, 1, 0, 0);

        /// <summary>A filter for the quantities of <see cref="Quantities"/>.</summary>
        public PublishedReadingFilter()
        {
            long[] codes = new long[Quantities.Count + Quantities.OtherCodeCount];
            for (int q = 0; q < Quantities.Count; q++) codes[q] = Quantities.Code(q);
            for (int k = 0; k < Quantities.OtherCodeCount; k++) codes[Quantities.Count + k] = Quantities.OtherCode(k);
            for (int i = 1; i < codes.Length; i++) // insertion sort: start-up, 84 codes
            {
                long code = codes[i];
                int j = i - 1;
                for (; j >= 0 && codes[j] > code; j--) codes[j + 1] = codes[j];
                codes[j + 1] = code;
            }
            _codes = codes;
        }

        /// <summary>True when the box uses readings of <paramref name="obis"/> (the list in the class summary).</summary>
        public bool Keeps(long obis)
        {
            long[] codes = _codes;
            int low = 0, high = codes.Length - 1;
            while (low <= high)
            {
                int mid = (low + high) >> 1;
                long code = codes[mid];
                if (code == obis) return true;
                if (code < obis) low = mid + 1;
                else high = mid - 1;
            }
            return obis == _meterTimestamp || QuantityMapper.IsTariffRegister(obis) || MeterIdentity.Reads(obis);
        }
    }
}
