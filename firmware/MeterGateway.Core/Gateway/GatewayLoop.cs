using MeterGateway.Core.Config;
using MeterGateway.Core.Link;
using MeterGateway.Core.Protocols;
using MeterGateway.Core.Publishing;
using MeterGateway.Core.Readings;

namespace MeterGateway.Core.Gateway
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
    /// </list>
    /// Allocates nothing per frame.
    /// </summary>
    public sealed class GatewayLoop
    {
        private static readonly byte[] Online = Ascii.GetBytes("online");
        private static readonly byte[] Offline = Ascii.GetBytes("offline");

        private readonly GatewayConfig _config;
        private readonly IMeterSource _source;
        private readonly IMqttConnection _mqtt;
        private readonly MessageBuilder _builder;
        private readonly IClock _clock;
        private readonly string _availabilityTopic;
        private readonly ReadingSet _readings;
        private readonly Backoff _backoff = new Backoff(1000, 60000);
        private long _lastPublishMs;
        private bool _published;

        /// <summary>Counters and state.</summary>
        public readonly GatewayStatus Status = new GatewayStatus();

        /// <summary>Optional listener (host terminal output, logs).</summary>
        public IGatewayObserver Observer;

        /// <summary>Optional: the OBIS codes kept and published (<c>[LOGGER] obis_selected</c>); null keeps all.</summary>
        public ObisSelection Selection;

        /// <summary>Optional: more messages per published set, after the VSCP events (Domoticz); built from the whole set.</summary>
        public IMessageSource Extra;

        /// <summary>Reading sets fully published since start.</summary>
        public long SetsPublished { get; private set; }

        /// <summary>The reading set of the last valid frame.</summary>
        public ReadingSet Readings { get { return _readings; } }

        /// <summary>A loop over the given parts; <paramref name="availabilityTopic"/> is the resolved <c>[MQTT] availability_topic</c>.</summary>
        public GatewayLoop(GatewayConfig config, IMeterSource source, IMqttConnection mqtt, MessageBuilder builder, IClock clock, string availabilityTopic)
            : this(config, source, mqtt, builder, clock, availabilityTopic, new ReadingSet())
        {
        }

        /// <summary>
        /// A loop that fills <paramref name="readings"/>: sized for the meter (an IEC 62056-21 data readout can hold
        /// several hundred data sets; the default set holds 128 readings).
        /// </summary>
        public GatewayLoop(GatewayConfig config, IMeterSource source, IMqttConnection mqtt, MessageBuilder builder, IClock clock, string availabilityTopic, ReadingSet readings)
        {
            _readings = readings;
            _config = config;
            _source = source;
            _mqtt = mqtt;
            _builder = builder;
            _clock = clock;
            _availabilityTopic = availabilityTopic;
        }

        /// <summary>Opens the meter and makes a first attempt at the broker.</summary>
        public void Start()
        {
            _source.Open();
            EnsureConnected();
        }

        /// <summary>
        /// One step: keeps the broker connection, waits at most <paramref name="readTimeoutMs"/> for meter data and
        /// publishes a complete reading set. Returns true when a set was published in full.
        /// </summary>
        public bool Step(int readTimeoutMs)
        {
            EnsureConnected();
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
            long now = _clock.MonotonicMs;
            if (_published && now - _lastPublishMs < _config.Interval * 1000L)
            {
                Status.SetsSkipped++;
                return false;
            }
            _published = true;
            _lastPublishMs = now;
            int extra = Extra != null ? Extra.Build(_readings) : 0;
            if (Selection != null) Selection.Apply(_readings);
            if (Observer != null) Observer.SetReceived(_readings);
            return Publish(extra);
        }

        private bool Publish(int extra)
        {
            int count = _builder.Build(_readings);
            if (!EnsureConnected())
            {
                Status.SetsDropped++;
                return false;
            }
            if (!PublishAll(_builder, count) || !PublishAll(Extra, extra)) return false;
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
                Status.SetsDropped++;
                Lost("publish not acknowledged");
                return false;
            }
            return true;
        }

        /// <summary>Publishes <c>offline</c> (retained) on a clean stop, disconnects, and releases the meter.</summary>
        public void Stop()
        {
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
            if (!_mqtt.Connect() || !_mqtt.Publish(_availabilityTopic, Online, 0, Online.Length, 1, true))
            {
                int wait = _backoff.Failed(now);
                if (Observer != null && _backoff.Failures == 1) Observer.ConnectionChanged(false, "broker unreachable, retrying with backoff (next in " + (wait / 1000) + " s)");
                return false;
            }
            _backoff.Succeeded();
            Status.Connected = true;
            Status.Connects++;
            if (Observer != null) Observer.ConnectionChanged(true, "connected");
            return true;
        }

        private void Lost(string reason)
        {
            if (!Status.Connected) return;
            Status.Connected = false;
            if (Observer != null) Observer.ConnectionChanged(false, reason);
        }
    }
}
