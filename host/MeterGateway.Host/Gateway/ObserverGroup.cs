using MeterGateway.Gateway;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Host.Gateway;

/// <summary>Passes everything the gateway loop reports to several observers in turn (the terminal, the logs).</summary>
public sealed class ObserverGroup : IGatewayObserver
{
    private readonly IGatewayObserver[] _observers;

    /// <summary>A group of <paramref name="observers"/>, called in this order.</summary>
    public ObserverGroup(params IGatewayObserver[] observers) => _observers = observers;

    /// <inheritdoc/>
    public void FrameRejected(FrameError error, string reason)
    {
        foreach (var o in _observers) o.FrameRejected(error, reason);
    }

    /// <inheritdoc/>
    public void SetReceived(ReadingSet readings)
    {
        foreach (var o in _observers) o.SetReceived(readings);
    }

    /// <inheritdoc/>
    public void MessagePublished(string topic, byte[] payload, int offset, int count, bool acknowledged)
    {
        foreach (var o in _observers) o.MessagePublished(topic, payload, offset, count, acknowledged);
    }

    /// <inheritdoc/>
    public void ConnectionChanged(bool connected, string detail)
    {
        foreach (var o in _observers) o.ConnectionChanged(connected, detail);
    }
}
