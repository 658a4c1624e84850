using System.Diagnostics;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Simulators;
using MeterGateway.Host.Gateway;
using MeterGateway.Host.Serial;
using MeterGateway.Host.Simulation;
using Xunit;

namespace MeterGateway.Tests.Iec62056;

/// <summary>A fact that is skipped, with the reason, when socat is not installed.</summary>
public sealed class SocatFactAttribute : FactAttribute
{
    public SocatFactAttribute()
    {
        if (Socat.Path == null) Skip = "socat is not installed: the pty end-to-end test of `metergateway read` needs it";
    }
}

/// <summary>Finds socat on the PATH.</summary>
public static class Socat
{
    public static string? Path => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
        .Select(d => System.IO.Path.Combine(d, "socat")).FirstOrDefault(File.Exists);
}

/// <summary>
/// <c>metergateway read</c> end to end: the program (a child process) on one end of a socat pty pair, the scripted Iskra
/// MT174 on the other end through <see cref="SerialMeterLink"/> and <see cref="MeterSimulatorPump"/>.
/// </summary>
[Collection(MeterGateway.Tests.Fixtures.RealComponentsCollection.Name)]
public sealed class Iec62056ReadCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("iec-pty-").FullName;
    private readonly List<Process> _processes = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _pump;

    [SocatFact]
    public void ReadPrintsTheReadoutAndAppendsCsvRows()
    {
        string head = StartMeter();
        string csv = Path.Combine(_dir, "readings.csv");

        var (exit, output, errors) = Run("read", "--protocol", "iec62056-21", "--port", head, "--address", "Bla0", "--csv", csv);
        Assert.True(exit == 0, errors);
        string json = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("ISk5MT174-0001", JsonReadings.Header(json));
        using (var doc = System.Text.Json.JsonDocument.Parse(json))
        {
            Assert.Equal("Iskraemeco", doc.RootElement.GetProperty("manufacturer").GetString());
            Assert.Equal("MT174-0001", doc.RootElement.GetProperty("model").GetString());
        }
        Assert.Equal("6334.294 kWh", JsonReadings.Value(json, "1-0:1.8.1*7"));
        Assert.Equal(343, JsonReadings.Count(json));
        string[] rows = File.ReadAllLines(csv);
        Assert.Equal("time,meter,obis,name,value,unit,manufacturer,model", rows[0]);
        Assert.Equal(1 + 343, rows.Length);
        Assert.Contains(rows, r => r.EndsWith(",ISk5MT174-0001,1-0:1.8.1*7,Active energy import tariff 1,6334.294,kWh,Iskraemeco,MT174-0001"));
        Assert.Contains(rows, r => r.EndsWith(",ISk5MT174-0001,1-0:1.6.0,Maximum demand import,2.468,kW,Iskraemeco,MT174-0001"));
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ,", rows[1]);
    }

    [SocatFact]
    public void ReadOfRegistersInProgrammingModeAppendsToAnExistingCsv()
    {
        string head = StartMeter();
        string csv = Path.Combine(_dir, "readings.csv");
        File.WriteAllText(csv, "time,meter,obis,value,unit\r\n"); // a file of the five-column format keeps five columns

        var (exit, output, errors) = Run("read", "--protocol", "iec62056-21", "--port", head, "--register", "1.8.0", "0-0:C.1.0", "--csv", csv);
        Assert.True(exit == 0, errors);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal("8048.375 kWh", JsonReadings.Value(lines[0], "1-0:1.8.0"));
        Assert.Equal("63355730", JsonReadings.Value(lines[1], "0-0:96.1.0"));
        string[] rows = File.ReadAllLines(csv);
        Assert.Equal(3, rows.Length);
        Assert.EndsWith(",ISk5MT174-0001,1-0:1.8.0,8048.375,kWh", rows[1]);
        Assert.EndsWith(",ISk5MT174-0001,0-0:96.1.0,63355730,", rows[2]);
    }

    [SocatFact]
    public void ReadInModeDPrintsTheFirstPush()
    {
        string head = StartMeter(Session.Script("emh_ehz_modeD_push", Iec62056Mode.D));
        var (exit, output, errors) = Run("read", "--protocol", "iec62056-21", "--port", head, "--mode", "D");
        Assert.True(exit == 0, errors);
        string json = Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("EMH5----eHZ-E0018E", JsonReadings.Header(json));
        Assert.StartsWith("32942.023", JsonReadings.Value(json, "1-0:1.8.1"));
    }

    [SocatFact]
    public void ReadWithoutAMeterReportsEachAttemptAndExitsWithOne()
    {
        string head = StartPair();
        var (exit, output, errors) = Run("read", "--protocol", "iec62056-21", "--port", head);
        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("attempt 1 failed: no identification from the meter", errors);
        Assert.Contains("no read after 3 attempts", errors);
    }

    [Fact]
    public void UsageErrorsExitWithTwo()
    {
        Assert.Equal(2, Run("read", "--protocol", "iec62056-21", "--port", "/dev/null", "--mode", "X").Exit);
        Assert.Equal(2, Run("read", "--protocol", "iec62056-21", "--port", "/dev/null", "--mode", "A", "--register", "1.8.0").Exit);
        Assert.Equal(2, Run("read", "--protocol", "iec62056-21", "--port", "/dev/null", "--baud", "115200").Exit);
        Assert.Equal(2, Run("read", "--protocol", "nope", "--port", "/dev/null").Exit);
    }

    // socat pty pair; returns the HHU end. socat ends when the program closes that end: one pair per read.
    private string StartPair()
    {
        string meter = Path.Combine(_dir, "meter"), head = Path.Combine(_dir, "head");
        var socat = Process.Start(new ProcessStartInfo(Socat.Path!, $"pty,raw,echo=0,link={meter} pty,raw,echo=0,link={head}")
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        })!;
        _processes.Add(socat);
        var wait = Stopwatch.StartNew();
        while (!(File.Exists(meter) && File.Exists(head)))
        {
            Assert.True(wait.ElapsedMilliseconds < 10000, "socat did not create the pty pair");
            Thread.Sleep(20);
        }
        return head;
    }

    // A scripted meter (the Iskra MT174 unless told) on the meter end, listening once this returns; returns the HHU end.
    private string StartMeter(Iec62056MeterScript? script = null)
    {
        string head = StartPair();
        if (script == null)
        {
            script = Session.Script("iskra_mt174_modeC_9600");
            script.Address = "Bla0";
        }
        var meter = new Iec62056MeterSimulator(script);
        var opened = new OpenedLink(new SerialMeterLink(Path.Combine(_dir, "meter")));
        _pump = Task.Run(() => MeterSimulatorPump.Run(meter, opened, new HostClock(), _stop.Token));
        Assert.True(opened.IsOpen.Wait(10000), "the simulated meter did not open its end: " + _pump.Exception);
        return head;
    }

    // Tells when the pump has opened its end of the line.
    private sealed class OpenedLink : MeterGateway.Link.IMeterLink
    {
        private readonly MeterGateway.Link.IMeterLink _inner;
        public OpenedLink(MeterGateway.Link.IMeterLink inner) { _inner = inner; }
        public ManualResetEventSlim IsOpen { get; } = new();
        public void Open(int baudRate, MeterGateway.Link.LinkParity parity, int dataBits) { _inner.Open(baudRate, parity, dataBits); IsOpen.Set(); }
        public void Close() => _inner.Close();
        public void Configure(int baudRate, MeterGateway.Link.LinkParity parity, int dataBits) => _inner.Configure(baudRate, parity, dataBits);
        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _inner.Read(buffer, offset, count, timeoutMs);
        public void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);
        public void SetDataRequest(bool active) => _inner.SetDataRequest(active);
    }

    private (int Exit, string Output, string Errors) Run(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "metergateway.dll"));
        foreach (string a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        _processes.Add(process);
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(90000))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("metergateway read did not end within 90 s");
        }
        process.WaitForExit();
        return (process.ExitCode, output.Result, errors.Result);
    }

    public void Dispose()
    {
        _stop.Cancel();
        try { _pump?.Wait(5000); } catch (AggregateException) { }
        foreach (var p in _processes)
        {
            try { if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.Dispose();
        }
        Directory.Delete(_dir, recursive: true);
    }
}
