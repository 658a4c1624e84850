using MeterGateway.Checksums;
using MeterGateway.Link;
using MeterGateway.Readings;

namespace MeterGateway.TcpServer
{
    /// <summary>
    /// The telegram server of <c>[TCP]</c> (docs/tcp.md): every connected client receives each frame the meter sent,
    /// byte for byte, once it passed its check (DSMR CRC-16/ARC, SML CRC-16/X.25, IEC 62056-21 BCC, DLMS GCM tag), as a
    /// ser2net-style TCP port does for Home Assistant's DSMR integration, evcc, DSMR-reader or vzlogger; with
    /// <see cref="Raw"/> the meter's bytes unchecked instead.
    /// <list type="bullet">
    /// <item>A fixed set of <see cref="MaxClients"/> slots, allocated at construction; a connection beyond them is closed
    /// at once (<see cref="Refused"/>).</item>
    /// <item>A frame is written to every client from the buffer it is already in (the decoder's); nothing is copied or
    /// allocated per frame. The few bytes the server adds (CR LF after a DSMR telegram, a recomputed CRC) come from
    /// buffers of its own.</item>
    /// <item>Nothing waits for a client: <see cref="ITelegramClient.TrySend"/> must not block; a client whose socket does
    /// not take a whole part (its send buffer is full: it does not keep up) is disconnected (<see cref="DroppedSlow"/>),
    /// and so is one whose connection failed (<see cref="Disconnected"/>). A client dropped in the middle of a frame has
    /// received part of it.</item>
    /// <item>What clients send is read and dropped (<see cref="Housekeep"/>); idle connections are kept.</item>
    /// </list>
    /// Thread-safe: the platform's accept thread calls <see cref="Add"/> and <see cref="Housekeep"/>, the gateway loop's
    /// thread serves frames and writes the status; one lock orders them, so a client never joins in the middle of a frame.
    /// </summary>
    public sealed class TelegramServer
    {
        private static readonly byte[] CrLf = { 13, 10 };

        private readonly object _lock = new object();
        private readonly IClock _clock;
        private readonly string _listen;
        private readonly bool _raw;
        private readonly ITelegramClient[] _clients;
        private readonly long[] _since;
        private readonly long[] _frames;
        private readonly long[] _bytes;
        private readonly byte[] _trailer = new byte[6]; // "XXXX" CR LF: a CRC the server computed
        private int _count;
        private bool _closed;

        /// <summary>
        /// A server with <see cref="TcpServerOptions.MaxClients"/> slots serving checked frames, or the meter's bytes when
        /// <see cref="TcpServerOptions.Raw"/>; <paramref name="clock"/> times the connections. Throws
        /// <see cref="System.ArgumentException"/> when MaxClients is outside 1..<see cref="TcpServerOptions.MaxClientsLimit"/>.
        /// </summary>
        public TelegramServer(TcpServerOptions options, IClock clock)
        {
            if (options.MaxClients < 1 || options.MaxClients > TcpServerOptions.MaxClientsLimit) throw new System.ArgumentException("max_clients out of range");
            _clock = clock;
            _listen = options.Listen;
            _raw = options.Raw;
            _clients = new ITelegramClient[options.MaxClients];
            _since = new long[options.MaxClients];
            _frames = new long[options.MaxClients];
            _bytes = new long[options.MaxClients];
        }

        /// <summary>True when the meter's bytes are passed through unchecked (<c>[TCP] raw</c>).</summary>
        public bool Raw { get { return _raw; } }

        /// <summary>Number of client slots (<c>[TCP] max_clients</c>).</summary>
        public int MaxClients { get { return _clients.Length; } }

        /// <summary>Clients connected now.</summary>
        public int ClientCount { get { lock (_lock) { return _count; } } }

        /// <summary>Connections taken into a slot since start.</summary>
        public long Accepted { get; private set; }

        /// <summary>Connections closed at once because every slot was taken (or the server was stopping).</summary>
        public long Refused { get; private set; }

        /// <summary>Clients disconnected because their socket did not take a frame (send buffer full).</summary>
        public long DroppedSlow { get; private set; }

        /// <summary>Clients that closed the connection, or whose connection failed.</summary>
        public long Disconnected { get; private set; }

        /// <summary>Checked frames sent (to however many clients were connected, none included).</summary>
        public long FramesServed { get; private set; }

        /// <summary>Frames that passed the decoder but not the server's own check (a DSMR telegram with a wrong CRC let through by <c>lenient_crc</c>): never sent.</summary>
        public long FramesWithheld { get; private set; }

