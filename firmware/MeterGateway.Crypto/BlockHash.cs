namespace MeterGateway.Crypto
{
    /// <summary>
    /// The Merkle–Damgård frame shared by <see cref="Sha256"/> and <see cref="Sha512"/> (NIST FIPS 180-4 §5.1, §6):
    /// message bytes are gathered into blocks for the subclass's compression function, and the last block is padded
    /// with 0x80, zeros and the message's bit length (big-endian, 8 or 16 bytes). Allocates its block once.
    /// </summary>
    public abstract class BlockHash
    {
        private readonly byte[] _block;
        private readonly int _blockSize;
        private readonly int _lengthFieldBytes;
        private int _blockUsed;
        private long _length;

        /// <summary>A frame for blocks of <paramref name="blockSize"/> bytes ending in a length field of <paramref name="lengthFieldBytes"/> bytes.</summary>
        protected BlockHash(int blockSize, int lengthFieldBytes)
        {
            _blockSize = blockSize;
            _lengthFieldBytes = lengthFieldBytes;
            _block = new byte[blockSize];
        }

        /// <summary>Bytes hashed since the last reset.</summary>
        public long Length { get { return _length; } }

        /// <summary>Adds <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/> to the message.</summary>
        public void Update(byte[] data, int offset, int count)
        {
            _length += count;
            if (_blockUsed > 0)
            {
                int take = _blockSize - _blockUsed;
                if (take > count) take = count;
                for (int i = 0; i < take; i++) _block[_blockUsed + i] = data[offset + i];
                _blockUsed += take;
                offset += take;
                count -= take;
                if (_blockUsed < _blockSize) return;
                Compress(_block, 0);
                _blockUsed = 0;
            }
            while (count >= _blockSize)
            {
                Compress(data, offset);
                offset += _blockSize;
                count -= _blockSize;
            }
            for (int i = 0; i < count; i++) _block[i] = data[offset + i];
            _blockUsed = count;
        }

        /// <summary>Processes one block of the message at <paramref name="offset"/>.</summary>
        protected abstract void Compress(byte[] data, int offset);

        /// <summary>Forgets the bytes gathered so far (the subclass resets its state).</summary>
        protected void ResetBlocks()
        {
            _blockUsed = 0;
            _length = 0;
        }

        /// <summary>
        /// Pads the message (FIPS 180-4 §5.1.1/§5.1.2: 0x80, zeros, the bit length big-endian; messages under 2^63 bytes)
        /// and compresses the last block(s). The subclass then writes its digest.
        /// </summary>
        protected void Pad()
        {
            ulong bitsLow = (ulong)_length << 3;
            ulong bitsHigh = (ulong)_length >> 61;
            _block[_blockUsed++] = 0x80;
            if (_blockUsed > _blockSize - _lengthFieldBytes)
            {
                while (_blockUsed < _blockSize) _block[_blockUsed++] = 0;
                Compress(_block, 0);
                _blockUsed = 0;
            }
            while (_blockUsed < _blockSize) _block[_blockUsed++] = 0;
            for (int i = 0; i < 8; i++)
            {
                _block[_blockSize - 1 - i] = (byte)(bitsLow >> (8 * i));
                if (_lengthFieldBytes == 16) _block[_blockSize - 9 - i] = (byte)(bitsHigh >> (8 * i));
            }
            Compress(_block, 0);
            _blockUsed = 0;
        }
    }
}
