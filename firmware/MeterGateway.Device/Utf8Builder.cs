using MeterGateway.Readings;

namespace MeterGateway.Device
{
    /// <summary>
    /// Builds a UTF-8 document (the portal's HTML page) in one growing byte array, so that a page of a few kilobytes
    /// is not assembled by concatenating strings. Portal code, not the hot path: it allocates as it grows.
    /// </summary>
    public sealed class Utf8Builder
    {
        private byte[] _buffer;
        private int _length;

        /// <summary>An empty builder with room for <paramref name="capacity"/> bytes before it grows.</summary>
        public Utf8Builder(int capacity)
        {
            _buffer = new byte[capacity < 16 ? 16 : capacity];
        }

        /// <summary>Bytes written so far.</summary>
        public int Length { get { return _length; } }

        /// <summary>Appends the UTF-8 bytes of <paramref name="text"/> (nothing for null).</summary>
        public Utf8Builder Append(string text)
        {
            if (text == null || text.Length == 0) return this;
            Reserve(Utf8.ByteCount(text));
            _length += Utf8.Write(text, _buffer, _length);
            return this;
        }

        /// <summary>Appends <paramref name="text"/> HTML-escaped (<see cref="Html.Escape"/>).</summary>
        public Utf8Builder AppendEscaped(string text)
        {
            return Append(Html.Escape(text));
        }

        /// <summary>A new array holding exactly the bytes written.</summary>
        public byte[] ToArray()
        {
            byte[] result = new byte[_length];
            System.Array.Copy(_buffer, 0, result, 0, _length);
            return result;
        }

        private void Reserve(int more)
        {
            if (_length + more <= _buffer.Length) return;
            int size = _buffer.Length * 2;
            while (size < _length + more) size *= 2;
            byte[] bigger = new byte[size];
            System.Array.Copy(_buffer, 0, bigger, 0, _length);
            _buffer = bigger;
        }
    }
}
