using System;
using MeterGateway.Crypto;
using MeterGateway.Protocols.Dlms;

namespace MeterGateway.Simulators
{
    /// <summary>
    /// Builds DLMS general-global-ciphering frames as a Smarty or Sagemcom T210-D meter sends them (the meter's side
    /// of <see cref="DlmsCipherDecoder"/>): <c>DB 08 &lt;system title&gt; 82 HH LL 30 &lt;frame counter&gt; &lt;ciphertext&gt;
    /// &lt;12-byte tag&gt;</c>, AES-128-GCM with IV = system title || frame counter, AAD = 30 || authentication key
    /// (LUX §3.2.5; same layout as PolarGoose/arduino-dsmr-2 generate_encrypted_packet.py). For the simulator and tests.
    /// Allocates only in the constructor; the keys are copied and never printed.
    /// </summary>
    public sealed class DlmsCipherEncoder
    {
        private readonly AesGcm128 _gcm;
        private readonly byte[] _aad;
        private readonly byte[] _systemTitle = new byte[GeneralGlobalCiphering.SystemTitleLength];
        private readonly byte[] _iv = new byte[AesGcm128.NonceSize];

        /// <summary>
        /// Creates the encoder for a 16-byte encryption key, a 16-byte authentication key and an 8-byte system title.
        /// Throws <see cref="ArgumentException"/> when a size is wrong.
        /// </summary>
        public DlmsCipherEncoder(byte[] encryptionKey, byte[] authenticationKey, byte[] systemTitle)
        {
            if (encryptionKey == null || encryptionKey.Length != 16)
            {
                throw new ArgumentException("DLMS encryption key must be 16 bytes");
            }
            if (systemTitle == null || systemTitle.Length != GeneralGlobalCiphering.SystemTitleLength)
            {
                throw new ArgumentException("DLMS system title must be 8 bytes");
            }
            _gcm = new AesGcm128(encryptionKey, 0);
            _aad = GeneralGlobalCiphering.BuildAad(authenticationKey);
            Array.Copy(systemTitle, 0, _systemTitle, 0, _systemTitle.Length);
        }

        /// <summary>
        /// Encrypts <paramref name="count"/> bytes of <paramref name="text"/> with <paramref name="frameCounter"/> into a
        /// frame written at <paramref name="outOffset"/>; returns its length (<see cref="GeneralGlobalCiphering.FrameLength"/>). Throws
        /// <see cref="ArgumentException"/> when the text exceeds <see cref="GeneralGlobalCiphering.MaxTextLength"/> or the
        /// output is too small. The text and the output must not overlap.
        /// </summary>
        public int Encode(uint frameCounter, byte[] text, int offset, int count, byte[] output, int outOffset)
        {
            if (count < 0 || count > GeneralGlobalCiphering.MaxTextLength || outOffset < 0 || outOffset + GeneralGlobalCiphering.FrameLength(count) > output.Length)
            {
                throw new ArgumentException("DLMS frame does not fit");
            }
            int length = GeneralGlobalCiphering.MinLengthField + count;
            int p = outOffset;
            output[p++] = GeneralGlobalCiphering.ApduTag;
            output[p++] = GeneralGlobalCiphering.SystemTitleLength;
            Array.Copy(_systemTitle, 0, output, p, _systemTitle.Length);
            p += _systemTitle.Length;
            output[p++] = 0x82;
            output[p++] = (byte)(length >> 8);
            output[p++] = (byte)length;
            output[p++] = GeneralGlobalCiphering.SecurityControl;
            output[p++] = (byte)(frameCounter >> 24);
            output[p++] = (byte)(frameCounter >> 16);
            output[p++] = (byte)(frameCounter >> 8);
            output[p++] = (byte)frameCounter;
            Array.Copy(_systemTitle, 0, _iv, 0, _systemTitle.Length);
            Array.Copy(output, p - 4, _iv, _systemTitle.Length, 4);
            _gcm.Encrypt(_iv, 0, _aad, 0, _aad.Length, text, offset, count, output, p,
                output, p + count, GeneralGlobalCiphering.TagLength);
            return p + count + GeneralGlobalCiphering.TagLength - outOffset;
        }
    }
}
