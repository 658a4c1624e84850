using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared;
using MeterGateway.Tests.Shared.Outbox;
using Xunit;

namespace MeterGateway.Tests.Device;

/// <summary>
/// The box keeps of a DSMR telegram or an SML file only the readings it uses (<see cref="MeterProfile.CreateBoxReadings"/>,
/// <see cref="PublishedReadingFilter"/>): for every frame of every DSMR and SML capture in tests/corpus its set holds
/// exactly the codes the filter names, with the host's values, without overflowing; it publishes the same VSCP events
/// (every <c>send_*</c> group on) and Domoticz updates, identifies the meter and charts the power as from the whole set,
/// its outbox record takes at most half the box's record size, and a record of the whole set (an earlier firmware's)
/// is read back as the box's set.
/// </summary>
public class BoxPushReadingsTests
{
    [Theory]
    [MemberData(nameof(ReadingSetCapacityTests.Captures), MemberType = typeof(ReadingSetCapacityTests))]
    public void TheBoxKeepsWhatItUsesAndPublishesTheSame(string protocol, string name)
    {
        var config = new GatewayConfig { Protocol = protocol == "dsmr" ? MeterProtocol.Dsmr : MeterProtocol.Sml, LenientCrc = true };
        for (int g = 0; g < config.Messages.Send.Length; g++) config.Messages.Send[g] = true;
        config.Domoticz.IdxElectricity = 1;
        config.Domoticz.IdxGas = 2;
        MeterProfile profile = MeterProfile.For(config);
        IFrameDecoder forWhole = profile.CreateDecoder(config), forBox = profile.CreateDecoder(config);
        ReadingSet whole = new(1024, 4096, ReadingSet.MaxTextCapacity), box = profile.CreateBoxReadings();
        var clock = new FixedClock(1764936000, 5000);
        MessageBuilder fromWhole = new(config.Messages, TestReadings.Mac(), clock), fromBox = new(config.Messages, TestReadings.Mac(), clock);
        DomoticzMessages domoticzWhole = new(config.Domoticz, 1), domoticzBox = new(config.Domoticz, 1);
        byte[] data = Corpus.Bytes(protocol, name), record = new byte[65536];
        int frames = 0;
        for (int at = 0; at < data.Length;)
        {
            int used = forWhole.Feed(data, at, data.Length - at);
            Assert.Equal(used, forBox.Feed(data, at, data.Length - at));
            at += used;
            if (forWhole.Result != FrameResult.Valid) continue;
            Assert.True(forWhole.Parse(whole));
            Assert.True(forBox.Parse(box));
            frames++;
            string frame = name + " frame " + frames;
            Assert.False(box.Overflowed, frame + ": " + box.ReadingCount + " readings, " + box.TotalValues + " values, " + box.TextUsed + " text bytes");
            BoxReadoutReadingsTests.AssertKeepsExactly(whole, box);
            Assert.Equal(whole.FrameTime, box.FrameTime);

            int count = fromWhole.Build(whole);
            Assert.Equal(count, fromBox.Build(box));
            for (int i = 0; i < count; i++)
            {
                Assert.Equal(fromWhole.Topic(i), fromBox.Topic(i));
                int length = fromWhole.WritePayload(i);
                Assert.Equal(Convert.ToHexString(fromWhole.PayloadBuffer, 0, length), Convert.ToHexString(fromBox.PayloadBuffer, 0, fromBox.WritePayload(i)));
            }
            count = domoticzWhole.Build(whole);
            Assert.Equal(count, domoticzBox.Build(box));
            for (int i = 0; i < count; i++)
            {
                int length = domoticzWhole.WritePayload(i);
                Assert.Equal(Convert.ToHexString(domoticzWhole.PayloadBuffer, 0, length), Convert.ToHexString(domoticzBox.PayloadBuffer, 0, domoticzBox.WritePayload(i)));
            }

            MeterIdentity a = new(), b = new();
            a.Update(whole);
            b.Update(box);
            Assert.Equal((a.Header, a.EquipmentId, a.Manufacturer, a.Model), (b.Header, b.EquipmentId, b.Manufacturer, b.Model));
            PowerHistory p = new(4), q = new(4);
            p.Add(whole, 1764936000);
            q.Add(box, 1764936000);
            Assert.Equal((p.Import(1764936000 / 60), p.Export(1764936000 / 60)), (q.Import(1764936000 / 60), q.Export(1764936000 / 60)));

            int bytes = ReadingSetCodec.Encode(box, record, 0, record.Length) + RecordFormat.Overhead;
            Assert.True(bytes * 2 <= profile.OutboxOptions(config).MaxRecordBytes, frame + ": a record of " + bytes + " bytes");
            // a record an earlier firmware wrote of the whole set is read back as the box's set
            int encoded = ReadingSetCodec.Encode(whole, record, 0, record.Length);
            ReadingSet decoded = profile.CreateBoxReadings();
            Assert.True(ReadingSetCodec.Decode(record, 0, encoded, decoded));
            Assert.True(OutboxSamples.SameReadings(box, decoded), frame);
        }
        Assert.True(frames > 0, name + " has no valid frame");
    }
}
