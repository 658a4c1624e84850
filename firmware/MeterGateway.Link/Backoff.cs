namespace MeterGateway.Link
{
    /// <summary>
    /// When to try the broker again after a failed connection: the wait doubles from <see cref="InitialMs"/> up to
    /// <see cref="MaxMs"/> and starts over after a success. Decided in the core so the ESP32 (M2Mqtt has no automatic
    /// reconnect) and the host behave the same; times come from <see cref="Link.IClock.MonotonicMs"/>.
    /// </summary>
    public sealed class Backoff
    {
        /// <summary>First wait after a failure, in ms.</summary>
        public readonly int InitialMs;
        /// <summary>Longest wait, in ms.</summary>
        public readonly int MaxMs;

        private long _nextAttempt;
        private int _currentMs;

        /// <summary>Failures since the last success.</summary>
        public int Failures { get; private set; }

        /// <summary>A backoff from <paramref name="initialMs"/> doubling to <paramref name="maxMs"/> (defaults 1 s and 60 s).</summary>
        public Backoff(int initialMs, int maxMs)
        {
            if (initialMs <= 0 || maxMs < initialMs) throw new System.ArgumentOutOfRangeException("initialMs");
            InitialMs = initialMs;
            MaxMs = maxMs;
            _currentMs = initialMs;
        }

        /// <summary>True when an attempt may be made at <paramref name="nowMs"/>.</summary>
        public bool Due(long nowMs)
        {
            return nowMs >= _nextAttempt;
        }

        /// <summary>Records a failed attempt at <paramref name="nowMs"/>; returns the wait until the next one, in ms.</summary>
        public int Failed(long nowMs)
        {
            int wait = _currentMs;
            _nextAttempt = nowMs + wait;
            Failures++;
            _currentMs = _currentMs > MaxMs / 2 ? MaxMs : _currentMs * 2;
            return wait;
        }

        /// <summary>Records a success: the next failure waits <see cref="InitialMs"/> again.</summary>
        public void Succeeded()
        {
            Failures = 0;
            _currentMs = InitialMs;
            _nextAttempt = 0;
        }
    }
}
