using System.Threading;
using MeterGateway.Mapping;
using MeterGateway.Readings;

namespace MeterGateway.Gateway
{
    /// <summary>
    /// The last hours of active power, import and export, for the status page's chart (docs/status-page.md): a fixed ring
    /// of one-minute buckets, each holding the average of the samples of its UTC minute in whole watts (rounded half away
    /// from zero, kept within 0..<see cref="MaxWatts"/>), or <see cref="NoValue"/> for a minute without samples (a gap in
    /// the chart).
    /// <para>
    /// Size: two 16-bit arrays of <see cref="Minutes"/> entries, allocated once: <see cref="DefaultMinutes"/> (240
    /// minutes = 4 hours) take 240 × 2 × 2 B = 960 B of the box's heap. Nothing is allocated per sample.
    /// </para>
    /// <para>
    /// Samples: <see cref="Add(ReadingSet, long)"/> reads the quantities of the mapping (<see cref="Quantities"/>) from a
    /// reading set: import <c>momentan_active_effect_out</c> (1-0:1.7.0) and export <c>momentan_active_effect_in</c>
    /// (1-0:2.7.0), as DSMR, IEC 62056-21 and most SML meters send them; without both, the signed
    /// <c>momentan_active_effect_net</c> (1-0:16.7.0, SML and EKM v4: import − export) is split into import (positive
    /// part) and export (negative part); without it, the absolute <c>momentan_active_effect_abs</c> (1-0:15.7.0, an EKM
    /// v3 meter's RMS_Watts_Tot) counts as import. Values must be in W (kW is scaled); others are not charted.
    /// </para>
    /// <para>
    /// Time: the minute of the sample's UTC seconds. The newest minute is the chart's right end; a sample of a later
    /// minute moves it on (clearing the buckets in between: gaps), a sample of an earlier minute still in the ring is
    /// ignored (the meter's minutes are already averaged), and a sample more than <see cref="Minutes"/> before the newest
    /// minute (a clock set back) starts the ring afresh.
    /// </para>
    /// Written on the gateway loop's thread, read by the status page's server threads: both hold <see cref="SyncRoot"/>,
    /// or the reader holds the ring (<see cref="Hold"/>, <see cref="Release"/>) while it walks it more than once.
    /// </summary>
    public sealed class PowerHistory
    {
        /// <summary>Buckets of a ring for the status page: 240 one-minute averages, 4 hours (960 B).</summary>
        public const int DefaultMinutes = 240;

        /// <summary>A bucket (or a sample's series) without a value.</summary>
        public const int NoValue = int.MinValue;

        /// <summary>
        /// The largest average a bucket holds, in W: 65,534 (16 bits; a larger average is kept as this, the top of the
        /// chart; a household connection of 3 × 63 A at 230 V is about 43 kW). A negative average is kept as 0.
        /// </summary>
        public const int MaxWatts = 65534;

        // A bucket without a value.
        private const ushort Empty = 0xFFFF;

        // Looked up when the ring is made, not in a static initializer: nanoFramework runs static constructors at load
        // in an order of its own, and this one could run before the table of Quantities is filled.
        private readonly long _importCode = CodeOf("momentan_active_effect_out");
        private readonly long _exportCode = CodeOf("momentan_active_effect_in");
        private readonly long _netCode = CodeOf("momentan_active_effect_net");
        private readonly long _absoluteCode = CodeOf("momentan_active_effect_abs");
        private readonly object _sync = new object();
        private readonly object _holder = new object();
        private bool _held;
        // While held: the samples of the minute after the newest, added at Release.
        private long _pendingMinute = -1;
        private long _pendingImportSum;
        private long _pendingExportSum;
        private int _pendingImportCount;
        private int _pendingExportCount;
        private readonly ushort[] _import;
        private readonly ushort[] _export;
        private long _newest = -1;
        private long _importSum;
        private long _exportSum;
        private int _importCount;
        private int _exportCount;

        /// <summary>An empty ring of <paramref name="minutes"/> one-minute buckets (at least 2).</summary>
        public PowerHistory(int minutes)
        {
            if (minutes < 2) minutes = 2;
            _import = new ushort[minutes];
            _export = new ushort[minutes];
            Clear(0, minutes);
        }

        /// <summary>Number of one-minute buckets: the chart's span.</summary>
        public int Minutes { get { return _import.Length; } }

