using System.Collections.Generic;
using MeterGateway.Outbox;
using MeterGateway.Tests.Shared.Outbox;

namespace MeterGateway.Tests.Outbox
{
    /// <summary>
    /// A <see cref="MemoryRecordStorage"/> that also logs every change it is asked to make, so a test can rebuild the
    /// storage as it was at any byte of any write: the state a power cut at that moment leaves.
    /// </summary>
    public sealed class RecordingStorage : IRecordStorage
    {
        /// <summary>Kinds of change.</summary>
        public enum OpKind { Append, Delete, Metadata }

        /// <summary>One change: an append or a metadata write (its bytes), or a deletion.</summary>
        public sealed class Op
        {
            /// <summary>What it does.</summary>
            public OpKind Kind;
            /// <summary>Segment (append, delete) or slot (metadata).</summary>
            public long Target;
            /// <summary>The bytes written, or null for a deletion.</summary>
            public byte[]? Bytes;
            /// <summary>The highest sequence number the outbox had handed out when the change was made.</summary>
            public long HandedOutBefore;

            /// <summary>Applies the change to <paramref name="storage"/>, only its first <paramref name="bytes"/> bytes for a write.</summary>
            public void Apply(MemoryRecordStorage storage, int bytes)
            {
                switch (Kind)
                {
                    case OpKind.Append:
                        storage.Append(Target, Bytes, 0, bytes);
                        break;
                    case OpKind.Delete:
                        storage.Delete(Target);
                        break;
                    default:
                        // A torn rewrite of the slot: FileMode.Create truncates, then the bytes go in.
                        storage.SetMetadata((int)Target, Bytes, bytes);
                        break;
                }
            }

            /// <inheritdoc/>
            public override string ToString() => Kind + " " + Target + (Bytes == null ? "" : " (" + Bytes.Length + " bytes)");
        }

        /// <summary>The storage as it is.</summary>
        public readonly MemoryRecordStorage Inner = new();
        /// <summary>Every change, in order.</summary>
        public readonly List<Op> Ops = new();
        /// <summary>Set by the test after each append: the highest sequence number handed out so far.</summary>
        public long HandedOut;

        /// <inheritdoc/>
        public int ListSegments(long[] ids) => Inner.ListSegments(ids);
        /// <inheritdoc/>
        public long GetLength(long segment) => Inner.GetLength(segment);
        /// <inheritdoc/>
        public int Read(long segment, long position, byte[] buffer, int offset, int count) => Inner.Read(segment, position, buffer, offset, count);
        /// <inheritdoc/>
        public int ReadMetadata(int slot, byte[] buffer, int offset, int count) => Inner.ReadMetadata(slot, buffer, offset, count);

        /// <inheritdoc/>
        public bool Append(long segment, byte[] buffer, int offset, int count)
        {
            Ops.Add(new Op { Kind = OpKind.Append, Target = segment, Bytes = buffer[offset..(offset + count)], HandedOutBefore = HandedOut });
            return Inner.Append(segment, buffer, offset, count);
        }

        /// <inheritdoc/>
        public bool Delete(long segment)
        {
            Ops.Add(new Op { Kind = OpKind.Delete, Target = segment, HandedOutBefore = HandedOut });
            return Inner.Delete(segment);
        }

        /// <inheritdoc/>
        public bool WriteMetadata(int slot, byte[] buffer, int offset, int count)
        {
            Ops.Add(new Op { Kind = OpKind.Metadata, Target = slot, Bytes = buffer[offset..(offset + count)], HandedOutBefore = HandedOut });
            return Inner.WriteMetadata(slot, buffer, offset, count);
        }
    }
}
