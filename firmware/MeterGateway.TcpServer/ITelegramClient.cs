namespace MeterGateway.TcpServer
{
    /// <summary>
    /// One accepted TCP connection of the telegram server, as the platform adapter gives it to
    /// <see cref="TelegramServer.Add"/> (host: a System.Net.Sockets socket; ESP32: a nanoFramework socket). No call may
    /// wait: the server calls them on the gateway loop's thread, and a client must never hold up the meter.
    /// </summary>
    public interface ITelegramClient
    {
        /// <summary>The peer as text, e.g. <c>192.168.1.20:50312</c> (made once, at accept; shown in the status).</summary>
        string RemoteAddress { get; }

        /// <summary>
        /// Hands <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/> to the socket
        /// without waiting. Returns <paramref name="count"/> when the socket took them all, fewer (0 included) when its
        /// send buffer is full (the client does not keep up), -1 when the connection failed.
        /// </summary>
        int TrySend(byte[] buffer, int offset, int count);

        /// <summary>
        /// Reads and drops what the client sent, without waiting, into <paramref name="scratch"/> (shared, overwritten).
        /// Returns the number of bytes dropped (0 when none arrived), or -1 when the peer closed the connection or it failed.
        /// </summary>
        int Discard(byte[] scratch);

        /// <summary>Closes the connection without waiting (never throws).</summary>
        void Close();
    }
}
