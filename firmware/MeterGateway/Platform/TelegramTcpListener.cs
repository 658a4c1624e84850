using System.Net;
using System.Net.Sockets;
using System.Threading;
using MeterGateway.TcpServer;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The box's socket adapter of the telegram server (<c>[TCP] listen</c>, docs/tcp.md): a listening nanoFramework
    /// socket and a thread of its own that accepts connections into the <see cref="TelegramServer"/>'s slots and drops what
    /// clients send (<see cref="TelegramServer.Housekeep"/>) between accepts. The main loop's thread sends the frames
    /// (<see cref="ServedDecoder"/>); every decision (slots, refusals, slow clients, bytes) is the server's.
    /// </summary>
    public sealed class TelegramTcpListener
    {
        private const int AcceptPollMicroseconds = 500000;
        private const int Backlog = 2;

        private readonly TelegramServer _server;
        private readonly Socket _listener;
        private readonly byte[] _scratch = new byte[64];

        /// <summary>
        /// Binds <c>[TCP] listen</c> of <paramref name="options"/> (use <c>0.0.0.0:PORT</c> on the box: its address comes
        /// from DHCP). Throws <see cref="SocketException"/> when the address cannot be bound.
        /// </summary>
        public TelegramTcpListener(TelegramServer server, TcpServerOptions options)
        {
            _server = server;
            _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _listener.Bind(new IPEndPoint(IPAddress.Parse(options.ListenHost), options.ListenPort));
            _listener.Listen(Backlog);
        }

        /// <summary>Starts accepting on a thread of its own.</summary>
        public void Start()
        {
            new Thread(Run).Start();
        }

        private void Run()
        {
            while (true)
            {
                try
                {
                    if (_listener.Poll(AcceptPollMicroseconds, SelectMode.SelectRead))
                    {
                        _server.Add(new Esp32TelegramClient(_listener.Accept()));
                    }
                }
                catch (SocketException)
                {
                    Thread.Sleep(500); // Wi-Fi down, or a connection reset before it was accepted
                }
                _server.Housekeep(_scratch);
            }
        }

        /// <summary>
        /// One client: sends only when lwIP says the socket is writable, so a send never waits; a send that does not take
        /// the whole part (lwIP's per-connection send buffer is full) reports it and the server drops the client.
        /// </summary>
        private sealed class Esp32TelegramClient : ITelegramClient
        {
            private readonly Socket _socket;

            public Esp32TelegramClient(Socket socket)
            {
                _socket = socket;
                _socket.SendTimeout = 1; // a backstop: Send is only called when the socket is writable
                IPEndPoint remote = socket.RemoteEndPoint as IPEndPoint;
                RemoteAddress = remote != null ? remote.Address.ToString() + ":" + remote.Port.ToString() : "?";
            }

            public string RemoteAddress { get; private set; }

            public int TrySend(byte[] buffer, int offset, int count)
            {
                if (!_socket.Poll(0, SelectMode.SelectWrite)) return 0;
                return _socket.Send(buffer, offset, count, SocketFlags.None);
            }

            public int Discard(byte[] scratch)
            {
                if (!_socket.Poll(0, SelectMode.SelectRead)) return 0;
                int available = _socket.Available;
                if (available == 0) return -1; // readable with nothing to read: the peer closed
                int total = 0;
                while (available > 0)
                {
                    int read = _socket.Receive(scratch, 0, available < scratch.Length ? available : scratch.Length, SocketFlags.None);
                    if (read <= 0) break;
                    total += read;
                    available -= read;
                }
                return total;
            }

            public void Close()
            {
                _socket.Close();
            }
        }
    }
}
