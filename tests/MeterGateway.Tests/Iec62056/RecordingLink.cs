using MeterGateway.Link;
using MeterGateway.Simulators;

namespace MeterGateway.Tests.Iec62056;

/// <summary>What the client did to the link, and when (virtual milliseconds).</summary>
public sealed record LinkAction(long TimeMs, string Kind, int Baud, byte[] Bytes);

/// <summary>An <see cref="IMeterLink"/> that records every write and speed change before passing it on.</summary>
public sealed class RecordingLink : IMeterLink
{
    private readonly SimulatedSerialLine _inner;

    public RecordingLink(SimulatedSerialLine inner) { _inner = inner; }

    public List<LinkAction> Actions { get; } = new();

    /// <summary>The bytes written, one entry per write.</summary>
    public List<byte[]> Writes => Actions.Where(a => a.Kind == "write").Select(a => a.Bytes).ToList();

    public void Open(int baudRate, LinkParity parity, int dataBits)
    {
        Xunit.Assert.Equal(LinkParity.Even, parity);
        Xunit.Assert.Equal(7, dataBits);
        _inner.Open(baudRate, parity, dataBits);
        Actions.Add(new LinkAction(_inner.MonotonicMs, "open", baudRate, Array.Empty<byte>()));
    }

    public void Close()
    {
        _inner.Close();
        Actions.Add(new LinkAction(_inner.MonotonicMs, "close", 0, Array.Empty<byte>()));
    }

    public void Configure(int baudRate, LinkParity parity, int dataBits)
    {
        Xunit.Assert.Equal(LinkParity.Even, parity);
        Xunit.Assert.Equal(7, dataBits);
        _inner.Configure(baudRate, parity, dataBits);
        Actions.Add(new LinkAction(_inner.MonotonicMs, "configure", baudRate, Array.Empty<byte>()));
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs) => _inner.Read(buffer, offset, count, timeoutMs);

    public void Write(byte[] buffer, int offset, int count)
    {
        Actions.Add(new LinkAction(_inner.MonotonicMs, "write", _inner.ClientBaudRate, buffer.AsSpan(offset, count).ToArray()));
        _inner.Write(buffer, offset, count);
    }

    public void SetDataRequest(bool active) => _inner.SetDataRequest(active);
}
