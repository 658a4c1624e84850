namespace MeterGateway.Core.Outbox
{
    /// <summary>
    /// Makes room in a full log by thinning its oldest data: the two oldest segments are rewritten as one, keeping
    /// every n-th reading set of each period and always the first and the last set of each period (and of the two
    /// segments), so an energy register's value at the start and end of every period survives and its totals stay
    /// exact. Delivered records are left out. When keeping those would not shrink the data, or not fit one segment,
    /// the period is doubled (coarser periods, still first and last of each); once one period spans all the data the
    /// step n is doubled. Only when two segments hold fewer than three records is the oldest segment dropped whole.
    /// <para>
    /// Crash safety comes from <see cref="SegmentLog"/>'s reading rule: the copy is written as a new segment numbered
    /// below the two, and they are deleted only after it is complete.
    /// </para>
    /// Allocates one bit per possible input record at construction, nothing afterwards.
    /// </summary>
    public sealed class Thinning
    {
        private readonly SegmentLog _log;
        private readonly long _periodSeconds;
        private readonly int _keepEvery;
        private readonly int _segmentBytes;
        private readonly byte[] _kept;

        // The outcome of the last plan.
        private int _inputRecords;
        private long _keptBytes;
        private int _keptRecords;
        private long _firstTime;
        private long _lastTime;

        /// <summary>
        /// Thinning over <paramref name="log"/>: periods of <paramref name="periodSeconds"/>, keeping every
        /// <paramref name="keepEvery"/>-th set; a copy must fit <paramref name="segmentBytes"/>.
        /// </summary>
        public Thinning(SegmentLog log, int periodSeconds, int keepEvery, int segmentBytes)
        {
            _log = log;
            _periodSeconds = periodSeconds;
            _keepEvery = keepEvery;
            _segmentBytes = segmentBytes;
            // Two segments of at most segmentBytes each, records of at least Overhead bytes.
            _kept = new byte[(2 * segmentBytes / RecordFormat.Overhead + 8) / 8 + 1];
        }

        /// <summary>Undelivered records removed by the last <see cref="ThinOldest"/>.</summary>
        public int Removed { get; private set; }
        /// <summary>True when the last <see cref="ThinOldest"/> dropped the oldest segment whole instead of thinning.</summary>
        public bool DroppedWhole { get; private set; }

        /// <summary>
        /// Thins the two oldest segments (never the newest, which is being appended to) into one, copying through
        /// <paramref name="staging"/> (a buffer of at least one record; the copy is written in pieces of its size). Records at or below
        /// <paramref name="deliveredUpTo"/> are delivered and left out. Returns false when nothing could be done (fewer
        /// than three segments, or the storage failed).
        /// </summary>
        public bool ThinOldest(long deliveredUpTo, byte[] staging)
        {
            Removed = 0;
            DroppedWhole = false;
            if (_log.SegmentCount < 3) return false;
            long period = _periodSeconds;
            int keepEvery = _keepEvery;
            while (true)
            {
                Plan(deliveredUpTo, period, keepEvery);
                if (_inputRecords < 3) return DropOldest(deliveredUpTo);
                if (_keptRecords < _inputRecords && _keptBytes <= _segmentBytes) break;
                if (keepEvery > _inputRecords) return DropOldest(deliveredUpTo);
                if (period <= _lastTime - _firstTime) period *= 2;
                else keepEvery *= 2;
            }
            if (!Copy(deliveredUpTo, staging)) return false;
            Removed = _inputRecords - _keptRecords;
            return true;
        }

        // Decides which input records to keep: fills _kept and the counters.
        private void Plan(long deliveredUpTo, long period, int keepEvery)
        {
            System.Array.Clear(_kept, 0, _kept.Length);
            _inputRecords = 0;
            _keptRecords = 0;
            _keptBytes = 0;
            if (!_log.Find(0, 0, deliveredUpTo, 1)) return;
            _firstTime = _log.RecordTime;
            _lastTime = _log.RecordTime;
            int index = 0;
            int inPeriod = 0;
            long previousPeriod = 0;
            while (true)
            {
                long time = _log.RecordTime;
                int length = _log.RecordLength;
                long thisPeriod = PeriodOf(time, period);
                bool firstOfPeriod = index == 0 || thisPeriod != previousPeriod;
                if (firstOfPeriod) inPeriod = 0;
                if (time < _firstTime) _firstTime = time;
                if (time > _lastTime) _lastTime = time;
                bool hasNext = _log.Find(_log.RecordSegment, _log.RecordEnd, _log.RecordSequence, 1);
                bool lastOfPeriod = !hasNext || PeriodOf(_log.RecordTime, period) != thisPeriod;
                // Records beyond the bitmap (segments longer than this outbox writes, from another configuration) are kept.
                if (index >= _kept.Length * 8 || firstOfPeriod || lastOfPeriod || inPeriod % keepEvery == 0)
                {
                    if (index < _kept.Length * 8) _kept[index / 8] |= (byte)(1 << (index % 8));
                    _keptRecords++;
                    _keptBytes += length;
                }
                index++;
                inPeriod++;
                previousPeriod = thisPeriod;
                if (!hasNext) break;
            }
            _inputRecords = index;
        }

        private static long PeriodOf(long time, long period)
        {
            long p = time / period;
            return time < 0 && time % period != 0 ? p - 1 : p;
        }

        // Writes the kept records as a new oldest segment, then deletes the two it replaces.
        private bool Copy(long deliveredUpTo, byte[] staging)
        {
            if (!_log.InsertOldest()) return false;
            // The inputs are now segments 1 and 2.
            int used = 0;
            int index = 0;
            bool ok = true;
            bool found = _log.Find(1, 0, deliveredUpTo, 2);
            while (found && ok)
            {
                if (index >= _kept.Length * 8 || (_kept[index / 8] & (1 << (index % 8))) != 0)
                {
                    int length = _log.RecordLength;
                    if (used + length > staging.Length)
                    {
                        ok = _log.AppendAt(0, staging, 0, used);
                        used = 0;
                    }
                    System.Array.Copy(_log.Record, 0, staging, used, length);
                    used += length;
                }
                index++;
                found = _log.Find(_log.RecordSegment, _log.RecordEnd, _log.RecordSequence, 2);
            }
            if (ok && used > 0) ok = _log.AppendAt(0, staging, 0, used);
            if (!ok)
            {
                _log.DeleteAt(0);
                return false;
            }
            _log.DeleteAt(1);
            _log.DeleteAt(1);
            return true;
        }

        private bool DropOldest(long deliveredUpTo)
        {
            int records = 0;
            bool found = _log.Find(0, 0, deliveredUpTo, 0);
            while (found)
            {
                records++;
                found = _log.Find(0, _log.RecordEnd, _log.RecordSequence, 0);
            }
            _log.DeleteAt(0);
            Removed = records;
            DroppedWhole = true;
            return true;
        }
    }
}
