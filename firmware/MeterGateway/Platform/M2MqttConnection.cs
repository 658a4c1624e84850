using System;
using System.Collections;
using System.Reflection;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using MeterGateway.Publishing;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IMqttConnection"/> over nanoFramework M2Mqtt 5.1 (nanoframework/nanoFramework.m2mqtt), MQTT 3.1.1.
    /// Connect sends the last will (availability topic, <c>offline</c>, QoS 1, retained). Publish with QoS 1 waits for
    /// the broker's PUBACK, reported by the <c>MqttMsgPublished</c> event with the message id that <c>Publish</c>
    /// returned. M2Mqtt does not reconnect by itself and its in-flight queue is unbounded by default: the queue is
    /// bounded here (a full queue makes Publish fail, not block) and every Connect starts a new client, so the core's
    /// reconnect loop decides when to retry. With a command topic, every session subscribes to it (QoS 1) and keeps up
    /// to <see cref="PendingCommands"/> received commands for the main loop (<see cref="TakeCommand"/>), which answers
    /// them with <c>CommandHandler</c>. It is also an <see cref="IMqttPipeline"/> (the outbox drains through a window of
    /// messages in flight): <see cref="Send"/> hands a message to M2Mqtt's in-flight queue and keeps its message id with
    /// its ticket; the <c>MqttMsgPublished</c> event of that id reports the outcome. The window is the in-flight queue
    /// less one place, kept for the synchronous publishes (status, availability) between sends.
    /// </summary>
    public sealed class M2MqttConnection : IMqttConnection, IMqttPipeline, IMqttHandOver
    {
        /// <summary>Commands kept until the main loop takes them; more are dropped (send one, wait for its reply).</summary>
        public const int PendingCommands = 4;

        private const string Offline = "offline";
        private const int AckPollMs = 50;

        private readonly string _host;
        private readonly int _port;
        private readonly bool _tls;
        private readonly X509Certificate _caCert;
        private readonly string _clientId;
        private readonly string _user;
        private readonly string _password;
        private readonly string _availabilityTopic;
        private readonly ushort _keepAliveSeconds;
        private readonly int _inflightLimit;
        private readonly int _ackTimeoutMs;
        private readonly string _commandTopic;
        private readonly string _updateTopic;
        private byte[] _update;
        private readonly byte[][] _commands = new byte[PendingCommands][];
        private int _commandFirst;
        private int _commandCount;

        private readonly AutoResetEvent _acked = new AutoResetEvent(false);
        private int _lastAckId = -1;
        private bool _lastAckPublished;
        private MqttClient _client;
        // The client's in-flight queue, the ids of its messages waiting for an answer and its in-flight thread's wake-up
        // (M2Mqtt's private fields, read once per client), and whether acknowledged messages were marked: ForgetAcknowledged.
        private Queue _inflight;
        private ArrayList _waiting;
        private AutoResetEvent _inflightWake;
        private int _marked;

        // The window: per place the message id in M2Mqtt (-1: free), its ticket and a payload copy reused when the next
        // message has the same length (M2Mqtt sends whole arrays and keeps them until acknowledged).
        private readonly object _gate = new object();
        private readonly AutoResetEvent _completed = new AutoResetEvent(false);
        private int[] _windowIds;
        private long[] _windowTickets;
        private byte[][] _windowBuffers;
        private long[] _outcomes;
        private int _outcomeHead;
        private int _outcomeCount;
        private int _pending;
        private long _lastTicket;

        /// <summary>
        /// A session to <paramref name="host"/>:<paramref name="port"/>, over TLS 1.2 when <paramref name="tls"/>
        /// (<paramref name="caCert"/>: the broker's CA, or null for the CA stored in the device's configuration). <paramref name="user"/> and
        /// <paramref name="password"/> may be null. At most <paramref name="inflightLimit"/> messages wait for their PUBACK
        /// in M2Mqtt (its queue holds twice that: acknowledged messages stay there until its in-flight thread drops them,
        /// <c>ForgetAcknowledged</c>);
        /// a QoS 1 publish not acknowledged within <paramref name="ackTimeoutMs"/> counts as failed.
        /// <paramref name="commandTopic"/> (or null) and its <c>/update</c> subtopic (docs/ota.md) are subscribed after
        /// every connect.
        /// </summary>
        public M2MqttConnection(string host, int port, bool tls, X509Certificate caCert, string clientId, string user,
            string password, string availabilityTopic, ushort keepAliveSeconds, int inflightLimit, int ackTimeoutMs, string commandTopic)
        {
            _commandTopic = commandTopic;
            _updateTopic = commandTopic == null ? null : commandTopic + "/update";
            _host = host;
            _port = port;
            _tls = tls;
            _caCert = caCert;
            _clientId = clientId;
            _user = user;
            _password = password;
            _availabilityTopic = availabilityTopic;
            _keepAliveSeconds = keepAliveSeconds;
            _inflightLimit = inflightLimit;
            _ackTimeoutMs = ackTimeoutMs;
            int window = WindowSize;
            _windowIds = new int[window];
            _windowTickets = new long[window];
            _windowBuffers = new byte[window][];
            _outcomes = new long[window];
            for (int i = 0; i < window; i++) _windowIds[i] = -1;
        }

        /// <inheritdoc/>
        public int WindowSize
        {
            get { return _inflightLimit > 1 ? _inflightLimit - 1 : 1; }
        }

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
            MqttClient client = _client;
            if (client == null || !client.IsConnected) return 0;
            // Held while M2Mqtt takes the message: its PUBACK event (another thread) waits for the id to be recorded.
            lock (_gate)
            {
                if (_pending >= _windowIds.Length) return 0;
                int place = 0;
                while (_windowIds[place] >= 0) place++;
                byte[] message = _windowBuffers[place];
                if (message == null || message.Length != count) message = _windowBuffers[place] = new byte[count];
                Array.Copy(payload, offset, message, 0, count);
                ushort id;
                // acknowledged messages marked since the last send: the in-flight thread drops them first, so that M2Mqtt's
                // queue holds the window and not also as many messages done with (ForgetAcknowledged)
                if (Interlocked.Exchange(ref _marked, 0) != 0) Thread.Sleep(0);
                try
                {
                    id = client.Publish(topic, message, null, null, qos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce, retain);
                }
                catch (Exception)
                {
                    // MqttClientException (in-flight queue full) or a closed socket.
                    return 0;
                }
                long ticket = ++_lastTicket;
                _pending++;
                if (qos == 0)
                {
                    AddOutcome(ticket);
                }
                else
                {
                    _windowIds[place] = id;
                    _windowTickets[place] = ticket;
                }
                return ticket;
            }
        }

        /// <inheritdoc/>
        public long NextCompletion(int timeoutMs)
        {
            int waited = 0;
            while (true)
            {
                lock (_gate)
                {
                    if (_outcomeCount > 0)
                    {
                        long outcome = _outcomes[_outcomeHead];
                        _outcomeHead = (_outcomeHead + 1) % _outcomes.Length;
                        _outcomeCount--;
                        _pending--;
                        return outcome;
                    }
                }
                if (waited >= timeoutMs) return 0;
                int wait = timeoutMs - waited < AckPollMs ? timeoutMs - waited : AckPollMs;
                _completed.WaitOne(wait, false);
                waited += wait;
            }
        }

        // Under _gate. There is room: at most WindowSize messages are pending.
        private void AddOutcome(long outcome)
        {
            _outcomes[(_outcomeHead + _outcomeCount) % _outcomes.Length] = outcome;
            _outcomeCount++;
            _completed.Set();
        }

        // The outcome of a message of the window with this id; false when the id is not the window's.
        private bool CompleteWindow(int id, bool published)
        {
            lock (_gate)
            {
                for (int i = 0; i < _windowIds.Length; i++)
                {
                    if (_windowIds[i] != id) continue;
                    _windowIds[i] = -1;
                    AddOutcome(published ? _windowTickets[i] : -_windowTickets[i]);
                    return true;
                }
                return false;
            }
        }

        // A session that ends: its messages no longer matter (the gateway loop puts its sets back when the connection
        // drops), as on the host; a new session starts with an empty window.
        private void ResetWindow()
        {
            lock (_gate)
            {
                for (int i = 0; i < _windowIds.Length; i++) _windowIds[i] = -1;
                _outcomeHead = 0;
                _outcomeCount = 0;
                _pending = 0;
            }
        }

        /// <inheritdoc/>
        public bool IsConnected
        {
            get { return _client != null && _client.IsConnected; }
        }

        /// <inheritdoc/>
        public bool Connect()
        {
            DropClient();
            MqttClient client;
            try
            {
                client = new MqttClient(_host, _port, _tls, _caCert, null, _tls ? MqttSslProtocols.TLSv1_2 : MqttSslProtocols.None);
            }
            catch (Exception)
            {
                // The broker's name not resolved and the like: reported as a failed connect.
                return false;
            }
            return Connect(client);
        }

        /// <summary>
        /// Starts a session on <paramref name="client"/>, an M2Mqtt client not connected yet, as <see cref="Connect()"/>
        /// does with the client it makes for the broker given to the constructor: the in-flight queue bounded, the events
        /// taken, CONNECT with the last will, and the command topics subscribed. The previous client is dropped first. True
        /// when the broker accepted the session; otherwise the client is dropped. The seam for NanoBench
        /// (bench/MeterGateway.NanoBench, which links this file), whose client talks to a broker in memory over its own
        /// network channel: the Linux nanoCLR has no sockets.
        /// </summary>
        internal bool Connect(MqttClient client)
        {
            DropClient();
            try
            {
                _client = client;
                // room for the acknowledged messages that M2Mqtt's in-flight thread has not dropped yet (ForgetAcknowledged)
                _client.Settings.InflightQueueSize = 2 * _inflightLimit;
                _inflight = (Queue)Private(client, "_inflightQueue");
                _waiting = (ArrayList)Private(client, "_waitingForAnswer");
                _inflightWake = (AutoResetEvent)Private(client, "_inflightWaitHandle");
                _client.MqttMsgPublished += OnPublished;
                _client.MqttMsgPublishReceived += OnReceived;
                MqttReasonCode code = _client.Connect(_clientId, _user, _password,
                    true, MqttQoSLevel.AtLeastOnce, true, _availabilityTopic, Offline, true, _keepAliveSeconds);
                if (code == MqttReasonCode.Success)
                {
                    if (_commandTopic != null)
                    {
                        _client.Subscribe(new string[] { _commandTopic, _updateTopic }, new MqttQoSLevel[] { MqttQoSLevel.AtLeastOnce, MqttQoSLevel.AtLeastOnce });
                    }
                    return true;
                }
            }
            catch (Exception)
            {
                // MqttConnectionException (socket, TLS) and the like: reported as a failed connect.
            }
            DropClient();
            return false;
        }

        /// <summary>
        /// M2Mqtt publishes a whole array and keeps it until the broker acknowledges it, so the payload is copied first:
        /// the caller's buffer (a command reply's, which the next JSON overwrites) is free again when this returns.
        /// </summary>
        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            if (!IsConnected) return false;
            byte[] message = new byte[count];
            Array.Copy(payload, offset, message, 0, count);
            return PublishWhole(topic, message, qos, retain);
        }

        /// <summary>As <see cref="Publish"/>, without the copy: M2Mqtt keeps <paramref name="payload"/> itself (<see cref="IMqttHandOver"/>).</summary>
        public bool PublishWhole(string topic, byte[] payload, int qos, bool retain)
        {
            MqttClient client = _client;
            if (client == null || !client.IsConnected) return false;
            try
            {
                ushort id = client.Publish(topic, payload, null, null,
                    qos == 0 ? MqttQoSLevel.AtMostOnce : MqttQoSLevel.AtLeastOnce, retain);
                return qos == 0 || WaitForAck(id);
            }
            catch (Exception)
            {
                // MqttClientException (in-flight queue full) or a closed socket.
                return false;
            }
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            MqttClient client = _client;
            if (client != null && client.IsConnected)
            {
                try
                {
                    client.Disconnect();
                }
                catch (Exception)
                {
                    // Already gone: nothing to end.
                }
            }
            DropClient();
        }

        /// <summary>The PUBACK may come before Publish returns the id: the event keeps the last id, checked after each wake-up.</summary>
        private bool WaitForAck(ushort id)
        {
            for (int waited = 0; waited < _ackTimeoutMs; waited += AckPollMs)
            {
                if (_lastAckId == id) return _lastAckPublished;
                _acked.WaitOne(AckPollMs, false);
            }
            return _lastAckId == id && _lastAckPublished;
        }

        private void OnPublished(object sender, MqttMsgPublishedEventArgs e)
        {
            ForgetAcknowledged();
            if (CompleteWindow(e.MessageId, e.IsPublished)) return;
            _lastAckPublished = e.IsPublished;
            _lastAckId = e.MessageId;
            _acked.Set();
        }

        /// <summary>The oldest command received and not yet taken, or null.</summary>
        public byte[] TakeCommand()
        {
            lock (_commands)
            {
                if (_commandCount == 0) return null;
                byte[] command = _commands[_commandFirst];
                _commands[_commandFirst] = null;
                _commandFirst = (_commandFirst + 1) % PendingCommands;
                _commandCount--;
                return command;
            }
        }

        /// <summary>The last update command received (<c>&lt;command topic&gt;/update</c>) and not yet taken, or null.</summary>
        public byte[] TakeUpdateCommand()
        {
            lock (_commands)
            {
                byte[] update = _update;
                _update = null;
                return update;
            }
        }

        private void OnReceived(object sender, MqttMsgPublishEventArgs e)
        {
            if (e.Topic == _updateTopic)
            {
                lock (_commands)
                {
                    _update = e.Message;
                }
                return;
            }
            if (e.Topic != _commandTopic) return;
            lock (_commands)
            {
                if (_commandCount == PendingCommands) return;
                _commands[(_commandFirst + _commandCount) % PendingCommands] = e.Message;
                _commandCount++;
            }
        }

        /// <summary>
        /// M2Mqtt 5.1.215 raises a PUBACK's <c>MqttMsgPublished</c> event at once but leaves the message in its in-flight
        /// queue until its retry delay has passed (<c>MqttSettings.DelayOnRetry</c>, 10,000,000, compared with
        /// milliseconds: 10,000 s): a bounded queue is full after as many QoS 1 messages, and every later publish throws
        /// InflightQueueFull (an unbounded queue grows by a message a publish). Fixed in M2Mqtt 5.1.220
        /// (nanoframework/nanoFramework.m2mqtt #471, 2026-07-13), which needs System.Net 1.11.60 and so a later firmware
        /// than the pinned package set (nfproj.props). Until the set moves: at each PUBACK's event, the QoS 1 messages
        /// waiting for their PUBACK whose id M2Mqtt no longer waits for (acknowledged) are put in the state
        /// <c>SendPuback</c>, which M2Mqtt's in-flight thread drops from the queue at its next pass, started here. The
        /// queue keeps its order and length, under its lock, as that thread counts it before each pass; a message that
        /// thread holds at that moment (its PUBACK came before it was queued again) is marked at the next PUBACK. NanoBench's
        /// M2Mqtt run (bench/MeterGateway.NanoBench) runs this with the real client.
        /// </summary>
        private void ForgetAcknowledged()
        {
            Queue inflight = _inflight;
            ArrayList waiting = _waiting;
            AutoResetEvent wake = _inflightWake;
            if (inflight == null || waiting == null || wake == null) return;
            lock (inflight)
            {
                for (int n = inflight.Count; n > 0; n--)
                {
                    MqttMsgContext context = (MqttMsgContext)inflight.Dequeue();
                    if (context.State == MqttMsgState.WaitForPuback && context.Flow == MqttMsgFlow.ToPublish)
                    {
                        bool answered;
                        lock (waiting) answered = !waiting.Contains(context.Message.MessageId);
                        if (answered)
                        {
                            context.State = MqttMsgState.SendPuback;
                            _marked = 1;
                        }
                    }
                    inflight.Enqueue(context);
                }
            }
            wake.Set();
        }

        // A private field of M2Mqtt's client (ForgetAcknowledged), or null when this M2Mqtt has no such field.
        private static object Private(MqttClient client, string name)
        {
            FieldInfo field = typeof(MqttClient).GetField(name, BindingFlags.NonPublic | BindingFlags.Instance);
            return field == null ? null : field.GetValue(client);
        }

        private void DropClient()
        {
            MqttClient client = _client;
            _client = null;
            _inflight = null;
            _waiting = null;
            _inflightWake = null;
            _lastAckId = -1;
            if (client == null) return;
            client.MqttMsgPublished -= OnPublished;
            ResetWindow();
            client.MqttMsgPublishReceived -= OnReceived;
            try
            {
                client.Dispose();
            }
            catch (Exception)
            {
                // Closing a broken session may throw; the client is dropped either way.
            }
        }
    }
}
