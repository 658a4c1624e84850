namespace MeterGateway.Protocols.Ekm
{
    /// <summary>
    /// One field table of a 255-byte EKM read (V3 A, V4 A or V4 B): the fields in wire order with their offset,
    /// size, type and scale. Offsets are the running sum of the sizes, so a table is written exactly as
    /// PROTOCOLS.md §4 lists it; <see cref="Total"/> must come to <see cref="EkmLayouts.ReplyLength"/>.
    /// </summary>
    public sealed class EkmLayout
    {
        /// <summary>Name of the read ("V3 A", "V4 A", "V4 B").</summary>
        public readonly string Name;
        /// <summary>The 2 ASCII bytes of the request type ("00" or "01") the V4 request carries and the reply echoes; null for V3.</summary>
        public readonly byte[] RequestType;
        /// <summary>Field of each entry.</summary>
        public readonly EkmFieldId[] Field;
        /// <summary>Byte offset of each entry in the reply (STX is offset 0).</summary>
        public readonly int[] Offset;
        /// <summary>Size in bytes of each entry.</summary>
        public readonly int[] Size;
        /// <summary>Wire format of each entry.</summary>
        public readonly EkmFieldType[] Type;
        /// <summary>Decimal scaling of each entry.</summary>
        public readonly EkmScale[] Scale;

        private int _count;
        private int _total;

        /// <summary>Number of entries.</summary>
        public int Count { get { return _count; } }
        /// <summary>Sum of the entry sizes (255 for a complete table).</summary>
        public int Total { get { return _total; } }

        /// <summary>An empty table for up to <paramref name="capacity"/> entries; <paramref name="requestType"/> is "00", "01" or null.</summary>
        public EkmLayout(string name, string requestType, int capacity)
        {
            Name = name;
            RequestType = requestType == null ? null : Readings.Ascii.GetBytes(requestType);
            Field = new EkmFieldId[capacity];
            Offset = new int[capacity];
            Size = new int[capacity];
            Type = new EkmFieldType[capacity];
            Scale = new EkmScale[capacity];
        }

        /// <summary>Appends the next field of the table; its offset is the total so far. Returns this table.</summary>
        public EkmLayout Add(EkmFieldId field, int size, EkmFieldType type, EkmScale scale)
        {
            Field[_count] = field;
            Offset[_count] = _total;
            Size[_count] = size;
            Type[_count] = type;
            Scale[_count] = scale;
            _count++;
            _total += size;
            return this;
        }

        /// <summary>Index of the entry of a field, or -1 when the table does not have it.</summary>
        public int IndexOf(EkmFieldId field)
        {
            for (int i = 0; i < _count; i++)
            {
                if (Field[i] == field) return i;
            }
            return -1;
        }
    }
}
