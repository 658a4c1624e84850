namespace MeterGateway.Outbox
{
    /// <summary>
    /// The outbox's fill for the status JSON: how many reading sets wait to be delivered, how old the oldest is, and how
    /// many were thinned or dropped to make room (a subscriber's loss). <see cref="Outbox.ReadingOutbox"/> gives it;
    /// without an outbox (<c>GatewayLoop.Outbox</c> null) the status JSON says
    /// <c>"outbox":{"depth":null,"oldest_undelivered":null,"thinned":null,"dropped":null}</c>.
    /// </summary>
    public interface IOutboxGauge
    {
        /// <summary>Reading sets not yet delivered to the broker.</summary>
        int Depth { get; }

        /// <summary>Measurement time (Unix seconds UTC) of the oldest undelivered set, or <see cref="Readings.ReadingSet.NoTime"/> when none.</summary>
        long OldestUndeliveredTime { get; }

        /// <summary>Reading sets thinned to make room (never to be published), counted over the outbox's life (kept in its metadata).</summary>
        long Thinned { get; }

        /// <summary>Reading sets dropped whole to make room or because storage failed, counted over the outbox's life.</summary>
        long Dropped { get; }
    }
}
