using System.IO;
using System.Text;
using MeterGateway.HomeAssistant;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IDiscoveryRecordStore"/> as a file on the LittleFS partition (<c>I:\discovery.txt</c>): the Home
    /// Assistant discovery topics announced, one per line, read at start and rewritten when the list changes.
    /// </summary>
    public sealed class LittleFsDiscoveryStore : IDiscoveryRecordStore
    {
        /// <summary>The file.</summary>
        public const string Path = "I:\\discovery.txt";

        /// <inheritdoc/>
        public string Load()
        {
            try
            {
                if (!File.Exists(Path)) return null;
                byte[] bytes = Esp32ConfigStore.ReadAll(Path);
                return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
            }
            catch (IOException)
            {
                return null;
            }
        }

        /// <inheritdoc/>
        public bool Save(string text)
        {
            try
            {
                byte[] bytes = Encoding.UTF8.GetBytes(text);
                using (FileStream file = new FileStream(Path, FileMode.Create, FileAccess.Write))
                {
                    file.Write(bytes, 0, bytes.Length);
                    file.Flush();
                }
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }
    }
}
