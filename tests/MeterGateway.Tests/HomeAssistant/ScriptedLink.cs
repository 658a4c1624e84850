using MeterGateway.Core.Gateway;
using MeterGateway.Core.Link;
using MeterGateway.Tests.Shared.Health;

namespace MeterGateway.Tests.HomeAssistant;

/// <summary>A P1 line that delivers the given chunks in turn (as much of one as a read asks for), then nothing.</summary>
public sealed class ScriptedLink : IMeterLink
{
    private readonly Queue<byte[]> _chunks;
    private int _position;
    public ScriptedLink(IEnumerable<byte[]> chunks) => _chunks = new Queue<byte[]>(chunks);
    public bool Empty => _chunks.Count == 0;
    public void Open(int baudRate, LinkParity parity, int dataBits) { }
    public void Close() { }
    public void Configure(int baudRate, LinkParity parity, int dataBits) { }
    public void Write(byte[] buffer, int offset, int count) { }
    public void SetDataRequest(bool active) { }

    public int Read(byte[] buffer, int offset, int count, int timeoutMs)
    {
        if (_chunks.Count == 0) return 0;
        byte[] chunk = _chunks.Peek();
        int n = Math.Min(count, chunk.Length - _position);
        Array.Copy(chunk, _position, buffer, offset, n);
        _position += n;
        if (_position == chunk.Length)
        {
            _chunks.Dequeue();
            _position = 0;
        }
        return n;
    }

    /// <summary>Steps <paramref name="loop"/> (one second of <paramref name="clock"/> each) until every chunk was read and decoded.</summary>
    public void RunThrough(GatewayLoop loop, SteppedClock clock)
    {
        for (int step = 0; step < 100 && !Empty; step++)
        {
            clock.MonotonicMs += 1000;
            loop.Step(0);
        }
        for (int step = 0; step < 5; step++) loop.Step(0); // frames still in the source's buffer
    }
}
