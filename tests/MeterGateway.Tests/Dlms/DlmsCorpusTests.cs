using MeterGateway.Crypto;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dlms;
using MeterGateway.Simulators;
using MeterGateway.Tests.Shared;
using Xunit;

namespace MeterGateway.Tests.Dlms
{
    /// <summary>
    /// The encrypted Smarty / T210-D corpus frames (tests/corpus/dsmr/README-encrypted.md) through
    /// <see cref="DlmsCipherDecoder"/>: exact plaintext, damaged frames, wrong keys, replays, and streams.
    /// </summary>
    public class DlmsCorpusTests
    {
        private const string RealKey = "D491470F47126332B07D1923B3504188";
        private const string SyntheticKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        private const uint SyntheticCounter = 0x10000001;

        private static byte[] Dsmr(string name) => Corpus.Bytes("dsmr", name);

        private static byte[] RealFrame => Dsmr("lux_smarty_real_encrypted_openhab.bin");
        private static byte[] SyntheticFrame => Dsmr("lux_smarty_synthetic_encrypted_polargoose.bin");
        private static byte[] T210Telegram => Dsmr("dsmr50_at_sagemcom_t210dr_plain.txt");

        private static DlmsCipherDecoder Decoder(string key, out TelegramStandIn inner, int max = DlmsCipherDecoder.DefaultMaxFrameLength)
        {
            inner = new TelegramStandIn();
            return new DlmsCipherDecoder(inner, HexText.ToBytes(key), GeneralGlobalCiphering.SmartyAuthenticationKey(), max);
        }

        // Frames with the synthetic frame's key, system title and plaintext, at other frame counters.
        private static byte[] SyntheticAt(uint counter, byte[]? text = null)
        {
            text ??= T210Telegram;
            var encoder = new DlmsCipherEncoder(HexText.ToBytes(SyntheticKey), GeneralGlobalCiphering.SmartyAuthenticationKey(), "SYSTEMID"u8.ToArray());
            var frame = new byte[GeneralGlobalCiphering.FrameLength(text.Length)];
            encoder.Encode(counter, text, 0, text.Length, frame, 0);
            return frame;
        }

        private sealed record Outcome(FrameResult Result, FrameError Error, string? ErrorText, byte[] Frame, uint Counter);

        // Feeds the stream in chunks (sizes from the seeded generator, or all at once) and collects every result.
        private static List<Outcome> FeedAll(DlmsCipherDecoder decoder, byte[] stream, Random? chunks = null)
        {
            var outcomes = new List<Outcome>();
            int used = 0;
            while (used < stream.Length)
            {
                int count = chunks == null ? stream.Length - used : Math.Min(stream.Length - used, 1 + chunks.Next(64));
                int n = decoder.Feed(stream, used, count);
                Xunit.Assert.InRange(n, 1, count);
                used += n;
                if (decoder.Result != FrameResult.None)
                {
                    var frame = new byte[decoder.FrameLength];
                    Array.Copy(decoder.FrameBuffer, decoder.FrameOffset, frame, 0, frame.Length);
                    outcomes.Add(new Outcome(decoder.Result, decoder.Error, decoder.ErrorText, frame, decoder.FrameCounter));
                }
            }
            return outcomes;
        }

        [Fact]
        public void RealSmartyFrameDecryptsToTheOpenHabTelegramExactly()
        {
            byte[] expected = Dsmr("lux_smarty_long_decrypted_from_real_frame.txt");
            foreach (var chunks in new Random?[] { null, new Random(1), new Random(2) })
            {
                var decoder = Decoder(RealKey, out var inner);
                var outcome = Xunit.Assert.Single(FeedAll(decoder, RealFrame, chunks));
                Xunit.Assert.Equal(FrameResult.Valid, outcome.Result);
                Xunit.Assert.Equal(expected, outcome.Frame);
                Xunit.Assert.Equal(0x0005A8E3u, outcome.Counter);
                Xunit.Assert.Equal(1, inner.Frames);
            }
        }

        [Fact]
        public void RealSmartyFrameFedByteByByte()
        {
            var decoder = Decoder(RealKey, out var inner);
            byte[] frame = RealFrame;
            for (int i = 0; i < frame.Length; i++)
            {
                Xunit.Assert.Equal(1, decoder.Feed(frame, i, 1));
                Xunit.Assert.Equal(i == frame.Length - 1 ? FrameResult.Valid : FrameResult.None, decoder.Result);
            }
            Xunit.Assert.StartsWith("/Lux5\\253663629_D\r\n", inner.Text());
        }

