namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// Builds the messages the HHU sends (IEC 62056-21 §6.3.1, 6.3.3, 6.3.6; pwitab/iec62056-21 @ 09d9acfa
    /// <c>messages.py</c> RequestMessage, AckOptionSelectMessage, CommandMessage) into a caller's buffer. Each method
    /// returns the number of bytes written. Vectors: <c>/?45678903!\r\n</c>, <c>\x06051\r\n</c> (9600 baud, programming),
    /// <c>\x01R1\x021.8.0(1)\x03k</c>, <c>\x01B0\x03q</c>.
    /// </summary>
    public static class Iec62056Messages
    {
        /// <summary>Option select mode character Y: data readout.</summary>
        public const byte ReadoutMode = (byte)'0';
        /// <summary>Option select mode character Y: programming mode.</summary>
        public const byte ProgrammingMode = (byte)'1';
        /// <summary>Protocol control character V: the normal protocol procedure.</summary>
        public const byte NormalProtocol = (byte)'0';

        /// <summary>The sign-on request <c>/? address ! CR LF</c>; an empty address (count 0) gives <c>/?!</c>, which any meter answers.</summary>
        public static int Request(byte[] address, int addressOffset, int addressCount, byte[] buffer, int offset)
        {
            int p = offset;
            buffer[p++] = (byte)'/';
            buffer[p++] = (byte)'?';
            for (int i = 0; i < addressCount; i++) buffer[p++] = address[addressOffset + i];
            buffer[p++] = Iec62056Characters.End;
            buffer[p++] = Iec62056Characters.Cr;
            buffer[p++] = Iec62056Characters.Lf;
            return p - offset;
        }

        /// <summary>The acknowledgement/option select <c>ACK V Z Y CR LF</c> (<c>06 '0' '5' '0' 0D 0A</c>: 9600 baud, data readout).</summary>
        public static int OptionSelect(int protocolControl, int baudCharacter, int modeControl, byte[] buffer, int offset)
        {
            buffer[offset] = Iec62056Characters.Ack;
            buffer[offset + 1] = (byte)protocolControl;
            buffer[offset + 2] = (byte)baudCharacter;
            buffer[offset + 3] = (byte)modeControl;
            buffer[offset + 4] = Iec62056Characters.Cr;
            buffer[offset + 5] = Iec62056Characters.Lf;
            return 6;
        }

        /// <summary>
        /// A programming command <c>SOH C D STX data ETX BCC</c>, or <c>SOH C D ETX BCC</c> when <paramref name="dataCount"/>
        /// is 0 (the break <c>B0</c>). The data block is the data set as sent (<c>1.8.0()</c>, <c>(password)</c>).
        /// </summary>
        public static int Command(int letter, int type, byte[] data, int dataOffset, int dataCount, byte[] buffer, int offset)
        {
            int p = offset;
            buffer[p++] = Iec62056Characters.Soh;
            buffer[p++] = (byte)letter;
            buffer[p++] = (byte)type;
            if (dataCount > 0)
            {
                buffer[p++] = Iec62056Characters.Stx;
                for (int i = 0; i < dataCount; i++) buffer[p++] = data[dataOffset + i];
            }
            buffer[p++] = Iec62056Characters.Etx;
            buffer[p] = (byte)Iec62056Bcc.Compute(buffer, offset + 1, p - offset - 1);
            return p + 1 - offset;
        }

        /// <summary>The break <c>SOH B 0 ETX BCC</c> = <c>01 42 30 03 71</c>: ends programming mode; the meter returns to 300 baud.</summary>
        public static int Break(byte[] buffer, int offset)
        {
            return Command('B', '0', null, 0, 0, buffer, offset);
        }

        /// <summary>A data message <c>STX data ETX BCC</c> (a programming-mode answer; a readout ends its data with <c>! CR LF</c>).</summary>
        public static int DataMessage(byte[] data, int dataOffset, int dataCount, byte[] buffer, int offset)
        {
            int p = offset;
            buffer[p++] = Iec62056Characters.Stx;
            for (int i = 0; i < dataCount; i++) buffer[p++] = data[dataOffset + i];
            buffer[p++] = Iec62056Characters.Etx;
            buffer[p] = (byte)Iec62056Bcc.Compute(buffer, offset + 1, p - offset - 1);
            return p + 1 - offset;
        }
    }
}
