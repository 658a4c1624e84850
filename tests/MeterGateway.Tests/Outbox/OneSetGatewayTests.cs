using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Link;
using MeterGateway.Mapping;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.HomeAssistant;
using MeterGateway.Tests.Shared;
using MeterGateway.Tests.Shared.Gateway;
using MeterGateway.Tests.Shared.Health;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Outbox;

/// <summary>
/// A push source leaves its set free between polls (<see cref="IMeterSource.SetFreeBetweenPolls"/>), so the loop decodes
/// the outbox's sets into the set it receives into and keeps one set, not two: real DSMR telegrams from tests/corpus
/// through <see cref="PushMeterSource"/>, the box's set and outbox sizes, and a broker that goes away for three of them.
/// Every telegram is published once, in order, with its own values, and the messages are byte for byte those of a loop
/// that keeps two sets.
/// </summary>
public class OneSetGatewayTests
{
    // Six meters' telegrams, each with the meter's time, and one register each as the capture writes it.
    private static readonly (string Capture, string Quantity, string Value)[] Telegrams =
    {
        ("dsmr42_nl_kaifa.txt", "tariff1_active_energy_out", "1581.123"),
        ("dsmr50_nl_iskra_mt382.txt", "tariff1_active_energy_out", "4.426"),
        ("emucs171_be_fluvius.txt", "tariff1_active_energy_out", "0.034"),
        ("se_landisgyr_e360_ell5_a.txt", "sum_active_energy_out", "4788.631"),
        ("se_landisgyr_e360_ell5_b.txt", "sum_active_energy_out", "119.841"),
        ("dsmr50_hu_eon_sagemcom.txt", "sum_active_energy_out", "173.640"),
    };

    /// <summary>The same push source, reporting that its set must not be shared: the loop keeps a second set.</summary>
    private sealed class TwoSetSource(IMeterSource inner) : IMeterSource
    {
        public void Open() => inner.Open();
        public void Close() => inner.Close();
        public FrameResult Poll(ReadingSet readings, int timeoutMs) => inner.Poll(readings, timeoutMs);
        public bool SetFreeBetweenPolls => false;
        public FrameError Error => inner.Error;
        public string ErrorText => inner.ErrorText;
        public void Reset() => inner.Reset();
    }

    private sealed record Run(BrokerSession Broker, GatewayLoop Loop);

    // Telegrams 0-1 with the broker up, 2-4 while it is away (kept in the outbox), 5 after it came back: the backlog and
    // the live telegram are published in the same step.
    // With streamLines the box's decoder parses each telegram into the set as it arrives (MeterProfile.CreateBoxDecoder):
    // the hungarian telegram that ends the outage takes two polls, between which the loop must not take the backlog into it.
    private static Run Publish(bool oneSet, bool streamLines = false)
    {
        var config = new GatewayConfig { Protocol = MeterProtocol.Dsmr, LenientCrc = true };
        MeterProfile profile = MeterProfile.For(config);
        var line = new ScriptedLink();
        var broker = new BrokerSession();
        IMeterSource source = new PushMeterSource(line, streamLines ? profile.CreateBoxDecoder(config) : profile.CreateDecoder(config), 115200, LinkParity.None, 8, false, line, 20000);
        if (!oneSet) source = new TwoSetSource(source);
        Assert.Equal(oneSet, source.SetFreeBetweenPolls);
        var loop = new GatewayLoop(config.Gateway, source, broker, new MessageBuilder(config.Messages, TestReadings.Mac(), line), line, "metergateway/t/status",
            profile.CreateReadings(160))
        {
            Outbox = new ReadingOutbox(new MemoryRecordStorage(), line, profile.OutboxOptions(config)),
        };
        loop.Start();
        for (int i = 0; i < Telegrams.Length; i++)
        {
            if (i == 2)
            {
                broker.Drop();
                broker.Reachable = false;
            }
            if (i == 5) broker.Reachable = true;
            line.Now += 1000;
            line.Queue(Corpus.Bytes("dsmr", Telegrams[i].Capture));
            for (int step = 0; step < 10 && loop.Status.FramesValid == i; step++) loop.Step(0);
            Assert.Equal(i + 1, loop.Status.FramesValid);
            if (i >= 2 && i <= 4) Assert.Equal(i - 1, loop.Outbox.Depth);
        }
        Assert.Equal(0, loop.Outbox.Depth);
        return new Run(broker, loop);
    }

    private static List<(string Topic, string Payload)> Messages(BrokerSession broker) =>
        Enumerable.Range(0, broker.Count).Select(i => (broker.Topic(i), broker.Text(i))).ToList();

    [Fact]
    public void ABacklogAndLiveTelegramsArePublishedOnceInOrderWithOneSet()
    {
        // after the outage the backlog (3, 4) oldest first, alternating with the newest set (5, then the live 6; docs/outbox.md, interleave)
        PublishedOnceWithTheirValues(Publish(oneSet: true), [1, 2, 3, 5, 4, 6]);
    }

    [Fact]
    public void LinesStreamedIntoTheOneSetArePublishedOnceWithTheirValues()
    {
        Assert.True(Corpus.Bytes("dsmr", Telegrams[5].Capture).Length > PushMeterSource.PollBytes);
        // set 3 goes as the broker is back, then the backlog waits while the hungarian telegram arrives in the set: the
        // live 6, then the backlog
        PublishedOnceWithTheirValues(Publish(oneSet: true, streamLines: true), [1, 2, 3, 6, 4, 5]);
    }

    private static void PublishedOnceWithTheirValues(Run run, long[] expected)
    {
        var events = Messages(run.Broker).Where(m => m.Topic.StartsWith("vscp/", System.StringComparison.Ordinal))
            .Select(m => JsonDocument.Parse(m.Payload).RootElement).ToList();

        // every telegram once, by its outbox sequence number, each set's messages together
        var order = events.Select(e => e.GetProperty("vscpObId").GetInt64()).ToList();
        var sets = order.Where((s, i) => i == 0 || s != order[i - 1]).ToList();
        Assert.Equal(expected, sets);
        Assert.Equal(Telegrams.Length, run.Loop.SetsPublished);
        Assert.Equal(0, run.Loop.Status.SetsDropped);

        // each with its own telegram's values: the register as the capture writes it
        for (int i = 0; i < Telegrams.Length; i++)
        {
            string note = Quantities.DefaultNote(Quantities.Find(Telegrams[i].Quantity));
            var register = events.Single(e => e.GetProperty("vscpObId").GetInt64() == i + 1 && e.GetProperty("vscpNote").GetString() == note);
            Assert.Equal(Telegrams[i].Value, register.GetProperty("measurement").GetProperty("value").GetRawText());
        }
    }

    [Fact]
    public void OneSetPublishesTheSameBytesAsTwo()
    {
        var one = Messages(Publish(oneSet: true).Broker);
        var two = Messages(Publish(oneSet: false).Broker);
        Assert.True(one.Count > 6 * 15, "messages: " + one.Count);
        Assert.Equal(two, one);
    }

}
