namespace MeterGateway.Outbox
{
    /// <summary>
    /// Makes room in a full log by thinning old data instead of dropping new data. A thinning step rewrites a
    /// <em>run</em> (one segment, or two neighbours that together hold at most two segments' worth) as one segment,
    /// keeping of its undelivered records every n-th of each period and always the first and the last of each period
    /// and of the run; delivered records are left out. An energy register's value at the start and the end of every
    /// period therefore survives, and so do its totals.
    /// <para>
    /// Which run: the oldest one that can lose a record with the configured period; the newest segment (being
    /// appended to) never. When every run already holds only first and last records, the period is doubled (coarser
    /// periods, oldest run first) until one can; only when no run has three records left is the oldest segment
    /// dropped whole. Old data thus decays to the first and last set of each quarter hour (default), then of each half
    /// hour, and so on, while the newest data keeps the most detail.
    /// </para>
    /// <para>
    /// Crash safety comes from <see cref="SegmentLog"/>'s reading rule: the copy is written as a new segment numbered
    /// just below the run, and the run is deleted only after the copy is complete.
    /// </para>
    /// Allocates one bit per possible input record at construction, nothing afterwards (the copy goes through the log's
    /// record buffer, which is free while a step runs: a stored record taken for publishing is decoded at once).
    /// </summary>
    public sealed class Thinning
    {
        // Periods up to 2^40 × the base period: far beyond any span of records.
        private const int MaxLevel = 40;

        private readonly SegmentLog _log;
        private readonly long _periodSeconds;
        private readonly int _keepEvery;
        private readonly int _segmentBytes;
        private readonly byte[] _kept;

        // The outcome of the last plan.
        private int _inputRecords;
        private int _keptRecords;
        private long _firstTime;
        private long _lastTime;

        /// <summary>
        /// Thinning over <paramref name="log"/>: periods of <paramref name="periodSeconds"/>, keeping every
        /// <paramref name="keepEvery"/>-th set; a run holds at most twice <paramref name="segmentBytes"/>.
        /// </summary>
        public Thinning(SegmentLog log, int periodSeconds, int keepEvery, int segmentBytes)
        {
            _log = log;
            _periodSeconds = periodSeconds;
            _keepEvery = keepEvery;
            _segmentBytes = segmentBytes;
            // Two segments' worth, records of at least Overhead bytes.
            _kept = new byte[(2 * segmentBytes / RecordFormat.Overhead + 8) / 8 + 1];
        }

        /// <summary>Undelivered records removed by the last <see cref="Thin"/>.</summary>
        public int Removed { get; private set; }
        /// <summary>True when the last <see cref="Thin"/> dropped the oldest segment whole instead of thinning.</summary>
        public bool DroppedWhole { get; private set; }

        /// <summary>
        /// Takes one thinning step, copying through the log's record buffer (<see cref="SegmentLog.Record"/>; the copy is
        /// written in pieces of at most its size). Records at or below <paramref name="deliveredUpTo"/> are delivered and
        /// left out. Returns false when nothing could be done (fewer than two segments, or the storage failed).
        /// </summary>
        public bool Thin(long deliveredUpTo)
        {
            Removed = 0;
            DroppedWhole = false;
            int lastOld = _log.SegmentCount - 2;
            if (lastOld < 0) return false;
            for (int level = 0; level <= MaxLevel; level++)
            {
                long period = _periodSeconds << level;
                bool coarserHelps = false;
                for (int first = 0; first <= lastOld; first++)
                {
                    if (!_log.CanInsertBefore(first)) continue;
                    int last = first < lastOld && _log.SegmentLength(first) + _log.SegmentLength(first + 1) <= 2L * _segmentBytes ? first + 1 : first;
                    // After a crash during a step, a run may still hold records its predecessor superseded: skip those too.
                    long floor = first > 0 && _log.LastSequence(first - 1) > deliveredUpTo ? _log.LastSequence(first - 1) : deliveredUpTo;
                    Plan(first, last, floor, period);
                    if (_keptRecords < _inputRecords) return Copy(first, last, floor);
                    if (_lastTime - _firstTime >= period) coarserHelps = true;
                }
                if (!coarserHelps) break;
            }
            return DropOldest(deliveredUpTo);
        }

