using MeterGateway.Gateway;
using MeterGateway.Tests.Shared.Gateway;

namespace MeterGateway.Tests.HomeAssistant;

/// <summary>Meter lines for the in-process gateway tests: the portable <see cref="ScriptedLink"/> (also the clock) with chunks queued.</summary>
public static class Lines
{
    /// <summary>A line that delivers <paramref name="chunks"/> in turn, then nothing.</summary>
    public static ScriptedLink Of(params byte[][] chunks)
    {
        var line = new ScriptedLink();
        foreach (var chunk in chunks) line.Queue(chunk);
        return line;
    }

    /// <summary>Steps the loop until everything queued was read and decoded (reads without waiting: no silence timeouts).</summary>
    public static void Drain(GatewayLoop loop)
    {
        for (int step = 0; step < 200; step++) loop.Step(0);
    }
}
