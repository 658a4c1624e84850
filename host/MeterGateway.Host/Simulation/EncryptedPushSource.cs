using MeterGateway.Protocols.Dlms;
using MeterGateway.Simulators;

namespace MeterGateway.Host.Simulation;

/// <summary>
/// A simulated encrypted P1 port (Luxembourg Smarty, Austrian T210-D): each frame of another source is sent inside a
/// DLMS general-global-ciphering frame (<see cref="DlmsCipherEncoder"/>) with the frame counter counting up from 1, as
/// the meter does (LUX §3.2.5). For <c>simulate --key</c>.
/// </summary>
public sealed class EncryptedPushSource : IPushSource
{
    /// <summary>The simulated meter's system title, 8 bytes: "MGSIMUL1".</summary>
    public static readonly byte[] SystemTitle = "MGSIMUL1"u8.ToArray();

    private readonly IPushSource _inner;
    private readonly DlmsCipherEncoder _encoder;
    private uint _counter;

    /// <summary>Encrypts the frames of <paramref name="inner"/> with the 16-byte keys given.</summary>
    public EncryptedPushSource(IPushSource inner, byte[] key, byte[] authenticationKey)
    {
        _inner = inner;
        _encoder = new DlmsCipherEncoder(key, authenticationKey, SystemTitle);
    }

    /// <inheritdoc/>
    public int Count => _inner.Count;

    /// <inheritdoc/>
    public (string Name, byte[] Buffer, int Length) Next(DateTimeOffset utc)
    {
        var (name, buffer, length) = _inner.Next(utc);
        var frame = new byte[GeneralGlobalCiphering.FrameLength(length)];
        int n = _encoder.Encode(++_counter, buffer, 0, length, frame, 0);
        return (name + ", encrypted", frame, n);
    }
}
