using Xunit;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Outbox;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Device;

/// <summary>
/// The host's reading set for DSMR and SML (<see cref="MeterProfile.CreateReadings"/>; the box's keeps fewer readings,
/// BoxPushReadingsTests): every frame of every capture in tests/corpus must fit in it whole, with the same readings and
/// values as in a large set, and its outbox record in the host's record size (<c>[OUTBOX]</c> defaults) with room for a
/// full DSMR text message.
/// </summary>
public class ReadingSetCapacityTests
{
    public static TheoryData<string, string> Captures()
    {
        var data = new TheoryData<string, string>();
        foreach (string file in Directory.GetFiles(Corpus.Folder("dsmr"), "*.txt").Order(StringComparer.Ordinal))
        {
            if (!file.EndsWith(".expected.txt", StringComparison.Ordinal)) data.Add("dsmr", Path.GetFileName(file));
        }
        foreach (string file in Directory.GetFiles(Corpus.Folder("sml"), "*.bin").Order(StringComparer.Ordinal))
        {
            // DZG_DVS-7420.2V.G2_mtr1_error.bin holds only broken files (the SML error tests use it)
            if (!file.EndsWith("_error.bin", StringComparison.Ordinal)) data.Add("sml", Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Captures))]
    public void EveryFrameFitsTheProfilesSet(string protocol, string name)
    {
        var config = new GatewayConfig { Protocol = protocol == "dsmr" ? MeterProtocol.Dsmr : MeterProtocol.Sml, LenientCrc = true };
        MeterProfile profile = MeterProfile.For(config);
        IFrameDecoder small = profile.CreateDecoder(config), large = profile.CreateDecoder(config);
        ReadingSet fitted = profile.CreateReadings(1024), reference = new ReadingSet(1024, 4096, ReadingSet.MaxTextCapacity);
        Assert.Equal(MeterProfile.PushReadings, fitted.ObisCode.Length);
        byte[] data = Corpus.Bytes(protocol, name);
        byte[] buffer = new byte[65536];
        int frames = 0;
        for (int at = 0; at < data.Length;)
        {
            int used = small.Feed(data, at, data.Length - at);
            Assert.Equal(used, large.Feed(data, at, data.Length - at));
            at += used;
            if (small.Result != FrameResult.Valid) continue;
            Assert.True(small.Parse(fitted));
            Assert.True(large.Parse(reference));
            frames++;
            Assert.False(reference.Overflowed);
            Assert.False(fitted.Overflowed, name + " frame " + frames + ": " + reference.ReadingCount + " readings, " + reference.TotalValues + " values, " + reference.TextUsed + " text bytes");
            Assert.Equal(reference.ReadingCount, fitted.ReadingCount);
            Assert.Equal(reference.TotalValues, fitted.TotalValues);
            Assert.Equal(reference.TextUsed, fitted.TextUsed);
            // its outbox record fits the host's record size with a full DSMR text message (1,024 characters) more
            int record = ReadingSetCodec.Encode(fitted, buffer, 0, buffer.Length) + RecordFormat.Overhead;
            Assert.True(record + 1024 <= config.OutboxOptions().MaxRecordBytes, name + " frame " + frames + ": a record of " + record + " bytes");
        }
        Assert.True(frames > 0, name + " has no valid frame");
    }
}
