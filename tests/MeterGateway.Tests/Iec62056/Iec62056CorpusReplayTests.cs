using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;
using Xunit;

namespace MeterGateway.Tests.Iec62056;

/// <summary>
/// Every exchange of tests/corpus/iec62056-21 replayed against the client by the scripted meter: the client's bytes
/// against the transcript's host messages, its baud switches, and the values tests/corpus/iec62056-21/README.md lists.
/// </summary>
public class Iec62056CorpusReplayTests
{
    private static readonly byte[] Break = { 0x01, (byte)'B', (byte)'0', 0x03, (byte)'q' };

    // The transcript's host messages; the client adds its closing break after them (README "How the tests use them").
    private static void AssertHostBytes(Session s, string exchange, params byte[][] inserted)
    {
        var expected = Transcript.Messages(exchange).Where(m => m.FromHost).Select(m => Convert.ToHexString(m.Bytes)).ToList();
        foreach (byte[] extra in inserted) expected.Add(Convert.ToHexString(extra));
        expected.Add(Convert.ToHexString(Break));
        Assert.Equal(expected, s.Link.Writes.Select(Convert.ToHexString).ToList());
    }

    private static byte[] Ack(string vzy) => new byte[] { 0x06, (byte)vzy[0], (byte)vzy[1], (byte)vzy[2], 13, 10 };

    private static Iec62056ClientOptions Options(string address = "", int wakeUp = 40) => new()
    {
        Address = address,
        WakeUpCharacters = wakeUp,
    };

    [Fact]
    public void IskraMt174ModeC9600ReadsTheBccCheckedReadout()
    {
        const string exchange = "iskra_mt174_modeC_9600";
        var s = new Session(Session.Script(exchange), Options("Bla0"));
        var events = s.Run();

        Assert.Equal(new[] { Iec62056ClientEvent.Readout, Iec62056ClientEvent.Completed }, events.Select(e => e.Event));
        AssertHostBytes(s, exchange);
        string json = events[0].Json!;
        Assert.Equal("6334.294 kWh", JsonReadings.Value(json, "1-0:1.8.1*7"));
        Assert.Equal(new[] { "2.468 kW", "1703100930" }, JsonReadings.Values(json, "1-0:1.6.0"));
        Assert.Equal("8048.375 kWh", JsonReadings.Value(json, "1-0:1.8.0"));
        Assert.Equal("63355730", JsonReadings.Value(json, "0-0:96.1.0"));
        Assert.Equal("1ISK0063355730", JsonReadings.Value(json, "1-0:0.0.1"));
        Assert.Equal(343, JsonReadings.Count(json));
        Assert.Equal("ISk5MT174-0001", JsonReadings.Header(json));
        Assert.Equal("Iskraemeco", s.Client.Identification.ManufacturerName);
        Assert.Equal(Iec62056Mode.C, s.Client.ActiveMode);
        Assert.Equal(1, s.Meter.OptionSelects);
        Assert.Equal(0, s.Client.BccErrors);

        // 9600 baud only once the option select has gone out at 300 baud (6 characters = 200 ms), then back to 300.
        var ack = s.Link.Actions.Single(a => a.Kind == "write" && a.Bytes[0] == 0x06);
        Assert.Equal(300, ack.Baud);
        var speeds = s.Link.Actions.Where(a => a.Kind == "configure").ToList();
        Assert.Equal(new[] { 9600, 300 }, speeds.Select(a => a.Baud));
        Assert.True(speeds[0].TimeMs >= ack.TimeMs + 200 + 50, $"switched at {speeds[0].TimeMs}, ACK written at {ack.TimeMs}");
        // The break goes out at 9600, before the return to 300.
        var brk = s.Link.Actions.Last(a => a.Kind == "write");
        Assert.Equal(9600, brk.Baud);
        Assert.True(brk.TimeMs < speeds[1].TimeMs);
    }

