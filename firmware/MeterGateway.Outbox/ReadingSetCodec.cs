using MeterGateway.Readings;

namespace MeterGateway.Outbox
{
    /// <summary>
    /// The compact binary form of a <see cref="ReadingSet"/> kept in the outbox (format 1). It keeps everything a
    /// publisher reads back: the identification, the frame time, and per reading the OBIS code, the roles
    /// (measurement, capture time) and every value with its kind, mantissa, exponent, DLMS unit code and scale,
    /// unit text as written, text, and timestamp (UTC and the meter's characters). Decoding gives a set whose public
    /// arrays hold the same values (offsets into <see cref="ReadingSet.Text"/> may differ).
    /// <code>
    /// set     = varint flags (1 = overflowed, 2 = frame time known) [zigzag frameTime]
    ///           varint headerLength header
    ///           varint readingCount reading*
    /// reading = 6 bytes OBIS A..F, varint valueCount,
    ///           varint primary+1, varint captureTime+1 (relative to the reading's first value, 0 = none), value*
    /// value   = tag: bits 0-1 ValueKind, bit 2 timestamp has UTC, bit 3 unit text same as the previous number's
    ///   Number:    zigzag mantissa, exponent, unit code, unit scale, [varint unitLength unit]
    ///   Text:      varint length text
    ///   Timestamp: [zigzag utc] varint length text
    ///   Empty:     nothing
    /// </code>
    /// varint = unsigned LEB128, zigzag = signed LEB128 through zig-zag (<see cref="ByteCoding"/>). Allocates nothing.
    /// </summary>
    public static class ReadingSetCodec
    {
        private const int FlagOverflowed = 1;
        private const int FlagFrameTime = 2;
        private const int TagKindMask = 3;
        private const int TagHasUtc = 4;
        private const int TagSameUnit = 8;

        /// <summary>
        /// Encodes <paramref name="set"/> into <paramref name="buffer"/> from <paramref name="offset"/>, writing nothing at or
        /// past <paramref name="end"/>. Returns the bytes written, or -1 when the encoding does not fit.
        /// </summary>
        public static int Encode(ReadingSet set, byte[] buffer, int offset, int end)
        {
            int p = offset;
            if (p + 2 * ByteCoding.MaxVarintBytes > end) return -1;
            int flags = (set.Overflowed ? FlagOverflowed : 0) | (set.FrameTime != ReadingSet.NoTime ? FlagFrameTime : 0);
            p += ByteCoding.WriteVarint((ulong)flags, buffer, p);
            if (set.FrameTime != ReadingSet.NoTime) p += ByteCoding.WriteVarint(ByteCoding.ZigZag(set.FrameTime), buffer, p);
            p = WriteBytes(set.Text, set.HeaderOffset, set.HeaderLength, buffer, p, end);
            if (p < 0 || p + ByteCoding.MaxVarintBytes > end) return -1;
            p += ByteCoding.WriteVarint((ulong)set.ReadingCount, buffer, p);
            int unitOffset = 0, unitLength = -1;
            for (int r = 0; r < set.ReadingCount; r++)
            {
                if (p + 6 + 3 * ByteCoding.MaxVarintBytes > end) return -1;
                long obis = set.ObisCode[r];
                for (int shift = 40; shift >= 0; shift -= 8) buffer[p++] = (byte)(obis >> shift);
                int first = set.First[r];
                p += ByteCoding.WriteVarint((ulong)set.ValueCount[r], buffer, p);
                p += ByteCoding.WriteVarint((ulong)(set.Primary[r] < 0 ? 0 : set.Primary[r] - first + 1), buffer, p);
                p += ByteCoding.WriteVarint((ulong)(set.CaptureTime[r] < 0 ? 0 : set.CaptureTime[r] - first + 1), buffer, p);
                for (int v = first; v < first + set.ValueCount[r]; v++)
                {
                    if (p + 1 + 2 * ByteCoding.MaxVarintBytes + 3 > end) return -1;
                    ValueKind kind = set.Kind[v];
                    int tag = (int)kind;
                    int tagAt = p++;
                    if (kind == ValueKind.Number)
                    {
                        p += ByteCoding.WriteVarint(ByteCoding.ZigZag(set.Mantissa[v]), buffer, p);
                        buffer[p++] = (byte)set.Exponent[v];
                        buffer[p++] = set.UnitCode[v];
                        buffer[p++] = (byte)set.UnitScale[v];
                        if (SameBytes(set.Text, unitOffset, unitLength, set.UnitOffset[v], set.UnitLength[v]))
                        {
                            tag |= TagSameUnit;
                        }
                        else
                        {
                            p = WriteBytes(set.Text, set.UnitOffset[v], set.UnitLength[v], buffer, p, end);
                            if (p < 0) return -1;
                        }
                        unitOffset = set.UnitOffset[v];
                        unitLength = set.UnitLength[v];
                    }
                    else if (kind == ValueKind.Text || kind == ValueKind.Timestamp)
                    {
                        if (kind == ValueKind.Timestamp && set.Mantissa[v] != ReadingSet.NoTime)
                        {
                            tag |= TagHasUtc;
                            p += ByteCoding.WriteVarint(ByteCoding.ZigZag(set.Mantissa[v]), buffer, p);
                        }
                        p = WriteBytes(set.Text, set.TextOffset[v], set.TextLength[v], buffer, p, end);
                        if (p < 0) return -1;
                    }
                    buffer[tagAt] = (byte)tag;
                }
            }
            return p - offset;
        }

