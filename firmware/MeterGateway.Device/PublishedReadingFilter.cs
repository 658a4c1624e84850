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
    /// <item>The meter identity's codes (<see cref="MeterIdentity.CopyReadCodes"/>): the status document and the device names.</item>
    /// <item>The meter's timestamp <c>0-0:1.0.0</c> (DSMR 5.0.2 §6.12): the set's <see cref="ReadingSet.FrameTime"/>, the
    /// messages' time when a reading has none of its own, the outbox record's time.</item>
    /// </list>
    /// The box applies it to every protocol but EKM (<see cref="MeterProfile.CreateBoxReadings"/>). The host keeps every
    /// reading (its logs, <c>metergateway read</c> and the console show them all). Allocates nothing once made.
    /// </summary>
    public sealed class PublishedReadingFilter : IReadingFilter
    {
        // The kept codes but the tariff registers (a rule, tested apart) as keys C.D.E*F A-B (QuantityMapper.KeyOf), sorted,
        // and per value group C the first of its keys (QuantityMapper.IndexByGroupC): a reading costs an index and a
        // compare or two, no call, as a DSMR telegram's 35 readings each pass through here on the per-telegram path.
        private readonly long[] _keys;
        private readonly byte[] _cStart = new byte[257];

        /// <summary>A filter for the quantities of <see cref="Quantities"/>, the meter identity and the meter's timestamp.</summary>
        public PublishedReadingFilter()
        {
            int identity = MeterIdentity.ReadCodeCount;
            long[] keys = new long[Quantities.Count + Quantities.OtherCodeCount + identity + 1];
            for (int q = 0; q < Quantities.Count; q++) keys[q] = Quantities.Code(q);
            for (int k = 0; k < Quantities.OtherCodeCount; k++) keys[Quantities.Count + k] = Quantities.OtherCode(k);
            MeterIdentity.CopyReadCodes(keys, Quantities.Count + Quantities.OtherCodeCount);
            keys[keys.Length - 1] = Obis.Pack(0, 0, 1, 0, 0);
            for (int i = 0; i < keys.Length; i++) keys[i] = QuantityMapper.KeyOf(keys[i]);
            for (int i = 1; i < keys.Length; i++) // insertion sort: start-up, about 105 codes
            {
                long key = keys[i];
                int j = i - 1;
                for (; j >= 0 && keys[j] > key; j--) keys[j + 1] = keys[j];
                keys[j + 1] = key;
            }
            _keys = keys;
            QuantityMapper.IndexByGroupC(keys, _cStart);
        }

        /// <summary>True when the box uses readings of <paramref name="obis"/> (the list in the class summary).</summary>
        public bool Keeps(long obis)
        {
            long key = ((obis & 0xFFFFFFFFL) << 16) | (obis >> 32); // QuantityMapper.KeyOf without the call
            int c = (int)(key >> 40);
            long[] keys = _keys;
            for (int i = _cStart[c], end = _cStart[c + 1]; i < end; i++)
            {
                if (keys[i] == key) return true;
            }
            // a tariff register's C is 1 or 2: the call only for the few codes of those groups that are not in the table
            return (uint)(c - 1) <= 1 && QuantityMapper.IsTariffRegister(obis);
        }
    }
}
