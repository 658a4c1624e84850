using System;
using System.Collections.Generic;
using System.Linq;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Sml;
using MeterGateway.Readings;
using Xunit;

namespace MeterGateway.Tests.Sml
{
    /// <summary>
    /// Damaged and lying input over the real files of the corpus (seeded, deterministic): byte flips, truncations,
    /// lengths past the end, deep nesting, absurd TL lengths. The decoder must always give a clean result: frames
    /// valid or rejected with a reason, parses true or false with a reason, never an exception or a hang. Mutated
    /// files are resealed (message and file CRCs recomputed) so that the lies reach the parser.
    /// </summary>
    public class SmlMutationTests
    {
        /// <summary>The first valid file of every capture.</summary>
        public static IEnumerable<object[]> Captures =>
            SmlTestFiles.AllCaptures().Where(c => SmlTestFiles.ValidFiles(SmlTestFiles.Load(c)).Count > 0).Select(c => new object[] { c });

        private static byte[] FirstFile(string capture) => SmlTestFiles.ValidFiles(SmlTestFiles.Load(capture))[0];

        private static int Seed(string capture)
        {
            int seed = 17;
            foreach (char c in capture) seed = seed * 31 + c;
            return seed;
        }

        /// <summary>Feeds the bytes; every frame reported and every parse of a valid one must be clean. Returns the valid frames.</summary>
        private static int FeedCleanly(SmlDecoder decoder, byte[] stream, int chunk, ReadingSet set)
        {
            int valid = 0;
            for (int at = 0; at < stream.Length; at += chunk)
            {
                int count = Math.Min(chunk, stream.Length - at), used = 0;
                while (used < count)
                {
                    int n = decoder.Feed(stream, at + used, count - used);
                    Xunit.Assert.InRange(n, 1, count - used);
                    used += n;
                    if (decoder.Result == FrameResult.Invalid)
                    {
                        Xunit.Assert.NotEqual(FrameError.None, decoder.Error);
                        Xunit.Assert.NotNull(decoder.ErrorText);
                    }
                    else if (decoder.Result == FrameResult.Valid)
                    {
                        valid++;
                        AssertParsesCleanly(decoder, set);
                    }
                }
            }
            return valid;
        }

        private static bool AssertParsesCleanly(SmlDecoder decoder, ReadingSet set)
        {
            bool ok = decoder.Parse(set);
            if (ok)
            {
                Xunit.Assert.Equal(FrameError.None, decoder.Error);
                Xunit.Assert.InRange(set.TextUsed, 0, set.Text.Length);
                return true;
            }
            Xunit.Assert.True(decoder.Error == FrameError.Parse || decoder.Error == FrameError.Crc, decoder.Error.ToString());
            Xunit.Assert.NotNull(decoder.ErrorText);
            Xunit.Assert.Equal(0, set.ReadingCount);
            return false;
        }

        /// <summary>Builds a file around the payload (message CRCs resealed where the structure still allows) and parses it.</summary>
        private static bool ParseResealed(byte[] payload, bool resealMessages, SmlDecoder decoder, ReadingSet set)
        {
            if (resealMessages)
            {
                try { SmlTestFiles.ResealMessages(payload, false); }
                catch (Exception e) when (e is InvalidOperationException || e is IndexOutOfRangeException || e is System.IO.InvalidDataException) { }
            }
            byte[] file = SmlTestFiles.Build(payload);
            decoder.Reset();
            int used = 0;
            while (used < file.Length)
            {
                used += decoder.Feed(file, used, file.Length - used);
                if (decoder.Result == FrameResult.Valid) return AssertParsesCleanly(decoder, set);
            }
            // the mutation made an escape sequence of the data: the file is rejected, cleanly
            return false;
        }

        [Theory]
        [MemberData(nameof(Captures))]
        public void ByteFlipsInTheStreamAreRejectedOrResynchronised(string capture)
        {
            byte[] original = SmlTestFiles.Load(capture);
            var random = new Random(Seed(capture));
            var set = new ReadingSet();
            int expected = SmlTestFiles.ValidFiles(original).Count;
            for (int round = 0; round < 40; round++)
            {
                byte[] stream = (byte[])original.Clone();
                int flips = 1 + random.Next(4);
                for (int i = 0; i < flips; i++) stream[random.Next(stream.Length)] ^= (byte)(1 << random.Next(8));
                int valid = FeedCleanly(new SmlDecoder(), stream, 1 + random.Next(300), set);
                // a flip can spoil files (or, in a start or end sequence, merge two into one) but not make new ones
                Xunit.Assert.InRange(valid, 0, expected);
            }
        }

