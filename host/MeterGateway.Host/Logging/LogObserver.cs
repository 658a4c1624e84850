using MeterGateway.Gateway;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Host.Logging;

/// <summary>
/// Writes every reading set the gateway publishes to the value log and, when given, its frame to the raw log
/// (<c>run --log-dir DIR [--raw-log]</c>). The set it sees has been through the OBIS selection already; the raw frame
/// is the decoder's last frame (the decrypted telegram behind a DLMS decryptor). A log that cannot be written stops
/// the gateway with the error (a full disk must not pass unnoticed).
/// </summary>
public sealed class LogObserver : IGatewayObserver, IDisposable
{
    private readonly ValueLog _values;
    private readonly RawLog? _raw;
    private readonly IFrameDecoder? _frames;
    private readonly IClock _clock;

    /// <summary>Logs to <paramref name="values"/> and, with a decoder to take frames from, <paramref name="raw"/>.</summary>
    public LogObserver(ValueLog values, RawLog? raw, IFrameDecoder? frames, IClock clock)
    {
        _values = values;
        _raw = raw;
        _frames = frames;
        _clock = clock;
    }

    /// <inheritdoc/>
    public void SetReceived(ReadingSet readings)
    {
        long now = _clock.UtcNowSeconds;
        _values.Write(readings, now);
        if (_raw != null && _frames != null && _frames.FrameLength > 0)
        {
            _raw.Write(_frames.FrameBuffer, _frames.FrameOffset, _frames.FrameLength, readings.FrameTime != ReadingSet.NoTime ? readings.FrameTime : now);
        }
    }

    /// <inheritdoc/>
    public void FrameRejected(FrameError error, string reason) { }

    /// <inheritdoc/>
    public void MessagePublished(string topic, byte[] payload, int offset, int count, bool acknowledged) { }

    /// <inheritdoc/>
    public void ConnectionChanged(bool connected, string detail) { }

    /// <inheritdoc/>
    public void Dispose()
    {
        _values.Dispose();
        _raw?.Dispose();
    }
}
