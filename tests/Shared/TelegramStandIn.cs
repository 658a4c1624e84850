// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using MeterGateway.Protocols;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// A minimal inner decoder for the DLMS wrapper tests: frames a DSMR-shaped telegram from '/' to the line end
    /// after '!' and keeps its bytes, without checking the CRC or parsing lines (the DSMR decoder's job). Counts its
    /// frames so tests can see that nothing reached it.
    /// </summary>
    public sealed class TelegramStandIn : IFrameDecoder
    {
        private readonly byte[] _buffer = new byte[4096];
        private int _filled;
        private bool _sawEnd;
        private FrameResult _result;

        /// <summary>Number of telegrams framed since construction.</summary>
        public int Frames;

        public FrameResult Result { get { return _result; } }
        public FrameError Error { get { return _result == FrameResult.Invalid ? FrameError.TooLong : FrameError.None; } }
        public string ErrorText { get { return _result == FrameResult.Invalid ? "telegram too long" : null; } }
        public byte[] FrameBuffer { get { return _buffer; } }
        public int FrameOffset { get { return 0; } }
        public int FrameLength { get { return _result == FrameResult.None ? 0 : _filled; } }

        public int Feed(byte[] data, int offset, int count)
        {
            if (_result != FrameResult.None)
            {
                Reset();
            }
            for (int i = 0; i < count; i++)
            {
                byte b = data[offset + i];
                if (_filled == 0 && b != '/')
                {
                    continue;
                }
                if (_filled == _buffer.Length)
                {
                    _result = FrameResult.Invalid;
                    return i + 1;
                }
                _buffer[_filled++] = b;
                if (b == '!')
                {
                    _sawEnd = true;
                }
                else if (b == '\n' && _sawEnd)
                {
                    _result = FrameResult.Valid;
                    Frames++;
                    return i + 1;
                }
            }
            return count;
        }

        public bool Parse(ReadingSet readings)
        {
            readings.Clear();
            return _result == FrameResult.Valid;
        }

        public void Reset()
        {
            _filled = 0;
            _sawEnd = false;
            _result = FrameResult.None;
        }

        /// <summary>The framed telegram as text (tests only: allocates).</summary>
        public string Text()
        {
            return Ascii.ToString(_buffer, 0, _filled);
        }
    }
}
