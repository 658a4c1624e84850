namespace MeterGateway.Update
{
    /// <summary>
    /// Fetches manifests and files: HTTPS GET with a byte range, so a broken download resumes where it stopped.
    /// HttpClient on the host (host/MeterGateway.Host/Update/HttpUpdateTransport.cs), a socket and MeterGateway.Http on the
    /// ESP32 (firmware/MeterGateway/Platform/Esp32UpdateTransport.cs).
    /// One request at a time; calls may block for the network's timeouts. Never throws.
    /// </summary>
    public interface IUpdateTransport
    {
        /// <summary>
        /// Starts a GET of <paramref name="url"/> from byte <paramref name="offset"/> (HTTP <c>Range: bytes=offset-</c>).
        /// False when the server cannot be reached, answers with an error, or cannot start at that offset.
        /// </summary>
        bool Open(string url, int offset);

        /// <summary>Reads up to <paramref name="count"/> bytes of the body: how many (&gt; 0), 0 at its end, −1 when the connection broke.</summary>
        int Read(byte[] buffer, int offset, int count);

        /// <summary>Ends the request; safe to call when none is open.</summary>
        void Close();
    }
}