        [Theory]
        [MemberData(nameof(Captures))]
        public void ByteFlipsBehindValidCrcsParseCleanly(string capture)
        {
            byte[] payload = SmlTestFiles.Payload(FirstFile(capture));
            var random = new Random(Seed(capture));
            var decoder = new SmlDecoder();
            var set = new ReadingSet();
            int parsed = 0;
            for (int round = 0; round < 300; round++)
            {
                byte[] mutated = (byte[])payload.Clone();
                int flips = 1 + random.Next(3);
                for (int i = 0; i < flips; i++) mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                if (ParseResealed(mutated, round % 2 == 0, decoder, set)) parsed++;
            }
            // some flips only change a value (and parse), others break the structure or a message CRC (and do not)
            Xunit.Assert.InRange(parsed, 1, 299);
        }

        [Theory]
        [MemberData(nameof(Captures))]
        public void TruncationsAreCleanErrors(string capture)
        {
            byte[] file = FirstFile(capture);
            var decoder = new SmlDecoder();
            var set = new ReadingSet();
            // the stream stops early: no frame, or a rejected one, never a valid one
            for (int cut = 0; cut < file.Length; cut++)
            {
                decoder.Reset();
                Xunit.Assert.Equal(0, FeedCleanly(decoder, file.Take(cut).ToArray(), cut + 1, set));
            }
            // the file is sealed around cut messages: the parse fails, except where the cut falls between messages
            // (or just before a message's closing endOfSmlMsg, which the parser does not insist on, as libsml)
            byte[] payload = SmlTestFiles.Payload(file);
            var boundaries = new HashSet<int> { 0, payload.Length };
            for (int p = 0; p < payload.Length;)
            {
                p = SmlTestFiles.SkipField(payload, p);
                boundaries.Add(p);
                boundaries.Add(p - 1);
            }
            for (int cut = 0; cut < payload.Length; cut++)
            {
                bool ok = ParseResealed(payload.Take(cut).ToArray(), false, decoder, set);
                if (!boundaries.Contains(cut)) Xunit.Assert.False(ok, "cut at " + cut);
            }
        }

        [Theory]
        [MemberData(nameof(Captures))]
        public void LengthsPastTheEndAreCleanErrors(string capture)
        {
            byte[] payload = SmlTestFiles.Payload(FirstFile(capture));
            var decoder = new SmlDecoder();
            var set = new ReadingSet();
            // every TL byte of the file in turn claims the most a one-byte TL can: 14 data bytes or 15 elements,
            // or a multi-byte length of thousands; the message CRCs are resealed where they can be found
            byte[] lies = { 0x0F, 0x5F, 0x6F, 0x7F, 0x8F, 0xF8 };
            foreach (int at in FieldOffsets(payload))
            {
                foreach (byte lie in lies)
                {
                    byte[] mutated = (byte[])payload.Clone();
                    mutated[at] = lie;
                    ParseResealed(mutated, true, decoder, set);
                }
            }
        }

