using System.Text.Json;
using MeterGateway.Protocols.Iec62056;
using Xunit;

namespace MeterGateway.Tests.Iec62056;

/// <summary>
/// Damaged input: bit flips either way, truncation and silence at every step of a session end in a reported error and a
/// new session, never a hang, an exception, or damaged readings delivered as valid; a client that parses the readout
/// line by line as it arrives (<see cref="Iec62056ClientOptions.StreamLines"/>) is left with no readings of a failed
/// attempt. Seeded, so every run is the same.
/// </summary>
public class Iec62056DamageTests
{
    private const string Iskra = "iskra_mt174_modeC_9600";

    // The Iskra meter's output in one clean session: identification (17 bytes) then the readout (9511 bytes).
    private const int IdentLength = 17, Stx = IdentLength + 6, Etx = IdentLength + 9509, Bcc = IdentLength + 9510;

    private static readonly Lazy<string> CleanIskraReadings = new(() =>
    {
        var s = IskraSession(null);
        var events = s.Run();
        Assert.Equal(Iec62056ClientEvent.Completed, events.Last().Event);
        return ReadingsOf(events[0].Json!);
    });

    private static string ReadingsOf(string json) => JsonDocument.Parse(json).RootElement.GetProperty("readings").GetRawText();

    private static Session IskraSession(Action<FaultyMeter>? faults, Iec62056ClientOptions? options = null)
    {
        var script = Session.Script(Iskra);
        options ??= new Iec62056ClientOptions();
        options.Address = "Bla0";
        Session? session = null;
        session = new Session(script, options, wrap: m =>
        {
            var faulty = new FaultyMeter(m);
            faulty.Active = () => session == null || session.Meter.SignOns <= 1; // the first attempt only
            faults?.Invoke(faulty);
            return faulty;
        });
        return session;
    }

    private static Func<long, byte, byte> FlipAt(long index, int bit) => (i, b) => i == index ? (byte)(b ^ (1 << bit)) : b;

    // The client's options: whole messages, or lines parsed as they arrive through the box's 2 KB buffer.
    private static Iec62056ClientOptions Streaming(bool stream, int maxAttempts = 3) => stream
        ? new Iec62056ClientOptions { StreamLines = true, MaxMessageSize = Iec62056ClientOptions.StreamedMessageSize, MaxAttempts = maxAttempts }
        : new Iec62056ClientOptions { MaxAttempts = maxAttempts };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void BitFlipsFromTheMeterAreNeverDeliveredAndTheNextSessionReads(bool stream)
    {
        var random = new Random(62056);
        int detected = 0;
        for (int run = 0; run < 120; run++)
        {
            long index = random.Next(0, Bcc + 1);
            int bit = random.Next(0, 7);
            var s = IskraSession(f => f.OnTransmit = FlipAt(index, bit), Streaming(stream));
            var events = s.Run();

            string where = $"flip of bit {bit} at byte {index}";
            Assert.True(events.Last().Event == Iec62056ClientEvent.Completed, where + ": " + string.Join(",", events.Select(e => e.Event + "/" + e.ErrorText)));
            foreach (var readout in events.Where(e => e.Event == Iec62056ClientEvent.Readout))
            {
                Assert.True(ReadingsOf(readout.Json!) == CleanIskraReadings.Value, where + " delivered damaged readings");
            }
            if (index > Stx)
            {
                // Inside the BCC-protected block: the first attempt must fail, with a reason.
                Assert.True(events[0].Event == Iec62056ClientEvent.AttemptFailed, where + " went undetected");
                Assert.Contains(events[0].Error, new[] { Iec62056Error.Bcc, Iec62056Error.Framing, Iec62056Error.Timeout });
                Assert.NotNull(events[0].ErrorText);
                Assert.Equal(0, events[0].ReadingCount);
                detected++;
            }
        }
        Assert.True(detected > 100);
    }

    [Fact]
    public void BitFlipsOnTheWayToTheMeterEndInARetryThatReads()
    {
        var random = new Random(1107);
        for (int run = 0; run < 60; run++)
        {
            long index = random.Next(0, 20); // request (9) + option select (6) + break (5)
            int bit = random.Next(0, 7);
            var s = IskraSession(f => f.OnReceive = FlipAt(index, bit));
            var events = s.Run();
            string where = $"flip of bit {bit} at client byte {index}";
            Assert.True(events.Last().Event == Iec62056ClientEvent.Completed, where);
            Assert.Equal(CleanIskraReadings.Value, ReadingsOf(events.Single(e => e.Event == Iec62056ClientEvent.Readout).Json!));
            Assert.All(events.Where(e => e.Event == Iec62056ClientEvent.AttemptFailed), e => Assert.NotNull(e.ErrorText));
        }
    }

