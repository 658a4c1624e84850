using MeterGateway.HomeAssistant;
using MeterGateway.Link;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Gateway
{
    /// <summary>
    /// The gateway, one step at a time so the ESP32's main loop, its watchdog and the host's cancellation all fit:
    /// meter source → reading set → <see cref="MessageBuilder"/> → MQTT (QoS per config, PUBACK awaited).
    /// <list type="bullet">
    /// <item>Broker: connects with the last will (availability topic, <c>offline</c>, retained), then publishes
    /// <c>online</c> retained; reconnects with <see cref="Backoff"/> (1 s doubling to 60 s).</item>
    /// <item>A rejected frame (or a silent meter, as the source reports it) is counted by reason in
    /// <see cref="GatewayStatus"/> and never published.</item>
    /// <item><c>[GENERAL] interval</c> = N &gt; 0: a set is published only when N seconds have passed since the last one
    /// was taken for publishing, so each published set is the newest frame at that moment; the others are counted in
    /// <see cref="GatewayStatus.SetsSkipped"/> (the DSMR logger's sampling interval, seeds/004).</item>
    /// <item>A set taken for publishing goes to <see cref="Extra"/> (Domoticz) whole, then through <see cref="Selection"/>
    /// (only the selected OBIS codes are kept), then to the observer and the VSCP events.</item>
    /// <item>With <see cref="HomeAssistant"/>: its discovery configs and plain values after each set's events.</item>
    /// <item>With <see cref="Power"/>: every valid frame's active power into the status page's chart ring.</item>
    /// <item>With <see cref="StatusTopic"/>: the status document (<see cref="StatusDocument"/>, retained) after each connection
    /// and then every <c>[MQTT] status_interval</c> seconds of the monotonic clock.</item>
    /// <item>With an <see cref="Outbox"/>, a set taken for publishing is appended to it (after the selection) and published
    /// from it: the live set at once, the backlog of an outage oldest first in between (at most
    /// <see cref="PublishesPerStep"/> sets a step), each with its sequence number as vscpObId and its original time; it
    /// is marked delivered when every message of it was acknowledged. When the connection is an
    /// <see cref="IMqttPipeline"/>, messages are not awaited one by one: up to its window of messages (of several sets) are
    /// in flight, and a step does not wait for meter bytes while a backlog waits (GatewayLoop.Pipeline.cs). The <see cref="Extra"/> messages and the Home
    /// Assistant values go with the live set only (they are taken as current). Without an outbox, a set the broker does
    /// not acknowledge is dropped. The sets taken from the outbox are decoded into the receiving set when the source
    /// leaves it free between polls (<see cref="IMeterSource.SetFreeBetweenPolls"/>: DSMR, SML, EKM), else into a
    /// second set of the same size (IEC 62056-21 sessions); the box's DSMR source fills it line by line, so no set is
    /// taken from the outbox while a telegram is half received.</item>
    /// </list>
    /// Allocates nothing per frame.
    /// </summary>
    public sealed partial class GatewayLoop
    {
        private static readonly byte[] Online = Ascii.GetBytes("online");
        private static readonly byte[] Offline = Ascii.GetBytes("offline");

        private readonly GatewayOptions _options;
        private readonly IMeterSource _source;
        private readonly IMqttConnection _mqtt;
        private readonly MessageBuilder _builder;
        private readonly IClock _clock;
        private readonly string _availabilityTopic;
        private readonly ReadingSet _readings;
        private readonly Backoff _backoff = new Backoff(1000, 60000);
        private long _retryReportedMs;
        private long _lastPublishMs;
        private bool _published;
        private long _startMs;
        private long _statusDueMs;
        private readonly MeterIdentity _identity = new MeterIdentity();
        private ReadingSet _taken;
        private long _liveSequence = -1;
        private int _liveExtra;

        /// <summary>Most sets published from the outbox in one <see cref="Step"/> (a replay must not hold up the meter).</summary>
        public const int PublishesPerStep = 8;

        /// <summary>Counters and state.</summary>
        public readonly GatewayStatus Status = new GatewayStatus();

        /// <summary>Optional listener (host terminal output, logs).</summary>
        public IGatewayObserver Observer;

        /// <summary>Optional: the OBIS codes kept and published (<c>[LOGGER] obis_selected</c>); null keeps all.</summary>
        public ObisSelection Selection;

        /// <summary>Optional: more messages per published set, after the VSCP events (Domoticz); built from the whole set.</summary>
        public IMessageSource Extra;
        /// <summary>Home Assistant discovery and plain values, or null (<c>[GENERAL] homeassistant</c> off and nothing to clean up).</summary>
        public HomeAssistantPublisher HomeAssistant;

        /// <summary>
        /// The last hours of active power for the status page's chart, or null: every valid frame is added (before the
        /// interval and the selection), timed by the clock's UTC, else, while the clock is not set, by the frame's time.
        /// </summary>
        public PowerHistory Power;

        /// <summary>The resolved <c>[MQTT] status_topic</c>, or null for no status messages.</summary>
        public string StatusTopic;

        /// <summary>The status document published on <see cref="StatusTopic"/> and served by the status page, or null for none.</summary>
        public IStatusDocument StatusDocument;

        /// <summary>
        /// The store-and-forward outbox, or null (sets the broker does not acknowledge are dropped). Set it before
        /// <see cref="Start"/>, which opens (recovers) it. It is also the status JSON's outbox gauge (written as null without one).
        /// </summary>
        public ReadingOutbox Outbox;

        /// <summary>Status messages published since start.</summary>
        public long StatusPublished { get; private set; }

        /// <summary>Reading sets fully published since start.</summary>
        public long SetsPublished { get; private set; }

        /// <summary>
        /// The reading set the source fills: after a step that received a valid frame, that frame's (after the
        /// selection). With an <see cref="Outbox"/> and a source whose set is free between polls
        /// (<see cref="IMeterSource.SetFreeBetweenPolls"/>) the sets published from the outbox are decoded into it as
        /// well, so after such a step it holds the last of them.
        /// </summary>
        public ReadingSet Readings { get { return _readings; } }

        /// <summary>The meter's identity from the last valid frame.</summary>
        public MeterIdentity Identity { get { return _identity; } }

        /// <summary>The message builder (its last <see cref="MessageBuilder.Build"/> holds the live values).</summary>
        public MessageBuilder Builder { get { return _builder; } }

        /// <summary>The loop's timing options.</summary>
        public GatewayOptions Options { get { return _options; } }

        /// <summary>The clock.</summary>
        public IClock Clock { get { return _clock; } }

        /// <summary>Milliseconds since <see cref="Start"/>.</summary>
        public long UptimeMs { get { return _clock.MonotonicMs - _startMs; } }

        /// <summary>A loop over the given parts; <paramref name="availabilityTopic"/> is the resolved <c>[MQTT] availability_topic</c>.</summary>
        public GatewayLoop(GatewayOptions options, IMeterSource source, IMqttConnection mqtt, MessageBuilder builder, IClock clock, string availabilityTopic)
            : this(options, source, mqtt, builder, clock, availabilityTopic, new ReadingSet())
        {
        }

        /// <summary>
        /// A loop that fills <paramref name="readings"/>: sized for the meter (an IEC 62056-21 data readout can hold
        /// several hundred data sets; the default set holds 128 readings).
        /// </summary>
        public GatewayLoop(GatewayOptions options, IMeterSource source, IMqttConnection mqtt, MessageBuilder builder, IClock clock, string availabilityTopic, ReadingSet readings)
            : this(options, source, mqtt, builder, clock, availabilityTopic, readings, StatusCapacity)
        {
        }

        /// <summary>
        /// A loop that fills <paramref name="readings"/> with a status buffer of <paramref name="statusCapacity"/> bytes
        /// instead of <see cref="StatusCapacity"/> (the box leaves out the room of a telegram server it does not run:
        /// <c>MeterProfile.BoxStatusCapacity</c>).
        /// </summary>
        public GatewayLoop(GatewayOptions options, IMeterSource source, IMqttConnection mqtt, MessageBuilder builder, IClock clock, string availabilityTopic, ReadingSet readings, int statusCapacity)
        {
            _statusCapacity = statusCapacity;
            _status = new JsonWriter(statusCapacity);
            _readings = readings;
            _options = options;
            _source = source;
            _mqtt = mqtt;
            _builder = builder;
            _clock = clock;
            _availabilityTopic = availabilityTopic;
        }

        /// <summary>Opens the meter and makes a first attempt at the broker.</summary>
        public void Start()
        {
            if (Outbox != null)
            {
                Outbox.Open();
                // A set is taken from the outbox only after the poll (Step): a source that writes its set only within a
                // poll leaves it free then, so the outbox's sets are decoded into it; another gets a set of its own.
                _taken = _source.SetFreeBetweenPolls ? _readings
                    : new ReadingSet(_readings.ObisCode.Length, _readings.Kind.Length, _readings.Text.Length);
            }
            _source.Open();
            _startMs = _clock.MonotonicMs;
            _statusDueMs = _startMs;
            if (EnsureConnected()) PublishDue();
        }

        /// <summary>
        /// One step: keeps the broker connection, waits at most <paramref name="readTimeoutMs"/> for meter data and
        /// publishes a complete reading set (with an outbox: keeps it, and publishes what waits there). Returns true when a
        /// set was published in full.
        /// </summary>
        public bool Step(int readTimeoutMs)
        {
            if (EnsureConnected()) PublishDue();
            if (BacklogWaiting() && TakenFree()) readTimeoutMs = 0;
            bool published = Receive(readTimeoutMs);
            if (Outbox != null) published = Forward();
            return published;
        }

        // Polls the meter; a set taken for publishing is published (no outbox) or appended to the outbox.
        private bool Receive(int readTimeoutMs)
        {
            FrameResult result = _source.Poll(_readings, readTimeoutMs);
            if (result == FrameResult.None) return false;
            if (result == FrameResult.Invalid)
            {
                Status.Reject(_source.Error, _source.ErrorText);
                if (Observer != null) Observer.FrameRejected(_source.Error, _source.ErrorText);
                return false;
            }
            Status.FramesValid++;
            Status.LastFrameTime = _readings.FrameTime != ReadingSet.NoTime ? _readings.FrameTime : _clock.UtcNowSeconds;
            _identity.Update(_readings); // before the interval and the selection: the identity is the whole frame's
            if (Power != null) Power.Add(_readings, _clock.UtcNowSeconds > 0 ? _clock.UtcNowSeconds : _readings.FrameTime);
            long now = _clock.MonotonicMs;
            if (_published && now - _lastPublishMs < _options.Interval * 1000L)
            {
                Status.SetsSkipped++;
                return false;
            }
            _published = true;
            _lastPublishMs = now;
            int extra = Extra != null ? Extra.Build(_readings) : 0;
            if (Selection != null) Selection.Apply(_readings);
            if (Observer != null) Observer.SetReceived(_readings);
            if (Outbox == null) return Publish(_readings, extra, true);
            long sequence = Outbox.Append(_readings);
            if (sequence < 0)
            {
                // Too large for a record (OutboxOptions.MaxRecordBytes; an IEC 62056-21 readout of hundreds of data
                // sets): it cannot be kept, so it is published directly, as without an outbox (vscpObId 0).
                _builder.ObjectId = 0;
                bool sent = Publish(_readings, extra, true);
                if (!sent) Status.SetsDropped++;
                return sent;
            }
            _liveSequence = sequence;
            _liveExtra = extra;
            return false;
        }

        // Publishes what waits in the outbox while the broker acknowledges. True when a set was published in full.
        private bool Forward()
        {
            IMqttPipeline pipeline = _mqtt as IMqttPipeline;
            if (pipeline != null) return ForwardPipelined(pipeline);
            bool any = false;
            for (int i = 0; i < PublishesPerStep && _mqtt.IsConnected && TakenFree() && Outbox.TakeNext(_taken); i++)
            {
                long sequence = Outbox.TakenSequence;
                bool live = sequence == _liveSequence;
                // A set without the meter's time is dated by its record: when it was received, not when it is replayed.
                if (_taken.FrameTime == ReadingSet.NoTime) _taken.FrameTime = Outbox.TakenTime;
                _builder.ObjectId = sequence;
                if (!Publish(_taken, live ? _liveExtra : 0, live))
                {
                    Outbox.MarkFailed(sequence);
                    break;
                }
                Outbox.MarkDelivered(sequence);
                any = true;
            }
            Outbox.Tick();
            return any;
        }

        // True when a set may be taken from the outbox: into a set of its own, or into the receiving set while no frame is
        // half in it (a source that streams lines into it, IMeterSource.SetFreeBetweenPolls).
        private bool TakenFree()
        {
            return _taken != _readings || _source.SetFreeBetweenPolls;
        }

        // Publishes a set's VSCP events; a live set (the one just received) also its Extra messages and Home Assistant values.
        private bool Publish(ReadingSet set, int extra, bool live)
        {
            int count = _builder.Build(set);
            if (live && HomeAssistant != null) HomeAssistant.Update(_builder, _identity);
            if (!EnsureConnected())
            {
                if (Outbox == null) Status.SetsDropped++;
                return false;
            }
            if (!PublishAll(_builder, count) || !PublishAll(Extra, extra)) return false;
            if (live && HomeAssistant != null && HomeAssistant.PublishPending(_mqtt)) HomeAssistant.PublishStates(_mqtt, _builder);
            SetsPublished++;
            return true;
        }

        private bool PublishAll(IMessageSource source, int count)
        {
            for (int i = 0; i < count; i++)
            {
                int length = source.WritePayload(i);
                byte[] payload = source.PayloadBuffer;
                string topic = source.Topic(i);
                bool ok = _mqtt.Publish(topic, payload, 0, length, source.Qos(i), source.Retain(i));
                if (Observer != null) Observer.MessagePublished(topic, payload, 0, length, ok);
                if (ok)
                {
                    Status.MessagesPublished++;
                    continue;
                }
                Status.PublishFailures++;
                if (Outbox == null) Status.SetsDropped++;
                Lost("publish not acknowledged");
                return false;
            }
            return true;
        }

        /// <summary>Publishes <c>offline</c> (retained) on a clean stop, disconnects, and releases the meter.</summary>
        public void Stop()
        {
            if (Outbox != null)
            {
                FinishWindow();
                Outbox.Flush();
            }
            if (_mqtt.IsConnected)
            {
                _mqtt.Publish(_availabilityTopic, Offline, 0, Offline.Length, 1, true);
                _mqtt.Disconnect();
            }
            Status.Connected = false;
            _source.Close();
        }

        private bool EnsureConnected()
        {
            if (_mqtt.IsConnected)
            {
                return true;
            }
            if (Status.Connected) Lost("connection closed");
            long now = _clock.MonotonicMs;
            if (!_backoff.Due(now)) return false;
            bool connected = _mqtt.Connect();
            if (!connected || !_mqtt.Publish(_availabilityTopic, Online, 0, Online.Length, 1, true))
            {
                int wait = _backoff.Failed(now);
                if (Observer != null) ReportRetry(now, wait, connected);
                return false;
            }
            _backoff.Succeeded();
            Status.Connected = true;
            Status.Connects++;
            _statusDueMs = now;
            if (HomeAssistant != null) HomeAssistant.Reannounce();
            if (Observer != null) Observer.ConnectionChanged(true, "connected");
            return true;
        }

        /// <summary>Least time between two reports of a broker that is still unreachable, in ms of the monotonic clock.</summary>
        public const int RetryReportIntervalMs = 60000;

        // The first failed attempt is reported, then at most one every RetryReportIntervalMs, each with its reason. The
        // text is built only when reported (at most once a minute), never per step.
        private void ReportRetry(long now, int waitMs, bool connected)
        {
            if (_backoff.Failures > 1 && now - _retryReportedMs < RetryReportIntervalMs) return;
            _retryReportedMs = now;
            IMqttDiagnostics diagnostics = _mqtt as IMqttDiagnostics;
            string reason = diagnostics != null ? diagnostics.LastError : null;
            if (reason == null) reason = connected ? "the online message was not acknowledged" : "the connection failed";
            string next = "next attempt in " + (waitMs / 1000) + " s";
            Observer.ConnectionChanged(false, _backoff.Failures == 1
                ? "broker unreachable (" + reason + "), retrying with backoff, " + next
                : "broker still unreachable after " + _backoff.Failures + " attempts (" + reason + "), " + next);
        }

        private void Lost(string reason)
        {
            if (!Status.Connected) return;
            Status.Connected = false;
            if (Observer != null) Observer.ConnectionChanged(false, reason);
        }
    }
}
