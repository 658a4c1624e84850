namespace MeterGateway.Publishing
{
    /// <summary>
    /// The reading sets whose messages are in flight on an <see cref="IMqttPipeline"/>, oldest first: for each, its outbox
    /// sequence number, the range of tickets of its messages (sent back to back) and how many are still unacknowledged.
    /// Acknowledgements may come in any order; a set is complete when all of its messages are acknowledged, and complete
    /// sets leave in the order they were added (<see cref="TakeCompleted"/>), so the outbox sees them delivered in the
    /// order it handed them out. A set has at most 32,767 messages. Allocates at construction only: 37 bytes a set.
    /// </summary>
    public sealed class PublishWindow
    {
        private readonly long[] _sequence;
        private readonly long[] _take;
        private readonly bool[] _open;
        // A set's tickets are _first .. _first + _sent - 1.
        private readonly long[] _first;
        private readonly short[] _sent;
        private readonly short[] _pending;
        private readonly long[] _sentMs;
        private int _head;
        private int _count;

        /// <summary>A window of at most <paramref name="sets"/> sets.</summary>
        public PublishWindow(int sets)
        {
            _sequence = new long[sets];
            _take = new long[sets];
            _open = new bool[sets];
            _first = new long[sets];
            _sent = new short[sets];
            _pending = new short[sets];
            _sentMs = new long[sets];
        }

        /// <summary>Sets in flight.</summary>
        public int Count { get { return _count; } }

        /// <summary>True when no more sets can be added.</summary>
        public bool IsFull { get { return _count == _sequence.Length; } }

        /// <summary>Sequence number of the oldest set in flight (0 when none).</summary>
        public long OldestSequence { get { return _count == 0 ? 0 : _sequence[_head]; } }

        /// <summary>When the oldest set in flight was sent (the clock's milliseconds; 0 when none).</summary>
        public long OldestSentMs { get { return _count == 0 ? 0 : _sentMs[_head]; } }

        /// <summary>
        /// Opens a set (<paramref name="sequence"/> and the outbox's <paramref name="takeId"/>) whose messages are about to
        /// be sent; each is then added with <see cref="Sent"/> (acknowledgements may already come in between), and
        /// <see cref="Close"/> ends it. False when full.
        /// </summary>
        public bool Open(long sequence, long takeId, long nowMs)
        {
            if (IsFull) return false;
            int i = (_head + _count) % _sequence.Length;
            _sequence[i] = sequence;
            _take[i] = takeId;
            _first[i] = 0;
            _sent[i] = 0;
            _pending[i] = 0;
            _open[i] = true;
            _sentMs[i] = nowMs;
            _count++;
            return true;
        }

        /// <summary>A message of the open set was sent with this ticket (tickets count up).</summary>
        public void Sent(long ticket)
        {
            int i = (_head + _count - 1) % _sequence.Length;
            if (_sent[i] == 0) _first[i] = ticket;
            _sent[i]++;
            _pending[i]++;
        }

        /// <summary>Every message of the open set was sent: it can complete.</summary>
        public void Close()
        {
            if (_count > 0) _open[(_head + _count - 1) % _sequence.Length] = false;
        }

        /// <summary>An acknowledged ticket: true when it belongs to a set in flight (others are ignored).</summary>
        public bool Acknowledge(long ticket)
        {
            for (int k = 0; k < _count; k++)
            {
                int i = (_head + k) % _sequence.Length;
                long n = ticket - _first[i];
                if (n < 0 || n >= _sent[i]) continue;
                if (_pending[i] == 0) return false;
                _pending[i]--;
                return true;
            }
            return false;
        }

        /// <summary>True when <paramref name="ticket"/> belongs to a set in flight.</summary>
        public bool Holds(long ticket)
        {
            for (int k = 0; k < _count; k++)
            {
                int i = (_head + k) % _sequence.Length;
                long n = ticket - _first[i];
                if (n >= 0 && n < _sent[i]) return true;
            }
            return false;
        }

        /// <summary>
        /// Removes the oldest set when all its messages are acknowledged, giving its sequence number and take id; false
        /// when it is not (or none is in flight).
        /// </summary>
        public bool TakeCompleted(out long sequence, out long takeId)
        {
            sequence = 0;
            takeId = 0;
            if (_count == 0 || _pending[_head] > 0 || _open[_head]) return false;
            sequence = _sequence[_head];
            takeId = _take[_head];
            _head = (_head + 1) % _sequence.Length;
            _count--;
            return true;
        }

        /// <summary>Forgets every set in flight (their outcome no longer matters: they are offered again).</summary>
        public void Clear()
        {
            _head = 0;
            _count = 0;
        }
    }
}
