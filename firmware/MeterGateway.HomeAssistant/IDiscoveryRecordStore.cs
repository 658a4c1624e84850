namespace MeterGateway.HomeAssistant
{
    /// <summary>
    /// Where the gateway keeps the list of Home Assistant discovery config topics it has announced (retained), so that a
    /// quantity removed from the configuration — or a whole meter replaced — gets its config emptied after a restart.
    /// A few hundred bytes of text, one topic per line, written only when that list changes. ESP32: a file on the
    /// <c>I:\</c> partition; host: a file beside the configuration; tests: a string in memory. Start-up and
    /// change-time code: allocation is fine. Methods do not throw.
    /// </summary>
    public interface IDiscoveryRecordStore
    {
        /// <summary>The saved text, or null when nothing was saved yet.</summary>
        string Load();

        /// <summary>Replaces the saved text; false when it could not be written.</summary>
        bool Save(string text);
    }
}
