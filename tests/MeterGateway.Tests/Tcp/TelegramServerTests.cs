using System.Text;
using MeterGateway.Checksums;
using MeterGateway.Config;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dlms;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Protocols.Sml;
using MeterGateway.Readings;
using MeterGateway.TcpServer;
using Xunit;

namespace MeterGateway.Tests.Tcp;

/// <summary>
/// The telegram server's portable part (<see cref="TelegramServer"/>, <see cref="ServedDecoder"/>, <see cref="ServedLink"/>)
/// on real captures: what a client receives is the meter's bytes exactly, only for frames that pass their check; slots,
/// refusals and slow clients; the status JSON.
/// </summary>
public class TelegramServerTests
{
    /// <summary>A client that records what it was sent, takes at most <see cref="Room"/> bytes, or fails.</summary>
    private sealed class FakeClient : ITelegramClient
    {
        public readonly MemoryStream Received = new();
        public int Room = int.MaxValue;
        public bool Fail;
        public bool PeerClosed;
        public bool Closed;
        public string RemoteAddress { get; init; } = "192.168.1.20:50312";

        public int TrySend(byte[] buffer, int offset, int count)
        {
            if (Fail) return -1;
            int n = Math.Min(count, Room);
            Received.Write(buffer, offset, n);
            Room -= n;
            return n;
        }

        public int Discard(byte[] scratch) => PeerClosed ? -1 : 0;

        public void Close() => Closed = true;

        public byte[] Bytes => Received.ToArray();
    }

    private sealed class FixedClock : IClock
    {
        public long Ms;
        public long UtcNowSeconds => 0;
        public long MonotonicMs => Ms;
    }

    private static TelegramServer Server(int maxClients = 4, bool raw = false, IClock? clock = null) =>
        new(new TcpServerOptions { Listen = "127.0.0.1:2001", MaxClients = maxClients, Raw = raw }, clock ?? new FixedClock());

    // Feeds a capture through the served decoder in chunks, as PushMeterSource does; returns (valid, invalid) counts.
    private static (int Valid, int Invalid) Feed(IFrameDecoder decoder, byte[] data, int chunk = 97)
    {
        int valid = 0, invalid = 0;
        for (int at = 0; at < data.Length; at += chunk)
        {
            int count = Math.Min(chunk, data.Length - at), used = 0;
            while (used < count)
            {
                used += decoder.Feed(data, at + used, count - used);
                if (decoder.Result == FrameResult.Valid) valid++;
                else if (decoder.Result == FrameResult.Invalid) invalid++;
            }
        }
        return (valid, invalid);
    }

    // The telegram as it is in the file: '/' through the CR LF after the CRC.
    private static byte[] Telegram(byte[] file)
    {
        int start = Array.IndexOf(file, (byte)'/');
        int bang = Array.LastIndexOf(file, (byte)'!');
        int end = Array.IndexOf(file, (byte)'\n', bang);
        return file[start..(end + 1)];
    }

    public static TheoryData<string> PlainDsmrCaptures() => new()
    {
        "dsmr42_nl_kaifa.txt", "dsmr50_nl_iskra_am550_openhab.txt", "emucs171_be_fluvius.txt", "dsmr50_at_sagemcom_t210dr_plain.txt",
        "dsmr50_nl_warmtelink_heat_unpadded_crc.txt", "dsmr40_nl_kaifa_maxdemand_mixedcase_crc_polargoose.txt", "dsmr30_nl_iskra_mt382-1000.txt",
    };

    [Theory]
    [MemberData(nameof(PlainDsmrCaptures))]
    public void ADsmrTelegramReachesEveryClientByteForByte(string name)
    {
        byte[] file = Corpus.Bytes("dsmr", name);
        var server = Server();
        var a = new FakeClient();
        var b = new FakeClient { RemoteAddress = "192.168.1.21:40000" };
        Assert.True(server.Add(a));
        Assert.True(server.Add(b));
        // garbage before, the telegram twice, garbage between
        byte[] garbage = Encoding.ASCII.GetBytes("\0\x7F!12AB\r\nnoise");
        byte[] stream = [.. garbage, .. file, .. garbage, .. file];
        var (valid, invalid) = Feed(new ServedDecoder(new DsmrDecoder(), server, TelegramFormat.Dsmr), stream);
        Assert.Equal(2, valid);
        byte[] telegram = Telegram(file);
        Assert.Equal([.. telegram, .. telegram], a.Bytes);
        Assert.Equal(a.Bytes, b.Bytes);
        Assert.Equal(2, server.FramesServed);
        Assert.True(invalid >= 0);
    }

