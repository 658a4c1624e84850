namespace MeterGateway.Outbox
{
    /// <summary>
    /// The outbox's fill for the status JSON: how many reading sets wait to be delivered and how old the oldest is.
    /// <see cref="Outbox.ReadingOutbox"/> gives it; without an outbox (<c>GatewayLoop.Outbox</c> null) the
    /// status JSON says <c>"outbox":{"depth":null,"oldest_undelivered":null}</c>.
    /// </summary>
    public interface IOutboxGauge
    {
        /// <summary>Reading sets not yet delivered to the broker.</summary>
        int Depth { get; }

        /// <summary>Measurement time (Unix seconds UTC) of the oldest undelivered set, or <see cref="Readings.ReadingSet.NoTime"/> when none.</summary>
        long OldestUndeliveredTime { get; }
    }
}
