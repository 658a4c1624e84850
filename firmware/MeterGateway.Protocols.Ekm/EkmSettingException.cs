namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// A value given for an EKM setting (or a meter address or password) that the meter does not allow. Thrown by
    /// <see cref="EkmRequests"/> and <see cref="EkmCommands"/> before anything is built or sent; the message names
    /// the setting, the value and what is allowed, e.g. <c>CT ratio 150 is not allowed: 100, 200, 400, …</c>.
    /// Only user input raises it: bad bytes from a meter are reported, never thrown.
    /// </summary>
    public sealed class EkmSettingException : System.ArgumentException
    {
        /// <summary>The setting, as the message names it (e.g. "CT ratio").</summary>
        public readonly string Setting;
        /// <summary>The refused value as given.</summary>
        public readonly string Value;

        /// <summary>Creates the exception; <paramref name="allowed"/> describes the allowed values.</summary>
        public EkmSettingException(string setting, string value, string allowed)
            : base(setting + " " + value + " is not allowed: " + allowed)
        {
            Setting = setting;
            Value = value;
        }
    }
}
