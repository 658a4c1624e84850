using System.Buffers;
using MeterGateway.Publishing;
using MQTTnet;
using MQTTnet.Protocol;

namespace MeterGateway.Host.Mqtt;

/// <summary>
/// The window of messages in flight over MQTTnet (<see cref="IMqttPipeline"/>): every message goes through one of a
/// fixed set of slots, each with its own payload buffer and its own <see cref="MqttApplicationMessage"/>, reused once the
/// broker has acknowledged it. So a publish copies the payload into the slot's buffer and allocates nothing itself (what
/// MQTTnet allocates inside <c>PublishAsync</c> is MQTTnet's; bench/ <c>PublishPathBenchmark</c> measures both). The
/// outcome of each message is taken from its task by a continuation registered without allocation
/// (<c>UnsafeOnCompleted</c> with a delegate made once per slot).
/// </summary>
public sealed partial class MqttNetConnection : IMqttPipeline
{
    private sealed class Slot
    {
        public readonly MqttApplicationMessage Message = new();
        public readonly Action Completed;
        public byte[] Buffer = new byte[1024];
        public Task<MqttClientPublishResult>? Task;
        public long Ticket;
        public int Generation;
        public bool Busy;
        public bool Sync;
        public bool Abandoned;
        public bool Done;
        public bool Ok;

        public Slot(MqttNetConnection owner) => Completed = () => owner.Complete(this);
    }

    private readonly object _gate = new();
    private Slot[]? _slots;
    private long[]? _outcomes;
    private int _outcomeHead;
    private int _outcomeCount;
    private long _lastTicket;
    private int _pending;
    private int _generation;
    private int _nextSlot;

    /// <inheritdoc/>
    public int WindowSize => Math.Max(1, _endpoint.MaxInflight);

    /// <inheritdoc/>
    public int Pending
    {
        get
        {
            lock (_gate) return _pending;
        }
    }

    /// <inheritdoc/>
    public long Send(string topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        Slot? slot = Start(topic, payload, offset, count, qos, retain, false, out long ticket);
        return slot == null ? 0 : ticket;
    }

    /// <inheritdoc/>
    public long NextCompletion(int timeoutMs)
    {
        lock (_gate)
        {
            long deadline = Environment.TickCount64 + timeoutMs;
            while (_outcomeCount == 0)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0) return 0;
                Monitor.Wait(_gate, (int)left);
            }
            long outcome = _outcomes![_outcomeHead];
            _outcomeHead = (_outcomeHead + 1) % _outcomes.Length;
            _outcomeCount--;
            _pending--;
            return outcome;
        }
    }

    // A synchronous publish through a slot: waits for this message's outcome (others keep being collected).
    private bool PublishAndWait(string topic, byte[] payload, int offset, int count, int qos, bool retain)
    {
        Slot? slot = Start(topic, payload, offset, count, qos, retain, true, out _);
        if (slot == null) return false;
        lock (_gate)
        {
            long deadline = Environment.TickCount64 + _endpoint.TimeoutMs;
            while (!slot.Done)
            {
                long left = deadline - Environment.TickCount64;
                if (left <= 0)
                {
                    slot.Abandoned = true;
                    LastError = "publish to " + topic + " not acknowledged in time";
                    return false;
                }
                Monitor.Wait(_gate, (int)left);
            }
            slot.Busy = false;
            if (!slot.Ok) LastError ??= "publish to " + topic + " not acknowledged";
            return slot.Ok;
        }
    }

    private Slot? Start(string topic, byte[] payload, int offset, int count, int qos, bool retain, bool sync, out long ticket)
    {
        ticket = 0;
        if (!_client.IsConnected) return null;
        Slot? slot;
        lock (_gate)
        {
            if (_slots == null) NewSessionLocked();
            if (!sync && _pending >= WindowSize) return null;
            slot = FreeSlot();
            if (slot == null) return null;
            slot.Busy = true;
            slot.Done = false;
            slot.Sync = sync;
            slot.Abandoned = false;
            slot.Generation = _generation;
            slot.Ticket = ticket = ++_lastTicket;
            if (!sync) _pending++;
        }
        if (slot.Buffer.Length < count) slot.Buffer = new byte[Math.Max(count, 2 * slot.Buffer.Length)];
        System.Buffer.BlockCopy(payload, offset, slot.Buffer, 0, count);
        MqttApplicationMessage message = slot.Message;
        message.Topic = topic;
        message.Payload = new ReadOnlySequence<byte>(slot.Buffer, 0, count);
        message.QualityOfServiceLevel = qos >= 1 ? MqttQualityOfServiceLevel.AtLeastOnce : MqttQualityOfServiceLevel.AtMostOnce;
        message.Retain = retain;
        try
        {
            Task<MqttClientPublishResult> task = _client.PublishAsync(message, CancellationToken.None);
            slot.Task = task;
            if (task.IsCompleted) Complete(slot);
            else task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(slot.Completed);
        }
        catch (Exception e)
        {
            LastError = "publish to " + topic + " failed: " + e.Message;
            slot.Task = null;
            Complete(slot);
        }
        return slot;
    }

    private Slot? FreeSlot()
    {
        Slot[] slots = _slots!;
        for (int k = 0; k < slots.Length; k++)
        {
            Slot s = slots[(_nextSlot + k) % slots.Length];
            if (s.Busy) continue;
            _nextSlot = (_nextSlot + k + 1) % slots.Length;
            return s;
        }
        return null;
    }

    private void Complete(Slot slot)
    {
        Task<MqttClientPublishResult>? task = slot.Task;
        bool ok = task is { IsCompletedSuccessfully: true } && task.Result.IsSuccess;
        if (task is { IsFaulted: true }) LastError = "publish failed: " + task.Exception!.GetBaseException().Message;
        lock (_gate)
        {
            slot.Task = null;
            if (slot.Generation != _generation) return; // a session that is gone: its slots were replaced
            slot.Ok = ok;
            slot.Done = true;
            if (!slot.Sync)
            {
                _outcomes![(_outcomeHead + _outcomeCount) % _outcomes.Length] = ok ? slot.Ticket : -slot.Ticket;
                _outcomeCount++;
                slot.Busy = false;
            }
            else if (slot.Abandoned)
            {
                slot.Busy = false;
            }
            Monitor.PulseAll(_gate);
        }
    }

    // A new session: outcomes of the old one no longer matter; slots still waiting for it are replaced.
    private void NewSession()
    {
        lock (_gate) NewSessionLocked();
    }

    private void NewSessionLocked()
    {
        _generation++;
        int size = WindowSize + 2;
        if (_slots == null || _slots.Length != size)
        {
            _slots = new Slot[size];
            _outcomes = new long[size];
        }
        for (int i = 0; i < _slots.Length; i++)
        {
            if (_slots[i] == null || _slots[i].Busy) _slots[i] = new Slot(this);
        }
        _outcomeHead = 0;
        _outcomeCount = 0;
        _pending = 0;
        Monitor.PulseAll(_gate);
    }
}
