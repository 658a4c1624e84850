using MeterGateway.Checksums;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Readings;

namespace MeterGateway.Simulators
{
    /// <summary>
    /// Rewrites a captured P1 telegram for a simulated meter: the timestamp of <c>0-0:1.0.0</c> becomes the given time
    /// (Central European time with its S/W flag, <see cref="DsmrTimestamp.Format"/>) and the CRC-16/ARC after '!' is
    /// computed again (always 4 upper-case hex digits) so every telegram sent is unique and valid. Telegrams without a CRC
    /// (DSMR 2.2/3) stay without one. Writes into a preallocated buffer.
    /// </summary>
    public sealed class DsmrTelegramWriter
    {
        private static readonly byte[] TimestampLine = Ascii.GetBytes("0-0:1.0.0(");
        private readonly byte[] _buffer;

        /// <summary>A writer for telegrams up to <paramref name="maxSize"/> bytes.</summary>
        public DsmrTelegramWriter(int maxSize)
        {
            _buffer = new byte[maxSize];
        }

        /// <summary>The rewritten telegram starts at 0 in this buffer.</summary>
        public byte[] Buffer { get { return _buffer; } }

        /// <summary>
        /// Copies the telegram at <paramref name="offset"/> (from '/' through the line end after the CRC) and stamps it
        /// with <paramref name="utc"/>. Returns its length, or -1 when it is not a telegram (no '/' … '!') or too big.
        /// </summary>
        public int Write(byte[] telegram, int offset, int count, long utc)
        {
            if (count > _buffer.Length || count < 2 || telegram[offset] != '/') return -1;
            System.Array.Copy(telegram, offset, _buffer, 0, count);
            int bang = -1;
            for (int i = 0; i < count; i++)
            {
                if (_buffer[i] == '!') { bang = i; break; }
            }
            if (bang < 0) return -1;
            int at = IndexOf(_buffer, bang, TimestampLine);
            if (at >= 0 && at + TimestampLine.Length + 13 <= bang) DsmrTimestamp.Format(utc, _buffer, at + TimestampLine.Length);
            int digits = 0;
            while (bang + 1 + digits < count && digits < 4 && Ascii.HexValue(_buffer[bang + 1 + digits]) >= 0) digits++;
            if (digits == 0) return count;
            // Always 4 digits: a capture written with fewer ("!B9F") grows by the missing ones.
            int rest = count - (bang + 1 + digits);
            int length = bang + 5 + rest;
            if (length > _buffer.Length) return -1;
            System.Array.Copy(telegram, offset + bang + 1 + digits, _buffer, bang + 5, rest);
            int crc = Crc16.Arc(_buffer, 0, bang + 1);
            Ascii.WriteHex2(crc >> 8, _buffer, bang + 1);
            Ascii.WriteHex2(crc & 0xFF, _buffer, bang + 3);
            return length;
        }

        // Start of a line beginning with 'pattern' before 'end', or -1.
        private static int IndexOf(byte[] b, int end, byte[] pattern)
        {
            for (int i = 1; i + pattern.Length <= end; i++)
            {
                if (b[i - 1] != 10) continue;
                int k = 0;
                while (k < pattern.Length && b[i + k] == pattern[k]) k++;
                if (k == pattern.Length) return i;
            }
            return -1;
        }
    }
}
