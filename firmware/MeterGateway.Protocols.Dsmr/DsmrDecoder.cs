using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Dsmr
{
    /// <summary>
    /// The DSMR P1 protocol as an <see cref="IFrameDecoder"/>: <see cref="DsmrFramer"/> for telegrams and their
    /// CRC, <see cref="DsmrParser"/> for their lines. Covers DSMR 2.2 to 5.0.2 (NL), e-MUCS (BE), Smarty (LU, after
    /// decryption), the Swedish H1 port and the Austrian, Hungarian and Irish variants.
    /// <para>
    /// With a line buffer (<see cref="StreamLines"/>, the box) the telegram is not kept: its lines are parsed into
    /// <see cref="Target"/> as they arrive (a few at a time, as the buffer fills), and a line whose OBIS code the set does
    /// not keep (<see cref="ReadingSet.Keeps"/>) and that does not fit the buffer only goes through the CRC. The set's
    /// readings count only when the telegram passes: on any rejection (CRC, missing CRC, a new '/', too long) the set is
    /// cleared and the error reported as for a whole telegram; a kept line longer than the buffer rejects the telegram
    /// (<see cref="FrameError.TooLong"/>, <see cref="DsmrFramer.LineTooLongText"/>).
    /// </para>
    /// </summary>
    public sealed class DsmrDecoder : IFrameDecoder, IStreamingDecoder
    {
        /// <summary>
        /// The box's line buffer (<see cref="StreamLines"/>): 1,024 bytes. It must hold the longest line the box keeps, an
        /// equipment identifier <c>0-0:96.1.1</c> or M-Bus <c>0-n:96.1.0</c> of up to 96 characters (DSMR 5.0.2 §6.12): 110
        /// bytes with its code and CR LF (48 in the corpus; the DSMR 2.2/3 gas reading with its value on the next line,
        /// 65), nine times over. Beyond that it is sized for speed: a Dutch DSMR 5 telegram (890 B in the corpus, about 1 KB
        /// with several M-Bus meters) then goes to the parser in one piece at its '!', and only longer ones (Belgian e-MUCS,
        /// up to 3.5 KB) in several, each costing a search for the last line start and a copy of the partial line (with a 512-byte
        /// buffer DSMR 5 decode, map and encode took 0.386 ms in the x86-64 nanoCLR, with 1 KB 0.371, whole 0.368, against a
        /// limit of 0.38 ms; docs/firmware.md).
        /// </summary>
        public const int StreamedLineSize = 1024;

        private const string OtherSetText = "telegram streamed into another reading set";

        private readonly DsmrFramer _framer;
        private readonly DsmrParser _parser = new DsmrParser();
        private FrameError _parseError;
        private string _parseErrorText;

        /// <summary>A decoder for telegrams up to <paramref name="maxTelegramSize"/> bytes, kept whole; with <paramref name="lenientCrc"/> a CRC mismatch is let through (Smarty firmware quirk).</summary>
        public DsmrDecoder(int maxTelegramSize, bool lenientCrc) : this(maxTelegramSize, lenientCrc, 0) { }

        /// <summary>
        /// A decoder for telegrams up to <paramref name="maxTelegramSize"/> bytes that streams their lines through a buffer
        /// of <paramref name="lineBufferSize"/> bytes (64 and up; <see cref="StreamedLineSize"/> on the box; at most the
        /// telegram size), or keeps them whole with 0; with <paramref name="lenientCrc"/> a CRC mismatch is let through.
        /// </summary>
        public DsmrDecoder(int maxTelegramSize, bool lenientCrc, int lineBufferSize)
        {
            _framer = new DsmrFramer(maxTelegramSize, lineBufferSize < maxTelegramSize ? lineBufferSize : maxTelegramSize, _parser);
            _framer.LenientCrc = lenientCrc;
        }

        /// <summary>A decoder with the defaults: 4096-byte telegrams, kept whole, CRC enforced.</summary>
        public DsmrDecoder() : this(DsmrFramer.DefaultMaxSize, false) { }

        /// <summary>The framer (CRC details of the last telegram).</summary>
        public DsmrFramer Framer { get { return _framer; } }

        /// <summary>The parser (malformed-line count of the last telegram).</summary>
        public DsmrParser Parser { get { return _parser; } }

        /// <summary>True when the lines are parsed as they arrive (the constructor's line buffer).</summary>
        public bool StreamLines { get { return _framer.StreamLines; } }

        /// <inheritdoc/>
        public ReadingSet Target
        {
            get { return _framer.Target; }
            set { _framer.Target = value; }
        }

        /// <inheritdoc/>
        public bool InFrame { get { return _framer.StreamLines && _framer.Receiving; } }

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
            get { return _parseError != FrameError.None ? _parseErrorText : _framer.ErrorText; }
        }

        /// <inheritdoc/>
        public byte[] FrameBuffer { get { return _framer.Buffer; } }

        /// <inheritdoc/>
        public int FrameOffset { get { return 0; } }

        /// <inheritdoc/>
        public int FrameLength { get { return _framer.Length; } }

        /// <summary>
        /// Parses the last valid telegram into <paramref name="readings"/> (see <see cref="IFrameDecoder.Parse"/>). When
        /// streaming, its lines are already in <see cref="Target"/>: true when <paramref name="readings"/> is that set;
        /// another set is cleared and false returned (<see cref="FrameError.Parse"/>).
        /// </summary>
        public bool Parse(ReadingSet readings)
        {
            if (_framer.Result != FrameResult.Valid)
            {
                readings.Clear();
                return false;
            }
            if (_framer.StreamLines)
            {
                if (readings == _framer.Target) return true;
                readings.Clear();
                return Failed(OtherSetText);
            }
            if (_parser.Parse(_framer.Buffer, 0, _framer.EndMarker, readings)) return true;
            return Failed("telegram has no header line");
        }

        private bool Failed(string text)
        {
            _parseError = FrameError.Parse;
            _parseErrorText = text;
            return false;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _framer.Reset();
        }
    }
}