    [Fact]
    public void ADamagedTelegramIsNeverSent()
    {
        byte[] file = Corpus.Bytes("dsmr", "dsmr50_nl_iskra_am550_openhab.txt");
        byte[] damaged = (byte[])file.Clone();
        int digit = Encoding.ASCII.GetString(file).IndexOf("000156.167", StringComparison.Ordinal);
        damaged[digit + 3] = (byte)'7'; // 000176.167: the CRC no longer matches
        var server = Server();
        var client = new FakeClient();
        server.Add(client);
        var (valid, invalid) = Feed(new ServedDecoder(new DsmrDecoder(), server, TelegramFormat.Dsmr), [.. file, .. damaged, .. file]);
        Assert.Equal(2, valid);
        Assert.Equal(1, invalid);
        byte[] telegram = Telegram(file);
        Assert.Equal([.. telegram, .. telegram], client.Bytes);
    }

    [Fact]
    public void ATelegramLetThroughByLenientCrcIsWithheld()
    {
        byte[] file = Corpus.Bytes("dsmr", "dsmr50_nl_iskra_am550_openhab.txt");
        byte[] damaged = (byte[])file.Clone();
        damaged[Encoding.ASCII.GetString(file).IndexOf("000156.167", StringComparison.Ordinal) + 3] = (byte)'7';
        var server = Server();
        var client = new FakeClient();
        server.Add(client);
        var (valid, _) = Feed(new ServedDecoder(new DsmrDecoder(4096, lenientCrc: true), server, TelegramFormat.Dsmr), [.. damaged, .. file]);
        Assert.Equal(2, valid); // the gateway publishes both (lenient_crc)
        Assert.Equal(Telegram(file), client.Bytes); // the client gets only the one whose CRC is right
        Assert.Equal(1, server.FramesWithheld);
        Assert.Equal(1, server.FramesServed);
    }

    [Fact]
    public void ADecryptedSmartyFrameIsServedAsAPlainTelegramWithAValidCrc()
    {
        // The real Smarty frame (openHAB): its plaintext carries CRC CFDE, which does not match its content (99BD).
        byte[] frame = Corpus.Bytes("dsmr", "lux_smarty_real_encrypted_openhab.bin");
        byte[] plain = Corpus.Bytes("dsmr", "lux_smarty_long_decrypted_from_real_frame.txt");
        var server = Server();
        var client = new FakeClient();
        server.Add(client);
        var decoder = new DlmsCipherDecoder(new DsmrDecoder(4096, lenientCrc: true), Convert.FromHexString("D491470F47126332B07D1923B3504188"));
        var (valid, _) = Feed(new ServedDecoder(decoder, server, TelegramFormat.DecryptedDsmr), frame);
        Assert.Equal(1, valid);
        byte[] got = client.Bytes;
        string text = Encoding.ASCII.GetString(got);
        Assert.EndsWith("!99BD\r\n", text);
        Assert.Equal(plain[..^6], got[..^6]); // everything up to the CRC digits as the meter encrypted it
        Assert.Equal(0x99BD, Crc16.Arc(got, 0, got.Length - 6));
        Assert.Single(MeterGateway.Tests.Dsmr.DsmrDecoding.Decode(got), f => f.Result == FrameResult.Valid);
    }

    [Fact]
    public void ADecryptedFrameWithAValidCrcIsServedAsItWasEncrypted()
    {
        byte[] frame = Corpus.Bytes("dsmr", "lux_smarty_synthetic_encrypted_polargoose.bin");
        byte[] plain = Corpus.Bytes("dsmr", "dsmr50_at_sagemcom_t210dr_plain.txt");
        var server = Server();
        var client = new FakeClient();
        server.Add(client);
        var decoder = new DlmsCipherDecoder(new DsmrDecoder(), Convert.FromHexString("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"));
        Feed(new ServedDecoder(decoder, server, TelegramFormat.DecryptedDsmr), frame);
        Assert.Equal(plain, client.Bytes);
    }

