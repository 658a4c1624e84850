using MeterGateway.Protocols.Iec62056;
using MeterGateway.Simulators;
using Xunit;

namespace MeterGateway.Tests.Iec62056;

/// <summary>Programming mode (ACK 0 Z 1): P0, password P1, reads R1 with BCC, NAK repeats, break B0; against the scripted meter.</summary>
public class Iec62056ProgrammingModeTests
{
    private static readonly string[] Registers = { "1.8.0", "2.8.0", "C.1", "9.9.9" };

    private static Iec62056MeterScript Script(string? password = "secret")
    {
        var script = Session.Script("elster_els5_modeE_ack050");
        script.Password = password;
        return script;
    }

    private static Iec62056ClientOptions Options(string? password = "secret") => new()
    {
        Registers = Registers,
        Password = password,
    };

    // SOH C D STX data ETX BCC with the BCC computed here, independently of the code under test.
    private static string Command(string cd, string? data)
    {
        var bytes = new List<byte> { 1 };
        bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(cd));
        if (data != null)
        {
            bytes.Add(2);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(data));
        }
        bytes.Add(3);
        bytes.Add((byte)(bytes.Skip(1).Aggregate(0, (x, b) => x ^ b) & 0x7F));
        return Convert.ToHexString(bytes.ToArray());
    }

    private static string Hex(string s) => Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(s));

    [Fact]
    public void ReadsEachRegisterAfterThePasswordAndEndsWithABreak()
    {
        var s = new Session(Script(), Options());
        var events = s.Run();

        Assert.Equal(new[] { Iec62056ClientEvent.Register, Iec62056ClientEvent.Register, Iec62056ClientEvent.Register, Iec62056ClientEvent.Register, Iec62056ClientEvent.Completed },
            events.Select(e => e.Event));
        var expected = new[]
        {
            Hex("/?!\r\n"), "06303531" + "0D0A",
            Command("P1", "(secret)"),
            Command("R1", "1.8.0()"), Command("R1", "2.8.0()"), Command("R1", "C.1()"), Command("R1", "9.9.9()"),
            Command("B0", null),
        };
        Assert.Equal(expected, s.Link.Writes.Select(Convert.ToHexString));
        Assert.Equal("285.4 kWh", JsonReadings.Value(events[0].Json!, "1-0:1.8.0"));
        Assert.Equal("120.1 kWh", JsonReadings.Value(events[1].Json!, "1-0:2.8.0"));
        Assert.Equal("1234567890123456", JsonReadings.Value(events[2].Json!, "1-0:96.1.0"));
        Assert.Equal("ERROR", JsonReadings.Value(events[3].Json!, "1-0:9.9.9")); // an answer without address takes the code asked for
        Assert.Equal("ELS5\\@V9.30 ", JsonReadings.Header(events[0].Json!));
        Assert.Equal(1, s.Meter.Breaks);
        Assert.False(s.Meter.InProgrammingMode);
        Assert.Equal(new[] { 9600, 300 }, s.Link.Actions.Where(a => a.Kind == "configure").Select(a => a.Baud));
        // Every command goes out at 9600, after the switch.
        Assert.All(s.Link.Actions.Where(a => a.Kind == "write" && a.Bytes[0] == 1), a => Assert.Equal(9600, a.Baud));
    }

    [Fact]
    public void RegisterIndexNamesTheRegisterOfEachEvent()
    {
        var s = new Session(Script(), Options());
        s.Client.Start();
        var indexes = new List<int>();
        while (s.Client.IsBusy)
        {
            if (s.Client.Poll() == Iec62056ClientEvent.Register) indexes.Add(s.Client.RegisterIndex);
        }
        Assert.Equal(new[] { 0, 1, 2, 3 }, indexes);
    }

    [Fact]
    public void MaxBaudRateLowersTheOptionSelect()
    {
        var options = Options();
        options.MaxBaudRate = 2400;
        var s = new Session(Script(), options);
        var events = s.Run();
        Assert.Equal(Iec62056ClientEvent.Completed, events.Last().Event);
        Assert.Equal("06303331" + "0D0A", Convert.ToHexString(s.Link.Writes[1]));
        Assert.Equal(new[] { 2400, 300 }, s.Link.Actions.Where(a => a.Kind == "configure").Select(a => a.Baud));
    }

    [Fact]
    public void WrongPasswordIsRepeatedThenReportedAndTheSessionEndsWithABreak()
    {
        var options = Options("wrong");
        options.MaxAttempts = 1;
        var s = new Session(Script(), options);
        var events = s.Run();

        Assert.Equal(new[] { Iec62056ClientEvent.AttemptFailed, Iec62056ClientEvent.Failed }, events.Select(e => e.Event));
        Assert.Equal(Iec62056Error.PasswordRejected, events[0].Error);
        var writes = s.Link.Writes.Select(Convert.ToHexString).ToList();
        Assert.Equal(1 + options.MaxRepeats, writes.Count(w => w == Command("P1", "(wrong)")));
        Assert.DoesNotContain(writes, w => w.StartsWith("0152"));
        Assert.Equal(Command("B0", null), writes.Last());
    }

    [Fact]
    public void NoPasswordNeededReadsWithoutP1()
    {
        var s = new Session(Script(password: null), Options(password: null));
        var events = s.Run();
        Assert.Equal(Iec62056ClientEvent.Completed, events.Last().Event);
        Assert.DoesNotContain(s.Link.Writes, w => w[0] == 1 && w[1] == 'P');
        Assert.Equal(4, events.Count(e => e.Event == Iec62056ClientEvent.Register));
    }

    [Fact]
    public void ABadBccFromTheMeterIsAnsweredWithNakAndTheRepeatIsUsed()
    {
        FaultyMeter? faulty = null;
        bool damaged = false;
        var s = new Session(Script(), Options(), wrap: m => faulty = new FaultyMeter(m));
        // The first answer to a read (STX …): change its first data byte once.
        long stx = -1;
        faulty!.OnTransmit = (i, b) =>
        {
            bool readSent = s.Link.Writes.Any(w => w.Length > 1 && w[1] == 'R');
            if (b == 2 && stx < 0 && readSent) stx = i;
            if (!damaged && stx >= 0 && i == stx + 1) { damaged = true; return (byte)(b ^ 0x01); }
            return b;
        };
        var events = s.Run();

        Assert.True(damaged);
        Assert.Equal(1, s.Client.BccErrors);
        Assert.Equal(Iec62056ClientEvent.Completed, events.Last().Event);
        Assert.DoesNotContain(events, e => e.Event == Iec62056ClientEvent.AttemptFailed);
        Assert.Equal("285.4 kWh", JsonReadings.Value(events[0].Json!, "1-0:1.8.0"));
        var writes = s.Link.Writes.Select(Convert.ToHexString).ToList();
        int nak = writes.IndexOf("15");
        Assert.Equal(Command("R1", "1.8.0()"), writes[nak - 1]);
        Assert.Equal(Command("R1", "2.8.0()"), writes[nak + 1]);
    }

    [Fact]
    public void ACommandDamagedOnTheWayIsNakedByTheMeterAndSentAgain()
    {
        FaultyMeter? faulty = null;
        var s = new Session(Script(), Options(), wrap: m => faulty = new FaultyMeter(m));
        long first = -1;
        faulty!.OnReceive = (i, b) =>
        {
            if (first < 0 && s.Meter.InProgrammingMode) first = i;
            return first >= 0 && i == first + 4 ? (byte)(b ^ 0x04) : b; // the '(' of "(secret)"
        };
        var events = s.Run();

        Assert.Equal(1, s.Meter.BadCommands);
        Assert.Equal(Iec62056ClientEvent.Completed, events.Last().Event);
        Assert.Equal(2, s.Link.Writes.Count(w => Convert.ToHexString(w) == Command("P1", "(secret)")));
        Assert.Equal(4, events.Count(e => e.Event == Iec62056ClientEvent.Register));
    }

    [Fact]
    public void HalfDuplexEchoOfEveryCommandIsSkipped()
    {
        var s = new Session(Script(), Options(), echo: true);
        var events = s.Run();
        Assert.Equal(new[] { Iec62056ClientEvent.Register, Iec62056ClientEvent.Register, Iec62056ClientEvent.Register, Iec62056ClientEvent.Register, Iec62056ClientEvent.Completed },
            events.Select(e => e.Event));
        Assert.Equal("120.1 kWh", JsonReadings.Value(events[1].Json!, "1-0:2.8.0"));
    }

    [Fact]
    public void ProgrammingModeNeedsAModeCMeter()
    {
        var options = Options(password: null);
        options.MaxAttempts = 1;
        var s = new Session(Session.Script("siemens_2wr5_heat_modeB_2400"), options);
        var events = s.Run();
        Assert.Equal(Iec62056Error.ModeNotSupported, events[0].Error);
        Assert.Equal(Iec62056ClientEvent.Failed, events.Last().Event);
    }
}
