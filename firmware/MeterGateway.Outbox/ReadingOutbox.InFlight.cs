using MeterGateway.Readings;

namespace MeterGateway.Outbox
{
    /// <summary>
    /// Records in flight: taken by <see cref="TakeAhead"/> and not yet marked, so that an MQTT window can keep several
    /// sets' messages unacknowledged at once while a backlog drains. The rules that keep docs/outbox.md's guarantees:
    /// <list type="bullet">
    /// <item>Records are taken in the order <see cref="TakeNext"/> would offer them one at a time.</item>
    /// <item>A record leaves the outbox only by <see cref="MarkDelivered(long)"/>; stored records must be marked in the order
    /// they were taken (the cursor is a position in the log). A stored record marked out of order is offered again.</item>
    /// <item><see cref="MarkFailed"/> puts the failed record and every record still in flight back, so they are offered
    /// again oldest first, with the same sequence number and time: a subscriber sees at most an identical repeat.</item>
    /// <item>A record in flight that leaves the tail some other way (written to the log, thinned, dropped) stops being in
    /// flight: its acknowledgement is then ignored and it is offered again from the log (an identical repeat). Thinning
    /// of the log puts every stored record in flight back.</item>
    /// </list>
    /// </summary>
    public sealed partial class ReadingOutbox
    {
        // The records in flight, oldest first (OutboxOptions.MaxInFlight places, made by the constructor).
        private readonly long[] _inFlight;
        private readonly bool[] _inFlightFromTail;
        private readonly long[] _inFlightTake;
        private long _takes;
        private int _inFlightCount;
        private int _tailInFlight;
        private int _storedInFlight;
        // The last stored record taken (read-ahead position), valid while _storedInFlight > 0.
        private long _aheadSegmentId;
        private long _aheadOffset;
        private int _aheadLength;
        private long _aheadSequence;

        /// <summary>Most records in flight at once (<see cref="OutboxOptions.MaxInFlight"/>; <see cref="TakeAhead"/> returns false beyond it).</summary>
        public int MaxInFlight { get { return _inFlight.Length; } }

        /// <summary>Records taken and not yet marked delivered or failed.</summary>
        public int InFlight { get { return _inFlightCount; } }

        /// <summary>
        /// Identifies the last take (1, 2, … for every record taken): a record offered again after it stopped being in
        /// flight gets a new one, so an acknowledgement of its earlier copy cannot mark the new one
        /// (<see cref="MarkDelivered(long, long)"/>).
        /// </summary>
        public long TakenId { get; private set; }

        /// <summary>
        /// <see cref="MarkDelivered(long)"/> for the take <paramref name="takeId"/> (<see cref="TakenId"/>) of the record
        /// <paramref name="sequence"/> only: ignored when that record was offered again since (then its new copy is marked).
        /// </summary>
        public void MarkDelivered(long sequence, long takeId)
        {
            int i = InFlightIndex(sequence);
            if (i >= 0 && _inFlightTake[i] == takeId) MarkDelivered(sequence);
        }

        /// <summary>Every record in flight is put back, to be offered again oldest first (a lost session).</summary>
        public void MarkAllFailed()
        {
            ReturnInFlight();
        }

        /// <summary>
        /// Like <see cref="TakeNext"/>, but the records taken before and not yet marked stay in flight: this takes the one
        /// after them. False when nothing more waits, or <see cref="MaxInFlight"/> records are in flight. Mark each taken
        /// record with <see cref="MarkDelivered(long)"/> (in the order taken) or <see cref="MarkFailed"/>.
        /// </summary>
        public bool TakeAhead(ReadingSet into)
        {
            if (_inFlightCount == _inFlight.Length) return false;
            while (true)
            {
                bool live = _livePending && _tail.Count > 0;
                bool stored = _hasStored && _storedUndelivered > _storedInFlight;
                bool backlog = stored || _tail.Count - _tailInFlight > (live ? 1 : 0);
                if (!live && !backlog) return false;
                bool takeLive = live && (!backlog || (_options.Interleave && !_lastWasLive));
                bool decoded;
                if (takeLive)
                {
                    _livePending = false;
                    decoded = TakeFromTail(_tail.Count - 1, into);
                }
                else if (stored)
                {
                    int before = _inFlightCount;
                    decoded = TakeStored(into);
                    if (_inFlightCount == before) continue;
                }
                else
                {
                    decoded = TakeFromTail(FirstUntakenTail(), into);
                }
                _lastWasLive = takeLive;
                TakenIsReplay = !takeLive;
                if (decoded) return true;
                _status.Undecodable++;
                MarkDelivered(TakenSequence);
            }
        }

        private int FirstUntakenTail()
        {
            for (int i = 0; i < _tail.Count; i++)
            {
                if (InFlightIndex(_tail.SequenceOf(i)) < 0) return i;
            }
            return _tail.Count - 1;
        }

        private int InFlightIndex(long sequence)
        {
            for (int i = 0; i < _inFlightCount; i++)
            {
                if (_inFlight[i] == sequence) return i;
            }
            return -1;
        }

        private void AddInFlight(long sequence, bool fromTail)
        {
            _inFlight[_inFlightCount] = sequence;
            _inFlightFromTail[_inFlightCount] = fromTail;
            _inFlightTake[_inFlightCount] = TakenId = ++_takes;
            _inFlightCount++;
            if (fromTail) _tailInFlight++;
            else _storedInFlight++;
        }

        private void RemoveInFlightAt(int index)
        {
            if (_inFlightFromTail[index]) _tailInFlight--;
            else _storedInFlight--;
            _inFlightCount--;
            for (int i = index; i < _inFlightCount; i++)
            {
                _inFlight[i] = _inFlight[i + 1];
                _inFlightFromTail[i] = _inFlightFromTail[i + 1];
                _inFlightTake[i] = _inFlightTake[i + 1];
            }
        }

        // A tail record leaves the tail other than by delivery: it is no longer in flight.
        private void ForgetTail(long sequence)
        {
            int i = InFlightIndex(sequence);
            if (i >= 0 && _inFlightFromTail[i]) RemoveInFlightAt(i);
        }

        // The tail records up to this sequence number were written to the log.
        private void ForgetTailUpTo(long sequence)
        {
            for (int i = _inFlightCount - 1; i >= 0; i--)
            {
                if (_inFlightFromTail[i] && _inFlight[i] <= sequence) RemoveInFlightAt(i);
            }
        }

        // Stored records in flight are offered again from the cursor (after thinning, or a mark out of order).
        private void ReturnStored()
        {
            for (int i = _inFlightCount - 1; i >= 0; i--)
            {
                if (!_inFlightFromTail[i]) RemoveInFlightAt(i);
            }
        }

        // Everything in flight is offered again, in the same order.
        private void ReturnInFlight()
        {
            _inFlightCount = 0;
            _tailInFlight = 0;
            _storedInFlight = 0;
        }
    }
}