    [Theory]
    [InlineData("EMH_eHZ361L5R.bin")]
    [InlineData("DZG_DVS-7420.2V.G2_mtr0.bin")]
    [InlineData("EMH-ED300L_consumption.bin")]
    public void SmlFilesAreServedAsReceived(string name)
    {
        byte[] capture = Corpus.Bytes("sml", name);
        var server = Server();
        var client = new FakeClient();
        server.Add(client);
        var (valid, _) = Feed(new ServedDecoder(new SmlDecoder(), server, TelegramFormat.Sml), capture);
        Assert.True(valid > 0);
        // Every file served is a run of the capture's own bytes; together they decode as the same number of valid files.
        byte[] got = client.Bytes;
        var again = new SmlDecoder();
        int start = 0, files = 0;
        for (int used = 0; used < got.Length;)
        {
            used += again.Feed(got, used, got.Length - used);
            Assert.NotEqual(FrameResult.Invalid, again.Result);
            if (again.Result != FrameResult.Valid) continue;
            Assert.True(IndexOf(capture, got[start..used]) >= 0, "file " + files + " is not in the capture");
            start = used;
            files++;
        }
        Assert.Equal(valid, files);
        Assert.Equal(got.Length, start);
    }

    [Fact]
    public void AnEscapedSequenceInAnSmlFileIsSentTwiceAgain()
    {
        // SML 1.04 §8.2: 1B1B1B1B in the data at a multiple of 4 is sent as 1B1B1B1B 1B1B1B1B; the decoder keeps one.
        byte[] body = [0x76, 0x05, 0x01, 0x02, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x62, 0x00, 0x63, 0x01];
        byte[] head = [0x1B, 0x1B, 0x1B, 0x1B, 0x01, 0x01, 0x01, 0x01];
        byte[] withoutCrc = [.. head, .. body, 0x1B, 0x1B, 0x1B, 0x1B, 0x1A, 0x00]; // 24 bytes received before the end: no padding
        int crc = Crc16.X25(withoutCrc, 0, withoutCrc.Length);
        byte[] file = [.. withoutCrc, (byte)crc, (byte)(crc >> 8)];
        var server = Server();
        var client = new FakeClient();
        server.Add(client);
        var decoder = new SmlDecoder();
        var (valid, _) = Feed(new ServedDecoder(decoder, server, TelegramFormat.Sml), [0x00, .. file, 0x42]);
        Assert.Equal(1, valid);
        Assert.Equal(file.Length - 4, decoder.FrameLength); // stored once
        Assert.Equal(file, client.Bytes);                   // sent as the meter sent it
    }

    [Fact]
    public void AnIec62056PushIsServedFromIdentificationToBcc()
    {
        byte[] capture = Corpus.Bytes("iec62056-21", "emh_ehz_modeD_push.meter1.bin");
        var server = Server();
        var client = new FakeClient();
        server.Add(client);
        var (valid, _) = Feed(new ServedDecoder(new Iec62056Decoder(), server, TelegramFormat.Iec62056), capture);
        Assert.True(valid > 0);
        byte[] got = client.Bytes;
        Assert.Equal((byte)'/', got[0]);
        Assert.True(IndexOf(capture, got[..(got.Length / valid)]) >= 0);
        Assert.Equal(valid, server.FramesServed);
    }

    [Fact]
    public void RawModePassesEveryByteReadIncludingGarbage()
    {
        byte[] file = Corpus.Bytes("dsmr", "dsmr42_nl_kaifa.txt");
        byte[] stream = [0x00, 0xFF, .. file[..100], 0x42, .. file];
        var server = Server(raw: true);
        var client = new FakeClient();
        server.Add(client);
        var link = new ServedLink(new BytesLink(stream), server);
        var buffer = new byte[64];
        while (link.Read(buffer, 0, buffer.Length, 0) > 0) { }
        Assert.Equal(stream, client.Bytes);
        // and checked frames are not sent in raw mode
        Assert.False(server.Serve(TelegramFormat.Dsmr, file, 0, file.Length));
    }

    private sealed class BytesLink(byte[] data) : IMeterLink
    {
        private int _at;
        public void Open(int baudRate, LinkParity parity, int dataBits) { }
        public void Close() { }
        public void Configure(int baudRate, LinkParity parity, int dataBits) { }
        public int Read(byte[] buffer, int offset, int count, int timeoutMs)
        {
            int n = Math.Min(count, data.Length - _at);
            Array.Copy(data, _at, buffer, offset, n);
            _at += n;
            return n;
        }
        public void Write(byte[] buffer, int offset, int count) { }
        public void SetDataRequest(bool active) { }
    }

