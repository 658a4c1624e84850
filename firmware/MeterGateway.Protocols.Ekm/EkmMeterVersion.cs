namespace MeterGateway.Protocols.Ekm
{
    /// <summary>The Omnimeter generation, which decides how it is read (EKM library manual §2.1).</summary>
    public enum EkmMeterVersion : byte
    {
        /// <summary>v3 (OmniMeter I / II UL v.3): one V3 A read.</summary>
        V3 = 3,
        /// <summary>v4 (Omnimeter Pulse v.4): a V4 A and a V4 B read.</summary>
        V4 = 4,
    }
}
