namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// The block check character of IEC 62056-21 (§6.3.4 item 26): the exclusive OR of every byte after the
    /// first SOH (or after STX when the message has no SOH) up to and including ETX, in 7 bits (7E1 link). Source:
    /// pwitab/iec62056-21 @ 09d9acfa43dffdbbf602caf1e5d638cca1e571f6 <c>utils.py</c> (<c>_calculate_bcc</c>, masked
    /// 0x7F). Check: <c>SOH B0 ETX</c> gives 0x71 ('q').
    /// </summary>
    public static class Iec62056Bcc
    {
        /// <summary>XOR of <paramref name="count"/> bytes from <paramref name="offset"/>, in 7 bits. The range is the bytes after SOH/STX through ETX.</summary>
        public static int Compute(byte[] data, int offset, int count)
        {
            int bcc = 0;
            for (int i = 0; i < count; i++) bcc ^= data[offset + i];
            return bcc & 0x7F;
        }

        /// <summary>Continues a BCC with one byte (the result is masked by the caller or by <see cref="Matches"/>).</summary>
        public static int Update(int bcc, int b)
        {
            return (bcc ^ b) & 0x7F;
        }

        /// <summary>True when a received BCC byte equals the computed one; a received byte with bit 7 set never does (7-bit link).</summary>
        public static bool Matches(int computed, int received)
        {
            return (computed & 0x7F) == received;
        }
    }
}
