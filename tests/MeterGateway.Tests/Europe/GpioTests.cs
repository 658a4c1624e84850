using System.Buffers.Binary;
using MeterGateway.Link;
using MeterGateway.Host.Gpio;
using Xunit;

namespace MeterGateway.Tests.Europe;

/// <summary>
/// The GPIO data request line (<c>[SERIAL] data_request = gpio:CHIP:LINE</c>): the Linux GPIO uAPI v2 request numbers and
/// structures (include/uapi/linux/gpio.h), and the real open/ioctl calls against devices that are not GPIO chips (no
/// Raspberry Pi here): the errors name chip, line and the kernel's reason.
/// </summary>
public class GpioTests
{
    [Fact]
    public void IoctlNumbersAreTheKernels()
    {
        Assert.Equal(0xC250B407u, GpioOutputLine.GetLineIoctl);     // _IOWR(0xB4, 0x07, struct gpio_v2_line_request)
        Assert.Equal(0xC010B40Fu, GpioOutputLine.SetValuesIoctl);   // _IOWR(0xB4, 0x0F, struct gpio_v2_line_values)
    }

    [Fact]
    public void LineRequestHasTheUapiLayout()
    {
        byte[] r = GpioOutputLine.LineRequest(26, true, "metergateway");
        Assert.Equal(592, r.Length);
        Assert.Equal(26u, BinaryPrimitives.ReadUInt32LittleEndian(r));                          // offsets[0]
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(4)));                 // offsets[1]
        Assert.Equal("metergateway\0", System.Text.Encoding.ASCII.GetString(r, 256, 13));        // consumer
        Assert.Equal(1UL << 3, BinaryPrimitives.ReadUInt64LittleEndian(r.AsSpan(288)));        // config.flags = OUTPUT
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(296)));              // config.num_attrs
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(320)));              // attrs[0].attr.id = OUTPUT_VALUES
        Assert.Equal(1UL, BinaryPrimitives.ReadUInt64LittleEndian(r.AsSpan(328)));             // attrs[0].attr.values
        Assert.Equal(1UL, BinaryPrimitives.ReadUInt64LittleEndian(r.AsSpan(336)));             // attrs[0].mask
        Assert.Equal(1u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(560)));              // num_lines
        Assert.Equal(0u, BinaryPrimitives.ReadUInt32LittleEndian(r.AsSpan(564)));              // event_buffer_size
        Assert.Equal(0, BinaryPrimitives.ReadInt32LittleEndian(r.AsSpan(588)));                // fd (filled by the kernel)
        Assert.Equal(0UL, BinaryPrimitives.ReadUInt64LittleEndian(GpioOutputLine.LineRequest(3, false, "x").AsSpan(328)));
        Assert.Equal(new byte[] { 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, GpioOutputLine.LineValues(true));
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0 }, GpioOutputLine.LineValues(false));
    }

    [SkippableFact]
    public void AMissingChipIsNamed()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux GPIO character devices");
        var e = Assert.Throws<IOException>(() => GpioOutputLine.Open("/dev/gpiochip99", 26, false));
        Assert.Equal("cannot open GPIO chip /dev/gpiochip99: No such file or directory (errno 2)", e.Message);
    }

    /// <summary>/dev/null opens but is no GPIO chip: the line request ioctl reaches the kernel and is refused.</summary>
    [SkippableFact]
    public void ADeviceThatIsNoGpioChipRefusesTheRequest()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux GPIO character devices");
        var e = Assert.Throws<IOException>(() => GpioOutputLine.Open("/dev/null", 26, false));
        Assert.Equal("cannot request line 26 of GPIO chip /dev/null as an output: Inappropriate ioctl for device (errno 25)", e.Message);
    }

    [SkippableFact]
    public void TheLinkReleasesTheSerialPortWhenTheGpioFails()
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Linux GPIO character devices");
        var serial = new CountingLink();
        var link = new GpioDataRequestLink(serial, "/dev/gpiochip99", 26);
        Assert.Throws<IOException>(() => link.Open(115200, LinkParity.None, 8));
        Assert.Equal((1, 1), (serial.Opens, serial.Closes));
        Assert.Throws<InvalidOperationException>(() => link.SetDataRequest(true));
    }

    private sealed class CountingLink : IMeterLink
    {
        public int Opens, Closes;
        public void Open(int baudRate, LinkParity parity, int dataBits) => Opens++;
        public void Close() => Closes++;
        public void Configure(int baudRate, LinkParity parity, int dataBits) { }
        public int Read(byte[] buffer, int offset, int count, int timeoutMs) => 0;
        public void Write(byte[] buffer, int offset, int count) { }
        public void SetDataRequest(bool active) { }
    }
}