    [Fact]
    public void ConnectionsBeyondMaxClientsAreRefusedAndASlowClientIsDroppedWithoutHoldingUpTheOthers()
    {
        byte[] file = Corpus.Bytes("dsmr", "dsmr42_nl_kaifa.txt");
        byte[] telegram = Telegram(file);
        var clock = new FixedClock { Ms = 1000 };
        var server = Server(maxClients: 2, clock: clock);
        var fast = new FakeClient();
        var slow = new FakeClient { Room = telegram.Length + 10, RemoteAddress = "10.0.0.7:1234" };
        var third = new FakeClient();
        Assert.True(server.Add(fast));
        Assert.True(server.Add(slow));
        Assert.False(server.Add(third));
        Assert.True(third.Closed);
        var decoder = new ServedDecoder(new DsmrDecoder(), server, TelegramFormat.Dsmr);
        Feed(decoder, [.. file, .. file, .. file]);
        Assert.Equal([.. telegram, .. telegram, .. telegram], fast.Bytes);
        Assert.True(slow.Closed);
        Assert.Equal(telegram.Length + 10, slow.Bytes.Length); // the first, and part of the second
        Assert.Equal(1, server.DroppedSlow);
        Assert.Equal(1, server.ClientCount);
        // its slot is free again
        var fourth = new FakeClient { RemoteAddress = "10.0.0.8:999" };
        clock.Ms = 3500;
        Assert.True(server.Add(fourth));
        // a client whose connection fails, and one whose peer closed
        fast.Fail = true;
        Feed(decoder, file);
        Assert.True(fast.Closed);
        Assert.Equal(1, server.Disconnected);
        Assert.Equal(telegram, fourth.Bytes);
        fourth.PeerClosed = true;
        server.Housekeep(new byte[16]);
        Assert.True(fourth.Closed);
        Assert.Equal(0, server.ClientCount);
        Assert.Equal(3, server.Accepted);
        Assert.Equal(1, server.Refused);
    }

    [Fact]
    public void StatusListsTheClients()
    {
        var clock = new FixedClock { Ms = 1000 };
        var server = Server(clock: clock);
        server.Add(new FakeClient());
        clock.Ms = 10_400;
        byte[] telegram = Telegram(Corpus.Bytes("dsmr", "dsmr42_nl_kaifa.txt"));
        Assert.True(server.Serve(TelegramFormat.Dsmr, telegram, 0, telegram.Length - 2));
        var w = new JsonWriter(1024);
        w.Raw('{');
        w.Name("a", true); w.Number(1);
        TelegramServer.WriteStatus(w, server);
        TelegramServer.WriteStatus(w, null);
        w.Raw('}');
        Assert.Equal("{\"a\":1,\"tcp\":{\"enabled\":true,\"listen\":\"127.0.0.1:2001\",\"raw\":false,\"max_clients\":4,\"accepted\":1,\"refused\":0,"
            + "\"dropped_slow\":0,\"disconnected\":0,\"frames_served\":1,\"frames_withheld\":0,\"clients\":[{\"address\":\"192.168.1.20:50312\","
            + "\"connected_for\":9,\"frames\":1,\"bytes\":" + telegram.Length + "}]},\"tcp\":{\"enabled\":false}}",
            Encoding.UTF8.GetString(w.Buffer, 0, w.Length));
        Assert.True(w.Length - 24 <= TelegramServer.StatusBytes(4));
    }

    [Fact]
    public void StatusOfFullSlotsFitsItsBudget()
    {
        var server = Server(maxClients: TcpServerOptions.MaxClientsLimit);
        for (int i = 0; i < TcpServerOptions.MaxClientsLimit; i++) server.Add(new FakeClient { RemoteAddress = "255.255.255.255:65535" });
        var w = new JsonWriter(4096);
        TelegramServer.WriteStatus(w, server);
        Assert.InRange(w.Length, 1, TelegramServer.StatusBytes(TcpServerOptions.MaxClientsLimit) - 8 * 40); // room for 10-digit counters
    }

    [Theory]
    [InlineData("listen = 2001", "[TCP] listen = \"2001\": expected HOST:PORT")]
    [InlineData("listen = 0.0.0.0:0", "[TCP] listen = \"0.0.0.0:0\": expected HOST:PORT")]
    [InlineData("listen = 256.1.1.1:2001", "[TCP] listen = \"256.1.1.1:2001\": expected HOST:PORT")]
    [InlineData("listen = box.local:2001", "[TCP] listen = \"box.local:2001\": expected HOST:PORT")]
    [InlineData("max_clients = 9", "[TCP] max_clients = \"9\": out of range 1..8")]
    [InlineData("raw = maybe", "[TCP] raw = \"maybe\": not a boolean")]
    public void BadTcpSettingsNameTheKeyAndValue(string line, string message)
    {
        var e = Assert.Throws<ConfigException>(() => GatewayConfig.Load("[TCP]\n" + line + "\n"));
        Assert.StartsWith(message, e.Message);
    }

