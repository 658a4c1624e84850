using System.Text.Json;
using Xunit;

namespace MeterGateway.Tests.EndToEnd;

/// <summary>
/// The outbox end to end (issue 6): a simulated DSMR 5 meter sends a telegram every second through a pty to
/// <c>metergateway run</c> with an <c>[OUTBOX]</c>; mosquitto is killed for 30 s and started again. The subscriber
/// (whose session the broker keeps) must receive every telegram, in order, each once or repeated identically
/// (same vscpObId, same vscpDateTime). Also with the gateway itself killed (SIGKILL) during the outage and restarted.
/// </summary>
[Collection(MeterGateway.Tests.Fixtures.RealComponentsCollection.Name)]
public class OutageTests
{
    private const string Note = "Meter reading active energy out tariff 1"; // 1-0:1.8.1, one event per telegram
    private const int Telegrams = 45;

    // One set = its events; what arrived for the note, by first arrival: (vscpObId, vscpDateTime, payload).
    private static List<(long ObId, long Time, string Payload)> Arrivals(GatewayHarness h) =>
        h.Recorder.Messages.Where(m => m.Topic.StartsWith("vscp/") && m.Payload.Contains("\"" + Note + "\""))
            .Select(m =>
            {
                var json = JsonDocument.Parse(m.Payload).RootElement;
                return (json.GetProperty("vscpObId").GetInt64(), DateTimeOffset.Parse(json.GetProperty("vscpDateTime").GetString()!).ToUnixTimeSeconds(), m.Payload);
            })
            .ToList();

    private static int Distinct(GatewayHarness h) => Arrivals(h).Select(a => a.ObId).Distinct().Count();

    // For a failure message: the range of sequence numbers that arrived and those missing inside it.
    private static string Missing(GatewayHarness h)
    {
        var arrived = Arrivals(h).Select(a => a.ObId).Distinct().OrderBy(x => x).ToList();
        if (arrived.Count == 0) return "";
        var gaps = Enumerable.Range(0, (int)(arrived[^1] - arrived[0] + 1)).Select(i => arrived[0] + i).Except(arrived);
        return " (vscpObId " + arrived[0] + " to " + arrived[^1] + ", missing: " + string.Join(",", gaps) + ")";
    }

    private static async Task<GatewayHarness> StartAsync(string outboxConfig)
    {
        var h = await GatewayHarness.StartForOutagesAsync("dsmr", 115200, "[OUTBOX]\ndirectory = {folder}/outbox\ninterleave = false\n" + outboxConfig);
        Skip.If(h == null, GatewayHarness.Missing);
        return h!;
    }

    // Every set arrived once, or again with the same payload; first arrivals in sequence order; times 1 s apart.
    private static void AssertOrderedAndRecognisable(List<(long ObId, long Time, string Payload)> arrivals)
    {
        foreach (var group in arrivals.GroupBy(a => a.ObId))
        {
            Assert.Single(group.Select(a => a.Payload).Distinct());
        }
        var first = arrivals.GroupBy(a => a.ObId).Select(g => g.First()).ToList();
        var byArrival = first.Select(a => a.ObId).ToList();
        Assert.Equal(byArrival.OrderBy(x => x), byArrival);
        var times = first.Select(a => a.Time).ToList();
        Assert.Equal(times.OrderBy(x => x), times);
        Assert.Equal(times.Count, times.Distinct().Count());
    }

    [SkippableFact]
    public async Task ThirtySecondsWithoutBrokerLoseNothing()
    {
        await using var h = await StartAsync("");
        using var meter = h.StartMeter("--protocol", "dsmr", "--count", Telegrams.ToString(), "--interval", "1", Corpus.File("dsmr", "dsmr50_nl_iskra_am550_openhab.txt"));
        Assert.True(await h.Recorder.WaitForAsync(_ => Distinct(h) >= 5, TimeSpan.FromSeconds(30)), "no events before the outage:\n" + h.GatewayLog);
        await Task.Delay(1500); // the broker saves the subscriber's session every second
        h.Broker.Kill();
        await Task.Delay(TimeSpan.FromSeconds(30));
        h.Broker.Restart();
        await h.Recorder.ReconnectAsync();
        bool all = await h.Recorder.WaitForAsync(_ => Distinct(h) >= Telegrams, TimeSpan.FromSeconds(90));
        var arrivals = Arrivals(h);
        Assert.True(all, Distinct(h) + " of " + Telegrams + " telegrams arrived" + Missing(h) + "; gateway said:\n" + h.GatewayLog);
        Assert.True(meter.WaitForExit(10000));
        Assert.Equal(Telegrams, arrivals.Select(a => a.ObId).Distinct().Count());
        var sequences = arrivals.Select(a => a.ObId).Distinct().OrderBy(x => x).ToList();
        Assert.Equal(Enumerable.Range((int)sequences[0], Telegrams).Select(i => (long)i), sequences);
        AssertOrderedAndRecognisable(arrivals);
    }

