using System.Text;
using MeterGateway.Host.Cli;
using MeterGateway.Host.Gateway;
using MeterGateway.Host.Serial;
using MeterGateway.Host.Simulation;
using MeterGateway.Link;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Simulators;
using MeterGateway.Tests.Fixtures;
using MeterGateway.Tests.Iec62056;
using Xunit;

namespace MeterGateway.Tests.Serial;

/// <summary>
/// <see cref="SerialMeterLink"/> on a socat pty pair and on devices that are not there: what its errors say, and a
/// device opened at 9600 7E1 (IEC 62056-21, EKM, DSMR 2.2/3) that opens again (issue 16: "Value does not fall within
/// the expected range" on the second opening). The meter end stays open while the gateway end is opened, read and
/// closed three times.
/// </summary>
[Collection(RealComponentsCollection.Name)]
public class SerialMeterLinkTests
{
    [Fact]
    public void AMissingDeviceIsReportedAsMissingNotAsDenied()
    {
        string device = Path.Combine(Path.GetTempPath(), "metergateway-no-such-tty-" + Guid.NewGuid().ToString("N"));
        using var link = new SerialMeterLink(device);
        var e = Assert.Throws<IOException>(() => link.Open(9600, LinkParity.None, 8));
        Assert.Equal($"cannot open serial port {device}: the device {device} does not exist", e.Message);
    }

    [SkippableFact]
    public void RtsOnADeviceWithoutItNamesThePortAndTheSetting()
    {
        Skip.If(ExternalTool.Find("socat") == null, "socat is not installed (apt-get install socat)");
        using var pty = PtyPair.Start()!;
        using var link = new SerialMeterLink(pty.B);
        link.Open(115200, LinkParity.None, 8);
        var e = Assert.Throws<IOException>(() => link.SetDataRequest(true));
        Assert.StartsWith($"cannot drive the RTS line of serial port {pty.B} ([SERIAL] data_request = rts): ", e.Message);
        Assert.Contains("Inappropriate ioctl for device", e.Message);
    }

    [SkippableFact]
    public void Iec62056DeviceOpensReadsAndReopensThreeTimes()
    {
        Skip.If(ExternalTool.Find("socat") == null, "socat is not installed (apt-get install socat)");
        using var pty = PtyPair.Start()!;
        var script = Session.Script("iskra_mt174_modeC_9600");
        script.Address = "Bla0";
        using var stop = new CancellationTokenSource();
        var meter = new Thread(() =>
        {
            try { MeterSimulatorPump.Run(new Iec62056MeterSimulator(script), new SerialMeterLink(pty.A), new HostClock(), stop.Token); }
            catch (Exception e) when (e is IOException or InvalidOperationException) { }
        }) { IsBackground = true };
        meter.Start();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                var json = new StringWriter();
                var errors = new StringWriter();
                using (var link = new SerialMeterLink(pty.B))
                {
                    var settings = new Iec62056Reader.Settings(null, null, MeterGateway.Protocols.Iec62056.Iec62056Mode.C, new[] { "1.8.0" }, null, false);
                    Assert.True(Iec62056Reader.Read(settings, link, new HostClock(), new ReadOutput("iec62056-21", json, null), errors) == ExitCodes.Ok, $"read {i + 1}: {errors}");
                }
                Assert.Equal("8048.375 kWh", JsonReadings.Value(json.ToString().Trim(), "1-0:1.8.0"));
            }
        }
        finally
        {
            stop.Cancel();
            meter.Join(5000);
        }
    }

    [SkippableFact]
    public void EkmDeviceOpensReadsAndReopensThreeTimes()
    {
        Skip.If(ExternalTool.Find("socat") == null, "socat is not installed (apt-get install socat)");
        using var pty = PtyPair.Start()!;
        var bus = new EkmBusSimulator(2);
        bus.Add(new EkmMeterSimulator(EkmMeterVersion.V4, "300001162"));
        bool stop = false;
        var meter = new Thread(() =>
        {
            try
            {
                using var meterSide = new SerialMeterLink(pty.A);
                meterSide.Open(EkmClient.BaudRate, EkmClient.Parity, EkmClient.DataBits);
                while (!Volatile.Read(ref stop)) bus.Serve(meterSide, 50);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException) { }
        }) { IsBackground = true };
        meter.Start();
        try
        {
            for (int i = 0; i < 3; i++)
            {
                var json = new StringWriter();
                var errors = new StringWriter();
                using (var link = new SerialMeterLink(pty.B))
                {
                    var settings = new EkmReader.Settings("300001162", EkmMeterVersion.V4);
                    Assert.True(EkmReader.Read(settings, link, new ReadOutput("ekm", json, null), null, errors) == ExitCodes.Ok, $"read {i + 1}: {errors}");
                }
                Assert.Contains("12345.6", json.ToString());
            }
        }
        finally
        {
            Volatile.Write(ref stop, true);
            meter.Join(5000);
        }
    }

    [SkippableFact]
    public void Dsmr22DeviceOpensReadsAndReopensThreeTimes()
    {
        Skip.If(ExternalTool.Find("socat") == null, "socat is not installed (apt-get install socat)");
        using var pty = PtyPair.Start()!;
        byte[] telegram = File.ReadAllBytes(Path.Combine(Corpus.Folder("dsmr"), "dsmr22_nl_iskra_mt382-1004.txt"));
        bool stop = false;
        var meter = new Thread(() =>
        {
            try
            {
                using var meterSide = new SerialMeterLink(pty.A);
                meterSide.Open(9600, LinkParity.Even, 7);
                while (!Volatile.Read(ref stop))
                {
                    meterSide.Write(telegram, 0, telegram.Length);
                    Thread.Sleep(300);
                }
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException) { }
        }) { IsBackground = true };
        meter.Start();
        string before = Stty(pty.B);
        try
        {
            for (int i = 0; i < 3; i++)
            {
                using var link = new SerialMeterLink(pty.B);
                link.Open(9600, LinkParity.Even, 7);
                var text = new StringBuilder();
                var buffer = new byte[1024];
                var deadline = DateTime.UtcNow.AddSeconds(10);
                while (!text.ToString().Contains("\r\n!") && DateTime.UtcNow < deadline)
                {
                    int n = link.Read(buffer, 0, buffer.Length, 500);
                    text.Append(Encoding.ASCII.GetString(buffer, 0, n));
                }
                Assert.Contains("/ISk5\\2MT382-1004", text.ToString());
                link.Close();
            }
            // Closed, the device is left with the settings it had before the first opening.
            Assert.Equal(before, Stty(pty.B));
        }
        finally
        {
            Volatile.Write(ref stop, true);
            meter.Join(5000);
        }
    }

    // The settings of a terminal device as stty prints them.
    private static string Stty(string device)
    {
        var info = new System.Diagnostics.ProcessStartInfo("stty", new[] { "-F", device, "-g" }) { RedirectStandardOutput = true, UseShellExecute = false };
        using var stty = System.Diagnostics.Process.Start(info)!;
        string settings = stty.StandardOutput.ReadToEnd();
        Assert.True(stty.WaitForExit(10000), "stty did not end");
        return settings.Trim();
    }
}
