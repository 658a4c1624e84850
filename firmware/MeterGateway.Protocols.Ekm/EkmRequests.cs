using MeterGateway.Readings;

namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// The bytes a client sends to an EKM Omnimeter (PROTOCOLS.md §4; ekmmetering/ekmmeters @
    /// 3933c34884334027c8d9edb6bd9e07c75834db00). Every builder writes into a caller's buffer and returns the count:
    /// <list type="bullet">
    /// <item>reads: V3 A <c>/? addr !\r\n</c> (17 bytes), V4 A/B <c>/? addr 00|01 !\r\n</c> (19 bytes);</item>
    /// <item>commands: <c>SOH cmd '1' STX register '(' data ')' ETX CRC</c> with the EKM CRC over everything after SOH:
    /// password <c>P1</c> (no register), writes <c>W1</c>, settings reads <c>R1</c>;</item>
    /// <item>the close string <c>01 42 30 03 75</c> that ends a session (ekmmeters <c>serialPostEnd</c>).</item>
    /// </list>
    /// The command bytes of each setting are built by <see cref="EkmCommands"/>.
    /// </summary>
    public static class EkmRequests
    {
        /// <summary>Start of heading, first byte of a command.</summary>
        public const byte Soh = 0x01;
        /// <summary>Start of text.</summary>
        public const byte Stx = 0x02;
        /// <summary>End of text.</summary>
        public const byte Etx = 0x03;
        /// <summary>The meter's acknowledgement of a password or write command.</summary>
        public const byte Ack = 0x06;
        /// <summary>Digits of a meter address.</summary>
        public const int AddressLength = 12;
        /// <summary>Largest command any builder writes (the LCD and holiday commands: 93 bytes).</summary>
        public const int MaxCommandLength = 96;
        /// <summary>The address every meter answers when it is alone on the line (EKM staff, forum.ekmmetering.com t=5).</summary>
        public const string AnyMeter = "999999999999";

        private static readonly byte[] CloseString = { 0x01, 0x42, 0x30, 0x03, 0x75 };

        /// <summary>
        /// The 12 ASCII digits of a meter address given as 1 to 12 digits (zero padded on the left, as ekmmeters
        /// does). Throws <see cref="EkmSettingException"/> for anything else. Allocates: call once per meter.
        /// </summary>
        public static byte[] Address(string text)
        {
            if (text == null || text.Length == 0 || text.Length > AddressLength || !AllDigits(text))
            {
                throw new EkmSettingException("meter address", text == null ? "(none)" : text, "1 to 12 digits, as printed on the meter");
            }
            byte[] address = new byte[AddressLength];
            int pad = AddressLength - text.Length;
            for (int i = 0; i < AddressLength; i++) address[i] = i < pad ? (byte)'0' : (byte)text[i - pad];
            return address;
        }

        /// <summary>True when the address is <see cref="AnyMeter"/>.</summary>
        public static bool IsAnyMeter(byte[] address)
        {
            return Ascii.Equals(address, 0, address.Length, AnyMeter);
        }

        /// <summary>
        /// Writes the read request of a layout: <c>/?addr!\r\n</c> for V3 A (no request type), <c>/?addr00!\r\n</c>
        /// for V4 A and <c>/?addr01!\r\n</c> for V4 B. Returns 17 or 19.
        /// </summary>
        public static int Read(EkmLayout layout, byte[] address, byte[] buffer, int offset)
        {
            int p = offset;
            buffer[p++] = (byte)'/';
            buffer[p++] = (byte)'?';
            p += Ascii.Write(address, 0, AddressLength, buffer, p);
            if (layout.RequestType != null) p += Ascii.Write(layout.RequestType, 0, 2, buffer, p);
            buffer[p++] = (byte)'!';
            buffer[p++] = 13;
            buffer[p++] = 10;
            return p - offset;
        }

        /// <summary>Writes the close string <c>01 42 30 03 75</c>. Returns 5.</summary>
        public static int Close(byte[] buffer, int offset)
        {
            return Ascii.Write(CloseString, 0, CloseString.Length, buffer, offset);
        }

        /// <summary>
        /// Writes the password command <c>SOH P1 STX ( 8 digits ) ETX CRC</c> (ekmmeters <c>serialCmdPwdAuth</c>;
        /// the meters ship with "00000000"). Throws <see cref="EkmSettingException"/> unless the password is 8 digits.
        /// Returns 15.
        /// </summary>
        public static int Password(string password, byte[] buffer, int offset)
        {
            CheckPassword("meter password", password);
            int p = Begin((byte)'P', null, buffer, offset);
            p += Ascii.Write(password, buffer, p);
            return End(buffer, offset, p);
        }

        /// <summary>Writes the settings read command <c>SOH R1 STX register ( ) ETX CRC</c> of a block. Returns 13.</summary>
        public static int ReadBlock(EkmBlock block, byte[] buffer, int offset)
        {
            int p = Begin((byte)'R', BlockRegister(block), buffer, offset);
            return End(buffer, offset, p);
        }

        /// <summary>The 4-character register of a settings block (e.g. "0070").</summary>
        public static string BlockRegister(EkmBlock block)
        {
            switch (block)
            {
                case EkmBlock.Schedules1To4: return "0070";
                case EkmBlock.Schedules5To8: return "0071";
                case EkmBlock.MonthsForward: return "0011";
                case EkmBlock.MonthsReverse: return "0012";
                default: return "00B0"; // Holidays
            }
        }

        /// <summary>
        /// Starts a command: <c>SOH command '1' STX</c>, the register when given, and '('. Returns the position
        /// after '(' where the data goes. For <see cref="EkmCommands"/>.
        /// </summary>
        public static int Begin(byte command, string register, byte[] buffer, int offset)
        {
            int p = offset;
            buffer[p++] = Soh;
            buffer[p++] = command;
            buffer[p++] = (byte)'1';
            buffer[p++] = Stx;
            if (register != null) p += Ascii.Write(register, buffer, p);
            buffer[p++] = (byte)'(';
            return p;
        }

        /// <summary>Ends a command begun at <paramref name="offset"/> whose data ends at <paramref name="position"/>: ')' ETX and the CRC. Returns the command's length.</summary>
        public static int End(byte[] buffer, int offset, int position)
        {
            int p = position;
            buffer[p++] = (byte)')';
            buffer[p++] = Etx;
            p += EkmCrc.Append(buffer, offset + 1, p - offset - 1);
            return p - offset;
        }

        /// <summary>Throws <see cref="EkmSettingException"/> naming <paramref name="setting"/> unless the password is exactly 8 digits.</summary>
        public static void CheckPassword(string setting, string password)
        {
            if (password == null || password.Length != 8 || !AllDigits(password))
            {
                throw new EkmSettingException(setting, password == null ? "(none)" : password, "exactly 8 digits");
            }
        }

        private static bool AllDigits(string text)
        {
            for (int i = 0; i < text.Length; i++)
            {
                if (!Ascii.IsDigit(text[i])) return false;
            }
            return true;
        }
    }
}
