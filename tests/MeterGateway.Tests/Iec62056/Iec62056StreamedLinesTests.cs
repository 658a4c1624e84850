using System.Text;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using Xunit;

namespace MeterGateway.Tests.Iec62056;

/// <summary>
/// A client that parses a data readout line by line as it arrives (<see cref="Iec62056ClientOptions.StreamLines"/>, the
/// box without a telegram server: a 2 KB receive buffer instead of 16 KB) reads every exchange of tests/corpus/iec62056-21
/// as a client that parses the whole message after its BCC: the same events, errors and readings; a message whose data
/// starts over after an STX keeps only the new start; a line longer than the buffer is reported as too long.
/// </summary>
public class Iec62056StreamedLinesTests
{
    public static TheoryData<string, Iec62056Mode, string, int, bool> Exchanges() => new()
    {
        { "actaris_ace_modeE_ack000", Iec62056Mode.Auto, "", 40, true },
        { "elster_els5_modeE_ack050", Iec62056Mode.Auto, "", 40, true },
        { "elster_els5_modeE_ack050", Iec62056Mode.Auto, "", 40, false }, // rejected: no ETX and BCC
        { "emh_ehz_modeD_push", Iec62056Mode.D, "", 0, false },
        { "iskra_mt174_modeC_9600", Iec62056Mode.Auto, "Bla0", 40, false },
        { "itron_em214_modeA_echo", Iec62056Mode.A, "", 0, true },
        { "landisgyr_zmd410_heatdata_modeC_9600", Iec62056Mode.Auto, "Bla0", 40, false }, // a bad BCC
        { "siemens_2wr5_heat_modeB_2400", Iec62056Mode.Auto, "Bla0", 40, false }, // a bad BCC, three attempts
        { "siemens_2wr5_modeC_ack030_nostx", Iec62056Mode.Auto, "", 40, false },
    };

    private static Iec62056ClientOptions Options(Iec62056Mode mode, string address, int wakeUp, bool lenient, bool stream)
    {
        var options = new Iec62056ClientOptions { Address = address, WakeUpCharacters = wakeUp, Mode = mode, AcceptMissingBcc = lenient };
        if (stream)
        {
            options.StreamLines = true;
            options.MaxMessageSize = Iec62056ClientOptions.StreamedMessageSize;
        }
        return options;
    }

    private static string Outline(List<SessionEvent> events) =>
        string.Join("\n", events.Select(e => e.Event + " " + e.Error + " " + e.ErrorText + " " + e.Json));

    [Theory]
    [MemberData(nameof(Exchanges))]
    public void EveryExchangeReadsTheSameLineByLine(string exchange, Iec62056Mode mode, string address, int wakeUp, bool lenient)
    {
        int medium = exchange.Contains("heat") ? 6 : 1;
        Iec62056ClientOptions whole = Options(mode, address, wakeUp, lenient, false), streamed = Options(mode, address, wakeUp, lenient, true);
        whole.Medium = streamed.Medium = medium;
        var a = new Session(Session.Script(exchange, mode), whole);
        var b = new Session(Session.Script(exchange, mode), streamed);
        List<SessionEvent> expected, actual;
        if (mode == Iec62056Mode.D)
        {
            // mode D: listen until two pushes have come
            a.Client.Start();
            b.Client.Start();
            expected = a.PollWhile(() => a.Line.MonotonicMs < 2500);
            actual = b.PollWhile(() => b.Line.MonotonicMs < 2500);
        }
        else
        {
            expected = a.Run();
            actual = b.Run();
        }
        Assert.NotEmpty(expected);
        Assert.Equal(Outline(expected), Outline(actual));
        Assert.Equal(Iec62056ClientOptions.StreamedMessageSize, b.Client.Framer.Buffer.Length);
        if (exchange == "iskra_mt174_modeC_9600") Assert.Equal(343, JsonReadings.Count(actual[0].Json!)); // 9.5 KB through a 2 KB buffer
    }

