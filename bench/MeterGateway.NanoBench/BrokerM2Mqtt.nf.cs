using System;
using System.Collections;
using System.Reflection;
using MeterGateway.Platform;
using MeterGateway.Publishing;
using nanoFramework.M2Mqtt;
using nanoFramework.M2Mqtt.Messages;

namespace MeterGateway.NanoBench
{
    /// <summary>
    /// The box's broker connection — <see cref="M2MqttConnection"/> (firmware/MeterGateway/Platform, linked) over the real
    /// nanoFramework.M2Mqtt <c>MqttClient</c> — with every session over a <see cref="BrokerChannel"/> instead of a
    /// socket. <see cref="Connect"/> makes the client as its public constructor does (<c>MqttClient.Init</c>: settings,
    /// queues, wait handles), puts the channel in its private <c>_channel</c> field by reflection and starts the session
    /// with <c>M2MqttConnection.Connect(MqttClient)</c>; everything else is the box's connection's, but for one thing:
    /// before each publish, the QoS 1 messages M2Mqtt has had acknowledged are taken out of its in-flight queue
    /// (<see cref="Forgotten"/>). M2Mqtt 5.1.215 raises a PUBACK's event at once but leaves the message in its in-flight
    /// queue until its retry delay has passed (<c>MqttSettings.DelayOnRetry</c>: 10,000,000, documented as ticks, compared
    /// with milliseconds: 10,000 s), so a queue of 8, the box's, is full after 8 QoS 1 messages and every later
    /// <c>Publish</c> throws InflightQueueFull; the run measures M2Mqtt as it would be without that fault.
    /// </summary>
    public sealed class BrokerM2Mqtt : IMqttConnection, IMqttPipeline
    {
        private readonly BrokerChannel _channel;
        private Queue _inflight;
        private ArrayList _waiting;

        /// <summary>The box's connection, as firmware/MeterGateway/Program.cs makes it.</summary>
        public readonly M2MqttConnection Connection;

        /// <summary>Acknowledged messages taken out of M2Mqtt's in-flight queue.</summary>
        public long Forgotten;

        /// <summary>Sessions of <paramref name="connection"/> over <paramref name="channel"/>.</summary>
        public BrokerM2Mqtt(M2MqttConnection connection, BrokerChannel channel)
        {
            Connection = connection;
            _channel = channel;
        }

        /// <summary>
        /// A new session: a client made with M2Mqtt's constructor for unit tests (internal, no arguments), initialised by its
        /// public <c>Init</c>, whose last step, the socket channel, needs a DNS lookup that the Linux nanoCLR cannot do
        /// (it throws; on a board the name below does not resolve either), then given the broker channel.
        /// </summary>
        public bool Connect()
        {
            Type type = typeof(MqttClient);
            MqttClient client = (MqttClient)type.GetConstructor(new Type[0]).Invoke(null);
            try
            {
                client.Init("broker.invalid", 1883, false, (byte[])null, (byte[])null, MqttSslProtocols.None);
            }
            catch (Exception)
            {
                // the DNS lookup of MqttNetworkChannel's constructor: everything else is made
            }
            type.GetField("_channel", BindingFlags.NonPublic | BindingFlags.Instance).SetValue(client, _channel);
            _inflight = (Queue)type.GetField("_inflightQueue", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(client);
            _waiting = (ArrayList)type.GetField("_waitingForAnswer", BindingFlags.NonPublic | BindingFlags.Instance).GetValue(client);
            return Connection.Connect(client);
        }

        // Takes the QoS 1 messages whose PUBACK M2Mqtt has had (their id is no longer waiting) out of its in-flight queue.
        private void Forget()
        {
            Queue inflight = _inflight;
            if (inflight == null) return;
            lock (inflight)
            {
                for (int n = inflight.Count; n > 0; n--)
                {
                    MqttMsgContext context = (MqttMsgContext)inflight.Dequeue();
                    bool acknowledged;
                    lock (_waiting) acknowledged = context.State == MqttMsgState.WaitForPuback && !_waiting.Contains(context.Message.MessageId);
                    if (acknowledged) Forgotten++;
                    else inflight.Enqueue(context);
                }
            }
        }

        /// <inheritdoc/>
        public bool IsConnected { get { return Connection.IsConnected; } }

        /// <inheritdoc/>
        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            Forget();
            return Connection.Publish(topic, payload, offset, count, qos, retain);
        }

        /// <inheritdoc/>
        public void Disconnect()
        {
            Connection.Disconnect();
        }

        /// <inheritdoc/>
        public int WindowSize { get { return Connection.WindowSize; } }

        /// <inheritdoc/>
        public int Pending { get { return Connection.Pending; } }

        /// <inheritdoc/>
        public long Send(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            Forget();
            return Connection.Send(topic, payload, offset, count, qos, retain);
        }

        /// <inheritdoc/>
        public long NextCompletion(int timeoutMs)
        {
            return Connection.NextCompletion(timeoutMs);
        }
    }
}
