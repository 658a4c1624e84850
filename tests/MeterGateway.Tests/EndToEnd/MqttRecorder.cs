using System.Collections.Concurrent;
using System.Text;
using MQTTnet;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>A subscriber on the test's broker that records every message it receives.</summary>
public sealed class MqttRecorder : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();

    /// <summary>Messages in arrival order: topic, payload text, retain flag.</summary>
    public ConcurrentQueue<(string Topic, string Payload, bool Retain)> Messages { get; } = new();

    /// <summary>Connects to 127.0.0.1:<paramref name="port"/> and subscribes to <paramref name="filter"/>.</summary>
    public static async Task<MqttRecorder> StartAsync(int port, string filter = "#")
    {
        var recorder = new MqttRecorder();
        recorder._client.ApplicationMessageReceivedAsync += e =>
        {
            recorder.Messages.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload), e.ApplicationMessage.Retain));
            return Task.CompletedTask;
        };
        await recorder._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
            .WithClientId("test-recorder-" + Guid.NewGuid().ToString("N")[..8]).Build());
        await recorder._client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithAtLeastOnceQoS()).Build());
        return recorder;
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
