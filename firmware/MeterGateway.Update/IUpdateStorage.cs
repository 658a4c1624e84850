namespace MeterGateway.Update
{
    /// <summary>
    /// The files of the update machinery, under one folder of the storage partition (<c>I:\ota\</c> on the ESP32's
    /// LittleFS, a folder on the host). Names are relative, with '/' between folder and file: <c>boot.0</c>,
    /// <c>a/manifest</c>, <c>b/MeterGateway.pe</c>; the adapter creates folders as needed. Every write is durable when
    /// the call returns (flushed and closed). A power cut during a call may leave that one file in any state
    /// (missing, empty, partly written); the core never relies on a single write surviving a cut.
    /// </summary>
    public interface IUpdateStorage
    {
        /// <summary>The file's length in bytes, or −1 when it does not exist.</summary>
        int Length(string name);

        /// <summary>Reads up to <paramref name="count"/> bytes from <paramref name="position"/>; returns how many (0 past the end or when the file does not exist).</summary>
        int Read(string name, int position, byte[] buffer, int offset, int count);

        /// <summary>Appends <paramref name="count"/> bytes, creating the file when it does not exist.</summary>
        void Append(string name, byte[] buffer, int offset, int count);

        /// <summary>Replaces the file's content with <paramref name="count"/> bytes, creating it when it does not exist.</summary>
        void Write(string name, byte[] buffer, int offset, int count);

        /// <summary>Deletes the file; nothing when it does not exist.</summary>
        void Delete(string name);

        /// <summary>The names (with the folder, e.g. <c>a/X.pe</c>) of the files in <paramref name="folder"/> (e.g. <c>a/</c>); an empty array when there are none.</summary>
        string[] List(string folder);

        /// <summary>Bytes free on the partition now (the outbox and configuration use the same partition).</summary>
        long FreeBytes { get; }
    }
}
