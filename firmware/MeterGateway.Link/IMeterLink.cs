namespace MeterGateway.Link
{
    /// <summary>Character parity of a serial link.</summary>
    public enum LinkParity : byte
    {
        /// <summary>No parity bit (8N1 for DSMR 4/5 and SML).</summary>
        None = 0,
        /// <summary>Odd parity.</summary>
        Odd = 1,
        /// <summary>Even parity (7E1 for IEC 62056-21, DSMR 2.2/3 and EKM).</summary>
        Even = 2,
    }

    /// <summary>
    /// The connection to the meter: a UART on the ESP32 (System.IO.Ports on nanoFramework), a USB serial
    /// adapter on the host, a simulator in tests. One adapter per platform; everything else is in the core.
    /// </summary>
    public interface IMeterLink
    {
        /// <summary>Opens the link with the given character format. Throws <see cref="System.IO.IOException"/> when the device cannot be opened.</summary>
        void Open(int baudRate, LinkParity parity, int dataBits);

        /// <summary>Closes the link; safe to call when closed.</summary>
        void Close();

        /// <summary>Changes speed and character format while open (IEC 62056-21 mode C switches after the option select).</summary>
        void Configure(int baudRate, LinkParity parity, int dataBits);

        /// <summary>
        /// Copies up to <paramref name="count"/> bytes that have already arrived into <paramref name="buffer"/>;
        /// waits at most <paramref name="timeoutMs"/> milliseconds for the first byte. Returns the number of
        /// bytes read, 0 when nothing arrived in time. Never blocks for a full buffer.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMs);

        /// <summary>Writes all bytes and returns when they have been handed to the UART.</summary>
        void Write(byte[] buffer, int offset, int count);

        /// <summary>Drives the DSMR P1 data request line (RJ12 pin 2): true = high (+5 V, meter sends), false = released.</summary>
        void SetDataRequest(bool active);
    }
}