    public static TheoryData<long, Iec62056Error, string> SilencePoints => new()
    {
        { 0, Iec62056Error.Timeout, "no identification from the meter" },
        { 1, Iec62056Error.Timeout, "no identification from the meter" }, // a lone '/' may be the echo of the request
        { 2, Iec62056Error.Timeout, "identification cut short" },
        { IdentLength - 1, Iec62056Error.Timeout, "identification cut short" },
        { IdentLength, Iec62056Error.Timeout, "no answer from the meter" },
        { Stx, Iec62056Error.Timeout, "no answer from the meter" },  // only the echo of the ACK came
        { Stx + 1, Iec62056Error.Timeout, "message cut short: the meter fell silent" },
        { 5000, Iec62056Error.Timeout, "message cut short: the meter fell silent" },
        { Etx, Iec62056Error.Framing, "data message without ETX and BCC" },
        { Bcc, Iec62056Error.Timeout, "message cut short: the meter fell silent" },
    };

    [Theory]
    [MemberData(nameof(SilencePoints))]
    public void SilenceAtEachStepOfAReadoutIsReportedAndANewSessionReads(long from, Iec62056Error error, string text)
    {
        var s = IskraSession(f => f.SilenceFrom = from);
        var events = s.Run();
        Assert.Equal(Iec62056ClientEvent.AttemptFailed, events[0].Event);
        Assert.Equal(error, events[0].Error);
        Assert.Equal(text, events[0].ErrorText);
        Assert.Equal(Iec62056ClientEvent.Completed, events.Last().Event);
        Assert.Equal(CleanIskraReadings.Value, ReadingsOf(events.Single(e => e.Event == Iec62056ClientEvent.Readout).Json!));
    }

    [Fact]
    public void TruncationAnywhereInAReadoutIsReportedAndANewSessionReads()
    {
        for (long from = 0; from <= Bcc; from += 97)
        {
            var s = IskraSession(f => f.SilenceFrom = from);
            var events = s.Run();
            Assert.True(events[0].Event == Iec62056ClientEvent.AttemptFailed, "silence from " + from);
            Assert.Equal(Iec62056ClientEvent.Completed, events.Last().Event);
            Assert.Equal(CleanIskraReadings.Value, ReadingsOf(events.Single(e => e.Event == Iec62056ClientEvent.Readout).Json!));
        }
    }

