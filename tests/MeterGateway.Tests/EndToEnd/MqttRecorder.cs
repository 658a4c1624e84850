using System.Collections.Concurrent;
using System.Text;
using MQTTnet;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>A subscriber on the test's broker that records every message it receives.</summary>
public sealed class MqttRecorder : IAsyncDisposable
{
    private IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private MqttClientOptions _options = null!;
    private string _filter = "#";

    /// <summary>Messages in arrival order: topic, payload text, retain flag.</summary>
    public ConcurrentQueue<(string Topic, string Payload, bool Retain)> Messages { get; } = new();

    /// <summary>
    /// Connects to 127.0.0.1:<paramref name="port"/> and subscribes to <paramref name="filter"/>. With
    /// <paramref name="persistentSession"/> the session is kept by the broker while the recorder is away (QoS 1
    /// messages are queued for it), for <see cref="ReconnectAsync"/> after a broker restart.
    /// </summary>
    public static async Task<MqttRecorder> StartAsync(int port, string filter = "#", bool persistentSession = false)
    {
        var recorder = new MqttRecorder { _filter = filter };
        recorder._options = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId("test-recorder-" + Guid.NewGuid().ToString("N")[..8])
            // MQTT 3.1.1: without clean session the broker keeps the session until the client comes back.
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V311).WithCleanSession(!persistentSession).Build();
        await recorder.ConnectAsync(subscribe: true);
        return recorder;
    }

    /// <summary>Connects again with the same client id (a persistent session gets what was queued for it).</summary>
    public async Task ReconnectAsync()
    {
        _client.Dispose();
        _client = new MqttClientFactory().CreateMqttClient();
        await ConnectAsync(subscribe: false);
    }

    private async Task ConnectAsync(bool subscribe)
    {
        _client.ApplicationMessageReceivedAsync += e =>
        {
            Messages.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        await _client.ConnectAsync(_options);
        if (subscribe)
        {
            await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
                .WithTopicFilter(f => f.WithTopic(_filter).WithAtLeastOnceQoS()).Build());
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds over the messages, or the timeout passes.</summary>
    public async Task<bool> WaitForAsync(Func<IReadOnlyCollection<(string Topic, string Payload, bool Retain)>, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (condition(Messages.ToArray())) return true;
            await Task.Delay(50);
        }
        return condition(Messages.ToArray());
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected) await _client.DisconnectAsync();
        _client.Dispose();
    }
}
