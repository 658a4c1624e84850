using MeterGateway.Link;

namespace MeterGateway.Host.Gpio;

/// <summary>
/// A meter link whose P1 data request line is a GPIO line (<c>[SERIAL] data_request = gpio:CHIP:LINE</c>), as the
/// DSMR logger of seeds/004 drove GPIO26 of a Raspberry Pi through a transistor: everything else goes to the inner
/// link (the serial port). The line is requested low when the link opens, driven by <see cref="SetDataRequest"/> and
/// released (low) when it closes.
/// </summary>
public sealed class GpioDataRequestLink : IMeterLink, IDisposable
{
    private readonly IMeterLink _inner;
    private readonly string _chip;
    private readonly int _line;
    private GpioOutputLine? _request;

    /// <summary>The link <paramref name="inner"/> with its data request on <paramref name="line"/> of <paramref name="chip"/> (<c>/dev/gpiochip0</c>).</summary>
    public GpioDataRequestLink(IMeterLink inner, string chip, int line)
    {
        _inner = inner;
        _chip = chip;
        _line = line;
    }

    /// <inheritdoc/>
    public void Open(int baudRate, LinkParity parity, int dataBits)
    {
        _request?.Dispose();
        _request = null;
        _inner.Open(baudRate, parity, dataBits);
        try
        {
            _request = GpioOutputLine.Open(_chip, _line, false);
        }
        catch
        {
            _inner.Close();
            throw;
        }
    }

    /// <inheritdoc/>
    public void Close()
    {
        _request?.Dispose();
        _request = null;
        _inner.Close();
    }

    /// <inheritdoc/>
    public void Configure(int baudRate, LinkParity parity, int dataBits) => _inner.Configure(baudRate, parity, dataBits);

    /// <inheritdoc/>
    public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _inner.Read(buffer, offset, count, timeoutMs);

    /// <inheritdoc/>
    public void Write(byte[] buffer, int offset, int count) => _inner.Write(buffer, offset, count);

    /// <inheritdoc/>
    public void SetDataRequest(bool active)
    {
        if (_request == null) throw new InvalidOperationException($"GPIO data request line {_line} of {_chip}: the link is not open");
        _request.Set(active);
    }

    /// <inheritdoc/>
    public void Dispose() => Close();
}
