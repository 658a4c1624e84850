using System.Runtime.CompilerServices;
using MeterGateway.Config;
using MeterGateway.Device;
using MeterGateway.Gateway;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Device;
using Xunit;

namespace MeterGateway.Tests.Device;

/// <summary>
/// The box writes a command's reply into the gateway loop's status buffer, which it makes only while it is used
/// (<see cref="GatewayLoop.StatusOnDemand"/>): the handler must not keep the writer, and so the buffer, after
/// <see cref="CommandHandler.Handle"/> returns (a kept 5 KB buffer would undo the saving until the next command).
/// </summary>
public class CommandHandlerRetentionTests
{
    private const string File = "[WIFI]\nssid = Home\n[MQTT]\nhost = 10.0.0.2\n[DEVICE]\nadmin_password = correct horse battery\n";

    [Fact]
    public void TheReplyBufferIsNotKeptAfterTheReply()
    {
        var handler = new CommandHandler(GatewayConfig.Load(File), new MemoryConfigStore(File), new GatewayStatus(), new FixedDeviceInfo(), new ManualClock());
        WeakReference buffer = Answer(handler, "{\"token\":\"correct horse battery\",\"command\":\"status\"}", out string reply);
        Assert.StartsWith("{\"id\":null,\"command\":\"status\",\"ok\":true", reply);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(buffer.IsAlive, "the handler still holds the reply's buffer");
        GC.KeepAlive(handler);
    }

    // The reply written into a writer of the box's size, made here and referenced only weakly afterwards.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference Answer(CommandHandler handler, string command, out string reply)
    {
        var writer = new JsonWriter(GatewayLoop.StatusCapacity);
        byte[] bytes = Utf8.GetBytes(command);
        int n = handler.Handle(writer, bytes, 0, bytes.Length);
        reply = Utf8.GetString(writer.Buffer, 0, n);
        return new WeakReference(writer.Buffer);
    }
}
