// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using System;
using MeterGateway.Update;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Update
{
    /// <summary>
    /// <see cref="IUpdateTransport"/> serving fixed bodies by URL, honouring the range offset, with faults on demand: the
    /// next <see cref="FailOpens"/> opens fail; after <see cref="BreakAfter"/> more bytes the connection breaks once.
    /// Records the opens.
    /// </summary>
    public sealed class FakeTransport : IUpdateTransport
    {
        private readonly string[] _urls = StringArray.New(8);
        private readonly byte[][] _bodies = new byte[8][];
        private int _count;
        private byte[] _body;
        private int _position;

        /// <summary>Opens that fail from now on (counts down).</summary>
        public int FailOpens;
        /// <summary>Bytes to deliver before the connection breaks once; −1 for never.</summary>
        public int BreakAfter = -1;
        /// <summary>Opens so far (failed ones included).</summary>
        public int Opens;
        /// <summary>Opens with a non-zero offset (resumed downloads).</summary>
        public int ResumedOpens;
        /// <summary>Body bytes delivered so far.</summary>
        public long Delivered;

        /// <summary>Serves <paramref name="body"/> at <paramref name="url"/>.</summary>
        public void Serve(string url, byte[] body)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_urls[i] == url)
                {
                    _bodies[i] = body;
                    return;
                }
            }
            _urls[_count] = url;
            _bodies[_count++] = body;
        }

        /// <inheritdoc/>
        public bool Open(string url, int offset)
        {
            Opens++;
            if (offset > 0) ResumedOpens++;
            _body = null;
            if (FailOpens > 0)
            {
                FailOpens--;
                return false;
            }
            for (int i = 0; i < _count; i++)
            {
                if (_urls[i] == url && offset <= _bodies[i].Length)
                {
                    _body = _bodies[i];
                    _position = offset;
                    return true;
                }
            }
            return false;
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count)
        {
            if (_body == null) return -1;
            if (BreakAfter == 0)
            {
                BreakAfter = -1;
                _body = null;
                return -1;
            }
            int n = _body.Length - _position;
            if (n > count) n = count;
            if (BreakAfter > 0 && n > BreakAfter) n = BreakAfter;
            if (BreakAfter > 0) BreakAfter -= n;
            Array.Copy(_body, _position, buffer, offset, n);
            _position += n;
            Delivered += n;
            return n;
        }

        /// <inheritdoc/>
        public void Close()
        {
            _body = null;
        }
    }
}