        [Fact]
        public void SyntheticFrameDecryptsToTheT210Telegram()
        {
            var decoder = Decoder(SyntheticKey, out var inner);
            var outcome = Xunit.Assert.Single(FeedAll(decoder, SyntheticFrame));
            Xunit.Assert.Equal(FrameResult.Valid, outcome.Result);
            string text = inner.Text();
            Xunit.Assert.StartsWith("/EST5\\253710000_A\r\n", text);
            Xunit.Assert.EndsWith("1-0:4.7.0(000000166*var)\r\n!7EF9\r\n", text);
            Xunit.Assert.Equal(T210Telegram, outcome.Frame);
            Xunit.Assert.Equal(SyntheticCounter, decoder.FrameCounter);
        }

        [Fact]
        public void EncoderReproducesTheSyntheticCorpusFrame()
        {
            Xunit.Assert.Equal(Convert.ToHexString(SyntheticFrame), Convert.ToHexString(SyntheticAt(SyntheticCounter)));
        }

        [Theory]
        [InlineData("lux_smarty_real_encrypted_openhab.bin", RealKey)]
        [InlineData("lux_smarty_synthetic_encrypted_polargoose.bin", SyntheticKey)]
        public void FlippedByte50FailsTheTag(string file, string key)
        {
            byte[] frame = Dsmr(file);
            frame[50] ^= 0x01;
            var decoder = Decoder(key, out var inner);
            var outcome = Xunit.Assert.Single(FeedAll(decoder, frame));
            Xunit.Assert.Equal(FrameResult.Invalid, outcome.Result);
            Xunit.Assert.Equal(FrameError.Decrypt, outcome.Error);
            Xunit.Assert.Equal(DlmsCipherDecoder.TagMismatchText, outcome.ErrorText);
            Xunit.Assert.Equal(frame, outcome.Frame); // the received frame, not a partial plaintext
            Xunit.Assert.Equal(0, inner.Frames);
            Xunit.Assert.False(decoder.HasFrameCounter);
        }

        [Fact]
        public void EveryFlippedByteOfTheSyntheticFrameFailsAndTheStreamRecovers()
        {
            // Four good frames follow the damaged one: a damaged length field may make the decoder wait for up to
            // three frames' worth of bytes (0x01F2 -> 0x05F2) before it can report and resynchronize.
            byte[] good = SyntheticFrame;
            byte[][] followers = { good, SyntheticAt(SyntheticCounter + 1), SyntheticAt(SyntheticCounter + 2), SyntheticAt(SyntheticCounter + 3) };
            byte[] tail = followers.SelectMany(f => f).ToArray();
            foreach (byte mask in new byte[] { 0x01, 0x80, 0xFF })
            {
                for (int at = 0; at < good.Length; at++)
                {
                    byte[] damaged = (byte[])good.Clone();
                    damaged[at] ^= mask;
                    var decoder = Decoder(SyntheticKey, out _);
                    var before = FeedAll(decoder, damaged);
                    Xunit.Assert.DoesNotContain(before, o => o.Result == FrameResult.Valid);
                    Xunit.Assert.All(before, o => Xunit.Assert.True(o.Error == FrameError.Decrypt || o.Error == FrameError.TooLong, "byte " + at + ": " + o.ErrorText));

                    var after = FeedAll(decoder, tail, new Random(at));
                    var valid = after.Where(o => o.Result == FrameResult.Valid).ToList();
                    Xunit.Assert.All(valid, o => Xunit.Assert.Equal(T210Telegram, o.Frame));
                    Xunit.Assert.Equal(SyntheticCounter + 3, valid.Last().Counter);
                }
            }
        }

        [Fact]
        public void WrongKeyOrWrongAuthenticationKeyFails()
        {
            var wrongKey = Decoder("D491470F47126332B07D1923B3504189", out var inner1);
            Xunit.Assert.Equal(DlmsCipherDecoder.TagMismatchText, Xunit.Assert.Single(FeedAll(wrongKey, RealFrame)).ErrorText);
            // dsmr_parser's tests use the authentication key BBBB..: not the one the synthetic frame was made with.
            var inner2 = new TelegramStandIn();
            var wrongAuth = new DlmsCipherDecoder(inner2, HexText.ToBytes(SyntheticKey), HexText.ToBytes("BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"), 2048);
            Xunit.Assert.Equal(DlmsCipherDecoder.TagMismatchText, Xunit.Assert.Single(FeedAll(wrongAuth, SyntheticFrame)).ErrorText);
            Xunit.Assert.Equal(0, inner1.Frames + inner2.Frames);
        }