    [Fact]
    public void SilenceAtEveryByteOfAProgrammingSessionIsRecoveredWithoutRereadingRegisters()
    {
        string[] registers = { "1.8.0", "2.8.0", "C.1" };
        Session Make(long from)
        {
            var script = Session.Script("elster_els5_modeE_ack050");
            script.Password = "secret";
            Session? session = null;
            session = new Session(script, new Iec62056ClientOptions { Registers = registers, Password = "secret" }, wrap: m => new FaultyMeter(m)
            {
                SilenceFrom = from,
                Active = () => session == null || session.Meter.SignOns <= 1,
            });
            return session;
        }
        var clean = Make(long.MaxValue);
        var cleanRegisters = clean.Run().Where(e => e.Event == Iec62056ClientEvent.Register).Select(e => ReadingsOf(e.Json!)).ToList();
        Assert.Equal(3, cleanRegisters.Count);
        // Every byte the meter sends in a clean session (identification, P0, ACK, three answers): one run each.
        long output = ((FaultyMeter)clean.Wrapped).Transmitted;
        Assert.Equal(15 + 16 + 1 + 22 + 22 + 24, output);
        for (long from = 0; from < output; from++)
        {
            var s = Make(from);
            var events = s.Run();
            string where = "silence from meter byte " + from;
            Assert.True(events.Last().Event == Iec62056ClientEvent.Completed, where + ": " + string.Join(",", events.Select(e => e.Event + "/" + e.ErrorText)));
            Assert.True(events[0].Event == Iec62056ClientEvent.AttemptFailed || events[0].Event == Iec62056ClientEvent.Register, where);
            var read = events.Where(e => e.Event == Iec62056ClientEvent.Register).Select(e => ReadingsOf(e.Json!)).ToList();
            Assert.Equal(cleanRegisters, read);
            Assert.Contains(events, e => e.Event == Iec62056ClientEvent.AttemptFailed);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomFaultsInEveryAttemptNeverHangThrowOrDeliverDamagedBccCheckedData(bool stream)
    {
        // Each attempt: most get one flipped bit somewhere in the meter's output (an XOR BCC catches every single-bit
        // error, not every multi-bit one), some fall silent somewhere, and the client's bytes get damaged now and then.
        var random = new Random(2107);
        int completed = 0, failedAttempts = 0;
        for (int run = 0; run < 40; run++)
        {
            var faults = new Random(random.Next());
            Session? session = null;
            session = IskraSession(f =>
            {
                int attempt = -1;
                long flipAt = -1;
                int bit = 0;
                f.Active = () => true;
                f.OnTransmit = (i, b) =>
                {
                    if (session!.Meter.SignOns != attempt)
                    {
                        attempt = session.Meter.SignOns;
                        flipAt = faults.Next(10) < 7 ? i + faults.Next(0, Bcc + 1) : -1;
                        bit = faults.Next(7);
                        f.SilenceFrom = faults.Next(10) < 2 ? i + faults.Next(0, Bcc + 1) : long.MaxValue;
                    }
                    return i == flipAt ? (byte)(b ^ (1 << bit)) : b;
                };
                f.OnReceive = (i, b) => faults.Next(60) == 0 ? (byte)(b ^ (1 << faults.Next(7))) : b;
            }, Streaming(stream, 5));
            var events = session.Run();
            Assert.Contains(events.Last().Event, new[] { Iec62056ClientEvent.Completed, Iec62056ClientEvent.Failed });
            foreach (var e in events)
            {
                if (e.Event == Iec62056ClientEvent.Readout) Assert.Equal(CleanIskraReadings.Value, ReadingsOf(e.Json!));
                if (e.Event is Iec62056ClientEvent.AttemptFailed or Iec62056ClientEvent.Failed) Assert.NotNull(e.ErrorText);
                if (stream && e.Event == Iec62056ClientEvent.AttemptFailed) Assert.Equal(0, e.ReadingCount);
            }
            failedAttempts += events.Count(e => e.Event == Iec62056ClientEvent.AttemptFailed);
            if (events.Last().Event == Iec62056ClientEvent.Completed) completed++;
        }
        Assert.True(completed > 20, completed + " of 40 sessions read the meter"); // about 3 attempts in 4 are damaged
        Assert.True(failedAttempts > 40, failedAttempts + " attempts failed");
    }

    [Theory]
    [InlineData("siemens_2wr5_modeC_ack030_nostx", Iec62056Mode.Auto, 6, false)]
    [InlineData("itron_em214_modeA_echo", Iec62056Mode.A, 1, true)]
    public void UnframedReadoutsUnderFaultsEndCleanly(string exchange, Iec62056Mode mode, int medium, bool acceptMissingBcc)
    {
        // Without a BCC a flipped digit cannot be detected; what must hold is a clean end, never a hang or an exception.
        var random = new Random(exchange.Length);
        for (int run = 0; run < 40; run++)
        {
            var faults = new Random(random.Next());
            long silence = faults.Next(3) == 0 ? faults.Next(0, 700) : long.MaxValue;
            Session? session = null;
            session = new Session(Session.Script(exchange, mode),
                new Iec62056ClientOptions { Mode = mode, Medium = medium, AcceptMissingBcc = acceptMissingBcc, Address = "Bla0" },
                wrap: m => new FaultyMeter(m)
                {
                    Active = () => session == null || session.Meter.SignOns <= 1,
                    SilenceFrom = silence,
                    OnTransmit = (i, b) => faults.Next(300) == 0 ? (byte)(b ^ (1 << faults.Next(7))) : b,
                });
            var events = session.Run();
            Assert.Contains(events.Last().Event, new[] { Iec62056ClientEvent.Completed, Iec62056ClientEvent.Failed });
            Assert.All(events.Where(e => e.Event == Iec62056ClientEvent.AttemptFailed), e => Assert.NotNull(e.ErrorText));
        }
    }

    [Fact]
    public void ModeDListeningSurvivesDamagedAndMissingPushes()
    {
        var faults = new Random(4);
        var options = new Iec62056ClientOptions { Mode = Iec62056Mode.D, PushTimeoutMs = 3000 };
        Session? session = null;
        session = new Session(Session.Script("emh_ehz_modeD_push", Iec62056Mode.D), options, wrap: m => new FaultyMeter(m)
        {
            // Flips now and then, and the meter silent between 10 s and 20 s.
            OnTransmit = (i, b) => faults.Next(200) == 0 ? (byte)(b ^ (1 << faults.Next(7))) : b,
            Active = () => true,
        });
        var faulty = (FaultyMeter)session.Wrapped;
        session.Client.Start();
        var events = session.PollWhile(() =>
        {
            faulty.SilenceFrom = session.Line.MonotonicMs is >= 10000 and < 20000 ? 0 : long.MaxValue;
            return session.Line.MonotonicMs < 40000;
        });
        session.Client.Stop();
        Assert.True(session.Client.IsBusy == false);
        Assert.Contains(events, e => e.Event == Iec62056ClientEvent.AttemptFailed && e.ErrorText == "no push from the meter");
        Assert.True(events.Count(e => e.Event == Iec62056ClientEvent.Readout) > 10);
        Assert.Contains(events, e => e.Event == Iec62056ClientEvent.Readout && e.TimeMs > 21000);
    }
}
