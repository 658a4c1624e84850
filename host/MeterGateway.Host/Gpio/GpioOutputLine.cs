using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;

namespace MeterGateway.Host.Gpio;

/// <summary>
/// One GPIO line driven as an output through the Linux GPIO character device, uAPI v2 (kernel 5.10+,
/// include/uapi/linux/gpio.h): <c>open("/dev/gpiochipN")</c>, <c>GPIO_V2_GET_LINE_IOCTL</c> for a line request
/// (returns the line's file descriptor), <c>GPIO_V2_LINE_SET_VALUES_IOCTL</c> on that descriptor. This is what
/// libgpiod's <c>gpioset</c> does, without the external program: a P/Invoke of open/ioctl/close keeps the line as long
/// as the gateway runs (gpioset would have to stay alive as a child process, and its options differ between libgpiod 1
/// and 2), and the kernel releases the line if the process dies. The structures are built as bytes at their uAPI
/// offsets (<see cref="LineRequest"/>, <see cref="LineValues"/>), so there is no layout to get wrong.
/// </summary>
public sealed class GpioOutputLine : IDisposable
{
    /// <summary>sizeof(struct gpio_v2_line_request): offsets[64] u32, consumer[32], config (272), num_lines, event_buffer_size, padding[5], fd.</summary>
    public const int LineRequestSize = 592;
    /// <summary>sizeof(struct gpio_v2_line_values): bits u64, mask u64.</summary>
    public const int LineValuesSize = 16;
    /// <summary>GPIO_V2_GET_LINE_IOCTL = _IOWR(0xB4, 0x07, struct gpio_v2_line_request) = 0xC250B407.</summary>
    public static readonly uint GetLineIoctl = Iowr(0xB4, 0x07, LineRequestSize);
    /// <summary>GPIO_V2_LINE_SET_VALUES_IOCTL = _IOWR(0xB4, 0x0F, struct gpio_v2_line_values) = 0xC010B40F.</summary>
    public static readonly uint SetValuesIoctl = Iowr(0xB4, 0x0F, LineValuesSize);

    private const ulong FlagOutput = 1UL << 3;       // GPIO_V2_LINE_FLAG_OUTPUT
    private const uint AttributeOutputValues = 2;    // GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES
    private const int OpenReadWrite = 2, OpenCloseOnExec = 0x80000;

    private readonly string _chip;
    private readonly int _line;
    private int _fd;

    private GpioOutputLine(string chip, int line, int fd)
    {
        _chip = chip;
        _line = line;
        _fd = fd;
    }

    /// <summary>
    /// Requests <paramref name="line"/> of <paramref name="chip"/> (<c>/dev/gpiochip0</c>) as an output at
    /// <paramref name="initial"/>, as consumer "metergateway". Throws <see cref="IOException"/> naming the chip and line
    /// when the chip cannot be opened or the line is busy or absent.
    /// </summary>
    public static GpioOutputLine Open(string chip, int line, bool initial)
    {
        int chipFd = open(chip, OpenReadWrite | OpenCloseOnExec);
        if (chipFd < 0) throw Failure($"cannot open GPIO chip {chip}");
        try
        {
            byte[] request = LineRequest(line, initial, "metergateway");
            if (ioctl(chipFd, GetLineIoctl, request) < 0) throw Failure($"cannot request line {line} of GPIO chip {chip} as an output");
            return new GpioOutputLine(chip, line, BinaryPrimitives.ReadInt32LittleEndian(request.AsSpan(LineRequestSize - 4)));
        }
        finally
        {
            close(chipFd);
        }
    }

    /// <summary>Drives the line high (true) or low.</summary>
    public void Set(bool value)
    {
        if (_fd < 0) throw new ObjectDisposedException($"GPIO line {_line} of {_chip}");
        if (ioctl(_fd, SetValuesIoctl, LineValues(value)) < 0) throw Failure($"cannot set line {_line} of GPIO chip {_chip}");
    }

    /// <summary>Drives the line low and releases it.</summary>
    public void Dispose()
    {
        if (_fd < 0) return;
        ioctl(_fd, SetValuesIoctl, LineValues(false));
        close(_fd);
        _fd = -1;
    }

    /// <summary>
    /// struct gpio_v2_line_request for one output line: offsets[0] = line, consumer, config.flags = OUTPUT, one attribute
    /// OUTPUT_VALUES = initial with mask bit 0, num_lines = 1. Little-endian, as on the Pi and x86.
    /// </summary>
    public static byte[] LineRequest(int line, bool initial, string consumer)
    {
        var b = new byte[LineRequestSize];
        var span = b.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(span, (uint)line);                   // offsets[0]
        Encoding.ASCII.GetBytes(consumer, 0, Math.Min(consumer.Length, 31), b, 256);  // consumer[32], NUL-terminated
        const int config = 288;                                                        // struct gpio_v2_line_config
        BinaryPrimitives.WriteUInt64LittleEndian(span[config..], FlagOutput);         // config.flags
        BinaryPrimitives.WriteUInt32LittleEndian(span[(config + 8)..], 1);            // config.num_attrs
        const int attribute = config + 32;                                             // config.attrs[0]
        BinaryPrimitives.WriteUInt32LittleEndian(span[attribute..], AttributeOutputValues);
        BinaryPrimitives.WriteUInt64LittleEndian(span[(attribute + 8)..], initial ? 1UL : 0UL); // attr.values
        BinaryPrimitives.WriteUInt64LittleEndian(span[(attribute + 16)..], 1UL);      // mask: line 0 of the request
        BinaryPrimitives.WriteUInt32LittleEndian(span[560..], 1);                     // num_lines
        return b;
    }

    /// <summary>struct gpio_v2_line_values for the request's single line: bits = value, mask = 1.</summary>
    public static byte[] LineValues(bool value)
    {
        var b = new byte[LineValuesSize];
        BinaryPrimitives.WriteUInt64LittleEndian(b, value ? 1UL : 0UL);
        BinaryPrimitives.WriteUInt64LittleEndian(b.AsSpan(8), 1UL);
        return b;
    }

    /// <summary>The Linux _IOWR(type, nr, size) request number.</summary>
    public static uint Iowr(int type, int number, int size) => (3u << 30) | ((uint)size << 16) | ((uint)type << 8) | (uint)number;

    private static IOException Failure(string what)
    {
        int errno = Marshal.GetLastPInvokeError();
        return new IOException($"{what}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int ioctl(int fd, nuint request, byte[] argument);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
