using System.Text.Json;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;
using MeterGateway.Simulators;
using MeterGateway.Host.Cli;
using MeterGateway.Host.Serial;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Ekm;

/// <summary>
/// Simulated EKM meters served on one end of a socat pty pair at 9600 7E1 (<see cref="SerialMeterLink"/>), the client
/// and the <c>ekm</c> command on the other: reads, settings written and read back. socat ends when the far end closes,
/// so each opening of the port gets a pair of its own.
/// </summary>
[Collection(MeterGateway.Tests.Fixtures.RealComponentsCollection.Name)]
public class EkmOverPtyTests
{
    [SkippableFact]
    public void SimulatorRoundTripThroughAPty()
    {
        Skip.If(ExternalTool.Find("socat") == null, "socat is not installed (apt-get install socat)");
        var bus = new EkmBusSimulator(2);
        var v4 = new EkmMeterSimulator(EkmMeterVersion.V4, "300001162");
        bus.Add(v4);
        bus.Add(new EkmMeterSimulator(EkmMeterVersion.V3, "26"));

        Serve(bus, device =>
        {
            using var link = new SerialMeterLink(device);
            link.Open(EkmClient.BaudRate, EkmClient.Parity, EkmClient.DataBits);
            var client = new EkmClient(link) { SettleMs = 50 };
            var set = new ReadingSet();
            Assert.Equal(EkmStatus.Ok, client.Read(EkmRequests.Address("300001162"), EkmMeterVersion.V4, set));
            Assert.Equal("12345.6", Value(set, "1-0:1.8.0"));
            Assert.Equal("2870", Value(set, "1-0:16.7.0"));
            Assert.Equal(EkmStatus.Ok, client.Read(EkmRequests.Address("26"), EkmMeterVersion.V3, set));
            Assert.Equal("000000000026", Value(set, "0-0:96.1.0"));
            var b = new byte[EkmRequests.MaxCommandLength];
            Assert.Equal(EkmStatus.Ok, client.Write(EkmRequests.Address("300001162"), EkmMeterVersion.V4, "00000000", b, 0, EkmCommands.CtRatio(3000, b, 0)));
            Assert.Equal(EkmStatus.Ok, client.Read(EkmRequests.Address("300001162"), EkmMeterVersion.V4, set));
            Assert.Equal("3000", Value(set, "1-0:0.4.2"));
        });

        // The ekm command: settings, a refused password, then everything read back.
        var output = new StringWriter();
        Serve(bus, device => Assert.Equal(ExitCodes.Ok, EkmCommand.Run(device, "300001162", 4, "00000000", 3000, "holidays", new[] { "12/25", "1/1" }, output)));
        Assert.Equal("ekm holidays 12/25 1/1: acknowledged by meter 000300001162", output.ToString().Trim());
        Serve(bus, device => Assert.Equal(ExitCodes.Ok, EkmCommand.Run(device, "300001162", 4, "00000000", 3000, "weekend-holiday-schedules", new[] { "2", "3" }, TextWriter.Null)));
        Serve(bus, device => Assert.Equal(ExitCodes.Failed, EkmCommand.Run(device, "300001162", 4, "99999999", 3000, "ct-ratio", new[] { "100" }, TextWriter.Null)));
        output = new StringWriter();
        Serve(bus, device => Assert.Equal(ExitCodes.Ok, EkmCommand.Run(device, "300001162", 4, "00000000", 3000, "settings", Array.Empty<string>(), output)));
        using var json = JsonDocument.Parse(output.ToString());
        var root = json.RootElement;
        Assert.Equal("3000", root.GetProperty("read").GetProperty("CT_Ratio").GetRawText());
        Assert.Equal("12345.6", root.GetProperty("read").GetProperty("kWh_Tot").GetRawText());
        Assert.Equal(2, root.GetProperty("holidays").GetArrayLength());
        Assert.Equal(12, root.GetProperty("holidays")[0].GetProperty("month").GetInt32());
        Assert.Equal(25, root.GetProperty("holidays")[0].GetProperty("day").GetInt32());
        Assert.Equal(2, root.GetProperty("weekend_schedule").GetInt32());
        Assert.Equal(3, root.GetProperty("holiday_schedule").GetInt32());
        Assert.Equal(8, root.GetProperty("schedules").GetArrayLength());
        Assert.Equal("1000.0", root.GetProperty("months")[0].GetProperty("kWh_Tot").GetRawText());
        Assert.Equal(3000L, v4.Get(EkmFieldId.CT_Ratio));
    }

    [SkippableFact]
    public void PulseOutputRatioSetByTheEkmCommandComesBackInTheRead()
    {
        Skip.If(ExternalTool.Find("socat") == null, "socat is not installed (apt-get install socat)");
        var bus = new EkmBusSimulator(1);
        bus.Add(new EkmMeterSimulator(EkmMeterVersion.V4, "300001162"));
        using var folder = new TempFolder();
        Serve(bus, device => Assert.Equal(ExitCodes.Ok, EkmCommand.Run(device, "300001162", 4, "00000000", 3000, "pulse-output-ratio", new[] { "400" }, TextWriter.Null)));

        var xml = new StringWriter();
        var output = new ReadOutput("ekm", TextWriter.Null, folder.File("reads.csv"));
        Serve(bus, device =>
        {
            using var link = new SerialMeterLink(device);
            Assert.Equal(ExitCodes.Ok, EkmReader.Read(new EkmReader.Settings("300001162", EkmMeterVersion.V4, xml), link, output, null, TextWriter.Null));
        });
        Assert.Equal("400", System.Xml.Linq.XDocument.Parse(xml.ToString()).Root!.Element("Meter_Read")!.Element("Pulse_Output_Ratio")!.Value);
        Assert.Contains(",1-0:128.0.64,Pulse_Output_Ratio,400,,EKM Metering,Omnimeter Pulse v.4\r\n", File.ReadAllText(folder.File("reads.csv")));
    }

    // Serves the bus on one end of a new pty pair while the action uses the other end's device path.
    private static void Serve(EkmBusSimulator bus, Action<string> action)
    {
        using var pty = PtyPair.Start()!;
        using var meterSide = new SerialMeterLink(pty.A);
        meterSide.Open(EkmClient.BaudRate, EkmClient.Parity, EkmClient.DataBits);
        bool stop = false;
        var server = new Thread(() =>
        {
            try
            {
                while (!Volatile.Read(ref stop)) bus.Serve(meterSide, 50);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
            {
                // the far end closed and socat ended: nothing more to serve
            }
        }) { IsBackground = true };
        server.Start();
        try
        {
            action(pty.B);
        }
        finally
        {
            Volatile.Write(ref stop, true);
            server.Join(5000);
        }
    }

    private static string? Value(ReadingSet set, string obis)
    {
        int r = set.Find(Obis.FromText(obis));
        if (r < 0) return null;
        int v = set.Primary[r];
        return set.Kind[v] == ValueKind.Number ? FixedPoint.ToText(set.Mantissa[v], set.Exponent[v]) : set.GetText(set.TextOffset[v], set.TextLength[v]);
    }
}