    [Fact]
    public void TcpSettingsLoad()
    {
        var config = GatewayConfig.Load("[TCP]\nlisten = 0.0.0.0:2001\nraw = yes\nmax_clients = 2\n");
        Assert.True(config.Tcp.Enabled);
        Assert.Equal("0.0.0.0", config.Tcp.ListenHost);
        Assert.Equal(2001, config.Tcp.ListenPort);
        Assert.True(config.Tcp.Raw);
        Assert.Equal(2, config.Tcp.MaxClients);
        var defaults = new GatewayConfig();
        Assert.False(defaults.Tcp.Enabled);
        Assert.Equal(4, defaults.Tcp.MaxClients);
        Assert.False(defaults.Tcp.Raw);
    }

    [Fact]
    public void AMeterThatDoesNotPushCannotBeServed()
    {
        var e = Assert.Throws<ConfigException>(() => GatewayConfig.Load("[GENERAL]\nprotocol = ekm\n[TCP]\nlisten = 127.0.0.1:2001\n"));
        Assert.StartsWith("[TCP] listen = \"127.0.0.1:2001\": needs a meter that pushes", e.Message);
        GatewayConfig.Load("[GENERAL]\nprotocol = iec62056-21\n[IEC]\nmode = d\n[TCP]\nlisten = 127.0.0.1:2001\n");
    }

    /// <summary>A client that takes everything and keeps nothing (for the allocation count).</summary>
    private sealed class SinkClient : ITelegramClient
    {
        public long Bytes;
        public string RemoteAddress => "127.0.0.1:1";
        public int TrySend(byte[] buffer, int offset, int count) { Bytes += count; return count; }
        public int Discard(byte[] scratch) => 0;
        public void Close() { }
    }

    [Fact]
    public void ServingAllocatesNothingPerTelegram()
    {
        byte[] file = Corpus.Bytes("dsmr", "dsmr50_nl_iskra_am550_openhab.txt");
        var server = Server();
        var clients = new[] { new SinkClient(), new SinkClient(), new SinkClient(), new SinkClient() };
        foreach (var c in clients) server.Add(c);
        var decoder = new ServedDecoder(new DsmrDecoder(), server, TelegramFormat.Dsmr);
        Feed(decoder, file, file.Length); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 100; i++)
        {
            for (int used = 0; used < file.Length;) used += decoder.Feed(file, used, file.Length - used);
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
        Assert.Equal(101, server.FramesServed);
        Assert.All(clients, c => Assert.Equal(101L * Telegram(file).Length, c.Bytes));
    }

    /// <summary>
    /// The server as the box builds it (<c>listen = 0.0.0.0:1502</c>, 4 slots), measured as docs/firmware.md measures the
    /// rest: the field and array bytes reachable from it (references 4 bytes as on the ESP32, strings 2 bytes per
    /// character), the shared clock excluded; plus about 12 bytes of heap-block header per object on nanoFramework.
    /// </summary>
    [Fact]
    public void MemoryOfTheServer()
    {
        var clock = new FixedClock();
        var server = new TelegramServer(new TcpServerOptions { Listen = "0.0.0.0:1502" }, clock);
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance) { clock };
        long bytes = Measure(server, seen);
        int objects = seen.Count - 1;
        // docs/tcp.md gives these figures
        Assert.Equal(228, bytes);
        Assert.Equal(8, objects);
    }

    private static long Measure(object o, HashSet<object> seen)
    {
        if (!seen.Add(o)) return 0;
        if (o is string text) return 2L * text.Length;
        if (o is Array array)
        {
            Type element = array.GetType().GetElementType()!;
            long total = (long)array.Length * FieldSize(element);
            if (!element.IsValueType) foreach (object? item in array) if (item != null) total += Measure(item, seen);
            return total;
        }
        long sum = 0;
        for (Type? t = o.GetType(); t != null && t != typeof(object); t = t.BaseType)
        {
            foreach (var f in t.GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.DeclaredOnly))
            {
                sum += FieldSize(f.FieldType);
                if (!f.FieldType.IsValueType && f.GetValue(o) is { } value) sum += Measure(value, seen);
            }
        }
        return sum;
    }

    private static int FieldSize(Type t) =>
        !t.IsValueType ? 4 : t == typeof(long) || t == typeof(double) ? 8 : t == typeof(bool) || t == typeof(byte) ? 1 : t == typeof(short) || t == typeof(char) ? 2 : 4;

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (int i = 0; i + needle.Length <= haystack.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle)) return i;
        }
        return -1;
    }
}
