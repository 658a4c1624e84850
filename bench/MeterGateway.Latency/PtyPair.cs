using System.Runtime.InteropServices;

namespace MeterGateway.Latency;

/// <summary>
/// A pseudo-terminal pair made in this process (Linux <c>posix_openpt</c>, <c>grantpt</c>, <c>unlockpt</c>,
/// <c>ptsname_r</c>): the benchmark writes the meter's bytes into <see cref="Meter"/> (the master side) and the gateway
/// opens <see cref="DevicePath"/> (the slave side, <c>/dev/pts/N</c>) as its serial port. Unlike a socat pair there is
/// no relay process between the two ends, as there is none between a meter's UART and the gateway. The slave is put in
/// raw mode without echo (<c>cfmakeraw</c>) before the gateway opens it and is held open here until disposal, so the
/// master never sees a hang-up while the gateway opens and configures the port.
/// </summary>
internal sealed class PtyPair : IDisposable
{
    private const int ORdwr = 0x2, ONoctty = 0x100, OCloexec = 0x80000, Tcsanow = 0;
    private readonly int _slave;

    /// <summary>The master side, written by the benchmark (unbuffered).</summary>
    public FileStream Meter { get; }

    /// <summary>The slave device the gateway opens, e.g. <c>/dev/pts/7</c>.</summary>
    public string DevicePath { get; }

    /// <summary>Makes the pair; throws <see cref="IOException"/> naming the call that failed.</summary>
    public PtyPair()
    {
        int master = posix_openpt(ORdwr | ONoctty | OCloexec);
        if (master < 0) throw Failed("posix_openpt");
        var name = new byte[128];
        if (grantpt(master) != 0 || unlockpt(master) != 0 || ptsname_r(master, name, name.Length) != 0)
        {
            close(master);
            throw Failed("grantpt/unlockpt/ptsname_r");
        }
        DevicePath = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        _slave = open(DevicePath, ORdwr | ONoctty | OCloexec);
        var termios = new byte[64]; // glibc's struct termios is 60 bytes
        if (_slave < 0 || tcgetattr(_slave, termios) != 0)
        {
            close(master);
            throw Failed("opening " + DevicePath);
        }
        cfmakeraw(termios);
        tcsetattr(_slave, Tcsanow, termios);
        Meter = new FileStream(new Microsoft.Win32.SafeHandles.SafeFileHandle(master, ownsHandle: true), FileAccess.Write, 1);
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Meter.Dispose();
        close(_slave);
    }

    private static IOException Failed(string call) => new(call + " failed: " + Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError()));

    [DllImport("libc", SetLastError = true)]
    private static extern int posix_openpt(int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int grantpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlockpt(int fd);

    [DllImport("libc", SetLastError = true)]
    private static extern int ptsname_r(int fd, byte[] buffer, nint length);

    [DllImport("libc", SetLastError = true)]
    private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcgetattr(int fd, byte[] termios);

    [DllImport("libc")]
    private static extern void cfmakeraw(byte[] termios);

    [DllImport("libc", SetLastError = true)]
    private static extern int tcsetattr(int fd, int action, byte[] termios);

    [DllImport("libc")]
    private static extern int close(int fd);
}