        [Fact]
        public void CounterGoingBackwardsIsReportedAsReplay()
        {
            var decoder = Decoder(SyntheticKey, out var inner);
            byte[] stream = new[]
            {
                SyntheticAt(SyntheticCounter + 5), SyntheticFrame, SyntheticAt(SyntheticCounter + 5),
                SyntheticAt(SyntheticCounter + 6), SyntheticAt(0),
            }.SelectMany(f => f).ToArray();
            var outcomes = FeedAll(decoder, stream, new Random(3));
            Xunit.Assert.Equal(
                new[] { "valid", DlmsCipherDecoder.ReplayText, DlmsCipherDecoder.ReplayText, "valid", DlmsCipherDecoder.ReplayText },
                outcomes.Select(o => o.Result == FrameResult.Valid ? "valid" : o.ErrorText).ToArray());
            Xunit.Assert.All(outcomes.Where(o => o.Result == FrameResult.Invalid), o => Xunit.Assert.Equal(FrameError.Decrypt, o.Error));
            Xunit.Assert.Equal(SyntheticCounter + 6, decoder.FrameCounter);
            Xunit.Assert.Equal(2, inner.Frames);
        }

        [Fact]
        public void StreamWithHalfFrameGarbageAndFramesRunTogether()
        {
            var rng = new Random(11);
            byte[] garbage = new byte[300];
            rng.NextBytes(garbage);
            byte[] stream = new[]
            {
                SyntheticFrame.Skip(200).ToArray(),                 // the reader started mid-frame
                SyntheticAt(SyntheticCounter + 1), garbage,
                SyntheticAt(SyntheticCounter + 2), SyntheticAt(SyntheticCounter + 3), // back to back
                SyntheticFrame.Take(300).ToArray(),                 // cut off at the end
            }.SelectMany(f => f).ToArray();
            foreach (var chunks in new Random?[] { null, new Random(4), new Random(5) })
            {
                var decoder = Decoder(SyntheticKey, out _);
                var outcomes = FeedAll(decoder, stream, chunks);
                Xunit.Assert.Equal(new[] { SyntheticCounter + 1, SyntheticCounter + 2, SyntheticCounter + 3 }, outcomes.Select(o => o.Counter).ToArray());
                Xunit.Assert.All(outcomes, o => Xunit.Assert.Equal(FrameResult.Valid, o.Result));
            }
        }

        [Fact]
        public void FrameWithLostBytesCostsOnlyItself()
        {
            // 40 bytes lost from the middle: the frame takes the first 40 bytes of the next one, fails its tag, and the
            // decoder finds the next frame's start inside what it had taken.
            byte[] lossy = SyntheticAt(SyntheticCounter + 1);
            lossy = lossy.Take(100).Concat(lossy.Skip(140)).ToArray();
            byte[] stream = lossy.Concat(SyntheticAt(SyntheticCounter + 2)).Concat(SyntheticAt(SyntheticCounter + 3)).ToArray();
            var decoder = Decoder(SyntheticKey, out _);
            var outcomes = FeedAll(decoder, stream, new Random(6));
            Xunit.Assert.Equal(new[] { "fail", "valid", "valid" }, outcomes.Select(o => o.Result == FrameResult.Valid ? "valid" : "fail").ToArray());
            Xunit.Assert.Equal(FrameError.Decrypt, outcomes[0].Error);
            Xunit.Assert.Equal(SyntheticCounter + 3, decoder.FrameCounter);
        }

        [Fact]
        public void FrameLongerThanTheBufferIsReportedAndSkipped()
        {
            byte[] longText = T210Telegram.Concat(T210Telegram).ToArray();
            byte[] stream = SyntheticAt(SyntheticCounter + 1, longText).Concat(SyntheticAt(SyntheticCounter + 2)).ToArray();
            var decoder = Decoder(SyntheticKey, out _, max: 600);
            var outcomes = FeedAll(decoder, stream);
            Xunit.Assert.Equal(FrameError.TooLong, outcomes[0].Error);
            Xunit.Assert.Equal(DlmsCipherDecoder.TooLongText, outcomes[0].ErrorText);
            Xunit.Assert.Equal(FrameResult.Valid, outcomes.Last().Result);
            Xunit.Assert.Equal(SyntheticCounter + 2, outcomes.Last().Counter);
        }

        [Fact]
        public void PlaintextWithoutATelegramIsReported()
        {
            byte[] noTelegram = "no telegram here\r\n"u8.ToArray();
            var decoder = Decoder(SyntheticKey, out _);
            var outcome = Xunit.Assert.Single(FeedAll(decoder, SyntheticAt(7, noTelegram)));
            Xunit.Assert.Equal(FrameError.Framing, outcome.Error);
            Xunit.Assert.Equal(DlmsCipherDecoder.NoInnerFrameText, outcome.ErrorText);
        }

        [Fact]
        public void DecoderTextNeverShowsTheKey()
        {
            var decoder = Decoder(RealKey, out _);
            FeedAll(decoder, RealFrame);
            Xunit.Assert.DoesNotContain("D491", decoder.ToString(), StringComparison.OrdinalIgnoreCase);
            Xunit.Assert.DoesNotContain("D491", decoder.ErrorText ?? "", StringComparison.OrdinalIgnoreCase);
        }
    }
}
