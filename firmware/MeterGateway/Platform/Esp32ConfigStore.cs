using System.IO;
using System.Text;
using MeterGateway.Device;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IConfigStore"/> on the ESP32's internal LittleFS partition, drive <c>I:\</c> (nanoFramework
    /// System.IO.FileSystem). A new text is written to <c>config.new</c> first and then moved over <c>config.ini</c>,
    /// so that a power cut while writing leaves the old file, not half of the new one.
    /// </summary>
    public sealed class Esp32ConfigStore : IConfigStore
    {
        /// <summary>The configuration file.</summary>
        public const string Path = "I:\\config.ini";
        private const string NewPath = "I:\\config.new";

        /// <inheritdoc/>
        public string Read()
        {
            if (!File.Exists(Path)) return null;
            byte[] bytes = ReadAll(Path);
            return Encoding.UTF8.GetString(bytes, 0, bytes.Length);
        }

        /// <inheritdoc/>
        public void Write(string text)
        {
            byte[] bytes = Encoding.UTF8.GetBytes(text);
            using (FileStream file = new FileStream(NewPath, FileMode.Create, FileAccess.Write))
            {
                file.Write(bytes, 0, bytes.Length);
                file.Flush();
            }
            if (File.Exists(Path)) File.Delete(Path);
            File.Move(NewPath, Path);
        }

        /// <summary>The whole content of a small file.</summary>
        public static byte[] ReadAll(string path)
        {
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                byte[] bytes = new byte[(int)file.Length];
                int read = 0;
                while (read < bytes.Length)
                {
                    int n = file.Read(bytes, read, bytes.Length - read);
                    if (n <= 0) break;
                    read += n;
                }
                return bytes;
            }
        }
    }
}
