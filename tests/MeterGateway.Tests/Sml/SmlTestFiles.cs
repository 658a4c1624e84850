using System;
using System.Collections.Generic;
using System.IO;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Sml;

namespace MeterGateway.Tests.Sml
{
    /// <summary>One frame the decoder reported.</summary>
    public sealed class DecodedFrame
    {
        public FrameResult Result;
        public FrameError Error;
        public byte[] Bytes = Array.Empty<byte>();
    }

    /// <summary>
    /// Test-side SML tools, written independently of the core: loading captures, cutting them into files with a
    /// plain search, and building or resealing files (message CRCs, padding, escaping, file CRC) so that mutated
    /// content gets past the CRCs and reaches the parser.
    /// </summary>
    public static class SmlTestFiles
    {
        private static readonly byte[] Start = { 0x1B, 0x1B, 0x1B, 0x1B, 0x01, 0x01, 0x01, 0x01 };

        public static string CorpusDir => Corpus.Folder("sml");

        public static byte[] Load(string name) => Corpus.Bytes("sml", name);

        public static string[] AllCaptures()
        {
            string[] files = Directory.GetFiles(CorpusDir, "*.bin");
            for (int i = 0; i < files.Length; i++) files[i] = Path.GetFileName(files[i]);
            Array.Sort(files, StringComparer.Ordinal);
            return files;
        }

        /// <summary>Feeds the capture in chunks of <paramref name="chunk"/> bytes and records every frame reported.</summary>
        public static List<DecodedFrame> Feed(SmlDecoder decoder, byte[] data, int chunk)
        {
            var frames = new List<DecodedFrame>();
            for (int at = 0; at < data.Length; at += chunk)
            {
                int count = Math.Min(chunk, data.Length - at);
                int used = 0;
                while (used < count)
                {
                    int n = decoder.Feed(data, at + used, count - used);
                    if (n < 1 || n > count - used) throw new InvalidOperationException("Feed consumed " + n + " of " + (count - used));
                    used += n;
                    if (decoder.Result != FrameResult.None)
                    {
                        var bytes = new byte[decoder.FrameLength];
                        Array.Copy(decoder.FrameBuffer, decoder.FrameOffset, bytes, 0, bytes.Length);
                        frames.Add(new DecodedFrame { Result = decoder.Result, Error = decoder.Error, Bytes = bytes });
                    }
                }
            }
            return frames;
        }

        /// <summary>The complete files of a capture whose file CRC verifies, found by a plain search for start and end sequences.</summary>
        public static List<byte[]> ValidFiles(byte[] capture)
        {
            var files = new List<byte[]>();
            int at = 0;
            while (true)
            {
                int start = IndexOf(capture, Start, at);
                if (start < 0) break;
                int end = IndexOf(capture, new byte[] { 0x1B, 0x1B, 0x1B, 0x1B, 0x1A }, start + 8);
                if (end < 0 || end + 8 > capture.Length) break;
                var file = new byte[end + 8 - start];
                Array.Copy(capture, start, file, 0, file.Length);
                int crc = X25(file, 0, file.Length - 2);
                if (file[^2] == (crc & 0xFF) && file[^1] == crc >> 8) files.Add(file);
                at = end + 8;
            }
            return files;
        }

        /// <summary>The messages of a file without escapes: from after the start sequence to before the padding.</summary>
        public static byte[] Payload(byte[] file)
        {
            int padding = file[^3];
            var payload = new byte[file.Length - 16 - padding];
            Array.Copy(file, 8, payload, 0, payload.Length);
            return payload;
        }