        /// <summary>
        /// Takes an accepted connection into a free slot; true when it got one. Without a free slot (or after
        /// <see cref="CloseAll"/>) the connection is closed and counted as <see cref="Refused"/>.
        /// </summary>
        public bool Add(ITelegramClient client)
        {
            lock (_lock)
            {
                if (!_closed)
                {
                    for (int i = 0; i < _clients.Length; i++)
                    {
                        if (_clients[i] != null) continue;
                        _clients[i] = client;
                        _since[i] = _clock.MonotonicMs;
                        _frames[i] = 0;
                        _bytes[i] = 0;
                        _count++;
                        Accepted++;
                        return true;
                    }
                }
                Refused++;
            }
            client.Close();
            return false;
        }

        /// <summary>
        /// Reads and drops what each client sent (into <paramref name="scratch"/>), and frees the slots of clients that
        /// closed the connection. Called by the accept thread between accepts.
        /// </summary>
        public void Housekeep(byte[] scratch)
        {
            lock (_lock)
            {
                for (int i = 0; i < _clients.Length; i++)
                {
                    ITelegramClient client = _clients[i];
                    if (client == null) continue;
                    int read;
                    try
                    {
                        read = client.Discard(scratch);
                    }
                    catch (System.Exception)
                    {
                        read = -1;
                    }
                    if (read < 0) Drop(i, false);
                }
            }
        }

        /// <summary>
        /// Sends one checked frame, <paramref name="count"/> bytes of <paramref name="buffer"/> from
        /// <paramref name="offset"/> as the decoder holds it, to every client, with the bytes <paramref name="format"/>
        /// adds (see <see cref="TelegramFormat"/>). False when the frame was withheld (<see cref="FramesWithheld"/>);
        /// true when it was sent (to no client, when none is connected). Nothing is sent in <see cref="Raw"/> mode.
        /// </summary>
        public bool Serve(TelegramFormat format, byte[] buffer, int offset, int count)
        {
            if (_raw || count <= 0) return false;
            lock (_lock)
            {
                bool served;
                if (format == TelegramFormat.Sml) served = SendSml(buffer, offset, count);
                else if (format == TelegramFormat.Iec62056) served = SendAll(buffer, offset, count);
                else served = SendDsmr(buffer, offset, count, format == TelegramFormat.DecryptedDsmr);
                if (!served)
                {
                    FramesWithheld++;
                    return false;
                }
                FramesServed++;
                for (int i = 0; i < _clients.Length; i++)
                {
                    if (_clients[i] != null) _frames[i]++;
                }
                return true;
            }
        }

        /// <summary>In <see cref="Raw"/> mode: sends the meter's bytes as they were read. Ignored otherwise.</summary>
        public void ServeRaw(byte[] buffer, int offset, int count)
        {
            if (!_raw || count <= 0) return;
            lock (_lock)
            {
                SendAll(buffer, offset, count);
            }
        }

        /// <summary>Closes every client; later connections are refused. For a clean stop.</summary>
        public void CloseAll()
        {
            lock (_lock)
            {
                _closed = true;
                for (int i = 0; i < _clients.Length; i++)
                {
                    if (_clients[i] == null) continue;
                    CloseQuietly(_clients[i]);
                    _clients[i] = null;
                }
                _count = 0;
            }
        }

        /// <summary>
        /// Writes the <c>"tcp"</c> member of the status JSON (docs/status-page.md): <c>{"enabled":false}</c> without a
        /// server, else the listen address, mode, counters and one object per connected client (address, seconds
        /// connected, frames and bytes sent to it). At most <see cref="StatusBytes"/> bytes; allocates nothing.
        /// </summary>
        public static void WriteStatus(JsonWriter w, TelegramServer server)
        {
            w.Name("tcp", false);
            w.Raw('{');
            w.Name("enabled", true); w.Bool(server != null);
            if (server != null) server.WriteDetails(w);
            w.Raw('}');
        }

        /// <summary>The most bytes <see cref="WriteStatus"/> writes: 300 for the server and 120 per client slot.</summary>
        public static int StatusBytes(int maxClients)
        {
            return 300 + 120 * maxClients;
        }

