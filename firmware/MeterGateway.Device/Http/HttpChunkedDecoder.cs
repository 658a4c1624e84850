namespace MeterGateway.Http
{
    /// <summary>
    /// Undoes the chunked transfer coding (RFC 9112 §7.1): chunk sizes in hex with optional extensions, the chunk data,
    /// a last chunk of size 0 and optional trailer fields, in place and in pieces as they arrive. Allocates nothing.
    /// </summary>
    public sealed class HttpChunkedDecoder
    {
        private const int Size = 0, Extension = 1, Data = 2, DataEnd = 3, Trailer = 4, End = 5;
        private int _state;
        private long _remaining;
        private bool _digits;
        private bool _lineEmpty;

        /// <summary>True once the last chunk and the trailer section have been read: the body is whole.</summary>
        public bool Done { get { return _state == End; } }

        /// <summary>Starts a new body.</summary>
        public void Reset()
        {
            _state = Size;
            _remaining = 0;
            _digits = false;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> received bytes at <paramref name="offset"/>: their chunk data is moved to the
        /// front of that range. Returns the data bytes (0 when the piece held only framing), or −1 when the framing is
        /// malformed (a size without hex digits or over 2³¹ − 1, a chunk's data not followed by CRLF). Bytes after the
        /// body's end are ignored.
        /// </summary>
        public int Decode(byte[] buffer, int offset, int count)
        {
            int write = offset, end = offset + count;
            for (int i = offset; i < end && _state != End; )
            {
                int b = buffer[i];
                switch (_state)
                {
                    case Size:
                        int digit = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
                        if (digit >= 0)
                        {
                            _remaining = _remaining * 16 + digit;
                            if (_remaining > int.MaxValue) return -1;
                            _digits = true;
                            i++;
                            break;
                        }
                        if (!_digits) return -1;
                        _state = Extension;
                        break;
                    case Extension:
                        i++;
                        if (b != '\n') break;
                        _digits = false;
                        _lineEmpty = true;
                        _state = _remaining == 0 ? Trailer : Data;
                        break;
                    case Data:
                        int n = end - i < _remaining ? end - i : (int)_remaining;
                        System.Array.Copy(buffer, i, buffer, write, n);
                        write += n;
                        i += n;
                        _remaining -= n;
                        if (_remaining == 0) _state = DataEnd;
                        break;
                    case DataEnd:
                        i++;
                        if (b == '\r') break;
                        if (b != '\n') return -1;
                        _state = Size;
                        break;
                    default: // Trailer: field lines until an empty one
                        i++;
                        if (b == '\n')
                        {
                            if (_lineEmpty) _state = End;
                            _lineEmpty = true;
                        }
                        else if (b != '\r') _lineEmpty = false;
                        break;
                }
            }
            return write - offset;
        }
    }
}