    [Fact]
    public void SiemensModeB2400SwitchesWithoutAckAndRejectsTheBadBcc()
    {
        const string exchange = "siemens_2wr5_heat_modeB_2400";
        var options = Options("Bla0");
        options.Medium = 6;
        var s = new Session(Session.Script(exchange), options);
        var events = s.Run();

        // BCC 'X' (calc 0x6F): never delivered, counted, retried as new sessions, then the session fails.
        Assert.Equal(new[] { Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.Failed },
            events.Select(e => e.Event));
        Assert.All(events.Take(3), e => Assert.Equal(Iec62056Error.Bcc, e.Error));
        Assert.Equal(new[] { 1, 2, 3 }, events.Take(3).Select(e => e.Attempt));
        Assert.Equal(3, s.Client.BccErrors);
        Assert.Equal(3, s.Meter.SignOns);
        Assert.Equal("Siemens", s.Client.Identification.ManufacturerName);
        Assert.Equal(Iec62056Mode.B, s.Client.ActiveMode);
        // Each attempt: wake-up, request, break; switched to 2400 right after the identification, no ACK sent.
        var writes = s.Link.Writes.Select(Convert.ToHexString).ToList();
        var hostMessages = Transcript.Messages(exchange).Where(m => m.FromHost).Select(m => Convert.ToHexString(m.Bytes)).ToList();
        Assert.Equal(Enumerable.Repeat(hostMessages.Append(Convert.ToHexString(Break)), 3).SelectMany(x => x), writes);
        Assert.Equal(new[] { 2400, 300, 2400, 300, 2400, 300 }, s.Link.Actions.Where(a => a.Kind == "configure").Select(a => a.Baud));
        // Backoff between attempts: 2 s, then 4 s.
        var requests = s.Link.Actions.Where(a => a.Kind == "write" && a.Bytes[0] == '/').Select(a => a.TimeMs).ToList();
        Assert.True(requests[2] - requests[1] > requests[1] - requests[0]);
    }

    [Fact]
    public void SiemensModeBDataBlockValuesParseAsTheSourceAsserts()
    {
        string json = ParseDataBlock("siemens_2wr5_heat_modeB_2400.meter2.bin", 6);
        Assert.Equal(50, JsonReadings.Count(json));
        Assert.Equal("64030874", JsonReadings.Value(json, "6-0:9.20.0"));
        Assert.Equal("29.055 MWh", JsonReadings.Value(json, "6-0:6.8.0"));
        Assert.Equal(new[] { "88 C", "82 C" }, JsonReadings.Values(json, "6-0:9.4.0"));
        Assert.Equal(new[] { "2017-01-18", "01:36:47" }, JsonReadings.Values(json, "6-0:9.36.0"));
        Assert.Equal(new[] { "0", "1", "0", "-", "CV", "3", "2.14" }, JsonReadings.Values(json, "6-0:9.1.0"));
        Assert.Equal(new[] { "", "", "" }, JsonReadings.Values(json, "6-0:9.2.0"));
        Assert.Equal("1.476 m3ph", JsonReadings.Value(json, "6-0:6.33.0*1"));
        Assert.Equal("0", JsonReadings.Value(json, "6-0:97.0.0")); // F(0)
    }

    [Fact]
    public void LandisGyrZmd410ModeCAcksThenRejectsTheBadBcc()
    {
        const string exchange = "landisgyr_zmd410_heatdata_modeC_9600";
        var options = Options("Bla0");
        options.Medium = 6;
        options.MaxAttempts = 1;
        var s = new Session(Session.Script(exchange), options);
        var events = s.Run();

        Assert.Equal(new[] { Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.Failed }, events.Select(e => e.Event));
        Assert.Equal(Iec62056Error.Bcc, events[0].Error);
        AssertHostBytes(s, exchange, Ack("050"));
        Assert.Equal("Landis+Gyr", s.Client.Identification.ManufacturerName);
        Assert.Equal(1, s.Client.Identification.EnhancedCount);
        Assert.Equal('2', s.Client.Identification.Enhanced(0));
        Assert.Equal(new[] { 9600, 300 }, s.Link.Actions.Where(a => a.Kind == "configure").Select(a => a.Baud));

        string json = ParseDataBlock("landisgyr_zmd410_heatdata_modeC_9600.meter2.bin", 6);
        Assert.Equal(51, JsonReadings.Count(json));
        Assert.Equal("64030874", JsonReadings.Value(json, "6-0:9.20.0"));
        Assert.Equal("29.055 MWh", JsonReadings.Value(json, "6-0:6.8.0"));
        Assert.Equal("80 Deg", JsonReadings.Value(json, "6-0:81.7.6"));
    }