    [SkippableFact]
    public async Task WithoutAnOutboxSectionRunKeepsOneInItsStateFolder()
    {
        // Issue 16: run without [OUTBOX] directory used to keep no outbox: 24 of 40 telegrams arrived through a 15 s outage.
        const int telegrams = 40;
        var h = await GatewayHarness.StartForOutagesAsync("dsmr", 115200, "");
        Skip.If(h == null, GatewayHarness.Missing);
        await using var _ = h;
        Assert.True(SpinWait.SpinUntil(() => h!.Gateway.Output.Any(l => l.Contains("outbox in " + h.Gateway.StateDirectory)), 30000), h!.GatewayLog);
        using var meter = h.StartMeter("--protocol", "dsmr", "--count", telegrams.ToString(), "--interval", "1", Corpus.File("dsmr", "dsmr50_nl_iskra_am550_openhab.txt"));
        Assert.True(await h.Recorder.WaitForAsync(_ => Distinct(h) >= 5, TimeSpan.FromSeconds(30)), "no events before the outage:\n" + h.GatewayLog);
        await Task.Delay(1500);
        h.Broker.Kill();
        await Task.Delay(TimeSpan.FromSeconds(15));
        h.Broker.Restart();
        await h.Recorder.ReconnectAsync();
        bool all = await h.Recorder.WaitForAsync(_ => Distinct(h) >= telegrams, TimeSpan.FromSeconds(90));
        Assert.True(all, Distinct(h) + " of " + telegrams + " telegrams arrived" + Missing(h) + "; gateway said:\n" + h.GatewayLog);
        Assert.True(Directory.EnumerateFiles(h.Gateway.StateDirectory, "*", SearchOption.AllDirectories).Any(), "nothing in the state folder");
        // Default interleave: live and replayed sets alternate, so only the repeats are checked (the same bytes).
        foreach (var group in Arrivals(h).GroupBy(a => a.ObId)) Assert.Single(group.Select(a => a.Payload).Distinct());
    }

    [SkippableFact]
    public async Task TheGatewayKilledDuringTheOutageLosesNothingItHadAccepted()
    {
        // write_delay = 0: every telegram is in the outbox before it is published, so a SIGKILL loses none of them.
        await using var h = await StartAsync("write_delay = 0\n");
        using var meter = h.StartMeter("--protocol", "dsmr", "--count", Telegrams.ToString(), "--interval", "1", Corpus.File("dsmr", "dsmr50_nl_iskra_am550_openhab.txt"));
        Assert.True(await h.Recorder.WaitForAsync(_ => Distinct(h) >= 5, TimeSpan.FromSeconds(30)), "no events before the outage:\n" + h.GatewayLog);
        await Task.Delay(1500);
        h.Broker.Kill();
        await Task.Delay(TimeSpan.FromSeconds(10));
        long killedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        h.Gateway.Kill();
        await Task.Delay(TimeSpan.FromSeconds(2));
        h.StartGateway();
        long restartedAt = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        await Task.Delay(TimeSpan.FromSeconds(18));
        h.Broker.Restart();
        await h.Recorder.ReconnectAsync();
        Assert.True(meter.WaitForExit(30000));
        // Telegrams sent while no gateway read the pty may be gone; every other one must arrive.
        long lastSent = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        bool settled = await h.Recorder.WaitForAsync(_ => Arrivals(h).Any(a => a.Time >= lastSent - 3), TimeSpan.FromSeconds(90));
        Assert.True(settled, "the last telegrams did not arrive; gateway said:\n" + h.GatewayLog);
        await Task.Delay(2000);
        var arrivals = Arrivals(h);
        AssertOrderedAndRecognisable(arrivals);
        var times = arrivals.Select(a => a.Time).Distinct().OrderBy(x => x).ToList();
        for (int i = 1; i < times.Count; i++)
        {
            bool acrossTheRestart = times[i - 1] >= killedAt - 2 && times[i] <= restartedAt + 3;
            Assert.True(times[i] - times[i - 1] == 1 || acrossTheRestart, "telegrams between " + times[i - 1] + " and " + times[i] + " are missing");
        }
        // The restarted gateway numbered on above the killed one's numbers, and replayed what the killed one had kept.
        var sequences = arrivals.Select(a => a.ObId).Distinct().OrderBy(x => x).ToList();
        int jump = sequences.Zip(sequences.Skip(1), (a, b) => b - a).Count(d => d != 1);
        Assert.True(jump <= 1, "sequence numbers have more than one gap: " + string.Join(",", sequences));
    }
}