        /// <summary>A transport v1 file around the messages: start sequence, aligned 1B1B1B1B doubled, padding, end sequence, X.25 low byte first.</summary>
        public static byte[] Build(byte[] payload)
        {
            var file = new List<byte>(Start);
            for (int i = 0; i < payload.Length; i++)
            {
                bool aligned = file.Count % 4 == 0;
                if (aligned && i + 4 <= payload.Length && payload[i] == 0x1B && payload[i + 1] == 0x1B && payload[i + 2] == 0x1B && payload[i + 3] == 0x1B)
                {
                    for (int k = 0; k < 8; k++) file.Add(0x1B);
                    i += 3;
                    continue;
                }
                file.Add(payload[i]);
            }
            int padding = (4 - file.Count % 4) % 4;
            for (int i = 0; i < padding; i++) file.Add(0x00);
            file.AddRange(new byte[] { 0x1B, 0x1B, 0x1B, 0x1B, 0x1A, (byte)padding });
            byte[] bytes = file.ToArray();
            int crc = X25(bytes, 0, bytes.Length);
            file.Add((byte)(crc & 0xFF));
            file.Add((byte)(crc >> 8));
            return file.ToArray();
        }

        /// <summary>
        /// Rewrites the crc16 field of every message of <paramref name="payload"/> (in place): CRC-16/X.25 byte-swapped as
        /// meters send it, or CRC-16/KERMIT unswapped. Returns the number of messages.
        /// </summary>
        public static int ResealMessages(byte[] payload, bool kermit)
        {
            int p = 0, messages = 0;
            while (p < payload.Length)
            {
                if (payload[p] == 0x00) { p++; continue; }
                int start = p;
                if (payload[p] != 0x76) throw new InvalidDataException("message does not start with 76 at " + p);
                p++;
                for (int i = 0; i < 4; i++) p = SkipField(payload, p);
                int tl = payload[p];
                if ((tl & 0xF0) != 0x60) throw new InvalidDataException("crc16 field is not unsigned at " + p);
                int crc = kermit ? Kermit(payload, start, p - start) : Swap(X25(payload, start, p - start));
                if (tl == 0x63)
                {
                    payload[p + 1] = (byte)(crc >> 8);
                    payload[p + 2] = (byte)crc;
                }
                else if (tl == 0x62 && crc < 0x100)
                {
                    payload[p + 1] = (byte)crc;
                }
                else throw new InvalidDataException("crc16 field cannot hold " + crc.ToString("X4"));
                p += (tl & 0x0F) + 1; // the field and the endOfSmlMsg
                messages++;
            }
            return messages;
        }

        /// <summary>Offset after the field at <paramref name="p"/> (recursive; test data only).</summary>
        public static int SkipField(byte[] b, int p)
        {
            int tl = b[p];
            int length = tl & 0x0F, n = 1;
            while ((b[p + n - 1] & 0x80) != 0)
            {
                length = (length << 4) | (b[p + n] & 0x0F);
                n++;
            }
            if ((tl & 0x70) == 0x70)
            {
                p += n;
                for (int i = 0; i < length; i++) p = SkipField(b, p);
                return p;
            }
            return p + Math.Max(length, 1);
        }

        public static int IndexOf(byte[] data, byte[] pattern, int from)
        {
            for (int i = from; i + pattern.Length <= data.Length; i++)
            {
                int k = 0;
                while (k < pattern.Length && data[i + k] == pattern[k]) k++;
                if (k == pattern.Length) return i;
            }
            return -1;
        }

        /// <summary>CRC-16/X.25, bitwise (independent of the core's table).</summary>
        public static int X25(byte[] data, int offset, int count) => Reflected(0xFFFF, data, offset, count) ^ 0xFFFF;

        /// <summary>CRC-16/KERMIT, bitwise.</summary>
        public static int Kermit(byte[] data, int offset, int count) => Reflected(0, data, offset, count);

        private static int Reflected(int crc, byte[] data, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                crc ^= data[offset + i];
                for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x8408 : crc >> 1;
            }
            return crc & 0xFFFF;
        }

        private static int Swap(int crc) => ((crc & 0xFF) << 8) | (crc >> 8);

        public static byte[] Concat(params byte[][] parts)
        {
            var all = new List<byte>();
            foreach (byte[] part in parts) all.AddRange(part);
            return all.ToArray();
        }
    }
}
