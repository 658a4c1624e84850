using MeterGateway.Readings;

namespace MeterGateway.Health
{
    /// <summary>
    /// Writes ASCII text and integers (the power chart's SVG, <see cref="PowerChart"/>; the status page,
    /// <see cref="StatusPage"/>) into a buffer, without allocating.
    /// With an <see cref="IPartSink"/>, each time the buffer has no room left what it holds is handed to the sink and
    /// the buffer is written again from its start, so an answer of any length goes out through a small buffer
    /// (<see cref="Finish"/> hands the last part). Without one, a full buffer is dropped instead and only counted: with
    /// a buffer of the answer's largest size (<see cref="PowerChart.MaxLength"/>) the whole answer is in it
    /// (<see cref="Whole"/>), with a smaller one <see cref="Length"/> is still the answer's length (the measuring pass
    /// before an HTTP head). A part ends where the next text or number no longer fits, so the bytes
    /// handed are the same whatever the buffer's size.
    /// </summary>
    public sealed class ChartWriter
    {
        // Room a number takes at most (Ascii.WriteInt).
        private const int NumberRoom = 20;

        private byte[] _buffer;
        private int _start;
        private int _position;
        private int _passed;
        private IPartSink _sink;

        /// <summary>True when the sink refused a part (the client went away): nothing more was handed to it.</summary>
        public bool Failed;

        /// <summary>The buffer written into.</summary>
        public byte[] Buffer { get { return _buffer; } }

        /// <summary>Where the text starts in <see cref="Buffer"/>.</summary>
        public int Start { get { return _start; } }

        /// <summary>Bytes written since <see cref="Reset"/>: those handed to the sink or dropped, and those in the buffer.</summary>
        public int Length { get { return _passed + _position - _start; } }

        /// <summary>True when every byte written since <see cref="Reset"/> is in the buffer, from <see cref="Start"/> on.</summary>
        public bool Whole { get { return _passed == 0; } }

        /// <summary>
        /// Starts a new text at <paramref name="offset"/> in <paramref name="buffer"/>, handing its parts to
        /// <paramref name="sink"/> (null: a full buffer is dropped and counted).
        /// </summary>
        public void Reset(byte[] buffer, int offset, IPartSink sink)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _passed = 0;
            _sink = sink;
            Failed = false;
        }

        /// <summary>Writes one ASCII character.</summary>
        public void Raw(char c)
        {
            if (_position >= _buffer.Length) Pass();
            _buffer[_position++] = (byte)c;
        }

        /// <summary>Writes ASCII text as is.</summary>
        public void Raw(string ascii)
        {
            if (_position + ascii.Length > _buffer.Length)
            {
                Pass();
                if (_position + ascii.Length > _buffer.Length)
                {
                    // longer than the whole buffer (the status page): a buffer at a time
                    for (int i = 0; i < ascii.Length; i++)
                    {
                        if (_position >= _buffer.Length) Pass();
                        _buffer[_position++] = (byte)ascii[i];
                    }
                    return;
                }
            }
            _position += Ascii.Write(ascii, _buffer, _position);
        }

        /// <summary>Writes an integer in decimal.</summary>
        public void Number(long value)
        {
            if (_position + NumberRoom > _buffer.Length) Pass();
            _position += Ascii.WriteInt(value, _buffer, _position);
        }

        /// <summary>Hands the last part to the sink (without one: nothing to do). False when the sink refused a part.</summary>
        public bool Finish()
        {
            if (_sink != null) Pass();
            return !Failed;
        }

        // Hands the buffer's bytes to the sink (without one they are only counted) and writes the buffer again from its start.
        private void Pass()
        {
            int count = _position - _start;
            if (count > 0 && _sink != null && !Failed) Failed = !_sink.Part(_buffer, _start, count);
            _passed += count;
            _position = _start;
        }
    }
}