        [Theory]
        [MemberData(nameof(Captures))]
        public void AbsurdTlFieldsAreCleanErrors(string capture)
        {
            byte[] payload = SmlTestFiles.Payload(FirstFile(capture));
            var random = new Random(Seed(capture));
            var decoder = new SmlDecoder(new SmlOptions { MaxFileSize = 8192 });
            var set = new ReadingSet();
            byte[][] absurd =
            {
                new byte[] { 0x8F, 0x8F, 0x8F, 0x8F, 0x8F, 0x8F, 0x0F },   // TL longer than MaxTlBytes
                new byte[] { 0xFF, 0x8F, 0x8F, 0x0F },                     // list of 65535 elements
                new byte[] { 0x8F, 0x8F, 0x8F, 0x0F },                     // octet string of 65531 bytes
                new byte[] { 0x50, 0x60, 0x40, 0x10, 0x20, 0x30 },         // length shorter than the TL
                new byte[] { 0x10, 0x20, 0x30 },                           // types that do not exist
                new byte[] { 0xF0, 0x80, 0x80, 0x00 },                     // list of 0 in 4 TL bytes: legal, may parse
                new byte[] { 0x6F, 0x00 },                                 // unsigned of 14 bytes: no number, may parse
            };
            const int alwaysFatal = 5;
            var offsets = FieldOffsets(payload).ToArray();
            for (int round = 0; round < 200; round++)
            {
                int at = offsets[random.Next(offsets.Length)];
                int kind = random.Next(absurd.Length);
                byte[] lie = absurd[kind];
                byte[] mutated = round % 2 == 0
                    ? SmlTestFiles.Concat(payload.Take(at).ToArray(), lie, payload.Skip(at).ToArray())
                    : SmlTestFiles.Concat(payload.Take(at).ToArray(), lie, payload.Skip(at + 1).ToArray());
                bool parsed = ParseResealed(mutated, true, decoder, set);
                // the parser reads every field's TL, so a lie where a field starts is always found
                if (kind < alwaysFatal) Xunit.Assert.False(parsed, "lie " + kind + " at " + at);
            }
        }

        [Fact]
        public void DeepNestingIsSkippedWithoutRecursion()
        {
            var decoder = new SmlDecoder(new SmlOptions { MaxFileSize = 1 << 20 });
            var set = new ReadingSet();
            // an unknown message (tag 0x0999) whose body is a list of 1 in a list of 1 ... 200 000 deep
            const int depth = 200000;
            var message = new List<byte> { 0x76, 0x01, 0x62, 0x00, 0x62, 0x00, 0x72, 0x63, 0x09, 0x99 };
            message.AddRange(Enumerable.Repeat((byte)0x71, depth));
            message.Add(0x01);
            message.AddRange(new byte[] { 0x63, 0x00, 0x00, 0x00 });
            byte[] payload = message.ToArray();
            int crc = SmlTestFiles.X25(payload, 0, payload.Length - 4);
            payload[^3] = (byte)crc;
            payload[^2] = (byte)(crc >> 8);
            Xunit.Assert.True(ParseResealed(payload, false, decoder, set), decoder.ErrorText);
            Xunit.Assert.Equal(0, set.ReadingCount);

            // the same nesting as a list entry's value: the reading is kept with an empty value
            byte[] jmberg = SmlTestFiles.Payload(FirstFile("DZG_DVS-7412.2_jmberg.bin"));
            byte[] power = { 0x52, 0xFE, 0x53, 0x8B, 0x28 }; // scaler -2, value -29912 of 1-0:16.7.0
            int at = SmlTestFiles.IndexOf(jmberg, power, 0) + 2;
            byte[] nested = SmlTestFiles.Concat(jmberg.Take(at).ToArray(), Enumerable.Repeat((byte)0x71, 2000).ToArray(), new byte[] { 0x01 }, jmberg.Skip(at + 3).ToArray());
            Xunit.Assert.True(ParseResealed(nested, true, decoder, set), decoder.ErrorText);
            int r = set.Find(Obis.FromText("1-0:16.7.0"));
            Xunit.Assert.Equal(ValueKind.Empty, set.Kind[set.Primary[r]]);

            // a list that claims more elements than there are bytes fails before walking them
            nested[at] = 0xFF;
            nested[at + 1] = 0x8F;
            Xunit.Assert.False(ParseResealed(nested, false, decoder, set));
        }

        /// <summary>Offsets of the TL bytes of every field of the payload (walking the structure).</summary>
        private static IEnumerable<int> FieldOffsets(byte[] payload)
        {
            var offsets = new List<int>();
            void Walk(int p, int end)
            {
                while (p < end)
                {
                    offsets.Add(p);
                    int tl = payload[p];
                    if ((tl & 0x70) == 0x70 && (tl & 0x80) == 0)
                    {
                        int count = tl & 0x0F;
                        p++;
                        for (int i = 0; i < count; i++)
                        {
                            int next = SmlTestFiles.SkipField(payload, p);
                            Walk(p, next);
                            p = next;
                        }
                    }
                    else p = SmlTestFiles.SkipField(payload, p);
                }
            }
            Walk(0, payload.Length);
            return offsets.Distinct();
        }
    }
}
