using MeterGateway.Link;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Simulators;
using Xunit;

namespace MeterGateway.Tests.Iec62056;

/// <summary>Timing and session rules of the client: baud switch after the ACK, wake-up, addresses, echo, link failures, stop.</summary>
public class Iec62056ClientTests
{
    private static Session Iskra(Iec62056ClientOptions options, bool echo = false, Func<ISimulatedMeter, ISimulatedMeter>? wrap = null)
    {
        var script = Session.Script("iskra_mt174_modeC_9600");
        script.Address = "Bla0";
        return new Session(script, options, echo, wrap);
    }

    [Fact]
    public void SwitchingBaudBeforeTheAckHasGoneOutBreaksTheSessionOnTheSimulatedLine()
    {
        // The line model is what makes the replay tests meaningful: switching 200 ms early garbles the ACK.
        var options = new Iec62056ClientOptions { BaudSwitchDelayMs = -200, MaxAttempts = 1 };
        var s = Iskra(options);
        var events = s.Run();
        Assert.Equal(new[] { Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.Failed }, events.Select(e => e.Event));
        Assert.Equal(Iec62056Error.Timeout, events[0].Error);
        Assert.Equal(0, s.Meter.OptionSelects);
    }

    [Fact]
    public void WakeUpNulsGoOutThenThePauseThenTheRequest()
    {
        var options = new Iec62056ClientOptions { WakeUpCharacters = 66, WakeUpPauseMs = 1600 };
        var s = Iskra(options);
        var events = s.Run();
        Assert.Equal(Iec62056ClientEvent.Completed, events.Last().Event);
        var writes = s.Link.Actions.Where(a => a.Kind == "write").ToList();
        Assert.Equal(new byte[66], writes[0].Bytes);
        Assert.Equal(300, writes[0].Baud);
        // 66 characters at 300 baud take 2200 ms, then 1600 ms of pause.
        Assert.Equal(2200 + 1600, writes[1].TimeMs - writes[0].TimeMs);
        Assert.Equal((byte)'/', writes[1].Bytes[0]);
    }

    [Fact]
    public void OptionSelectWaitsTheReactionTimeOfTheFlagId()
    {
        // "ISk": lower-case third letter, 20 ms; "SIE"… with an upper-case one waits the configured 200 ms.
        var s = Iskra(new Iec62056ClientOptions());
        s.Run();
        var ack = s.Link.Actions.Single(a => a.Kind == "write" && a.Bytes[0] == 6);
        var request = s.Link.Actions.First(a => a.Kind == "write" && a.Bytes[0] == '/');
        // request 5 chars (167 ms) + meter reaction 200 ms + identification 17 chars (567 ms) + 20 ms
        long identEnd = request.TimeMs + 167 + 200 + 567;
        Assert.InRange(ack.TimeMs - identEnd, 17, 22);

        var elster = new Session(Session.Script("elster_els5_modeE_ack050"), new Iec62056ClientOptions { AcceptMissingBcc = true });
        elster.Run();
        ack = elster.Link.Actions.Single(a => a.Kind == "write" && a.Bytes[0] == 6);
        request = elster.Link.Actions.First(a => a.Kind == "write" && a.Bytes[0] == '/');
        identEnd = request.TimeMs + 167 + 200 + 500;
        Assert.InRange(ack.TimeMs - identEnd, 197, 202);
    }

    [Fact]
    public void AMeterWithAnotherAddressStaysSilentAndTheSessionFailsAfterItsAttempts()
    {
        var options = new Iec62056ClientOptions { Address = "12345678", RetryDelayMs = 1000 };
        var s = Iskra(options);
        var events = s.Run();
        Assert.Equal(new[] { Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.Failed },
            events.Select(e => e.Event));
        Assert.All(events.Take(3), e => Assert.Equal("no identification from the meter", e.ErrorText));
        Assert.Equal(0, s.Meter.SignOns);
        // Backoff doubles: 1 s then 2 s between the attempts' requests (plus the timeouts and breaks).
        var requests = s.Link.Actions.Where(a => a.Kind == "write" && a.Bytes[0] == '/').Select(a => a.TimeMs).ToList();
        Assert.Equal(3, requests.Count);
        Assert.Equal(1000, (requests[2] - requests[1]) - (requests[1] - requests[0]));
    }

    [Fact]
    public void EchoOfRequestAndAckFromTheHeadIsSkipped()
    {
        var s = Iskra(new Iec62056ClientOptions { Address = "Bla0" }, echo: true);
        var events = s.Run();
        Assert.Equal(new[] { Iec62056ClientEvent.Readout, Iec62056ClientEvent.Completed }, events.Select(e => e.Event));
        Assert.Equal("6334.294 kWh", JsonReadings.Value(events[0].Json!, "1-0:1.8.1*7"));
    }

    [Fact]
    public void ALinkThatCannotBeOpenedIsReportedAndRetriedWithoutThrowing()
    {
        var link = new BrokenLink();
        var clock = new SimulatedSerialLine(new Iec62056MeterSimulator(Session.Script("iskra_mt174_modeC_9600")));
        var client = new Iec62056Client(link, clock, new Iec62056ClientOptions { RetryDelayMs = 10 }, new MeterGateway.Readings.ReadingSet());
        client.Start();
        var events = new List<Iec62056ClientEvent>();
        for (int i = 0; i < 100000 && client.IsBusy; i++)
        {
            var e = client.Poll();
            if (e != Iec62056ClientEvent.None) events.Add(e);
            clock.Advance(1);
        }
        Assert.False(client.IsBusy);
        Assert.Equal(Iec62056ClientEvent.Failed, events.Last());
        Assert.Equal(Iec62056Error.Link, client.Error);
        Assert.Equal(3, link.Opens);
    }

    [Fact]
    public void StopSendsTheBreakAndIdles()
    {
        var s = Iskra(new Iec62056ClientOptions { Address = "Bla0" });
        s.Client.Start();
        s.PollWhile(() => s.Meter.OptionSelects == 0);
        s.Client.Stop();
        Assert.False(s.Client.IsBusy);
        Assert.Equal(new byte[] { 1, (byte)'B', (byte)'0', 3, (byte)'q' }, s.Link.Writes.Last());
        Assert.Equal(Iec62056ClientEvent.None, s.Client.Poll());
    }

    [Fact]
    public void AnAttemptLongerThanTheMaximumIsEnded()
    {
        // 9.5 KB at 9600 baud take about 10 s: a 3 s limit ends the attempt mid-readout.
        var s = Iskra(new Iec62056ClientOptions { Address = "Bla0", MaxAttemptMs = 3000, MaxAttempts = 1 });
        var events = s.Run();
        Assert.Equal(Iec62056ClientEvent.AttemptFailed, events[0].Event);
        Assert.Equal("attempt took longer than the configured maximum", events[0].ErrorText);
    }

    private sealed class BrokenLink : IMeterLink
    {
        public int Opens;
        public void Open(int baudRate, LinkParity parity, int dataBits) { Opens++; throw new IOException("no such device"); }
        public void Close() { }
        public void Configure(int baudRate, LinkParity parity, int dataBits) => throw new InvalidOperationException("closed");
        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => throw new InvalidOperationException("closed");
        public void Write(byte[] buffer, int offset, int count) => throw new InvalidOperationException("closed");
        public void SetDataRequest(bool active) { }
    }
}
