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
    /// with <c>M2MqttConnection.Connect(MqttClient)</c>; everything else is the box's connection's, its work-around of
    /// M2Mqtt 5.1.215's in-flight queue included (<c>M2MqttConnection.ForgetAcknowledged</c>: without it the queue is full
    /// after 8 QoS 1 messages and every later publish fails).
    /// </summary>
    public sealed class BrokerM2Mqtt : IMqttConnection, IMqttPipeline, IMqttHandOver
    {
        private readonly BrokerChannel _channel;
        private Queue _inflight;

        /// <summary>
        /// The largest payload handed over whole (the status message: <c>GatewayLoop.StatusOnDemand</c>), in bytes, and the
        /// heap in use after a collection while it was handed over (the document held, its render buffer dropped), the
        /// largest sample: M2Mqtt's packet of it comes on top of that while M2Mqtt encodes and sends it.
        /// </summary>
        public int HandedOverBytes;
        /// <summary>See <see cref="HandedOverBytes"/>.</summary>
        public long HandedOverHeap;

        /// <summary>The box's connection, as firmware/MeterGateway/Program.cs makes it.</summary>
        public readonly M2MqttConnection Connection;

        /// <summary>Messages in M2Mqtt's in-flight queue now (acknowledged ones that its in-flight thread has not dropped yet included).</summary>
        public int Queued
        {
            get
            {
                Queue inflight = _inflight;
                if (inflight == null) return 0;
                lock (inflight) return inflight.Count;
            }
        }

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
            return Connection.Connect(client);
        }

        /// <inheritdoc/>
        public bool IsConnected { get { return Connection.IsConnected; } }

        /// <inheritdoc/>
        public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain)
        {
            return Connection.Publish(topic, payload, offset, count, qos, retain);
        }

        /// <inheritdoc/>
        public bool PublishWhole(string topic, byte[] payload, int qos, bool retain)
        {
            long used = Program.Used();
            if (used > HandedOverHeap) HandedOverHeap = used;
            if (payload.Length > HandedOverBytes) HandedOverBytes = payload.Length;
            return Connection.PublishWhole(topic, payload, qos, retain);
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
            return Connection.Send(topic, payload, offset, count, qos, retain);
        }

        /// <inheritdoc/>
        public long NextCompletion(int timeoutMs)
        {
            return Connection.NextCompletion(timeoutMs);
        }
    }
}
