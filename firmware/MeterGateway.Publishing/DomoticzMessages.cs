using MeterGateway.Readings;

namespace MeterGateway.Publishing
{
    /// <summary>
    /// Domoticz updates for a reading set (<c>[DOMOTICZ]</c>): on <c>topic</c> (default <c>domoticz/in</c>), Domoticz's
    /// MQTT input form <c>{"idx":N,"nvalue":0,"svalue":"…"}</c> (arendst/Tasmota @ 0a62761005b1d35537954a6d2a4613a05eda35f5
    /// sonoff/xdrv_07_domoticz.ino, DOMOTICZ_MESSAGE), for the devices whose idx is configured:
    /// <list type="bullet">
    /// <item><c>idx_electricity</c>, a "P1 Smart Meter" device: <c>svalue = USAGE1;USAGE2;RETURN1;RETURN2;CONS;PROD</c>,
    /// the import and export registers of tariffs 1 and 2 in whole Wh "with no decimal point" and the import and export
    /// power in W (domoticz/domoticz @ 7dde5514839912f64b36b34eff62ee78c3ee99fd
    /// dzVents/runtime/device-adapters/p1_smartmeter_device.lua). Registers: 1-0:1.8.1/1.8.2 and 2.8.1/2.8.2; a meter
    /// with totals only (Swedish, 1-0:1.8.0/2.8.0) gives its total as tariff 1 and 0 as tariff 2; a meter without export
    /// registers or export power gives 0. Power: 1-0:1.7.0 and 2.7.0. Nothing is sent when the set has no import
    /// register or no 1-0:1.7.0.</item>
    /// <item><c>idx_gas</c>, a gas device: <c>svalue</c> = the gas meter reading in litres ("1000 liter = 1 m³", 145.332 m³
    /// → 145332; domoticz/domoticz @ d9a3df4af11b2a013dc018f31bb053340404a50c dzVents/runtime/device-adapters/gas_device.lua),
    /// from the first M-Bus channel whose device type <c>0-n:24.1.0</c> is 3 (gas) and that has a reading in m³ (a
    /// channel with the unset placeholder <c>(00000000)</c> is passed over), or channel 1 when no channel gives a type:
    /// <c>0-n:24.2.1</c>, Belgian <c>0-n:24.2.3</c> or DSMR 2.2/3 <c>0-n:24.3.0</c>.</item>
    /// </list>
    /// The meter's numbers are converted exactly; digits finer than what Domoticz takes (a Wh, a W, a litre) are cut,
    /// never rounded up, so Domoticz's counters never run ahead of the meter. Allocates nothing per set.
    /// </summary>
    public sealed class DomoticzMessages : IMessageSource
    {
        private const int Electricity = 0, Gas = 1;
        private static readonly byte[] IdxText = Ascii.GetBytes("{\"idx\":");
        private static readonly byte[] SvalueText = Ascii.GetBytes(",\"nvalue\":0,\"svalue\":\"");
        private static readonly byte[] EndText = Ascii.GetBytes("\"}");

        private readonly DomoticzOptions _config;
        private readonly int _qos;
        private readonly byte[] _payload = new byte[256];
        private readonly int[] _kind = new int[2];
        private readonly long[] _electricity = new long[6];
        private long _gasLitres;
        private int _count;

        /// <summary>Sets that had a configured device's values missing (no message for that device).</summary>
        public long Incomplete;

        /// <summary>Updates for the idx values of <paramref name="config"/> (<c>[DOMOTICZ]</c>), published with QoS <paramref name="qos"/> (<c>[MQTT] qos</c>).</summary>
        public DomoticzMessages(DomoticzOptions config, int qos)
        {
            _config = config;
            _qos = qos;
        }

        /// <inheritdoc/>
        public byte[] PayloadBuffer { get { return _payload; } }

        /// <inheritdoc/>
        public int Build(ReadingSet set)
        {
            _count = 0;
            if (_config.IdxElectricity > 0)
            {
                if (FillElectricity(set)) _kind[_count++] = Electricity;
                else Incomplete++;
            }
            if (_config.IdxGas > 0)
            {
                if (FillGas(set)) _kind[_count++] = Gas;
                else Incomplete++;
            }
            return _count;
        }

        /// <inheritdoc/>
        public string Topic(int i)
        {
            return _config.Topic;
        }

        /// <inheritdoc/>
        public int Qos(int i)
        {
            return _qos;
        }

        /// <inheritdoc/>
        public bool Retain(int i)
        {
            return false;
        }

