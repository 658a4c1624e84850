using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MeterGateway.Host.Serial;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Tests.EndToEnd;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Tcp;

/// <summary>
/// The telegram server end to end (issue 19): the test is the meter, writing DSMR 5 telegrams (good ones, damaged ones and
/// garbage between them) on one end of a socat pty pair; <c>metergateway run --tcp</c> reads the other end and publishes to
/// a real mosquitto; two TCP clients are connected, one that reads everything and one that never reads. The fast one must
/// receive every good telegram byte for byte (valid CRCs) and none of the damaged ones; the slow one is disconnected; the
/// MQTT side loses nothing.
/// </summary>
[Collection(RealComponentsCollection.Name)]
public class TelegramServerEndToEndTests
{
    private const int Telegrams = 90;
    private const string Note = "Meter reading active energy out tariff 1";
    private static readonly byte[] Garbage = [0x00, 0x00, 0xFF, .. Encoding.ASCII.GetBytes(" garbage !1234\r\n")];

    // CRC-16/ARC bit by bit (poly 0xA001 reflected, init 0): independent of the project's table-driven Crc16.
    private static int Crc16Arc(byte[] data, int count)
    {
        int crc = 0;
        for (int i = 0; i < count; i++)
        {
            crc ^= data[i];
            for (int b = 0; b < 8; b++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xA001 : crc >> 1;
        }
        return crc;
    }

    // Telegram i of the Iskra AM550 capture: its own meter time and 1-0:1.8.1 value, a correct CRC; a damaged one has a
    // digit of 1-0:1.8.2 changed after the CRC was computed.
    private static byte[] MakeTelegram(int i, bool damaged)
    {
        string template = File.ReadAllText(Corpus.File("dsmr", "dsmr50_nl_iskra_am550_openhab.txt"));
        string body = template[..(template.IndexOf('!') + 1)]
            .Replace("0-0:1.0.0(180104231941W)", "0-0:1.0.0(" + new DateTime(2018, 1, 4, 23, 19, 41).AddSeconds(i).ToString("yyMMddHHmmss") + "W)")
            .Replace("1-0:1.8.1(000156.167*kWh)", $"1-0:1.8.1({156 + i:D6}.167*kWh)");
        byte[] bytes = Encoding.ASCII.GetBytes(body);
        string crc = Crc16Arc(bytes, bytes.Length).ToString("X4");
        if (damaged) body = body.Replace("1-0:1.8.2(000071.546*kWh)", "1-0:1.8.2(000071.946*kWh)");
        return Encoding.ASCII.GetBytes(body + crc + "\r\n");
    }

    private static bool Damaged(int i) => i % 6 == 5;

    [SkippableFact]
    public async Task TheFastClientGetsEveryGoodTelegramTheSlowOneIsDroppedAndMqttLosesNothing()
    {
        int tcpPort = ExternalTool.FreePort(), httpPort = ExternalTool.FreePort();
        await using var h = await GatewayHarness.StartAsync("dsmr", 115200, "none", 8, "",
            "--tcp", "127.0.0.1:" + tcpPort, "--http", "127.0.0.1:" + httpPort);
        Skip.If(h == null, GatewayHarness.Missing);

        using var fast = await ConnectAsync(tcpPort, receiveBuffer: 0, h!);
        using var slow = await ConnectAsync(tcpPort, receiveBuffer: 1024, h);
        using var http = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:" + httpPort + "/") };
        Assert.True(await WaitAsync(async () => (await Tcp(http))?.GetProperty("clients").GetArrayLength() == 2), "the server did not list both clients:\n" + h.GatewayLog);

        var received = new MemoryStream();
        using var stopReading = new CancellationTokenSource();
        var reader = Task.Run(async () =>
        {
            var buffer = new byte[8192];
            try
            {
                while (true)
                {
                    int n = await fast.ReceiveAsync(buffer, SocketFlags.None, stopReading.Token);
                    if (n == 0) return;
                    lock (received) received.Write(buffer, 0, n);
                }
            }
            catch (OperationCanceledException) { }
        });

        // The meter: good and damaged telegrams with garbage between them.
        var good = new List<byte[]>();
        using (var meter = new SerialMeterLink(h.Pty.A))
        {
            meter.Open(115200, LinkParity.None, 8);
            for (int i = 0; i < Telegrams; i++)
            {
                byte[] telegram = MakeTelegram(i, Damaged(i));
                if (!Damaged(i)) good.Add(telegram);
                meter.Write(telegram, 0, telegram.Length);
                meter.Write(Garbage, 0, Garbage.Length);
                await Task.Delay(40);
            }
            await Task.Delay(500); // let the pty drain before the meter end closes
        }
        byte[] expected = good.SelectMany(t => t).ToArray();

        int Length() { lock (received) return (int)received.Length; }
        Assert.True(await WaitAsync(() => Task.FromResult(Length() >= expected.Length), 60), $"the fast client received {Length()} of {expected.Length} bytes:\n" + h.GatewayLog);
        await Task.Delay(300);
        stopReading.Cancel();
        await reader;
        byte[] got;
        lock (received) got = received.ToArray();
        Assert.Equal(expected.Length, got.Length);
        Assert.True(expected.SequenceEqual(got), "the fast client's bytes differ from the good telegrams");
        // every telegram it got verifies (its own CRC, computed independently), none of the damaged ones is among them
        var frames = MeterGateway.Tests.Dsmr.DsmrDecoding.Decode(got);
        Assert.Equal(Telegrams - Telegrams / 6, frames.Count(f => f.Result == FrameResult.Valid));
        Assert.DoesNotContain(frames, f => f.Result != FrameResult.Valid);
        Assert.DoesNotContain("000071.946", Encoding.ASCII.GetString(got));

        // The slow client was disconnected: what it can still read is a prefix of the good stream, then the end.
        var tcp = await Tcp(http);
        Assert.Equal(1, tcp!.Value.GetProperty("dropped_slow").GetInt32());
        Assert.Equal(1, tcp.Value.GetProperty("clients").GetArrayLength());
        Assert.Equal(Telegrams - Telegrams / 6, tcp.Value.GetProperty("frames_served").GetInt32());
        byte[] slowGot = await ReadToEndAsync(slow);
        Assert.InRange(slowGot.Length, 1, expected.Length - 1);
        Assert.True(expected.AsSpan(0, slowGot.Length).SequenceEqual(slowGot), "the slow client's bytes are not a prefix of the good telegrams");

        // MQTT: one event of 1-0:1.8.1 per good telegram, with its value.
        string[] expectedDigits = Enumerable.Range(0, Telegrams).Where(i => !Damaged(i)).Select(i => (156 + i) + ".167").ToArray();
        bool all = await h.Recorder.WaitForAsync(m => Tariff1(m).Count() >= expectedDigits.Length, TimeSpan.FromSeconds(60));
        Assert.True(all, $"{Tariff1(h.Recorder.Messages).Count()} of {expectedDigits.Length} sets arrived on MQTT:\n" + h.GatewayLog);
        Assert.Equal(expectedDigits, Tariff1(h.Recorder.Messages).ToArray());
    }

    private static IEnumerable<string> Tariff1(IEnumerable<(string Topic, string Payload, bool Retain)> messages) =>
        messages.Where(m => m.Topic.StartsWith("vscp/") && m.Payload.Contains("\"" + Note + "\""))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("measurement").GetProperty("value").GetRawText());

    private static async Task<Socket> ConnectAsync(int port, int receiveBuffer, GatewayHarness h)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            if (receiveBuffer > 0) socket.ReceiveBufferSize = receiveBuffer;
            try
            {
                await socket.ConnectAsync("127.0.0.1", port);
                return socket;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                socket.Dispose();
                Assert.True(h.Gateway.Running, "metergateway stopped:\n" + h.GatewayLog);
                await Task.Delay(200);
            }
        }
    }

    private static async Task<JsonElement?> Tcp(HttpClient http)
    {
        try
        {
            string json = await http.GetStringAsync("status.json");
            return JsonDocument.Parse(json).RootElement.GetProperty("tcp").Clone();
        }
        catch (Exception e) when (e is HttpRequestException or KeyNotFoundException or JsonException)
        {
            return null;
        }
    }

    private static async Task<bool> WaitAsync(Func<Task<bool>> condition, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition()) return true;
            await Task.Delay(200);
        }
        return await condition();
    }

    private static async Task<byte[]> ReadToEndAsync(Socket socket)
    {
        var all = new MemoryStream();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            int n = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            if (n == 0) return all.ToArray();
            all.Write(buffer, 0, n);
        }
    }
}
