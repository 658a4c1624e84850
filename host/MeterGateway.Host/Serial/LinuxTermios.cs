using System.Runtime.InteropServices;

namespace MeterGateway.Host.Serial;

/// <summary>
/// The terminal settings of a serial device on Linux, kept around an opening by System.IO.Ports. Its open writes the
/// settings with <c>tcsetattr</c>, which glibc reports as failed (EINVAL, shown as "Value does not fall within the
/// expected range") when the driver silently changed the data bits or the parity and nothing else changed. A pty
/// always keeps 8 data bits without parity, so once a 7E1 opening left <c>CLOCAL</c> and the speed set, every later
/// 7E1 opening of the device changed nothing and failed (<c>stty -F DEV -clocal</c> made it work again). So before an
/// opening the device's settings are saved and <c>CLOCAL</c> is cleared (the opening sets it again, so something
/// changes); after the port is closed the saved settings are written back, which leaves the device as it was found
/// for the next program, a USB adapter included.
/// </summary>
internal static class LinuxTermios
{
    // struct termios of glibc (c_iflag, c_oflag, c_cflag, c_lflag, c_line, c_cc[32], c_ispeed, c_ospeed): 60 bytes.
    private const int TermiosSize = 64;
    private const int CflagOffset = 8;
    private const int Clocal = 0x800; // octal 04000
    private const int ORdwr = 0x2, ONoctty = 0x100, ONonblock = 0x800, OCloexec = 0x80000;
    private const int Tcsanow = 0;

    /// <summary>
    /// Saves the settings of <paramref name="device"/> and clears its <c>CLOCAL</c>; returns the saved settings, or null
    /// when not on Linux or the device cannot be opened or is not a terminal (the opening then reports it).
    /// </summary>
    public static byte[]? SaveAndPrepare(string device)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int fd = open(device, ORdwr | ONoctty | ONonblock | OCloexec);
        if (fd < 0) return null;
        try
        {
            var saved = new byte[TermiosSize];
            if (tcgetattr(fd, saved) != 0) return null;
            int cflag = BitConverter.ToInt32(saved, CflagOffset);
            if ((cflag & Clocal) != 0)
            {
                var cleared = (byte[])saved.Clone();
                BitConverter.TryWriteBytes(cleared.AsSpan(CflagOffset), cflag & ~Clocal);
                tcsetattr(fd, Tcsanow, cleared);
            }
            return saved;
        }
        finally
        {
            close(fd);
        }
    }

    /// <summary>Writes <paramref name="saved"/> back to <paramref name="device"/> (after the port was closed); best effort.</summary>
    public static void Restore(string device, byte[] saved)
    {
        if (!OperatingSystem.IsLinux()) return;
        int fd = open(device, ORdwr | ONoctty | ONonblock | OCloexec);
        if (fd < 0) return;
        tcsetattr(fd, Tcsanow, saved);
        close(fd);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int optionalActions, byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