        /// <inheritdoc/>
        public int WritePayload(int i)
        {
            byte[] b = _payload;
            int p = Ascii.Write(IdxText, 0, IdxText.Length, b, 0);
            bool electricity = _kind[i] == Electricity;
            p += Ascii.WriteInt(electricity ? _config.IdxElectricity : _config.IdxGas, b, p);
            p += Ascii.Write(SvalueText, 0, SvalueText.Length, b, p);
            if (electricity)
            {
                for (int k = 0; k < _electricity.Length; k++)
                {
                    if (k > 0) b[p++] = (byte)';';
                    p += Ascii.WriteInt(_electricity[k], b, p);
                }
            }
            else
            {
                p += Ascii.WriteInt(_gasLitres, b, p);
            }
            p += Ascii.Write(EndText, 0, EndText.Length, b, p);
            return p;
        }

        private bool FillElectricity(ReadingSet set)
        {
            // USAGE1, USAGE2 from 1.8.1/1.8.2 (or the total 1.8.0 and 0); RETURN1, RETURN2 likewise from 2.8.x; CONS, PROD.
            if (!Registers(set, 1, 0) || !Value(set, Obis.Pack(1, 0, 1, 7, 0), Units.Watt, out _electricity[4])) return false;
            if (!Registers(set, 2, 2)) _electricity[2] = _electricity[3] = 0;
            if (!Value(set, Obis.Pack(1, 0, 2, 7, 0), Units.Watt, out _electricity[5])) _electricity[5] = 0;
            return true;
        }

        // Tariff registers 1-0:c.8.1 and c.8.2 (either may be missing: 0) into _electricity[at], [at + 1]; else the total c.8.0.
        private bool Registers(ReadingSet set, int c, int at)
        {
            bool one = Value(set, Obis.Pack(1, 0, c, 8, 1), Units.WattHour, out _electricity[at]);
            bool two = Value(set, Obis.Pack(1, 0, c, 8, 2), Units.WattHour, out _electricity[at + 1]);
            if (one || two)
            {
                if (!one) _electricity[at] = 0;
                if (!two) _electricity[at + 1] = 0;
                return true;
            }
            _electricity[at + 1] = 0;
            return Value(set, Obis.Pack(1, 0, c, 8, 0), Units.WattHour, out _electricity[at]);
        }

        private bool FillGas(ReadingSet set)
        {
            bool typed = false;
            for (int n = 1; n <= 4; n++)
            {
                long type;
                if (!Value(set, Obis.Pack(0, n, 24, 1, 0), Units.None, out type)) continue;
                typed = true;
                if (type == 3 && Volume(set, n)) return true;
            }
            return !typed && Volume(set, 1);
        }

        // The first volume register of M-Bus channel n in m³, as litres.
        private bool Volume(ReadingSet set, int n)
        {
            return VolumeLitres(set, Obis.Pack(0, n, 24, 2, 1))
                || VolumeLitres(set, Obis.Pack(0, n, 24, 2, 3))
                || VolumeLitres(set, Obis.Pack(0, n, 24, 3, 0));
        }

        private bool VolumeLitres(ReadingSet set, long code)
        {
            int r = set.Find(code);
            if (r < 0) return false;
            int v = set.Primary[r];
            if (v < 0 || set.Kind[v] != ValueKind.Number || set.UnitCode[v] != Units.CubicMetre) return false;
            _gasLitres = Whole(set.Mantissa[v], set.Exponent[v] + set.UnitScale[v] + 3);
            return true;
        }

        // The primary number of reading 'code' in whole units of 'unit' (its DLMS unit, any decimal scale); for
        // Units.None a number without unit (the M-Bus device type).
        private static bool Value(ReadingSet set, long code, byte unit, out long whole)
        {
            whole = 0;
            int r = set.Find(code);
            if (r < 0) return false;
            int v = set.Primary[r];
            if (v < 0 || set.Kind[v] != ValueKind.Number || set.UnitCode[v] != unit) return false;
            whole = Whole(set.Mantissa[v], set.Exponent[v] + set.UnitScale[v]);
            return true;
        }

        // mantissa × 10^exponent with the fraction cut off (toward zero); saturates instead of overflowing.
        private static long Whole(long mantissa, int exponent)
        {
            if (exponent < 0)
            {
                if (exponent < -18) return 0;
                return mantissa / FixedPoint.Pow10Long(-exponent);
            }
            long result;
            if (FixedPoint.Rescale(mantissa, exponent, 0, out result)) return result;
            return mantissa < 0 ? long.MinValue : long.MaxValue;
        }
    }
}
