using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Iec62056
{
    /// <summary>
    /// IEC 62056-21 as an <see cref="IFrameDecoder"/>: <see cref="Iec62056Framer"/> for messages and their BCC,
    /// <see cref="Iec62056Parser"/> for their data sets. In <see cref="Iec62056FramerMode.Push"/> mode (the default) it
    /// decodes mode D pushes and captured readouts that start with the identification or STX (the header of the
    /// readings is the identification without '/'); in <see cref="Iec62056FramerMode.Readout"/> mode it also takes a
    /// capture of a bare readout without STX. A message whose data sets are all malformed is rejected as
    /// <see cref="FrameError.Parse"/>. Allocates nothing after construction.
    /// </summary>
    public sealed class Iec62056Decoder : IFrameDecoder
    {
        private readonly Iec62056Framer _framer;
        private readonly Iec62056Parser _parser = new Iec62056Parser();
        private bool _parseFailed;

        /// <summary>A decoder for messages up to <paramref name="maxSize"/> bytes, expecting <paramref name="mode"/>.</summary>
        public Iec62056Decoder(int maxSize, Iec62056FramerMode mode)
        {
            _framer = new Iec62056Framer(maxSize, mode);
        }

        /// <summary>A push-mode decoder with the default buffer (<see cref="Iec62056Framer.DefaultMaxSize"/>).</summary>
        public Iec62056Decoder() : this(Iec62056Framer.DefaultMaxSize, Iec62056FramerMode.Push) { }

        /// <summary>The framer (BCC details of the last message; <see cref="Iec62056Framer.AcceptMissingBcc"/>).</summary>
        public Iec62056Framer Framer { get { return _framer; } }

        /// <summary>The parser (<see cref="Iec62056Parser.Medium"/>, malformed data-set count of the last message).</summary>
        public Iec62056Parser Parser { get { return _parser; } }

        /// <inheritdoc/>
        public int Feed(byte[] data, int offset, int count)
        {
            _parseFailed = false;
            return _framer.Feed(data, offset, count);
        }

        /// <summary>Ends a message at the end of the input or when the line falls silent (<see cref="Iec62056Framer.Flush"/>).</summary>
        public FrameResult Flush()
        {
            _parseFailed = false;
            return _framer.Flush();
        }

        /// <inheritdoc/>
        public FrameResult Result { get { return _framer.Result; } }

        /// <inheritdoc/>
        public FrameError Error { get { return _parseFailed ? FrameError.Parse : _framer.Error; } }

        /// <inheritdoc/>
        public string ErrorText { get { return _parseFailed ? "no data set could be read" : _framer.ErrorText; } }

        /// <inheritdoc/>
        public byte[] FrameBuffer { get { return _framer.Buffer; } }

        /// <inheritdoc/>
        public int FrameOffset { get { return 0; } }

        /// <inheritdoc/>
        public int FrameLength { get { return _framer.Length; } }

        /// <inheritdoc/>
        public bool Parse(ReadingSet readings)
        {
            readings.Clear();
            if (_framer.Result != FrameResult.Valid || _framer.Kind != Iec62056FrameKind.DataMessage) return false;
            if (_framer.IdentLength > 0) readings.SetHeader(_framer.Buffer, _framer.IdentOffset, _framer.IdentLength);
            int added = _parser.Parse(_framer.Buffer, _framer.DataOffset, _framer.DataLength, Obis.None, readings);
            if (added == 0 && _parser.MalformedDataSets > 0)
            {
                _parseFailed = true;
                return false;
            }
            return true;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _framer.Reset();
        }
    }
}
