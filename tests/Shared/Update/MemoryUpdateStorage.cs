// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using System;
using MeterGateway.Update;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Update
{
    /// <summary>Thrown by <see cref="MemoryUpdateStorage"/> when the simulated power goes off.</summary>
    public sealed class PowerCutException : Exception
    {
        /// <summary>A cut during the given write.</summary>
        public PowerCutException(string message) : base(message) { }
    }

    /// <summary>
    /// <see cref="IUpdateStorage"/> in memory, modelling a partition of <see cref="Capacity"/> bytes in blocks of
    /// <see cref="BlockSize"/>, with power cuts: the write numbered <see cref="CutAt"/> (1-based, counting Append, Write
    /// and Delete) is cut — with <see cref="Torn"/>, half of its bytes land (a Write leaves the file truncated to that
    /// half); without, none do — and throws <see cref="PowerCutException"/>; every later write throws until
    /// <see cref="PowerOn"/>.
    /// </summary>
    public sealed class MemoryUpdateStorage : IUpdateStorage
    {
        private string[] _names = StringArray.New(16);
        private byte[][] _data = new byte[16][];
        private int[] _lengths = new int[16];
        private int _count;
        private bool _off;

        /// <summary>Size of the modelled partition.</summary>
        public long Capacity = 256 * 1024;
        /// <summary>Allocation unit.</summary>
        public int BlockSize = 4096;
        /// <summary>Writes so far.</summary>
        public int Writes;
        /// <summary>The write to cut (1-based), or 0 for none.</summary>
        public int CutAt;
        /// <summary>True: the cut write leaves half of its bytes.</summary>
        public bool Torn = true;

        /// <summary>Restores power (and clears <see cref="CutAt"/>).</summary>
        public void PowerOn()
        {
            _off = false;
            CutAt = 0;
        }

        /// <inheritdoc/>
        public int Length(string name)
        {
            int i = Find(name);
            return i < 0 ? -1 : _lengths[i];
        }

        /// <inheritdoc/>
        public int Read(string name, int position, byte[] buffer, int offset, int count)
        {
            int i = Find(name);
            if (i < 0 || position >= _lengths[i]) return 0;
            int n = _lengths[i] - position < count ? _lengths[i] - position : count;
            Array.Copy(_data[i], position, buffer, offset, n);
            return n;
        }

        /// <inheritdoc/>
        public void Append(string name, byte[] buffer, int offset, int count)
        {
            bool cut = Begin();
            int i = FindOrCreate(name);
            Put(i, _lengths[i], buffer, offset, cut ? (Torn ? count / 2 : 0) : count);
            End(cut, "append " + name);
        }

        /// <inheritdoc/>
        public void Write(string name, byte[] buffer, int offset, int count)
        {
            bool cut = Begin();
            int i = FindOrCreate(name);
            if (!cut || Torn) _lengths[i] = 0;
            if (cut && !Torn) count = 0;
            Put(i, _lengths[i], buffer, offset, cut ? count / 2 : count);
            End(cut, "write " + name);
        }

        /// <inheritdoc/>
        public void Delete(string name)
        {
            bool cut = Begin();
            int i = Find(name);
            if (!cut && i >= 0)
            {
                _count--;
                _names[i] = _names[_count];
                _data[i] = _data[_count];
                _lengths[i] = _lengths[_count];
                _names[_count] = null;
                _data[_count] = null;
            }
            End(cut, "delete " + name);
        }

        /// <inheritdoc/>
        public string[] List(string folder)
        {
            int n = 0;
            for (int i = 0; i < _count; i++)
            {
                if (_names[i].StartsWith(folder)) n++;
            }
            string[] result = StringArray.New(n);
            n = 0;
            for (int i = 0; i < _count; i++)
            {
                if (_names[i].StartsWith(folder)) result[n++] = _names[i];
            }
            return result;
        }

        /// <inheritdoc/>
        public long FreeBytes
        {
            get
            {
                long used = 0;
                for (int i = 0; i < _count; i++) used += (_lengths[i] + BlockSize - 1) / BlockSize * BlockSize;
                return Capacity - used;
            }
        }

        /// <summary>Flips one bit of a stored file (flash damage or tampering).</summary>
        public void FlipBit(string name, int position)
        {
            int i = Find(name);
            _data[i][position] ^= 1;
        }

        private bool Begin()
        {
            if (_off) throw new PowerCutException("the power is off");
            Writes++;
            return Writes == CutAt;
        }

        private void End(bool cut, string what)
        {
            if (!cut) return;
            _off = true;
            throw new PowerCutException("power cut during " + what);
        }

        private void Put(int i, int at, byte[] buffer, int offset, int count)
        {
            int needed = at + count;
            if (_data[i].Length < needed)
            {
                byte[] bigger = new byte[needed * 2];
                Array.Copy(_data[i], bigger, _lengths[i]);
                _data[i] = bigger;
            }
            Array.Copy(buffer, offset, _data[i], at, count);
            _lengths[i] = needed;
        }

        private int Find(string name)
        {
            for (int i = 0; i < _count; i++)
            {
                if (_names[i] == name) return i;
            }
            return -1;
        }

        private int FindOrCreate(string name)
        {
            int i = Find(name);
            if (i >= 0) return i;
            if (_count == _names.Length)
            {
                string[] names = StringArray.New(_count * 2);
                byte[][] data = new byte[_count * 2][];
                int[] lengths = new int[_count * 2];
                Array.Copy(_names, names, _count);
                Array.Copy(_data, data, _count);
                Array.Copy(_lengths, lengths, _count);
                _names = names;
                _data = data;
                _lengths = lengths;
            }
            _names[_count] = name;
            _data[_count] = new byte[64];
            _lengths[_count] = 0;
            return _count++;
        }
    }
}
