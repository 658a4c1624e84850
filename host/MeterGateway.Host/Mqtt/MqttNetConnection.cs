using System.Security.Cryptography.X509Certificates;
using MeterGateway.Publishing;
using MQTTnet;
using MQTTnet.Protocol;

namespace MeterGateway.Host.Mqtt;

/// <summary>Where and how to reach the broker (from the <c>[MQTT]</c> section of config.ini).</summary>
public sealed record MqttEndpoint(
    string Host,
    int Port,
    string ClientId,
    string? User = null,
    string? Password = null,
    bool Tls = false,
    string? CaFile = null,
    string? AvailabilityTopic = null,
    int KeepAliveSeconds = 60,
    int TimeoutMs = 10000,
    int MaxInflight = 64);

/// <summary>
/// <see cref="IMqttConnection"/> over MQTTnet: QoS 1 publishes wait for the PUBACK; the last will publishes
/// <c>offline</c> retained on the availability topic; TLS (optionally pinned to a CA file) and user/password.
/// Synchronous, as the core's gateway loop expects; never throws. <see cref="Subscribe"/> adds topic filters whose
/// messages go to a callback (on MQTTnet's thread); they are subscribed again at every (re)connection. It is also an
/// <see cref="IMqttPipeline"/> with a window of <see cref="MqttEndpoint.MaxInflight"/> messages (MqttNetConnection.Pipeline.cs).
/// </summary>
public sealed partial class MqttNetConnection : IMqttConnection, IMqttDiagnostics, IDisposable
{
    /// <summary>Send and receive buffer of the broker connection's socket, bytes (SO_SNDBUF/SO_RCVBUF; MQTTnet's default is 8 KB).</summary>
    public const int SocketBufferBytes = 256 * 1024;

    private readonly MqttEndpoint _endpoint;
    private readonly IMqttClient _client;
    private readonly MQTTnet.Channel.IMqttClientStreamProvider? _streamProvider;
    private readonly List<string> _filters = new();

    /// <summary>The last connection or publish failure, for status and logs.</summary>
    public string? LastError { get; private set; }

    string IMqttDiagnostics.LastError => LastError!;

    /// <summary>A connection to <paramref name="endpoint"/>; nothing is sent until <see cref="Connect"/>.</summary>
    public MqttNetConnection(MqttEndpoint endpoint)
        : this(endpoint, null)
    {
    }

    /// <summary>
    /// A connection whose byte stream comes from <paramref name="streamProvider"/> instead of a TCP socket (null: TCP);
    /// bench/ <c>PublishPathBenchmark</c> gives it a broker in memory.
    /// </summary>
    public MqttNetConnection(MqttEndpoint endpoint, MQTTnet.Channel.IMqttClientStreamProvider? streamProvider)
    {
        _endpoint = endpoint;
        _streamProvider = streamProvider;
        _client = new MqttClientFactory().CreateMqttClient();
    }

    /// <inheritdoc/>
    public bool IsConnected => _client.IsConnected;

    /// <inheritdoc/>
    public bool Connect()
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_endpoint.Host, _endpoint.Port)
            .WithClientId(_endpoint.ClientId)
            .WithCleanSession(true)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_endpoint.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromMilliseconds(_endpoint.TimeoutMs));
        if (_streamProvider != null) builder.WithStreamProvider(_streamProvider);
        if (!string.IsNullOrEmpty(_endpoint.User)) builder.WithCredentials(_endpoint.User, _endpoint.Password ?? "");
        if (!string.IsNullOrEmpty(_endpoint.AvailabilityTopic))
        {
            builder.WithWillTopic(_endpoint.AvailabilityTopic)
                .WithWillPayload("offline"u8.ToArray())
                .WithWillRetain(true)
                .WithWillQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        }
        if (_endpoint.Tls)
        {
            builder.WithTlsOptions(tls =>
            {
                tls.UseTls();
                if (!string.IsNullOrEmpty(_endpoint.CaFile))
                {
                    var ca = X509CertificateLoader.LoadCertificateFromFile(_endpoint.CaFile);
                    tls.WithTrustChain(new X509Certificate2Collection(ca));
                }
            });
        }
        try
        {
            using var timeout = new CancellationTokenSource(_endpoint.TimeoutMs);
            MqttClientOptions options = builder.Build();
            // MQTTnet sets the socket's buffers to 8 KB by default (the kernel doubles it): a set's 21 messages, sent as
            // two small segments each, fill that with segments the broker has not acknowledged yet after 8 messages, and
            // the rest waited for the broker's PUBACKs to bring the TCP acknowledgements: up to 18 ms per telegram
            // (docs/benchmarks.md, "Latency").
            if (options.ChannelOptions is MqttClientTcpOptions tcp) tcp.BufferSize = SocketBufferBytes;
            var result = _client.ConnectAsync(options, timeout.Token).GetAwaiter().GetResult();
            if (result.ResultCode == MqttClientConnectResultCode.Success)
            {
                LastError = null;
                NewSession();
                SubscribeAll();
                return true;
            }
            LastError = $"broker refused the connection: {result.ResultCode} {result.ReasonString}";
            return false;
        }
        catch (Exception e)
        {
            LastError = $"cannot connect to {_endpoint.Host}:{_endpoint.Port}: {e.Message}";
            return false;
        }
    }

    private void SubscribeAll()
    {
        foreach (string filter in _filters)
        {
            try
            {
                using var timeout = new CancellationTokenSource(_endpoint.TimeoutMs);
                _client.SubscribeAsync(filter, MqttQualityOfServiceLevel.AtLeastOnce, timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                LastError = $"subscribe to {filter} failed: {e.Message}";
            }
        }
    }

    /// <summary>
    /// Subscribes to <paramref name="topicFilter"/> (QoS 1) at every connection from now on; each message matching it
    /// is handed to <paramref name="received"/> (topic, payload) on MQTTnet's receiving thread: keep it quick and don't
    /// publish from it. Call before <see cref="Connect"/>.
    /// </summary>
    public void Subscribe(string topicFilter, Action<string, byte[]> received)
    {
        _filters.Add(topicFilter);
        _client.ApplicationMessageReceivedAsync += e =>
        {
            string topic = e.ApplicationMessage.Topic;
            if (MqttTopicFilterComparer.Compare(topic, topicFilter) == MqttTopicFilterCompareResult.IsMatch)
            {
                received(topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload));
            }
            return Task.CompletedTask;
        };
    }

    /// <inheritdoc/>
    public bool Publish(string topic, byte[] payload, int offset, int count, int qos, bool retain) =>
        PublishAndWait(topic, payload, offset, count, qos, retain);

    /// <inheritdoc/>
    public void Disconnect()
    {
        if (!_client.IsConnected) return;
        try
        {
            using var timeout = new CancellationTokenSource(_endpoint.TimeoutMs);
            _client.DisconnectAsync(new MqttClientDisconnectOptions(), timeout.Token).GetAwaiter().GetResult();
        }
        catch (Exception e)
        {
            LastError = "disconnect: " + e.Message;
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Disconnect();
        _client.Dispose();
    }
}
