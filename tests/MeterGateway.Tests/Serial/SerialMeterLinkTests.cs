using MeterGateway.Host.Serial;
using MeterGateway.Link;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Serial;

/// <summary>
/// <see cref="SerialMeterLink"/> on a socat pty pair and on devices that are not there: what its errors say.
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
}
