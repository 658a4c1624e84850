using System;

namespace MeterGateway.Protocols.Dlms
{
    /// <summary>
    /// The DLMS general-global-ciphering APDU as the Luxembourg Smarty and the Austrian Sagemcom T210-D / Kaifa
    /// meters send it on their P1 port (LUX "Smarty P1 companion" §3.2.5, DLMS security suite 0):
    /// <code>
    /// DB  08  &lt;system title, 8&gt;  &lt;length&gt;  30  &lt;frame counter, 4, big-endian&gt;  &lt;ciphertext&gt;  &lt;tag, 12&gt;
    /// </code>
    /// length = 1 + 4 + ciphertext + 12, in A-XDR form: one byte below 0x80, or 81 LL, or 82 HH LL (the meters use
    /// 82 HH LL: an 18-byte header). The ciphertext is AES-128-GCM with IV = system title || frame counter and
    /// AAD = 30 || authentication key, 96-bit tag. Sources: LUX §3.2.5; openhab-addons SmartyDecrypter;
    /// PolarGoose/arduino-dsmr-2 generate_encrypted_packet.py; verified on the real openHAB Smarty frame.
    /// </summary>
    public static class GeneralGlobalCiphering
    {
        /// <summary>APDU tag of general-glo-ciphering (0xDB).</summary>
        public const byte ApduTag = 0xDB;

        /// <summary>Length of the system title (8 bytes: 3-letter manufacturer id + serial), sent as the byte after the tag.</summary>
        public const int SystemTitleLength = 8;

        /// <summary>Security control byte: security suite 0, authenticated and encrypted (0x30), the only one these meters send.</summary>
        public const byte SecurityControl = 0x30;

        /// <summary>Length of the GCM tag (96 bits).</summary>
        public const int TagLength = 12;

        /// <summary>Length of the authentication key that follows the security control byte in the AAD.</summary>
        public const int AuthenticationKeyLength = 16;

        /// <summary>Header length with the 82 HH LL length form: DB 08 + title + 3 + 30 + counter.</summary>
        public const int LongHeaderLength = 2 + SystemTitleLength + 3 + 1 + 4;

        /// <summary>Smallest value of the length field: security control + frame counter + tag (no ciphertext).</summary>
        public const int MinLengthField = 1 + 4 + TagLength;

        /// <summary>Length in bytes of the frame that carries <paramref name="textLength"/> bytes of plaintext (18-byte header + text + 12-byte tag).</summary>
        public static int FrameLength(int textLength)
        {
            return LongHeaderLength + textLength + TagLength;
        }

        /// <summary>Largest plaintext that the 82 HH LL form can carry.</summary>
        public const int MaxTextLength = 0xFFFF - MinLengthField;

        /// <summary>
        /// The authentication key that LUX §3.4.2 gives for all Smarty meters, 00112233445566778899AABBCCDDEEFF,
        /// as a new array (so no caller can change another's copy).
        /// </summary>
        public static byte[] SmartyAuthenticationKey()
        {
            byte[] key = new byte[AuthenticationKeyLength];
            for (int i = 0; i < key.Length; i++)
            {
                key[i] = (byte)(0x11 * i);
            }
            return key;
        }

        /// <summary>
        /// Checks the first <paramref name="count"/> buffered bytes of a candidate frame. Returns the total frame length
        /// (header + ciphertext + tag) once the header up to the frame counter is complete and valid, 0 when more bytes are
        /// needed, -1 when these bytes cannot start a frame (wrong tag, title length, length form or security control,
        /// or a length too small for counter and tag). <paramref name="textOffset"/> is the offset of the ciphertext.
        /// </summary>
        public static int CheckHeader(byte[] frame, int count, out int textOffset)
        {
            textOffset = 0;
            if (count < 1)
            {
                return 0;
            }
            if (frame[0] != ApduTag)
            {
                return -1;
            }
            if (count < 2)
            {
                return 0;
            }
            if (frame[1] != SystemTitleLength)
            {
                return -1;
            }
            const int lengthAt = 2 + SystemTitleLength;
            if (count <= lengthAt)
            {
                return 0;
            }
            int first = frame[lengthAt];
            int fieldSize = first < 0x80 ? 1 : first == 0x81 ? 2 : first == 0x82 ? 3 : 0;
            if (fieldSize == 0)
            {
                return -1;
            }
            int control = lengthAt + fieldSize;
            if (count <= control)
            {
                return 0;
            }
            int length = fieldSize == 1 ? first : fieldSize == 2 ? frame[lengthAt + 1] : (frame[lengthAt + 1] << 8) | frame[lengthAt + 2];
            if (length < MinLengthField || frame[control] != SecurityControl)
            {
                return -1;
            }
            if (count < control + 5)
            {
                return 0;
            }
            textOffset = control + 5;
            return control + length;
        }

        /// <summary>The frame counter of a frame whose header <see cref="CheckHeader"/> accepted (the 4 bytes before the ciphertext, big-endian).</summary>
        public static uint FrameCounter(byte[] frame, int textOffset)
        {
            return ((uint)frame[textOffset - 4] << 24) | ((uint)frame[textOffset - 3] << 16)
                | ((uint)frame[textOffset - 2] << 8) | frame[textOffset - 1];
        }

        /// <summary>Writes the 12-byte GCM IV, system title || frame counter, of an accepted frame (starting at index 0 of <paramref name="frame"/>) into <paramref name="iv"/> at 0.</summary>
        public static void CopyIv(byte[] frame, int textOffset, byte[] iv)
        {
            Array.Copy(frame, 2, iv, 0, SystemTitleLength);
            Array.Copy(frame, textOffset - 4, iv, SystemTitleLength, 4);
        }

        /// <summary>
        /// Builds the 17-byte AAD, 30 || authentication key. Throws <see cref="ArgumentException"/> when the key is not
        /// 16 bytes (a configuration error).
        /// </summary>
        public static byte[] BuildAad(byte[] authenticationKey)
        {
            if (authenticationKey == null || authenticationKey.Length != AuthenticationKeyLength)
            {
                throw new ArgumentException("DLMS authentication key must be 16 bytes");
            }
            byte[] aad = new byte[1 + AuthenticationKeyLength];
            aad[0] = SecurityControl;
            Array.Copy(authenticationKey, 0, aad, 1, AuthenticationKeyLength);
            return aad;
        }
    }
}