    [Fact]
    public void ElsterEnhancedIdentModeCSkipsTheMetersAckAndReadsTheUnterminatedReadout()
    {
        const string exchange = "elster_els5_modeE_ack050";
        var options = Options();
        options.AcceptMissingBcc = true;
        var s = new Session(Session.Script(exchange), options);
        var events = s.Run();

        Assert.Equal(new[] { Iec62056ClientEvent.Readout, Iec62056ClientEvent.Completed }, events.Select(e => e.Event));
        AssertHostBytes(s, exchange);
        string json = events[0].Json!;
        Assert.Equal("0", JsonReadings.Value(json, "1-0:97.97.0"));
        Assert.Equal("285.4 kWh", JsonReadings.Value(json, "1-0:1.8.0"));
        Assert.Equal("120.1 kWh", JsonReadings.Value(json, "1-0:2.8.0"));
        Assert.Equal("1234567890123456", JsonReadings.Value(json, "1-0:96.1.0"));
        Assert.Equal("ELS5\\@V9.30 ", JsonReadings.Header(json));
        Assert.Equal("Elster", s.Client.Identification.ManufacturerName);
        Assert.Equal('@', s.Client.Identification.Enhanced(0));
    }

    [Fact]
    public void ElsterReadoutWithoutEtxIsRejectedByDefault()
    {
        var options = Options();
        options.MaxAttempts = 1;
        var s = new Session(Session.Script("elster_els5_modeE_ack050"), options);
        var events = s.Run();
        Assert.Equal(new[] { Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.Failed }, events.Select(e => e.Event));
        Assert.Equal(Iec62056Error.Framing, events[0].Error);
        Assert.Equal("data message without ETX and BCC", events[0].ErrorText);
    }

    [Fact]
    public void ActarisModeCAt300SendsAck000AndNeverSwitches()
    {
        const string exchange = "actaris_ace_modeE_ack000";
        var options = Options();
        options.AcceptMissingBcc = true;
        var s = new Session(Session.Script(exchange), options);
        var events = s.Run();

        Assert.Equal(new[] { Iec62056ClientEvent.Readout, Iec62056ClientEvent.Completed }, events.Select(e => e.Event));
        AssertHostBytes(s, exchange);
        string json = events[0].Json!;
        Assert.Equal("0", JsonReadings.Value(json, "1-0:97.97.0"));
        Assert.Equal("285.4 kWh", JsonReadings.Value(json, "1-0:1.8.0"));
        Assert.Equal("Actaris", s.Client.Identification.ManufacturerName);
        Assert.Equal("k260V01.18", s.Client.Identification.ToText()[s.Client.Identification.IdentOffset..]);
        Assert.All(s.Link.Actions.Where(a => a.Kind == "configure"), a => Assert.Equal(300, a.Baud));
    }

    [Fact]
    public void ItronModeAForcedSkipsTheEchoedRequest()
    {
        const string exchange = "itron_em214_modeA_echo";
        var options = Options(wakeUp: 0);
        options.Mode = Iec62056Mode.A;
        options.AcceptMissingBcc = true;
        var s = new Session(Session.Script(exchange, Iec62056Mode.A), options);
        var events = s.Run();

        Assert.Equal(new[] { Iec62056ClientEvent.Readout, Iec62056ClientEvent.Completed }, events.Select(e => e.Event));
        AssertHostBytes(s, exchange);
        string json = events[0].Json!;
        Assert.Equal("0", JsonReadings.Value(json, "1-0:97.97.0"));
        Assert.Equal(new[] { "V01.69", "EEA3546C" }, JsonReadings.Values(json, "1-0:0.2.0"));
        Assert.Equal("22108.7 kWh", JsonReadings.Value(json, "1-0:1.8.1"));
        Assert.Equal("0.8 A", JsonReadings.Value(json, "1-0:31.7.0"));
        Assert.Equal("L1-L2-L3", JsonReadings.Value(json, "1-0:96.5.0"));
        Assert.Equal("1 secs", JsonReadings.Value(json, "1-0:96.13.21"));
        Assert.Equal(21, JsonReadings.Count(json));
        Assert.Equal("ITR5EM214", JsonReadings.Header(json));
        Assert.Equal("Itron", s.Client.Identification.ManufacturerName);
        Assert.Equal(Iec62056Mode.A, s.Client.ActiveMode);
        Assert.DoesNotContain(s.Link.Actions, a => a.Kind == "configure" && a.Baud != 300);
    }

