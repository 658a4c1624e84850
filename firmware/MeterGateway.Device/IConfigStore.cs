namespace MeterGateway.Device
{
    /// <summary>
    /// Where <c>config.ini</c> is kept: <c>I:\config.ini</c> on the ESP32's LittleFS partition, a file or memory
    /// elsewhere. The provisioning portal and the remote <c>set</c> command read and replace the whole text.
    /// </summary>
    public interface IConfigStore
    {
        /// <summary>The file's text (UTF-8), or null when there is no file yet.</summary>
        string Read();

        /// <summary>Replaces the file's text; throws <see cref="System.IO.IOException"/> when it cannot be written.</summary>
        void Write(string text);
    }
}
