using MeterGateway.Link;

namespace MeterGateway.Host.Simulation;

/// <summary>
/// A push meter inside the program, for the demo: an <see cref="IMeterLink"/> whose reads deliver a frame from
/// an <see cref="IPushSource"/> every <c>interval</c>, as a serial port would.
/// </summary>
public sealed class SimulatedMeterLink : IMeterLink
{
    private readonly IPushSource _source;
    private readonly TimeSpan _interval;
    private DateTime _nextTelegram = DateTime.MinValue;
    private byte[] _pending = Array.Empty<byte>();
    private int _position;

    /// <summary>A link replaying <paramref name="source"/> every <paramref name="interval"/>.</summary>
    public SimulatedMeterLink(IPushSource source, TimeSpan interval)
    {
        _source = source;
        _interval = interval;
    }

    /// <summary>Name of the capture of the last telegram sent.</summary>
    public string? LastCapture { get; private set; }

    /// <inheritdoc/>
    public void Open(int baudRate, LinkParity parity, int dataBits) => _nextTelegram = DateTime.UtcNow;

    /// <inheritdoc/>
    public void Close() { }

    /// <inheritdoc/>
    public void Configure(int baudRate, LinkParity parity, int dataBits) { }

    /// <inheritdoc/>
    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (_position >= _pending.Length)
        {
            var wait = _nextTelegram - DateTime.UtcNow;
            if (wait > TimeSpan.FromMilliseconds(timeoutMs))
            {
                Thread.Sleep(timeoutMs);
                return 0;
            }
            if (wait > TimeSpan.Zero) Thread.Sleep(wait);
            var (name, telegram, length) = _source.Next(DateTimeOffset.UtcNow);
            _pending = telegram.AsSpan(0, length).ToArray();
            _position = 0;
            LastCapture = name;
            _nextTelegram = DateTime.UtcNow + _interval;
        }
        int n = Math.Min(count, _pending.Length - _position);
        Array.Copy(_pending, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    /// <inheritdoc/>
    public void Write(byte[] buffer, int offset, int count) { }

    /// <inheritdoc/>
    public void SetDataRequest(bool active) { }
}
