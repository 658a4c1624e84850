using System.Collections.Concurrent;
using MeterGateway.Gateway;

namespace MeterGateway.Host.Watch;

/// <summary>
/// The status of the gateway loop that <c>watch</c> runs itself: after a step in which the valid or rejected frames,
/// the broker connection or the published messages changed (and after the first step), the loop's status document
/// (<see cref="GatewayLoop.WriteStatus"/>, as the status page serves it) is copied to the screen's queue. Called on
/// the loop's thread; the copy is the only allocation, once per change.
/// </summary>
public sealed class LoopStatusFeed
{
    private readonly BlockingCollection<WatchUpdate> _updates;
    private long _valid = -1, _rejected = -1, _published = -1;
    private bool _connected;

    /// <summary>A feed adding to <paramref name="updates"/>.</summary>
    public LoopStatusFeed(BlockingCollection<WatchUpdate> updates) => _updates = updates;

    /// <summary>After each step of <paramref name="loop"/> (its <see cref="GatewayLoop.StatusDocument"/> set).</summary>
    public void Stepped(GatewayLoop loop)
    {
        GatewayStatus s = loop.Status;
        if (s.FramesValid == _valid && s.FramesRejectedTotal == _rejected && s.Connected == _connected && s.MessagesPublished == _published) return;
        _valid = s.FramesValid;
        _rejected = s.FramesRejectedTotal;
        _connected = s.Connected;
        _published = s.MessagesPublished;
        int length = loop.WriteStatus();
        if (length > 0) _updates.Add(new WatchUpdate(loop.StatusBuffer.AsSpan(0, length).ToArray(), null));
    }
}