        /// <summary>The newest minute (Unix seconds / 60) that has a sample, or -1 while the ring is empty.</summary>
        public long Newest { get { return _newest; } }

        /// <summary>Held while the ring is written (<see cref="Add(long, int, int)"/>) and while a reader walks it.</summary>
        public object SyncRoot { get { return _sync; } }

        /// <summary>The average import in W of <paramref name="minute"/> (Unix seconds / 60), or <see cref="NoValue"/>.</summary>
        public int Import(long minute)
        {
            return InRing(minute) ? ValueOf(_import[(int)(minute % _import.Length)]) : NoValue;
        }

        /// <summary>The average export in W of <paramref name="minute"/> (Unix seconds / 60), or <see cref="NoValue"/>.</summary>
        public int Export(long minute)
        {
            return InRing(minute) ? ValueOf(_export[(int)(minute % _export.Length)]) : NoValue;
        }

        // A bucket's average in W, or NoValue.
        private static int ValueOf(ushort bucket)
        {
            return bucket == Empty ? NoValue : bucket;
        }

        /// <summary>
        /// Adds the active power of <paramref name="set"/> (see the class) at <paramref name="utcSeconds"/>; a set without
        /// it, or a time not set (0 or less), adds nothing.
        /// </summary>
        public void Add(ReadingSet set, long utcSeconds)
        {
            int import = Watts(set, _importCode);
            int export = Watts(set, _exportCode);
            if (import == NoValue && export == NoValue)
            {
                int net = Watts(set, _netCode);
                if (net != NoValue)
                {
                    import = net > 0 ? net : 0;
                    export = net < 0 ? -net : 0;
                }
                else
                {
                    import = Watts(set, _absoluteCode);
                }
            }
            Add(utcSeconds, import, export);
        }

        /// <summary>
        /// Adds one sample of <paramref name="importW"/> and <paramref name="exportW"/> (either may be
        /// <see cref="NoValue"/>) at <paramref name="utcSeconds"/> (Unix seconds; 0 or less adds nothing). While the ring
        /// is held (<see cref="Hold"/>) the sample waits aside and is added at <see cref="Release"/>, as if it had come
        /// then; only a sample that would change the ring at once (a second minute after the newest, a clock set back past
        /// the ring) waits for the release.
        /// </summary>
        public void Add(long utcSeconds, int importW, int exportW)
        {
            if (utcSeconds <= 0 || (importW == NoValue && exportW == NoValue)) return;
            long minute = utcSeconds / 60;
            lock (_sync)
            {
                if (!_held)
                {
                    Apply(minute, importW, exportW);
                    return;
                }
                if (Defer(minute, importW, exportW)) return;
            }
            lock (_holder)
            {
                lock (_sync) Apply(minute, importW, exportW);
            }
        }

        /// <summary>
        /// Keeps the ring as it is until <see cref="Release"/>, so that a reader may walk it several times without
        /// <see cref="SyncRoot"/> (the box's chart, measured and then sent in parts, <c>PowerChart.Send</c>) while the
        /// loop goes on adding samples: those of the newest minute and of the one minute after it wait aside (their sums,
        /// no allocation). One holder at a time (another waits); call <see cref="Release"/> on the same thread.
        /// </summary>
        public void Hold()
        {
            Monitor.Enter(_holder);
            lock (_sync) _held = true;
        }

        /// <summary>Ends <see cref="Hold"/>: the samples taken meanwhile are added to the ring.</summary>
        public void Release()
        {
            lock (_sync)
            {
                _held = false;
                if (_newest >= 0) WriteNewest();
                if (_pendingMinute >= 0)
                {
                    MoveTo(_pendingMinute);
                    _importSum = _pendingImportSum;
                    _exportSum = _pendingExportSum;
                    _importCount = _pendingImportCount;
                    _exportCount = _pendingExportCount;
                    _pendingMinute = -1;
                    WriteNewest();
                }
            }
            Monitor.Exit(_holder);
        }

        // Under _sync, not held.
        private void Apply(long minute, int importW, int exportW)
        {
            if (!MoveTo(minute)) return; // a minute already passed
            if (importW != NoValue)
            {
                _importSum += importW;
                _importCount++;
            }
            if (exportW != NoValue)
            {
                _exportSum += exportW;
                _exportCount++;
            }
            WriteNewest();
        }

