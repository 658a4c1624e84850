using System.IO.Ports;
using MeterGateway.Link;

namespace MeterGateway.Host.Serial;

/// <summary>
/// <see cref="IMeterLink"/> over System.IO.Ports: a USB IR head, a P1 cable or an RS-485 adapter on Linux, a
/// Raspberry Pi or Windows. The P1 data request line can be driven through the port's RTS line. On Linux the bytes are
/// read by <see cref="LinuxSerialReader"/> on the caller's thread (System.IO.Ports' own reads hand off between threads).
/// </summary>
public sealed class SerialMeterLink : IMeterLink, IDisposable
{
    private readonly string _portName;
    private SerialPort? _port;
    private LinuxSerialReader? _reader;
    private byte[]? _savedTermios;

    /// <summary>A link on <paramref name="portName"/> (<c>/dev/ttyUSB0</c>, <c>COM3</c>); nothing is opened yet.</summary>
    public SerialMeterLink(string portName) => _portName = portName;

    /// <summary>The device name.</summary>
    public string PortName => _portName;

    /// <inheritdoc/>
    public void Open(int baudRate, LinkParity parity, int dataBits)
    {
        Close();
        var port = new SerialPort(_portName, baudRate, ToParity(parity), dataBits, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadBufferSize = 16384,
            WriteTimeout = 5000,
        };
        // A 7E1 opening of a pty left it in a state that failed the next one (LinuxTermios): saved, restored on Close.
        _savedTermios = LinuxTermios.SaveAndPrepare(_portName);
        try
        {
            port.Open();
        }
        catch (Exception e) when (e is UnauthorizedAccessException or ArgumentException or InvalidOperationException or IOException)
        {
            port.Dispose();
            RestoreTermios();
            // System.IO.Ports reports a missing device as "Access to the port is denied".
            if (!OperatingSystem.IsWindows() && !File.Exists(_portName))
                throw new IOException($"cannot open serial port {_portName}: the device {_portName} does not exist", e);
            throw new IOException($"cannot open serial port {_portName}: {e.Message}", e);
        }
        _port = port;
        _reader = LinuxSerialReader.Open(_portName);
    }

    /// <inheritdoc/>
    public void Close()
    {
        _reader?.Dispose();
        _reader = null;
        _port?.Dispose();
        _port = null;
        RestoreTermios();
    }

    private void RestoreTermios()
    {
        if (_savedTermios == null) return;
        LinuxTermios.Restore(_portName, _savedTermios);
        _savedTermios = null;
    }

    /// <inheritdoc/>
    public void Configure(int baudRate, LinkParity parity, int dataBits)
    {
        var port = Port;
        port.BaudRate = baudRate;
        port.Parity = ToParity(parity);
        port.DataBits = dataBits;
    }

    /// <inheritdoc/>
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        var port = Port;
        if (_reader != null) return _reader.Read(buffer, offset, count, timeoutMs);
        port.ReadTimeout = Math.Max(1, timeoutMs);
        try
        {
            return port.Read(buffer, offset, count);
        }
        catch (TimeoutException)
        {
            return 0;
        }
    }

    /// <inheritdoc/>
    public void Write(byte[] buffer, int offset, int count)
    {
        var port = Port;
        port.Write(buffer, offset, count);
        port.BaseStream.Flush();
    }

    /// <inheritdoc/>
    public void SetDataRequest(bool active)
    {
        var port = Port;
        try
        {
            port.RtsEnable = active;
        }
        catch (IOException e)
        {
            throw new IOException($"cannot drive the RTS line of serial port {_portName} ([SERIAL] data_request = rts): {e.Message}", e);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => Close();

    private SerialPort Port => _port ?? throw new InvalidOperationException($"serial port {_portName} is not open");

    private static Parity ToParity(LinkParity parity) => parity switch
    {
        LinkParity.Even => Parity.Even,
        LinkParity.Odd => Parity.Odd,
        _ => Parity.None,
    };
}
