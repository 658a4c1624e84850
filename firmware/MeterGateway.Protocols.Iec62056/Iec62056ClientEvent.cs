namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>What one <see cref="Iec62056Client.Poll"/> produced.</summary>
    public enum Iec62056ClientEvent : byte
    {
        /// <summary>Nothing yet: poll again.</summary>
        None = 0,
        /// <summary>A data readout (or a mode D push) passed its checks and is in the client's reading set.</summary>
        Readout = 1,
        /// <summary>A programming-mode register read is in the reading set (<see cref="Iec62056Client.RegisterIndex"/> says which).</summary>
        Register = 2,
        /// <summary>An attempt failed (<see cref="Iec62056Client.Error"/>); the session sends a break and retries if attempts remain (mode D keeps listening).</summary>
        AttemptFailed = 3,
        /// <summary>The session ended after its break, having read what it was asked.</summary>
        Completed = 4,
        /// <summary>Every attempt failed; the client is idle until the next <see cref="Iec62056Client.Start"/>.</summary>
        Failed = 5,
    }
}
