using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Dsmr
{
    /// <summary>
    /// The DSMR P1 protocol as an <see cref="IFrameDecoder"/>: <see cref="DsmrFramer"/> for telegrams and their
    /// CRC, <see cref="DsmrParser"/> for their lines. Covers DSMR 2.2 to 5.0.2 (NL), e-MUCS (BE), Smarty (LU, after
    /// decryption), the Swedish H1 port and the Austrian, Hungarian and Irish variants.
    /// </summary>
    public sealed class DsmrDecoder : IFrameDecoder
    {
        private readonly DsmrFramer _framer;
        private readonly DsmrParser _parser = new DsmrParser();
        private FrameError _parseError;

        /// <summary>A decoder for telegrams up to <paramref name="maxTelegramSize"/> bytes; with <paramref name="lenientCrc"/> a CRC mismatch is let through (Smarty firmware quirk).</summary>
        public DsmrDecoder(int maxTelegramSize, bool lenientCrc)
        {
            _framer = new DsmrFramer(maxTelegramSize);
            _framer.LenientCrc = lenientCrc;
        }

        /// <summary>A decoder with the defaults: 4096-byte telegrams, CRC enforced.</summary>
        public DsmrDecoder() : this(DsmrFramer.DefaultMaxSize, false) { }

        /// <summary>The framer (CRC details of the last telegram).</summary>
        public DsmrFramer Framer { get { return _framer; } }

        /// <summary>The parser (malformed-line count of the last telegram).</summary>
        public DsmrParser Parser { get { return _parser; } }

        /// <inheritdoc/>
        public int Feed(byte[] data, int offset, int count)
        {
            _parseError = FrameError.None;
            return _framer.Feed(data, offset, count);
        }

        /// <inheritdoc/>
        public FrameResult Result { get { return _framer.Result; } }

        /// <inheritdoc/>
        public FrameError Error { get { return _parseError != FrameError.None ? _parseError : _framer.Error; } }

        /// <inheritdoc/>
        public string ErrorText
        {
            get { return _parseError != FrameError.None ? "telegram has no header line" : _framer.ErrorText; }
        }

        /// <inheritdoc/>
        public byte[] FrameBuffer { get { return _framer.Buffer; } }

        /// <inheritdoc/>
        public int FrameOffset { get { return 0; } }

        /// <inheritdoc/>
        public int FrameLength { get { return _framer.Length; } }

        /// <inheritdoc/>
        public bool Parse(ReadingSet readings)
        {
            if (_framer.Result != FrameResult.Valid)
            {
                readings.Clear();
                return false;
            }
            if (_parser.Parse(_framer.Buffer, 0, _framer.EndMarker, readings)) return true;
            _parseError = FrameError.Parse;
            return false;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _framer.Reset();
        }
    }
}
