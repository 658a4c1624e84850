using MeterGateway.Outbox;
using MeterGateway.Host.Storage;
using MeterGateway.Tests.Fixtures;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>
/// How <c>run</c> stops (issue 16): a second SIGTERM or Ctrl-C right after the first (what <c>timeout N metergateway
/// run</c> and an impatient user do) used to abort the process (rc 134, InvalidOperationException in
/// System.CommandLine's ProcessTerminationHandler) before the outbox was flushed. Now it is ignored: the same clean
/// stop, rc 0, every set received kept in the outbox.
/// </summary>
[Collection(RealComponentsCollection.Name)]
public class StopTests
{
    [SkippableTheory]
    [InlineData("TERM", "TERM")]
    [InlineData("INT", "INT")]
    [InlineData("TERM", "INT")]
    public void ASecondSignalIsIgnoredAndTheOutboxIsFlushed(string first, string second)
    {
        using var pty = PtyPair.Start();
        Skip.If(pty == null, "socat is not installed (apt-get install socat)");
        using var folder = new TempFolder();
        string outbox = folder.File("outbox");
        File.WriteAllText(folder.File("config.ini"), $"""
            [GENERAL]
            protocol = dsmr
            [MQTT]
            host = 127.0.0.1
            port = {ExternalTool.FreePort()}
            client_id = stop-test
            [SERIAL]
            serial_port = {pty!.B}
            [OUTBOX]
            directory = {outbox}
            write_delay = 60000
            """);
        using var gateway = MetergatewayProcess.Start("run", "-c", folder.File("config.ini"), "-d");
        Assert.True(SpinWait.SpinUntil(() => gateway.Output.Any(l => l.Contains("broker unreachable")), 30000), "run did not start");
        using var meter = MetergatewayProcess.Start("simulate", "--protocol", "dsmr", "--port", pty.A, "--count", "4", "--interval", "0.5",
            Corpus.File("dsmr", "dsmr50_nl_iskra_am550_openhab.txt"));
        Assert.True(meter.WaitForExit(30000), "the simulator did not finish");
        Thread.Sleep(1000);
        gateway.Signal(first);
        Thread.Sleep(20);
        gateway.Signal(second);
        gateway.Signal(second);
        bool stoppedInTime = gateway.WaitForExit(20000);
        string log = string.Join('\n', gateway.Output) + "\n" + string.Join('\n', gateway.Errors);
        Assert.True(stoppedInTime, "run did not stop within 20 s of the signals; it said:\n" + log);
        Assert.True(gateway.ExitCode == 0, "rc " + gateway.ExitCode + ":\n" + log);
        Assert.DoesNotContain("Unhandled exception", log);
        string stopped = gateway.Output.Single(l => l.StartsWith("metergateway: stopped; "));
        int frames = int.Parse(stopped.Split(' ')[2]);
        Assert.True(frames >= 3, stopped);
        Assert.Contains(gateway.Output, l => l.StartsWith($"metergateway: outbox {frames} sets waiting"));

        // write_delay = 60 s: the sets were only in memory until the stop flushed them.
        using var storage = new FileRecordStorage(outbox);
        var reopened = new ReadingOutbox(storage, new ManualClock(0), new OutboxOptions { WriteDelayMs = 60000 });
        reopened.Open();
        Assert.Equal(frames, reopened.Depth);
    }
}
