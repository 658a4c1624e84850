using MeterGateway.Config;
using MeterGateway.Publishing;
using MeterGateway.Tests.Shared;
using MeterGateway.Vscp;
using Xunit;

namespace MeterGateway.Tests.Publishing;

/// <summary>
/// A quantity's JSON parts keep their lengths in two bytes (<see cref="VscpJson.RenderParts"/>): a note longer, escaped,
/// than <see cref="VscpJson.MaxNoteLength"/> is refused when the builder is made, not at its first event.
/// </summary>
public class NoteLengthTests
{
    [Fact]
    public void ANoteAtTheLimitIsPublishedAndOneByteMoreIsRefusedAtConstruction()
    {
        Assert.Equal(65535 - 4 - 255 - 14 - 25, VscpJson.MaxNoteLength);
        var config = new GatewayConfig();
        // every '"' takes two bytes escaped
        config.Set("NOTES", "note_voltage_l1", new string('"', VscpJson.MaxNoteLength / 2) + (VscpJson.MaxNoteLength % 2 == 1 ? "x" : ""));
        var builder = new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 0));
        var set = new MeterGateway.Readings.ReadingSet();
        TestReadings.Add(set, "1-0:32.7.0", "230.1", "V");
        Assert.Equal(1, builder.Build(set));
        int length = builder.WritePayload(0);
        string payload = System.Text.Encoding.UTF8.GetString(builder.PayloadBuffer, 0, length);
        Assert.EndsWith("\",\"measurement\":{\"value\":230.1,\"unit\":0,\"sensorindex\":21,\"zone\":0,\"subzone\":0}}", payload);
        Assert.Contains("\"vscpNote\":\"\\\"\\\"", payload);

        config.Set("NOTES", "note_voltage_l1", new string('x', VscpJson.MaxNoteLength + 1));
        var e = Assert.Throws<System.ArgumentException>(() => new MessageBuilder(config.Messages, TestReadings.Mac(), new FixedClock(0, 0)));
        Assert.Contains("note_voltage_l1", e.Message);
    }
}