    // A mode C meter (the Iskra's identification) whose readout is the data given, framed STX … ETX BCC, the BCC over
    // the data from bccFrom on (a meter that starts its data over after an STX checks the new start only).
    private static Session Meter(string data, Iec62056ClientOptions options, int bccFrom = 0)
    {
        byte[] body = Encoding.ASCII.GetBytes(data + "\u0003");
        int bcc = 0;
        for (int i = bccFrom; i < body.Length; i++) bcc ^= body[i];
        byte[] readout = new byte[body.Length + 2];
        readout[0] = 2;
        body.CopyTo(readout, 1);
        readout[^1] = (byte)bcc;
        var script = Session.Script("iskra_mt174_modeC_9600");
        script.Readout = new[] { readout };
        options.Address = "Bla0";
        options.MaxAttempts = 1;
        return new Session(script, options);
    }

    [Fact]
    public void DataThatStartsOverAfterAnStxKeepsOnlyTheNewStart()
    {
        // an STX inside the data: the framer drops what came before it, and the BCC covers the new start only
        const string data = "1.8.0(00001.000*kWh)\r\n2.8.0(00002.000*kWh)\r\n\u00021.8.0(00003.000*kWh)\r\n!\r\n";
        foreach (bool stream in new[] { false, true })
        {
            var s = Meter(data, new Iec62056ClientOptions { StreamLines = stream }, data.IndexOf('\u0002') + 1);
            var events = s.Run();
            Assert.Equal(Iec62056ClientEvent.Readout, events[0].Event);
            Assert.Equal("3.000 kWh", JsonReadings.Value(events[0].Json!, "1-0:1.8.0"));
            Assert.Equal(1, JsonReadings.Count(events[0].Json!));
        }
    }

    [Fact]
    public void ALineLongerThanTheBufferIsTooLongAndLeavesNoReadings()
    {
        string data = "1.8.0(00001.000*kWh)\r\n0.0.0(" + new string('7', 3000) + ")\r\n!\r\n";
        var options = new Iec62056ClientOptions { StreamLines = true, MaxMessageSize = Iec62056ClientOptions.StreamedMessageSize };
        var s = Meter(data, options);
        var events = s.Run();
        Assert.Equal(Iec62056ClientEvent.AttemptFailed, events[0].Event);
        Assert.Equal(Iec62056Error.TooLong, events[0].Error);
        Assert.Equal(0, s.Readings.ReadingCount); // the first line was parsed, then dropped with the message
        // the whole-message client reads it with its 16 KB buffer
        var whole = Meter(data, new Iec62056ClientOptions());
        Assert.Equal(Iec62056ClientEvent.Readout, whole.Run()[0].Event);
    }

    [Theory]
    [InlineData("c", Iec62056ClientOptions.StreamedMessageSize)]
    [InlineData("d", Iec62056Framer.DefaultMaxSize)]
    public void TheGatewayStreamsReadoutsAndKeepsPushesWhole(string mode, int buffer)
    {
        var config = MeterGateway.Config.GatewayConfig.Load("[GENERAL]\nprotocol = iec62056-21\n[IEC]\nmode = " + mode + "\n");
        var line = new MeterGateway.Simulators.SimulatedSerialLine(new MeterGateway.Simulators.Iec62056MeterSimulator(Session.Script("iskra_mt174_modeC_9600")));
        var source = (Iec62056MeterSource)MeterGateway.Device.MeterProfile.For(config).CreateSource(config, line, false, line, null);
        var set = MeterGateway.Device.MeterProfile.For(config).CreateBoxReadings();
        source.Poll(set, 10);
        Assert.Equal(buffer, source.Client.Framer.Buffer.Length);
        Assert.Equal(buffer == Iec62056ClientOptions.StreamedMessageSize, source.Client.Framer.StreamLines);
    }
}
