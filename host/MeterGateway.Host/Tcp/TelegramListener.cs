using System.Net;
using System.Net.Sockets;
using MeterGateway.Config;
using MeterGateway.Link;
using MeterGateway.TcpServer;

namespace MeterGateway.Host.Tcp;

/// <summary>
/// The host's socket adapter of the telegram server (<c>[TCP] listen</c>, <c>metergateway run --tcp HOST:PORT</c>;
/// docs/tcp.md): a listening IPv4 socket and a thread that accepts connections into the <see cref="TelegramServer"/>'s
/// slots and drops what clients send (<see cref="TelegramServer.Housekeep"/>) between accepts. The frames themselves are
/// sent by the gateway loop's thread (<see cref="ServedDecoder"/>). Disposing closes the listener and every client.
/// </summary>
public sealed class TelegramListener : IDisposable
{
    /// <summary>
    /// Send buffer of each client socket, bytes (Linux doubles it): about 16 DSMR 5 telegrams. A client that lets more
    /// than that (plus its own receive buffer) pile up does not keep up and is disconnected.
    /// </summary>
    public const int SendBufferBytes = 16384;

    private readonly Socket _listener;
    private readonly Thread _thread;
    private volatile bool _stopping;

    private TelegramListener(Socket listener, TelegramServer server)
    {
        _listener = listener;
        Server = server;
        Endpoint = (IPEndPoint)listener.LocalEndPoint!;
        _thread = new Thread(Run) { IsBackground = true, Name = "tcp telegram server" };
        _thread.Start();
    }

    /// <summary>The server whose clients this listener accepts.</summary>
    public TelegramServer Server { get; }

    /// <summary>The address listened on (the port the system chose when PORT was 0).</summary>
    public IPEndPoint Endpoint { get; }

    /// <summary>
    /// Applies <paramref name="argument"/> (<c>--tcp HOST:PORT</c>, or null) over <c>[TCP] listen</c> of
    /// <paramref name="config"/> and starts the server when either is set; null when both are empty. A malformed
    /// address, or a meter that does not push, is a <see cref="Cli.UsageException"/> naming it; an address that cannot
    /// be bound an <see cref="IOException"/>.
    /// </summary>
    public static TelegramListener? Start(GatewayConfig config, string? argument, IClock clock)
    {
        if (argument != null)
        {
            string? problem = TcpServerOptions.CheckListen(argument);
            if (problem != null || argument.Length == 0) throw new Cli.UsageException($"--tcp {argument}: {problem ?? "expected HOST:PORT"}");
            config.Tcp.Listen = argument;
            try
            {
                config.Validate();
            }
            catch (ConfigException e)
            {
                throw new Cli.UsageException("--tcp: " + e.Message);
            }
        }
        if (!config.Tcp.Enabled) return null;
        var endpoint = new IPEndPoint(IPAddress.Parse(config.Tcp.ListenHost), config.Tcp.ListenPort);
        var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            listener.Bind(endpoint);
            listener.Listen(8);
        }
        catch (SocketException e)
        {
            listener.Dispose();
            throw new IOException($"[TCP] listen = {config.Tcp.Listen}: cannot listen there ({e.Message})", e);
        }
        return new TelegramListener(listener, new TelegramServer(config.Tcp, clock));
    }

    private void Run()
    {
        byte[] scratch = new byte[512];
        while (!_stopping)
        {
            try
            {
                if (_listener.Poll(200_000, SelectMode.SelectRead)) Server.Add(new HostTelegramClient(_listener.Accept()));
            }
            catch (SocketException)
            {
                // a connection reset before it was accepted: keep listening
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            Server.Housekeep(scratch);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping = true;
        _thread.Join();
        _listener.Dispose();
        Server.CloseAll();
    }

    /// <summary>One client: a non-blocking socket with a small send buffer.</summary>
    private sealed class HostTelegramClient : ITelegramClient
    {
        private readonly Socket _socket;

        public HostTelegramClient(Socket socket)
        {
            _socket = socket;
            RemoteAddress = socket.RemoteEndPoint?.ToString() ?? "?";
            socket.Blocking = false;
            socket.NoDelay = true;
            socket.SendBufferSize = SendBufferBytes;
        }

        public string RemoteAddress { get; }

        public int TrySend(byte[] buffer, int offset, int count)
        {
            int sent = _socket.Send(buffer, offset, count, SocketFlags.None, out SocketError error);
            if (error == SocketError.Success) return sent;
            return error == SocketError.WouldBlock ? 0 : -1;
        }

        public int Discard(byte[] scratch)
        {
            if (!_socket.Poll(0, SelectMode.SelectRead)) return 0;
            int read = _socket.Receive(scratch, 0, scratch.Length, SocketFlags.None, out SocketError error);
            if (error == SocketError.WouldBlock) return 0;
            return error == SocketError.Success && read > 0 ? read : -1;
        }

        public void Close()
        {
            _socket.Dispose();
        }
    }
}
