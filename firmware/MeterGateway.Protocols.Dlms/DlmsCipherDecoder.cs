using System;
using MeterGateway.Crypto;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Dlms
{
    /// <summary>
    /// Frames DLMS general-global-ciphering APDUs (<see cref="GeneralGlobalCiphering"/>) in a byte stream, checks
    /// each one's AES-128-GCM tag, decrypts it and feeds the plaintext (a DSMR telegram for Luxembourg Smarty and
    /// Austrian P1 meters) to an inner <see cref="IFrameDecoder"/>, whose result it then exposes. Source: LUX
    /// §3.2.5 (IV = system title || frame counter, AAD = 30 || authentication key, 96-bit tag).
    /// <list type="bullet">
    /// <item>The tag is always verified; a frame that fails it is reported (<see cref="FrameError.Decrypt"/>,
    /// <see cref="TagMismatchText"/>) and nothing of it reaches the inner decoder.</item>
    /// <item>A frame counter that is not above the last accepted one is reported as a replay
    /// (<see cref="FrameError.Decrypt"/>, <see cref="ReplayText"/>) and not passed on. The counter survives
    /// <see cref="Reset"/>; a new key (which restarts the meter's counter, LUX §3.4.1) means a new decoder.</item>
    /// <item>Bytes outside frames are skipped, including plain telegrams: with a key configured, only authenticated
    /// data are published. After a failed frame the search restarts at its second byte, so a frame that swallowed
    /// the start of the next one (bytes lost on the line) costs only itself; the bytes of that next frame were then
    /// consumed by an earlier <see cref="Feed"/> call than the one that reports it.</item>
    /// <item>After a valid inner result, <see cref="FrameBuffer"/> is the inner decoder's (the plaintext telegram);
    /// after a rejection here, it holds the received frame.</item>
    /// </list>
    /// Decryption is in place in one buffer of the configured maximum frame length; nothing is allocated after
    /// construction. The keys are kept only inside (as AES round keys and the AAD); nothing here prints them.
    /// </summary>
    public sealed class DlmsCipherDecoder : IFrameDecoder
    {
        /// <summary>Default buffer size: a 1.5 kB telegram (the largest seen, PROTOCOLS.md §1.3) plus header and tag, rounded up.</summary>
        public const int DefaultMaxFrameLength = 2048;

        /// <summary>Error text of a frame whose GCM tag does not match: wrong key, wrong authentication key or damaged frame.</summary>
        public const string TagMismatchText = "DLMS frame failed authentication (GCM tag): wrong key or damaged frame";

        /// <summary>Error text of an authentic frame whose frame counter is not above the last accepted one.</summary>
        public const string ReplayText = "DLMS frame counter did not increase: replayed or old frame";

        /// <summary>Error text of a frame whose length field exceeds the buffer.</summary>
        public const string TooLongText = "DLMS frame longer than the configured maximum";

        /// <summary>Error text of an authentic frame whose plaintext holds no complete frame for the inner decoder.</summary>
        public const string NoInnerFrameText = "decrypted DLMS frame holds no complete telegram";

        private readonly IFrameDecoder _inner;
        private readonly AesGcm128 _gcm;
        private readonly byte[] _aad;
        private readonly byte[] _iv = new byte[AesGcm128.NonceSize];
        private readonly byte[] _buffer;

        private int _filled;      // bytes buffered, from a candidate frame start (0xDB) on
        private int _total;       // length of the buffered frame once its header is valid, else 0
        private int _textOffset;  // offset of the ciphertext once the header is valid
        private int _drop;        // bytes to discard at the next Feed (the frame reported by the last one)

        private FrameResult _result;
        private FrameError _error;
        private string _errorText;
        private int _frameLength;
        private bool _innerResult;

        private uint _lastCounter;
        private bool _hasCounter;

        /// <summary>
        /// Creates the decoder in front of <paramref name="inner"/> with a 16-byte encryption key (the meter's, from the
        /// DSO), a 16-byte authentication key (<see cref="GeneralGlobalCiphering.SmartyAuthenticationKey"/> for Smarty)
        /// and the largest frame to accept in bytes. The keys are copied. Throws <see cref="ArgumentException"/> on keys of
        /// the wrong size or a maximum below the header size (configuration errors).
        /// </summary>
        public DlmsCipherDecoder(IFrameDecoder inner, byte[] encryptionKey, byte[] authenticationKey, int maxFrameLength)
        {
            if (inner == null)
            {
                throw new ArgumentException("inner decoder required");
            }
            if (encryptionKey == null || encryptionKey.Length != 16)
            {
                throw new ArgumentException("DLMS encryption key must be 16 bytes");
            }
            if (maxFrameLength < GeneralGlobalCiphering.LongHeaderLength + GeneralGlobalCiphering.TagLength)
            {
                throw new ArgumentException("maximum frame length below the DLMS header size");
            }
            _inner = inner;
            _gcm = new AesGcm128(encryptionKey, 0);
            _aad = GeneralGlobalCiphering.BuildAad(authenticationKey);
            _buffer = new byte[maxFrameLength];
        }

        /// <summary>Creates the decoder with the Smarty authentication key and <see cref="DefaultMaxFrameLength"/>.</summary>
        public DlmsCipherDecoder(IFrameDecoder inner, byte[] encryptionKey)
            : this(inner, encryptionKey, GeneralGlobalCiphering.SmartyAuthenticationKey(), DefaultMaxFrameLength)
        {
        }

        /// <inheritdoc/>
        public FrameResult Result { get { return _innerResult ? _inner.Result : _result; } }

        /// <inheritdoc/>
        public FrameError Error { get { return _innerResult ? _inner.Error : _error; } }

        /// <inheritdoc/>
        public string ErrorText { get { return _innerResult ? _inner.ErrorText : _errorText; } }

        /// <inheritdoc/>
        public byte[] FrameBuffer { get { return _innerResult ? _inner.FrameBuffer : _buffer; } }

        /// <inheritdoc/>
        public int FrameOffset { get { return _innerResult ? _inner.FrameOffset : 0; } }

        /// <inheritdoc/>
        public int FrameLength { get { return _innerResult ? _inner.FrameLength : _frameLength; } }

        /// <summary>True once a frame has been authenticated; <see cref="FrameCounter"/> is then meaningful.</summary>
        public bool HasFrameCounter { get { return _hasCounter; } }

        /// <summary>Frame counter of the last accepted (authentic, increasing) frame.</summary>
        public uint FrameCounter { get { return _lastCounter; } }

        /// <inheritdoc/>
        public int Feed(byte[] data, int offset, int count)
        {
            _result = FrameResult.None;
            _error = FrameError.None;
            _errorText = null;
            _frameLength = 0;
            _innerResult = false;
            if (_drop > 0)
            {
                Discard(_drop);
                _drop = 0;
                Synchronize();
            }
            int used = 0;
            while (used < count)
            {
                if (_filled == 0)
                {
                    while (used < count && data[offset + used] != GeneralGlobalCiphering.ApduTag)
                    {
                        used++;
                    }
                    if (used == count)
                    {
                        break;
                    }
                }
                // Header bytes one at a time (it is checked after each), then the rest of the frame at once. A frame
                // left complete in the buffer by a resynchronization still takes one byte, so every call consumes one.
                int want = _total > 0 ? _total - _filled : 1;
                if (want < 1)
                {
                    want = 1;
                }
                if (want > count - used)
                {
                    want = count - used;
                }
                Array.Copy(data, offset + used, _buffer, _filled, want);
                _filled += want;
                used += want;
                Synchronize();
                if (_result != FrameResult.None)
                {
                    break;
                }
                if (_total > 0 && _filled >= _total)
                {
                    Deliver();
                    break;
                }
            }
            return used;
        }

        /// <inheritdoc/>
        public bool Parse(ReadingSet readings)
        {
            return _innerResult && _inner.Parse(readings);
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _filled = 0;
            _total = 0;
            _drop = 0;
            _result = FrameResult.None;
            _error = FrameError.None;
            _errorText = null;
            _frameLength = 0;
            _innerResult = false;
            _inner.Reset();
        }

        // Validates the buffered header; drops bytes that cannot start a frame up to the next 0xDB.
        private void Synchronize()
        {
            while (_filled > 0)
            {
                int total = GeneralGlobalCiphering.CheckHeader(_buffer, _filled, out _textOffset);
                if (total == 0)
                {
                    _total = 0;
                    return;
                }
                if (total > 0)
                {
                    if (total > _buffer.Length)
                    {
                        _total = 0;
                        Reject(FrameError.TooLong, TooLongText, _filled, 1);
                        return;
                    }
                    _total = total;
                    return;
                }
                Discard(1);
            }
            _total = 0;
        }

        private void Deliver()
        {
            int textLength = _total - _textOffset - GeneralGlobalCiphering.TagLength;
            GeneralGlobalCiphering.CopyIv(_buffer, _textOffset, _iv);
            bool authentic = _gcm.Decrypt(_iv, 0, _aad, 0, _aad.Length,
                _buffer, _textOffset, textLength,
                _buffer, _textOffset + textLength, GeneralGlobalCiphering.TagLength,
                _buffer, _textOffset);
            if (!authentic)
            {
                // Search again from the second byte: the frame may have taken the start of the next one.
                Reject(FrameError.Decrypt, TagMismatchText, _total, 1);
                return;
            }
            uint counter = GeneralGlobalCiphering.FrameCounter(_buffer, _textOffset);
            if (_hasCounter && counter <= _lastCounter)
            {
                Reject(FrameError.Decrypt, ReplayText, _total, _total);
                return;
            }
            _lastCounter = counter;
            _hasCounter = true;
            _drop = _total;
            FeedInner(_textOffset, textLength);
        }

        private void FeedInner(int start, int length)
        {
            _inner.Reset();
            int used = 0;
            while (used < length)
            {
                used += _inner.Feed(_buffer, start + used, length - used);
                if (_inner.Result != FrameResult.None)
                {
                    _innerResult = true;
                    return;
                }
            }
            Reject(FrameError.Framing, NoInnerFrameText, _total, _total);
        }

        private void Reject(FrameError error, string text, int frameLength, int drop)
        {
            _result = FrameResult.Invalid;
            _error = error;
            _errorText = text;
            _frameLength = frameLength;
            _drop = drop;
        }

        // Removes the first bytes of the buffer and any following bytes up to the next possible frame start.
        private void Discard(int count)
        {
            int next = count;
            while (next < _filled && _buffer[next] != GeneralGlobalCiphering.ApduTag)
            {
                next++;
            }
            _filled -= next;
            if (_filled > 0)
            {
                Array.Copy(_buffer, next, _buffer, 0, _filled);
            }
            else
            {
                _filled = 0;
            }
            _total = 0;
        }
    }
}