    [Fact]
    public void SiemensModeC2400ReadsTheReadoutWithoutStx()
    {
        const string exchange = "siemens_2wr5_modeC_ack030_nostx";
        var options = Options("Bla0");
        options.Medium = 6;
        var s = new Session(Session.Script(exchange), options);
        var events = s.Run();

        Assert.Equal(new[] { Iec62056ClientEvent.Readout, Iec62056ClientEvent.Completed }, events.Select(e => e.Event));
        AssertHostBytes(s, exchange);
        string json = events[0].Json!;
        Assert.Equal(50, JsonReadings.Count(json));
        Assert.Equal("64030874", JsonReadings.Value(json, "6-0:9.20.0"));
        Assert.Equal("29.055 MWh", JsonReadings.Value(json, "6-0:6.8.0"));
        Assert.Equal("SIE32WR5", JsonReadings.Header(json));
        Assert.Equal(new[] { 2400, 300 }, s.Link.Actions.Where(a => a.Kind == "configure").Select(a => a.Baud));
    }

    [Fact]
    public void EmhModeDPushesAreReadAt2400WithoutSendingAnything()
    {
        var options = new Iec62056ClientOptions { Mode = Iec62056Mode.D };
        var s = new Session(Session.Script("emh_ehz_modeD_push", Iec62056Mode.D), options);
        s.Client.Start();
        var events = s.PollWhile(() => s.Client.IsBusy && s.Line.MonotonicMs < 7000);
        s.Client.Stop();

        var readouts = events.Where(e => e.Event == Iec62056ClientEvent.Readout).Select(e => e.Json!).ToList();
        // A 135-byte push takes 563 ms at 2400 baud; the meter pushes one second after the last one ended.
        Assert.Equal(5, readouts.Count);
        Assert.DoesNotContain(events, e => e.Event == Iec62056ClientEvent.AttemptFailed);
        Assert.Equal("32942.0231", JsonReadings.Value(readouts[0], "1-0:1.8.1"));
        Assert.Equal("32942.0234", JsonReadings.Value(readouts[1], "1-0:1.8.1"));
        Assert.Equal("32942.0231", JsonReadings.Value(readouts[2], "1-0:1.8.1"));
        Assert.Equal("331200-5009810", JsonReadings.Value(readouts[0], "1-0:0.0.0"));
        Assert.Equal("680476", JsonReadings.Value(readouts[0], "0-0:96.1.255"));
        Assert.Equal("EMH5----eHZ-E0018E", JsonReadings.Header(readouts[0]));
        Assert.Equal(4, JsonReadings.Count(readouts[0]));
        Assert.Empty(s.Link.Writes);
        Assert.Equal(2400, s.Link.Actions.Single(a => a.Kind == "open").Baud);
    }

    // Parses the data block of a captured data message (after STX, up to '!') with the given medium.
    private static string ParseDataBlock(string file, int medium)
    {
        byte[] data = Corpus.Bytes("iec62056-21", file);
        int stx = Array.IndexOf(data, (byte)2);
        var parser = new Iec62056Parser { Medium = medium };
        var set = new ReadingSet(1024, 2048, 32768);
        parser.Parse(data, stx + 1, data.Length - stx - 1, Obis.None, set);
        Assert.Equal(0, parser.MalformedDataSets);
        return Session.Json(set);
    }
}
