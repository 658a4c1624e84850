using System.IO;
using MeterGateway.Update;
using MeterGateway.Readings;

namespace MeterGateway.Platform
{
    /// <summary>
    /// <see cref="IUpdateStorage"/> on the ESP32's LittleFS partition (<c>I:\ota\</c>), with nanoFramework's
    /// System.IO.FileSystem: <c>FileStream</c>, <c>File</c>, <c>Directory</c>. A file is closed before each call
    /// returns, which is when LittleFS commits it. <see cref="FreeBytes"/> is counted, not asked of the driver: the
    /// partition's size less every file on <c>I:\</c> (outbox and configuration included) rounded up to whole
    /// 4096-byte blocks, as LittleFS allocates them. Compiled into the loader and, as a link, into the application.
    /// </summary>
    public sealed class LittleFsUpdateStorage : IUpdateStorage
    {
        /// <summary>The update folder.</summary>
        public const string Root = "I:\\ota\\";
        /// <summary>The drive the partition is mounted as.</summary>
        public const string Drive = "I:\\";
        /// <summary>Size of the LittleFS partition of the nanoFramework ESP32 images, in bytes.</summary>
        public const long PartitionBytes = 256 * 1024;
        private const int BlockSize = 4096;

        /// <inheritdoc/>
        public int Length(string name)
        {
            string path = PathOf(name);
            if (!File.Exists(path)) return -1;
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                return (int)file.Length;
            }
        }

        /// <inheritdoc/>
        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            string path = PathOf(name);
            if (!File.Exists(path)) return 0;
            using (FileStream file = new FileStream(path, FileMode.Open, FileAccess.Read))
            {
                if (position >= file.Length) return 0;
                file.Seek(position, SeekOrigin.Begin);
                int read = 0;
                while (read < count)
                {
                    int n = file.Read(buffer, offset + read, count - read);
                    if (n <= 0) break;
                    read += n;
                }
                return read;
            }
        }

        /// <inheritdoc/>
        public void Append(string name, byte[] buffer, int offset, int count)
        {
            WriteFile(name, FileMode.Append, buffer, offset, count);
        }

        /// <inheritdoc/>
        public void Write(string name, byte[] buffer, int offset, int count)
        {
            WriteFile(name, FileMode.Create, buffer, offset, count);
        }

        /// <inheritdoc/>
        public void Delete(string name)
        {
            string path = PathOf(name);
            if (File.Exists(path)) File.Delete(path);
        }

        /// <inheritdoc/>
        public string[] List(string folder)
        {
            string path = PathOf(folder);
            if (!Directory.Exists(path)) return new string[0];
            string[] files = Directory.GetFiles(path);
            string[] names = StringArray.New(files.Length);
            for (int i = 0; i < files.Length; i++)
            {
                names[i] = folder + Path.GetFileName(files[i]);
            }
            return names;
        }

        /// <inheritdoc/>
        public long FreeBytes
        {
            get
            {
                long free = PartitionBytes - Used(Drive);
                return free > 0 ? free : 0;
            }
        }

        private static long Used(string directory)
        {
            long used = 0;
            string[] files = Directory.GetFiles(directory);
            for (int i = 0; i < files.Length; i++)
            {
                using (FileStream file = new FileStream(files[i], FileMode.Open, FileAccess.Read))
                {
                    used += (file.Length + BlockSize - 1) / BlockSize * BlockSize;
                }
            }
            string[] folders = Directory.GetDirectories(directory);
            for (int i = 0; i < folders.Length; i++)
            {
                used += Used(folders[i]);
            }
            return used;
        }

        private static void WriteFile(string name, FileMode mode, byte[] buffer, int offset, int count)
        {
            string path = PathOf(name);
            string folder = Path.GetDirectoryName(path);
            if (!Directory.Exists(folder)) Directory.CreateDirectory(folder);
            using (FileStream file = new FileStream(path, mode, FileAccess.Write))
            {
                file.Write(buffer, offset, count);
                file.Flush();
            }
        }

        // The core's names use '/' (e.g. "a/MeterGateway.pe"); names of manifest files are checked by the core
        // against [A-Za-z0-9._-], so nothing leaves the folder.
        private static string PathOf(string name)
        {
            char[] chars = name.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                if (chars[i] == '/') chars[i] = '\\';
            }
            return Root + new string(chars);
        }
    }
}
