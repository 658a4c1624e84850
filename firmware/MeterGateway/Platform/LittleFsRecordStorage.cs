using System.IO;
using MeterGateway.Outbox;

namespace MeterGateway.Platform
{
    /// <summary>
    /// The outbox's storage on the ESP32: a folder on the LittleFS partition <c>I:\</c>, one file per segment
    /// (<c>seg-&lt;16 hex digits&gt;.log</c>) and two metadata files (<c>meta-0.bin</c>, <c>meta-1.bin</c>).
    /// Written against nanoFramework.System.IO.FileSystem (nanoframework/System.IO.FileSystem
    /// @ 0b4543a44fbe993cd1aec2311f1690d6760efe54): every <c>FileStream.Write</c> goes to the file system and is synced
    /// when it returns (<c>Flush</c> is a no-op), <c>SetLength</c> is not implemented, and <c>Read</c>/<c>Write</c> copy
    /// through a buffer they allocate. Not built by CI (the nanoFramework packages are not reachable there): keep it thin.
    /// </summary>
    public sealed class LittleFsRecordStorage : IRecordStorage
    {
        private const string Hex = "0123456789abcdef";
        private readonly string _directory;

        /// <summary>Storage in <paramref name="directory"/> (for example <c>I:\outbox</c>), created when missing.</summary>
        public LittleFsRecordStorage(string directory)
        {
            _directory = directory;
            if (!Directory.Exists(directory)) Directory.CreateDirectory(directory);
        }

        private string SegmentPath(long segment)
        {
            char[] name = new char[16];
            for (int i = 15; i >= 0; i--)
            {
                name[i] = Hex[(int)(segment & 0xF)];
                segment >>= 4;
            }
            return _directory + "\\seg-" + new string(name) + ".log";
        }

        private string MetadataPath(int slot)
        {
            return _directory + (slot == 0 ? "\\meta-0.bin" : "\\meta-1.bin");
        }

        /// <inheritdoc/>
        public int ListSegments(long[] ids)
        {
            string[] files;
            try
            {
                files = Directory.GetFiles(_directory);
            }
            catch (IOException)
            {
                return 0;
            }
            int n = 0;
            for (int f = 0; f < files.Length && n < ids.Length; f++)
            {
                string name = Path.GetFileName(files[f]);
                if (name.Length != 24 || !name.StartsWith("seg-") || !name.EndsWith(".log")) continue;
                long id = 0;
                bool hex = true;
                for (int i = 4; i < 20 && hex; i++)
                {
                    int digit = Hex.IndexOf(name[i]);
                    hex = digit >= 0;
                    id = (id << 4) | (long)(digit & 0xF);
                }
                if (hex) ids[n++] = id;
            }
            return n;
        }

        /// <inheritdoc/>
        public long GetLength(long segment)
        {
            string path = SegmentPath(segment);
            try
            {
                if (!File.Exists(path)) return 0;
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    return stream.Length;
                }
            }
            catch (IOException)
            {
                return 0;
            }
        }

        /// <inheritdoc/>
        public int Read(long segment, long position, byte[] buffer, int offset, int count)
        {
            try
            {
                using (FileStream stream = new FileStream(SegmentPath(segment), FileMode.Open, FileAccess.Read))
                {
                    long length = stream.Length;
                    if (position >= length) return 0;
                    if (position + count > length) count = (int)(length - position);
                    stream.Seek(position, SeekOrigin.Begin);
                    int total = 0;
                    while (total < count)
                    {
                        int n = stream.Read(buffer, offset + total, count - total);
                        if (n <= 0) break;
                        total += n;
                    }
                    return total;
                }
            }
            catch (IOException)
            {
                return 0;
            }
        }

        /// <inheritdoc/>
        public bool Append(long segment, byte[] buffer, int offset, int count)
        {
            try
            {
                using (FileStream stream = new FileStream(SegmentPath(segment), FileMode.Append, FileAccess.Write))
                {
                    // One Write: one LittleFS commit for the whole batch of records.
                    stream.Write(buffer, offset, count);
                }
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public bool Delete(long segment)
        {
            string path = SegmentPath(segment);
            try
            {
                if (File.Exists(path)) File.Delete(path);
                return true;
            }
            catch (IOException)
            {
                return false;
            }
        }

        /// <inheritdoc/>
        public int ReadMetadata(int slot, byte[] buffer, int offset, int count)
        {
            string path = MetadataPath(slot);
            try
            {
                if (!File.Exists(path)) return 0;
                using (FileStream stream = new FileStream(path, FileMode.Open, FileAccess.Read))
                {
                    long length = stream.Length;
                    if (length < count) count = (int)length;
                    return count > 0 ? stream.Read(buffer, offset, count) : 0;
                }
            }
            catch (IOException)
            {
                return 0;
            }
        }

        /// <inheritdoc/>
        public bool WriteMetadata(int slot, byte[] buffer, int offset, int count)
        {
            try
            {
                using (FileStream stream = new FileStream(MetadataPath(slot), FileMode.Create, FileAccess.Write))
                {
                    stream.Write(buffer, offset, count);
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
