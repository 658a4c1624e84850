namespace MeterGateway.Device
{
    /// <summary>
    /// When the device should restart itself, decided from times and numbers only (docs/firmware.md, "Watchdog"):
    /// <list type="number">
    /// <item>The main loop calls <see cref="Feed"/> after every step; when no feed came for
    /// <c>[DEVICE] watchdog_timeout</c> seconds the loop is stalled (a blocked socket, a hung driver call).</item>
    /// <item>The broker has been unreachable (Wi-Fi down included) for <c>broker_reboot_minutes</c> and the outbox
    /// cannot keep more readings: it has thinned or dropped a set since the broker was lost (docs/outbox.md; without an
    /// outbox nothing is kept, so it counts as full). A restart brings Wi-Fi, DNS and TLS up from scratch, which is what
    /// cures the stuck cases; while readings can still be kept whole, waiting is better than losing the RAM state (the
    /// outbox's tail of records not yet written).</item>
    /// <item>Free managed memory stays below <c>min_free_memory</c> bytes in <see cref="LowMemoryChecks"/> checks in a
    /// row: a fragmented heap is not going to heal, and a restart is better than an <c>OutOfMemoryException</c> in a
    /// driver. A single low reading (a TLS handshake in progress) is not enough.</item>
    /// </list>
    /// A limit of 0 turns its rule off. <see cref="Feed"/> and <see cref="Check"/> may be called from different threads
    /// (the loop and the watchdog thread): they share their state under a lock. Times are
    /// <see cref="Link.IClock.MonotonicMs"/>.
    /// </summary>
    public sealed class WatchdogPolicy
    {
        /// <summary>Low-memory checks in a row that make <see cref="RebootReason.LowMemory"/>.</summary>
        public const int LowMemoryChecks = 3;

        private readonly object _sync = new object();
        private readonly long _loopTimeoutMs;
        private readonly long _brokerTimeoutMs;
        private readonly long _minFreeMemory;
        private long _lastFeedMs;
        private long _brokerLostMs = -1;
        private long _givenUpAtLoss;
        private int _lowMemoryCount;

        /// <summary>
        /// A policy with the limits of <c>[DEVICE]</c>: <paramref name="loopTimeoutSeconds"/>,
        /// <paramref name="brokerMinutes"/> (0 = off) and <paramref name="minFreeMemory"/> bytes (0 = off); the loop
        /// counts as fed at <paramref name="nowMs"/>.
        /// </summary>
        public WatchdogPolicy(int loopTimeoutSeconds, int brokerMinutes, int minFreeMemory, long nowMs)
        {
            _loopTimeoutMs = loopTimeoutSeconds * 1000L;
            _brokerTimeoutMs = brokerMinutes * 60000L;
            _minFreeMemory = minFreeMemory;
            _lastFeedMs = nowMs;
        }

        /// <summary>The main loop completed a step at <paramref name="nowMs"/>.</summary>
        public void Feed(long nowMs)
        {
            lock (_sync)
            {
                _lastFeedMs = nowMs;
            }
        }

        /// <summary>
        /// One check at <paramref name="nowMs"/>: <paramref name="brokerConnected"/> is the MQTT session's state,
        /// <paramref name="setsGivenUp"/> the reading sets the outbox has thinned or dropped over its life
        /// (<c>IOutboxGauge.Thinned</c> + <c>Dropped</c>), -1 without an outbox; <paramref name="freeMemory"/> the free
        /// managed memory in bytes (-1 when not measured). Returns the first rule that asks for a restart, in the order
        /// above, or <see cref="RebootReason.None"/>.
        /// </summary>
        public RebootReason Check(long nowMs, bool brokerConnected, long setsGivenUp, long freeMemory)
        {
            lock (_sync)
            {
                if (brokerConnected) _brokerLostMs = -1;
                else if (_brokerLostMs < 0)
                {
                    _brokerLostMs = nowMs;
                    _givenUpAtLoss = setsGivenUp;
                }
                bool outboxFull = setsGivenUp < 0 || setsGivenUp > _givenUpAtLoss;

                if (_minFreeMemory > 0 && freeMemory >= 0)
                {
                    _lowMemoryCount = freeMemory < _minFreeMemory ? _lowMemoryCount + 1 : 0;
                }

                if (nowMs - _lastFeedMs > _loopTimeoutMs) return RebootReason.LoopStalled;
                if (_brokerTimeoutMs > 0 && _brokerLostMs >= 0 && nowMs - _brokerLostMs >= _brokerTimeoutMs && outboxFull)
                    return RebootReason.BrokerUnreachable;
                if (_lowMemoryCount >= LowMemoryChecks) return RebootReason.LowMemory;
                return RebootReason.None;
            }
        }

        /// <summary>A constant text for a reason, for the debug output and the status's <c>last_reboot</c>.</summary>
        public static string Describe(RebootReason reason)
        {
            switch (reason)
            {
                case RebootReason.LoopStalled: return "watchdog: main loop stalled";
                case RebootReason.BrokerUnreachable: return "watchdog: broker unreachable and nothing more can be kept";
                case RebootReason.LowMemory: return "watchdog: free managed memory stayed low";
                default: return "";
            }
        }
    }
}