        // Under _sync, held: takes a sample as Apply would at the release; false when it would change the ring at once.
        private bool Defer(long minute, int importW, int exportW)
        {
            bool pending = _pendingMinute >= 0;
            long last = pending ? _pendingMinute : _newest;
            if (last >= 0 && minute < last && minute > last - _import.Length) return true; // a minute already passed
            if (minute > last && !pending)
            {
                _pendingMinute = minute;
                _pendingImportSum = 0;
                _pendingExportSum = 0;
                _pendingImportCount = 0;
                _pendingExportCount = 0;
                pending = true;
            }
            else if (minute != last)
            {
                return false;
            }
            if (importW != NoValue)
            {
                if (pending) { _pendingImportSum += importW; _pendingImportCount++; }
                else { _importSum += importW; _importCount++; }
            }
            if (exportW != NoValue)
            {
                if (pending) { _pendingExportSum += exportW; _pendingExportCount++; }
                else { _exportSum += exportW; _exportCount++; }
            }
            return true;
        }

        // Makes minute the newest (a later one clears the buckets it passes; the first, or one a ring's span or more before
        // the newest, starts the ring afresh); false for a minute already passed.
        private bool MoveTo(long minute)
        {
            int n = _import.Length;
            if (_newest < 0 || minute <= _newest - n)
            {
                Clear(0, n); // first sample, or the clock went back past the ring
                Start(minute);
            }
            else if (minute > _newest)
            {
                long gap = minute - _newest;
                if (gap >= n) Clear(0, n);
                else for (long m = _newest + 1; m <= minute; m++) Clear((int)(m % n), 1);
                Start(minute);
            }
            else if (minute < _newest)
            {
                return false;
            }
            return true;
        }

        // The newest minute's buckets from its sums (a series without samples stays NoValue).
        private void WriteNewest()
        {
            int slot = (int)(_newest % _import.Length);
            if (_importCount > 0) _import[slot] = Bucket(_importSum, _importCount);
            if (_exportCount > 0) _export[slot] = Bucket(_exportSum, _exportCount);
        }

        private bool InRing(long minute)
        {
            return _newest >= 0 && minute <= _newest && minute > _newest - _import.Length;
        }

        private void Start(long minute)
        {
            _newest = minute;
            _importSum = 0;
            _exportSum = 0;
            _importCount = 0;
            _exportCount = 0;
        }

        private void Clear(int from, int count)
        {
            for (int i = from; i < from + count; i++)
            {
                _import[i] = Empty;
                _export[i] = Empty;
            }
        }

        // The average, rounded half away from zero, within 0..MaxWatts.
        private static ushort Bucket(long sum, int count)
        {
            if (sum <= 0) return 0;
            long average = (sum + count / 2) / count;
            return (ushort)(average > MaxWatts ? MaxWatts : average);
        }

        // The reading's primary number in whole W (rounded half away from zero, clamped to ±2 GW), or NoValue.
        private static int Watts(ReadingSet set, long code)
        {
            int r = set.Find(code);
            if (r < 0) return NoValue;
            int v = set.Primary[r];
            if (v < 0 || set.Kind[v] != ValueKind.Number) return NoValue;
            int unit, targetScale;
            if (!UnitScaling.TryResolve(UnitRule.ActivePower, set.UnitCode[v], out unit, out targetScale)) return NoValue;
            int exponent = UnitScaling.Rescale(set.Exponent[v], set.UnitScale[v], targetScale);
            long m = set.Mantissa[v];
            const long Limit = 2000000000;
            if (exponent >= 0)
            {
                for (int i = 0; i < exponent; i++)
                {
                    if (m > Limit || m < -Limit) break;
                    m *= 10;
                }
            }
            else if (exponent < -FixedPoint.MaxDigits)
            {
                m = 0;
            }
            else
            {
                long div = FixedPoint.Pow10Long(-exponent);
                long half = div / 2;
                m = m >= 0 ? (m + half) / div : -((-m + half) / div);
            }
            if (m > Limit) m = Limit;
            if (m < -Limit) m = -Limit;
            return (int)m;
        }

        private static long CodeOf(string quantity)
        {
            return Quantities.Code(Quantities.Find(quantity));
        }
    }
}
