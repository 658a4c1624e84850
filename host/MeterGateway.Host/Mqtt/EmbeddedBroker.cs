using System.Net;
using System.Net.Sockets;
using MQTTnet.Server;

namespace MeterGateway.Host.Mqtt;

/// <summary>
/// An MQTT broker inside the program (MQTTnet.Server) on 127.0.0.1, for the demo that runs when nothing is
/// configured: the gateway publishes to it over loopback like to any broker.
/// </summary>
public sealed class EmbeddedBroker : IAsyncDisposable
{
    private readonly MqttServer _server;

    /// <summary>The TCP port it listens on.</summary>
    public int Port { get; }

    private EmbeddedBroker(MqttServer server, int port)
    {
        _server = server;
        Port = port;
    }

    /// <summary>Starts a broker on <paramref name="preferredPort"/>, or on a free port when that one is taken.</summary>
    public static async Task<EmbeddedBroker> StartAsync(int preferredPort)
    {
        if (IsFree(preferredPort))
        {
            try
            {
                return await StartOnAsync(preferredPort);
            }
            catch (SocketException)
            {
                // taken between the probe and the bind (another gateway starting at the same moment): a free port then
            }
        }
        return await StartOnAsync(FreePort());
    }

    private static async Task<EmbeddedBroker> StartOnAsync(int port)
    {
        var options = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build();
        var server = new MqttServerFactory().CreateMqttServer(options);
        try
        {
            await server.StartAsync();
        }
        catch
        {
            server.Dispose();
            throw;
        }
        return new EmbeddedBroker(server, port);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
    }

    private static bool IsFree(int port)
    {
        try
        {
            var probe = new TcpListener(IPAddress.Loopback, port);
            probe.Start();
            probe.Stop();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