        /// <summary>
        /// Decodes <paramref name="count"/> bytes from <paramref name="offset"/> into <paramref name="set"/> (cleared first).
        /// Readings of codes the set does not keep (<see cref="ReadingSet.KeepOnly"/>: a box's set decoding a record that
        /// an earlier firmware wrote with every reading) are checked and passed over. Returns false, leaving the set
        /// cleared, when the bytes are not a whole format-1 set or the set is too small for it.
        /// </summary>
        public static bool Decode(byte[] buffer, int offset, int count, ReadingSet set)
        {
            set.Clear();
            if (DecodeInto(buffer, offset, offset + count, set)) return true;
            set.Clear();
            return false;
        }

        private static bool DecodeInto(byte[] buffer, int p, int end, ReadingSet set)
        {
            ulong u;
            int n = ByteCoding.ReadVarint(buffer, p, end, out u); if (n < 0 || u > 3) return false; p += n;
            int flags = (int)u;
            if ((flags & FlagFrameTime) != 0)
            {
                n = ByteCoding.ReadVarint(buffer, p, end, out u); if (n < 0) return false; p += n;
                set.FrameTime = ByteCoding.UnZigZag(u);
            }
            int length;
            n = ReadBounded(buffer, p, end, out length); if (n < 0) return false; p += n;
            if (length > 0)
            {
                set.SetHeader(buffer, p, length);
                if (set.HeaderLength != length) return false;
                p += length;
            }
            int readings;
            n = ReadBounded(buffer, p, end, out readings); if (n < 0) return false; p += n;
            int unitOffset = p, unitLength = 0;
            for (int r = 0; r < readings; r++)
            {
                if (p + 6 > end) return false;
                long obis = Obis.Pack(buffer[p], buffer[p + 1], buffer[p + 2], buffer[p + 3], buffer[p + 4], buffer[p + 5]);
                p += 6;
                int values, primary, capture;
                n = ReadBounded(buffer, p, end, out values); if (n < 0) return false; p += n;
                n = ReadBounded(buffer, p, end, out primary); if (n < 0 || primary > values) return false; p += n;
                n = ReadBounded(buffer, p, end, out capture); if (n < 0 || capture > values) return false; p += n;
                bool keep = set.BeginReading(obis) >= 0;
                if (!keep && set.Overflowed) return false;
                int first = set.TotalValues;
                for (int k = 0; k < values; k++)
                {
                    if (p >= end) return false;
                    int tag = buffer[p++];
                    int v;
                    ValueKind kind = (ValueKind)(tag & TagKindMask);
                    if (kind == ValueKind.Number)
                    {
                        n = ByteCoding.ReadVarint(buffer, p, end, out u); if (n < 0 || p + n + 3 > end) return false; p += n;
                        long mantissa = ByteCoding.UnZigZag(u);
                        int exponent = (sbyte)buffer[p];
                        byte unitCode = buffer[p + 1];
                        sbyte unitScale = (sbyte)buffer[p + 2];
                        p += 3;
                        if ((tag & TagSameUnit) == 0)
                        {
                            n = ReadBounded(buffer, p, end, out unitLength); if (n < 0) return false;
                            unitOffset = p + n;
                            p = unitOffset + unitLength;
                        }
                        if (!keep) continue;
                        v = set.AddNumber(mantissa, exponent, buffer, unitOffset, unitLength);
                        if (v < 0 || (unitLength > 0 && set.UnitLength[v] != unitLength)) return false;
                        // The stored code and scale are restored as they were, whatever the unit table says today.
                        set.UnitCode[v] = unitCode;
                        set.UnitScale[v] = unitScale;
                    }
                    else if (kind == ValueKind.Text || kind == ValueKind.Timestamp)
                    {
                        long utc = ReadingSet.NoTime;
                        if ((tag & TagHasUtc) != 0)
                        {
                            n = ByteCoding.ReadVarint(buffer, p, end, out u); if (n < 0) return false; p += n;
                            utc = ByteCoding.UnZigZag(u);
                        }
                        n = ReadBounded(buffer, p, end, out length); if (n < 0) return false; p += n;
                        if (!keep)
                        {
                            p += length;
                            continue;
                        }
                        v = kind == ValueKind.Text ? set.AddText(buffer, p, length, false) : set.AddTimestamp(utc, buffer, p, length);
                        if (v < 0 || set.Kind[v] != kind || set.TextLength[v] != length) return false;
                        p += length;
                    }
                    else if (keep && set.AddEmpty() < 0) return false;
                }
                if (keep) set.EndReading(primary == 0 ? -1 : first + primary - 1, capture == 0 ? -1 : first + capture - 1);
            }
            if (p != end || set.Overflowed) return false;
            set.Overflowed = (flags & FlagOverflowed) != 0;
            return true;
        }

        // A varint no larger than the bytes left after it: a length, or a count of items of at least one byte each.
        // Returns its size, or -1.
        private static int ReadBounded(byte[] buffer, int p, int end, out int length)
        {
            ulong u;
            length = 0;
            int n = ByteCoding.ReadVarint(buffer, p, end, out u);
            if (n < 0 || u > (ulong)(end - p - n)) return -1;
            length = (int)u;
            return n;
        }

        private static int WriteBytes(byte[] source, int sourceOffset, int count, byte[] buffer, int p, int end)
        {
            if (p + ByteCoding.MaxVarintBytes + count > end) return -1;
            p += ByteCoding.WriteVarint((ulong)count, buffer, p);
            System.Array.Copy(source, sourceOffset, buffer, p, count);
            return p + count;
        }

        private static bool SameBytes(byte[] text, int offsetA, int lengthA, int offsetB, int lengthB)
        {
            if (lengthA != lengthB) return false;
            for (int i = 0; i < lengthA; i++)
            {
                if (text[offsetA + i] != text[offsetB + i]) return false;
            }
            return true;
        }
    }
}