        private void WriteDetails(JsonWriter w)
        {
            lock (_lock)
            {
                long now = _clock.MonotonicMs;
                w.Name("listen", false); w.String(_listen);
                w.Name("raw", false); w.Bool(_raw);
                w.Name("max_clients", false); w.Number(_clients.Length);
                w.Name("accepted", false); w.Number(Accepted);
                w.Name("refused", false); w.Number(Refused);
                w.Name("dropped_slow", false); w.Number(DroppedSlow);
                w.Name("disconnected", false); w.Number(Disconnected);
                w.Name("frames_served", false); w.Number(FramesServed);
                w.Name("frames_withheld", false); w.Number(FramesWithheld);
                w.Name("clients", false);
                w.Raw('[');
                bool first = true;
                for (int i = 0; i < _clients.Length; i++)
                {
                    if (_clients[i] == null) continue;
                    if (!first) w.Raw(',');
                    first = false;
                    w.Raw('{');
                    w.Name("address", true); w.String(_clients[i].RemoteAddress);
                    w.Name("connected_for", false); w.Number((now - _since[i]) / 1000);
                    w.Name("frames", false); w.Number(_frames[i]);
                    w.Name("bytes", false); w.Number(_bytes[i]);
                    w.Raw('}');
                }
                w.Raw(']');
            }
        }

        // A DSMR telegram '/' … '!' and 0..4 CRC digits (DSMR 5.0.2 §6.2), then CR LF. A plain telegram goes out only when
        // its CRC (if it has one) matches; a decrypted one always, with the CRC computed here when it has none or a wrong one.
        private bool SendDsmr(byte[] buffer, int offset, int count, bool decrypted)
        {
            int bang = -1;
            for (int k = count - 1; k >= 0 && k >= count - 5; k--)
            {
                if (buffer[offset + k] == '!')
                {
                    bang = k;
                    break;
                }
            }
            if (bang < 0 || buffer[offset] != '/') return false;
            int digits = count - 1 - bang;
            int crc = Crc16.Arc(buffer, offset, bang + 1);
            bool matches = digits > 0;
            int sent = 0;
            for (int k = bang + 1; k < count; k++)
            {
                int h = Ascii.HexValue(buffer[offset + k]);
                if (h < 0) return false;
                sent = (sent << 4) | h;
            }
            matches = matches && sent == crc;
            if (digits > 0 && !matches && !decrypted) return false;
            if (!decrypted || matches)
            {
                SendAll(buffer, offset, count);
                SendAll(CrLf, 0, 2);
                return true;
            }
            Ascii.WriteHex2(crc >> 8, _trailer, 0);
            Ascii.WriteHex2(crc & 0xFF, _trailer, 2);
            _trailer[4] = 13;
            _trailer[5] = 10;
            SendAll(buffer, offset, bang + 1);
            SendAll(_trailer, 0, 6);
            return true;
        }

        // An SML file as SmlDecoder stores it: each escaped 1B1B1B1B in the data is held once, at a multiple of 4 bytes
        // from the start, and was sent twice by the meter (SML 1.04 §8.2). The data runs from byte 8 to the end escape,
        // 8 bytes before the end. Each such sequence is sent twice: once at the end of one part and again at the start of the next.
        private bool SendSml(byte[] buffer, int offset, int count)
        {
            if (count < 16) return false;
            int end = count - 8;
            int from = 0;
            for (int p = 8; p < end; p += 4)
            {
                int at = offset + p;
                if (buffer[at] == 0x1B && buffer[at + 1] == 0x1B && buffer[at + 2] == 0x1B && buffer[at + 3] == 0x1B)
                {
                    SendAll(buffer, offset + from, p + 4 - from);
                    from = p;
                }
            }
            SendAll(buffer, offset + from, count - from);
            return true;
        }

        // Hands one part to every client; a client that does not take all of it is dropped.
        private bool SendAll(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < _clients.Length; i++)
            {
                ITelegramClient client = _clients[i];
                if (client == null) continue;
                int sent;
                try
                {
                    sent = client.TrySend(buffer, offset, count);
                }
                catch (System.Exception)
                {
                    sent = -1;
                }
                if (sent == count) _bytes[i] += count;
                else Drop(i, sent >= 0);
            }
            return true;
        }

        private void Drop(int slot, bool slow)
        {
            CloseQuietly(_clients[slot]);
            _clients[slot] = null;
            _count--;
            if (slow) DroppedSlow++;
            else Disconnected++;
        }

        private static void CloseQuietly(ITelegramClient client)
        {
            try
            {
                client.Close();
            }
            catch (System.Exception)
            {
                // already gone
            }
        }
    }
}
