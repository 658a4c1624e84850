using MeterGateway.Outbox;
using MeterGateway.Publishing;
using MeterGateway.Readings;

namespace MeterGateway.Gateway
{
    /// <summary>
    /// Draining the outbox over an <see cref="IMqttPipeline"/>: sets are taken ahead (<see cref="ReadingOutbox.TakeAhead"/>),
    /// their messages sent without waiting for each PUBACK (up to the pipeline's window of messages, over several sets),
    /// and each set is marked delivered when all of its messages are acknowledged, oldest first
    /// (<see cref="PublishWindow"/>). A failed message, a lost session or a set unacknowledged for
    /// <see cref="AckTimeoutMs"/> puts every set in flight back into the outbox, to be sent again in the same order with
    /// the same sequence numbers and times (docs/outbox.md: in order, exactly once or identically repeated).
    /// </summary>
    public sealed partial class GatewayLoop
    {
        /// <summary>How long a step waits for acknowledgements when the window is full and a backlog waits, in ms.</summary>
        public const int WindowWaitMs = 50;

        // The sets in flight: as many places as the outbox lets records be in flight (OutboxOptions.MaxInFlight, 8 on the
        // box by default, 64 on the host), made at the first drain over a pipeline.
        private PublishWindow _window;

        /// <summary>Milliseconds the oldest set in flight may wait for its acknowledgements before every set in flight is sent again. Default 10 s.</summary>
        public int AckTimeoutMs = 10000;

        /// <summary>Reading sets whose messages are in flight (sent, not all acknowledged).</summary>
        public int SetsInFlight { get { return _window == null ? 0 : _window.Count; } }

        // True while the broker is up and the outbox holds sets that are not in flight: then a step does not wait for meter bytes.
        private bool BacklogWaiting()
        {
            return Outbox != null && _mqtt.IsConnected && Outbox.Depth > Outbox.InFlight && _mqtt is IMqttPipeline;
        }

        private bool ForwardPipelined(IMqttPipeline pipeline)
        {
            if (_window == null) _window = new PublishWindow(Outbox.MaxInFlight);
            bool any = Collect(pipeline, 0);
            int taken = 0;
            while (taken < PublishesPerStep && _mqtt.IsConnected && !_window.IsFull && TakenFree() && Outbox.TakeAhead(_taken))
            {
                taken++;
                long sequence = Outbox.TakenSequence;
                long take = Outbox.TakenId;
                bool live = sequence == _liveSequence;
                // A set without the meter's time is dated by its record: when it was received, not when it is replayed.
                if (_taken.FrameTime == ReadingSet.NoTime) _taken.FrameTime = Outbox.TakenTime;
                _builder.ObjectId = sequence;
                int count = _builder.Build(_taken);
                if (live && HomeAssistant != null) HomeAssistant.Update(_builder, _identity);
                _window.Open(sequence, take, _clock.MonotonicMs);
                if (!SendAll(pipeline, _builder, count) || !SendAll(pipeline, Extra, live ? _liveExtra : 0))
                {
                    FailWindow("publish failed");
                    break;
                }
                _window.Close();
                if (live && HomeAssistant != null && HomeAssistant.PublishPending(_mqtt)) HomeAssistant.PublishStates(_mqtt, _builder);
                any |= Collect(pipeline, 0);
            }
            // The window is the limit: wait a little for acknowledgements rather than spin.
            if (taken == 0 && _window.Count > 0 && Outbox.Depth > Outbox.InFlight) any |= Collect(pipeline, WindowWaitMs);
            if (_window.Count > 0 && (!_mqtt.IsConnected || _clock.MonotonicMs - _window.OldestSentMs > AckTimeoutMs))
            {
                FailWindow(_mqtt.IsConnected ? "publish not acknowledged" : "connection closed");
            }
            Outbox.Tick();
            return any;
        }

        // Sends count messages of source; when the pipeline's window is full, waits for acknowledgements first.
        private bool SendAll(IMqttPipeline pipeline, IMessageSource source, int count)
        {
            for (int i = 0; i < count; i++)
            {
                long waitedFrom = _clock.MonotonicMs;
                for (int waits = 0; pipeline.Pending >= pipeline.WindowSize; waits++)
                {
                    bool late = _clock.MonotonicMs - waitedFrom > AckTimeoutMs || (long)waits * WindowWaitMs > AckTimeoutMs;
                    if (!_mqtt.IsConnected || late) return false;
                    long failures = Status.PublishFailures;
                    Collect(pipeline, WindowWaitMs);
                    if (Status.PublishFailures != failures) return false; // the sets before this one go back: so does this one
                }
                int length = source.WritePayload(i);
                byte[] payload = source.PayloadBuffer;
                string topic = source.Topic(i);
                long ticket = pipeline.Send(topic, payload, 0, length, source.Qos(i), source.Retain(i));
                if (Observer != null) Observer.MessagePublished(topic, payload, 0, length, ticket > 0);
                if (ticket <= 0) return false;
                _window.Sent(ticket);
            }
            return true;
        }

        // Takes the outcomes reported so far (waiting at most timeoutMs for the first); marks complete sets delivered.
        private bool Collect(IMqttPipeline pipeline, int timeoutMs)
        {
            bool any = false;
            while (true)
            {
                long ticket = pipeline.NextCompletion(timeoutMs);
                timeoutMs = 0;
                if (ticket < 0)
                {
                    if (_window.Holds(-ticket)) FailWindow("publish not acknowledged");
                    continue;
                }
                if (ticket > 0 && _window.Acknowledge(ticket)) Status.MessagesPublished++;
                // Also without an outcome: a set without messages (nothing of it is published) completes as it is closed.
                long sequence;
                long take;
                while (_window.TakeCompleted(out sequence, out take))
                {
                    Outbox.MarkDelivered(sequence, take);
                    SetsPublished++;
                    any = true;
                }
                if (ticket == 0) return any;
            }
        }

        // Every set in flight goes back to the outbox, to be offered again oldest first.
        private void FailWindow(string reason)
        {
            Outbox.MarkAllFailed();
            _window.Clear();
            Status.PublishFailures++;
            Lost(reason);
        }

        // On a clean stop: waits (at most AckTimeoutMs) for the acknowledgements of the sets in flight.
        private void FinishWindow()
        {
            IMqttPipeline pipeline = _mqtt as IMqttPipeline;
            if (pipeline == null || _window == null || _window.Count == 0) return;
            long start = _clock.MonotonicMs;
            while (_window.Count > 0 && _mqtt.IsConnected && _clock.MonotonicMs - start < AckTimeoutMs) Collect(pipeline, WindowWaitMs);
            Outbox.MarkAllFailed();
            _window.Clear();
        }
    }
}