        // Decides which records of segments first..last above floor to keep: fills _kept and the counters.
        private void Plan(int first, int last, long floor, long period)
        {
            System.Array.Clear(_kept, 0, _kept.Length);
            _inputRecords = 0;
            _keptRecords = 0;
            if (!_log.Find(first, 0, floor, last)) return;
            _firstTime = _log.RecordTime;
            _lastTime = _log.RecordTime;
            int index = 0;
            int inPeriod = 0;
            long previousPeriod = 0;
            while (true)
            {
                long time = _log.RecordTime;
                long thisPeriod = PeriodOf(time, period);
                bool firstOfPeriod = index == 0 || thisPeriod != previousPeriod;
                if (firstOfPeriod) inPeriod = 0;
                if (time < _firstTime) _firstTime = time;
                if (time > _lastTime) _lastTime = time;
                bool hasNext = _log.Find(_log.RecordSegment, _log.RecordEnd, _log.RecordSequence, last);
                bool lastOfPeriod = !hasNext || PeriodOf(_log.RecordTime, period) != thisPeriod;
                // Records beyond the bitmap (segments longer than this outbox writes, from another configuration) are kept.
                if (index >= _kept.Length * 8 || firstOfPeriod || lastOfPeriod || inPeriod % _keepEvery == 0)
                {
                    if (index < _kept.Length * 8) _kept[index / 8] |= (byte)(1 << (index % 8));
                    _keptRecords++;
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

        private bool IsKept(int index)
        {
            return index >= _kept.Length * 8 || (_kept[index / 8] & (1 << (index % 8))) != 0;
        }

        // Writes the kept records of segments first..last as a new segment just before them, then deletes them. The
        // kept records are gathered in the log's record buffer, each loaded right after the ones kept before it, and
        // written together when the next kept one does not fit: pieces of at most the buffer's size, as with a buffer of
        // its own (a record that is not kept is checked through the room left and never forces a write).
        private bool Copy(int first, int last, long floor)
        {
            if (!_log.InsertBefore(first)) return false;
            // The run is now segments first+1 .. last+1.
            byte[] gathered = _log.Record;
            int used = 0;
            int index = 0;
            bool ok = true;
            long lastKept = 0;
            bool found = _log.Find(first + 1, 0, floor, last + 1);
            while (found && ok)
            {
                if (IsKept(index))
                {
                    if (!_log.RecordLoaded)
                    {
                        // It does not fit after the gathered records: write them, then load it at the start.
                        long sequence = _log.RecordSequence;
                        ok = _log.AppendAt(first, gathered, 0, used, lastKept)
                            && _log.Find(_log.RecordSegment, _log.RecordOffset, sequence - 1, last + 1) && _log.RecordSequence == sequence;
                        used = 0;
                        if (!ok) break;
                    }
                    used += _log.RecordLength;
                    lastKept = _log.RecordSequence;
                    // No record fits in less (the next kept one would force this write anyway).
                    if (gathered.Length - used < RecordFormat.Overhead)
                    {
                        ok = _log.AppendAt(first, gathered, 0, used, lastKept);
                        used = 0;
                    }
                }
                index++;
                found = ok && _log.FindAt(_log.RecordSegment, _log.RecordEnd, _log.RecordSequence, last + 1, used);
            }
            if (ok && used > 0) ok = _log.AppendAt(first, gathered, 0, used, lastKept);
            if (!ok)
            {
                _log.DeleteAt(first);
                return false;
            }
            for (int i = first; i <= last; i++) _log.DeleteAt(first + 1);
            Removed = _inputRecords - _keptRecords;
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
