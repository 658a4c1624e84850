using MeterGateway.Checksums;
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Protocols.Sml
{
    /// <summary>
    /// Frames SML files (SML transport protocol version 1) out of a byte stream and parses them with
    /// <see cref="SmlParser"/>. Sources: SML 1.04 §8 (transport v1); volkszaehler/libsml
    /// @ dc096b40b0c0b90c7def374e92a9d186ed276c30 <c>sml_transport.c</c>; PROTOCOLS.md §3.
    /// <para>
    /// A file is <c>1B 1B 1B 1B 01 01 01 01</c>, the SML messages, 0 to 3 bytes <c>00</c> of padding that make the
    /// file a multiple of 4 bytes long, and <c>1B 1B 1B 1B 1A NN C1 C2</c>, where NN is the number of padding bytes
    /// and C1 C2 the CRC-16/X.25 (<see cref="Crc16.X25"/>) of everything before them, low byte first. Escape
    /// sequences sit at multiples of 4 bytes from the file start; a literal <c>1B 1B 1B 1B</c> at such a place in
    /// the data is sent twice and stored once here.
    /// </para>
    /// <para>
    /// Resynchronisation: bytes before a start sequence are skipped. A start or end sequence is also recognised at
    /// any other offset, because a capture that dropped bytes shifts them: a start sequence inside a file abandons
    /// it (<see cref="FrameError.Framing"/>, <see cref="FrameBuffer"/> holding the abandoned part) and begins the
    /// next; a shifted end closes the file, whose CRC then fails (<see cref="FrameError.Crc"/>). An aligned escape
    /// followed by anything else is rejected (<see cref="FrameError.Framing"/>, as libsml's "unrecognized
    /// sequence"), and a file longer than <see cref="SmlOptions.MaxFileSize"/> as <see cref="FrameError.TooLong"/>.
    /// </para>
    /// <para>
    /// The file CRC is computed as the bytes arrive; one buffer of <see cref="SmlOptions.MaxFileSize"/> bytes is
    /// allocated at construction and nothing afterwards. <see cref="FrameBuffer"/> holds the file as received
    /// except that an escaped <c>1B 1B 1B 1B</c> is stored once; it and <see cref="Parse"/> stay valid until a
    /// later <see cref="Feed"/> begins the next file.
    /// </para>
    /// </summary>
    public sealed class SmlDecoder : IFrameDecoder
    {
        private const int Escape = 0x1B;
        private const int EndMark = 0x1A;
        private const int StartMark = 0x01;
        private const int StartLength = 8;

        private const string CrcText = "SML file CRC mismatch";
        private const string RestartText = "SML file restarted before its end";
        private const string EscapeText = "SML escape sequence not recognised";
        private const string PaddingText = "SML file padding malformed";
        private const string TooLongText = "SML file longer than the maximum file size";
        private const string NothingText = "no valid SML file to parse";

        private static readonly byte[] StartSequence = { Escape, Escape, Escape, Escape, StartMark, StartMark, StartMark, StartMark };
        // The X.25 register (from 0xFFFF) after the start sequence: a constant, so that no static initializer makes the
        // X.25 table at start on a box that reads no SML (every SML capture of the tests checks it).
        private const int StartCrc = 0x91DC;

        private readonly byte[] _frame;
        private readonly SmlParser _parser;

        private bool _inFile;      // inside a file (else hunting for a start sequence)
        private bool _restart;     // the last file was abandoned at a start sequence: the next Feed begins a file
        private int _hunt;         // bytes of the start sequence matched while hunting
        private int _length;       // bytes of the current file in _frame
        private int _escapeAt = -1; // offset of the 1B1B1B1B whose following bytes are being read, or -1
        private int _dataFrom;     // an escape may begin here or later (not inside the start or an escaped 1B1B1B1B)
        private int _crc;          // X.25 register over all bytes received of the file
        private int _crc1;         // ... one byte earlier
        private int _crc2;         // ... two bytes earlier: at the end, the register before the CRC bytes

        private FrameResult _result;
        private FrameError _error;
        private string _errorText;
        private int _frameLength;
        private int _payloadLength = -1;

        /// <summary>A decoder with the default <see cref="SmlOptions"/> (4096-byte files, all quirk workarounds on).</summary>
        public SmlDecoder() : this(new SmlOptions()) { }

        /// <summary>A decoder with the given options (read now; later changes to them have no effect).</summary>
        /// <exception cref="System.ArgumentException">MaxFileSize is below <see cref="SmlOptions.MinFileSize"/>.</exception>
        public SmlDecoder(SmlOptions options)
        {
            if (options.MaxFileSize < SmlOptions.MinFileSize) throw new System.ArgumentException("MaxFileSize below 16 bytes");
            _frame = new byte[options.MaxFileSize];
            _parser = new SmlParser(options);
        }

        /// <inheritdoc/>
        public FrameResult Result { get { return _result; } }
        /// <inheritdoc/>
        public FrameError Error { get { return _error; } }
        /// <inheritdoc/>
        public string ErrorText { get { return _errorText; } }
        /// <inheritdoc/>
        public byte[] FrameBuffer { get { return _frame; } }
        /// <inheritdoc/>
        public int FrameOffset { get { return 0; } }
        /// <inheritdoc/>
        public int FrameLength { get { return _frameLength; } }

        /// <summary>After a successful <see cref="Parse"/>: true when the meter gave energy in whole kWh only (PIN not entered; see <see cref="SmlParser.WholeKwhEnergy"/>).</summary>
        public bool WholeKwhEnergy { get { return _parser.WholeKwhEnergy; } }

        /// <inheritdoc/>
        public int Feed(byte[] data, int offset, int count)
        {
            _result = FrameResult.None;
            if (_restart)
            {
                _restart = false;
                BeginFile();
            }
            for (int i = 0; i < count; i++)
            {
                int b = data[offset + i];
                if (_inFile)
                {
                    if (Append(b)) return i + 1;
                }
                else if (Hunt(b))
                {
                    BeginFile();
                }
            }
            return count;
        }

        /// <inheritdoc/>
        public bool Parse(ReadingSet readings)
        {
            if (_payloadLength < 0)
            {
                readings.Clear();
                _error = FrameError.Parse;
                _errorText = NothingText;
                return false;
            }
            bool ok = _parser.Parse(_frame, StartLength, _payloadLength, readings);
            _error = _parser.Error;
            _errorText = _parser.ErrorText;
            return ok;
        }

        /// <inheritdoc/>
        public void Reset()
        {
            _inFile = false;
            _restart = false;
            _hunt = 0;
            _escapeAt = -1;
            _payloadLength = -1;
            _frameLength = 0;
            _result = FrameResult.None;
        }

        /// <summary>Matches the start sequence byte by byte; true when its last byte arrived.</summary>
        private bool Hunt(int b)
        {
            if (_hunt < 4) _hunt = b == Escape ? _hunt + 1 : 0;
            else if (b == StartMark) _hunt++;
            else if (b != Escape) _hunt = 0;
            else if (_hunt > 4) _hunt = 1; // a fifth 1B keeps the last four as a start candidate
            return _hunt == StartLength;
        }

        private void BeginFile()
        {
            System.Array.Copy(StartSequence, 0, _frame, 0, StartLength);
            _length = StartLength;
            _dataFrom = StartLength;
            _crc = StartCrc;
            _escapeAt = -1;
            _hunt = 0;
            _inFile = true;
            _payloadLength = -1;
            _frameLength = 0;
        }

        /// <summary>Adds one byte of the file; true when the file ended (valid or rejected).</summary>
        private bool Append(int b)
        {
            int p = _length;
            _frame[p] = (byte)b;
            _length = p + 1;
            _crc2 = _crc1;
            _crc1 = _crc;
            _crc = Crc16.UpdateX25(_crc, _frame, p, 1);
            if (_escapeAt >= 0) return ContinueEscape(b, p - _escapeAt - 4);
            if (p - 4 >= _dataFrom && _frame[p - 1] == Escape && _frame[p - 2] == Escape && _frame[p - 3] == Escape && _frame[p - 4] == Escape)
            {
                bool aligned = ((p - 4) & 3) == 0;
                if (b == EndMark || b == StartMark || (b == Escape && aligned)) _escapeAt = p - 4;
                else if (aligned) return Abandon(FrameError.Framing, EscapeText);
            }
            return RejectIfFull();
        }

        /// <summary>Byte <paramref name="k"/> (1..3) after the escape: completes an end, a restart or an escaped 1B1B1B1B.</summary>
        private bool ContinueEscape(int b, int k)
        {
            int mark = _frame[_escapeAt + 4];
            if (mark == EndMark) return k == 3 ? EndFile() : RejectIfFull();
            bool aligned = (_escapeAt & 3) == 0;
            if (b != mark)
            {
                // not an escape after all: a shifted one is data, an aligned one is invalid
                _escapeAt = -1;
                return aligned ? Abandon(FrameError.Framing, EscapeText) : RejectIfFull();
            }
            if (k < 3) return RejectIfFull();
            if (mark == StartMark)
            {
                _restart = true;
                return Reject(FrameError.Framing, RestartText, _escapeAt);
            }
            // an escaped 1B1B1B1B: keep one copy, as data
            _length -= 4;
            _dataFrom = _length;
            _escapeAt = -1;
            return false;
        }

        private bool RejectIfFull()
        {
            return _length == _frame.Length && Abandon(FrameError.TooLong, TooLongText);
        }

        private bool EndFile()
        {
            int received = _frame[_length - 2] | (_frame[_length - 1] << 8);
            if (received != (_crc2 ^ 0xFFFF)) return Reject(FrameError.Crc, CrcText, _length);
            int padding = _frame[_length - 3];
            int payload = _escapeAt - StartLength - padding;
            if ((_escapeAt & 3) != 0 || padding > 3 || payload < 0) return Reject(FrameError.Framing, PaddingText, _length);
            _inFile = false;
            _escapeAt = -1;
            _payloadLength = payload;
            _frameLength = _length;
            _result = FrameResult.Valid;
            _error = FrameError.None;
            _errorText = null;
            return true;
        }

        /// <summary>Rejects a file that did not end; its last bytes may begin the next start sequence, so the hunt goes over them again.</summary>
        private bool Abandon(FrameError error, string text)
        {
            Reject(error, text, _length);
            _hunt = 0;
            for (int i = _length > StartLength - 1 ? _length - (StartLength - 1) : 0; i < _length; i++) Hunt(_frame[i]);
            return true;
        }

        private bool Reject(FrameError error, string text, int length)
        {
            _inFile = false;
            _escapeAt = -1;
            _payloadLength = -1;
            _frameLength = length;
            _result = FrameResult.Invalid;
            _error = error;
            _errorText = text;
            return true;
        }
    }
}
