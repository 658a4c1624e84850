using System.Runtime.InteropServices;

namespace MeterGateway.Host.Serial;

/// <summary>
/// Reads a serial device on Linux with <c>poll</c> and <c>read</c> on a descriptor of its own, on the calling thread.
/// System.IO.Ports on Unix hands each read to a loop thread of its own that polls the device in 1 ms steps (and sleeps
/// 1 ms at a time between reads) and completes the read through a task whose continuation runs on the thread pool: three
/// threads to schedule before the gateway sees the meter's bytes, which on a busy machine is where the long tails of
/// the serial → subscriber latency came from (docs/benchmarks.md, "Latency"). The port is still opened, configured and
/// written through System.IO.Ports (the terminal settings are the device's, shared by both descriptors); only reads go
/// through here, so nothing else reads the device.
/// </summary>
internal sealed class LinuxSerialReader : IDisposable
{
    private const int ORdonly = 0, ONoctty = 0x100, ONonblock = 0x800, OCloexec = 0x80000;
    private const short PollIn = 0x1, PollErr = 0x8, PollNval = 0x20;
    private const int EIntr = 4;
    private int _fd;

    private LinuxSerialReader(int fd) => _fd = fd;

    /// <summary>A reader of <paramref name="device"/>, or null when not on Linux or the device cannot be opened (reads then stay with System.IO.Ports).</summary>
    public static LinuxSerialReader? Open(string device)
    {
        if (!OperatingSystem.IsLinux()) return null;
        int fd = open(device, ORdonly | ONoctty | ONonblock | OCloexec);
        return fd < 0 ? null : new LinuxSerialReader(fd);
    }

    /// <summary>
    /// Waits up to <paramref name="timeoutMs"/> ms (0: not at all) for bytes and reads what is there, at most
    /// <paramref name="count"/>; returns the number read, 0 when none came. As System.IO.Ports does: a device that
    /// reports an error (POLLERR, POLLNVAL: a USB adapter unplugged) throws <see cref="IOException"/>; a hung-up one (the
    /// other end of a pty closed) gives no bytes, after the timeout.
    /// </summary>
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        ObjectDisposedException.ThrowIf(_fd < 0, this);
        if (count <= 0) return 0;
        timeoutMs = Math.Max(0, timeoutMs);
        long start = Environment.TickCount64;
        var wait = new PollFd { Fd = _fd, Events = PollIn };
        int ready = poll(ref wait, 1, timeoutMs);
        if (ready < 0)
        {
            int error = Marshal.GetLastPInvokeError();
            if (error == EIntr) return 0;
            throw new IOException($"poll on the serial device failed: {Marshal.GetPInvokeErrorMessage(error)}");
        }
        if (ready == 0) return 0;
        if ((wait.Revents & (PollErr | PollNval)) != 0) throw new IOException("the serial device reported an error");
        nint n = read(_fd, ref buffer[offset], count);
        if (n > 0) return (int)n;
        // end of file or EIO of a hung-up terminal (or EAGAIN, EINTR): no bytes; wait out the timeout rather than spin
        long left = timeoutMs - (Environment.TickCount64 - start);
        if (left > 0) Thread.Sleep((int)left);
        return 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_fd < 0) return;
        close(_fd);
        _fd = -1;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int poll(ref PollFd fds, nuint count, int timeoutMs);

    [DllImport("libc", SetLastError = true)]
    private static extern nint read(int fd, ref byte buffer, nint count);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int fd);
}
