using System;
using System.Linq;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Sml;
using MeterGateway.Readings;
using Xunit;

namespace MeterGateway.Tests.Sml
{
    /// <summary>
    /// SML transport v1 framing (SML 1.04 §8, libsml sml_transport.c, PROTOCOLS.md §3): escaped 1B1B1B1B, garbage,
    /// half files, restarts, oversize files, unknown escapes, padding; and SML_Time timestamps, built from real files.
    /// </summary>
    public class SmlFramingTests
    {
        private static readonly byte[] Ehz361 = SmlTestFiles.Load("EMH_eHZ361L5R.bin");

        /// <summary>The eHZ361 messages with the first transactionId made 11 bytes long holding <paramref name="id"/> (payload offsets 2..12, file offsets 10..20).</summary>
        private static byte[] WithTransactionId(byte[] id)
        {
            byte[] payload = SmlTestFiles.Payload(Ehz361);
            Xunit.Assert.Equal(0x05, payload[1]); // 76 05 98E0CE95: transactionId of 4 bytes
            byte[] longer = SmlTestFiles.Concat(payload.Take(1).ToArray(), new byte[] { 0x0C }, id, payload.Skip(6).ToArray());
            SmlTestFiles.ResealMessages(longer, false);
            return longer;
        }

        private static void AssertEhz361Values(SmlDecoder decoder)
        {
            var set = new ReadingSet();
            Xunit.Assert.True(decoder.Parse(set), decoder.ErrorText);
            int r = set.Find(Obis.FromText("1-0:2.8.1"));
            Xunit.Assert.Equal(1103403151L, set.Mantissa[set.Primary[r]]);
        }

        [Fact]
        public void AnEscaped1B1B1B1BIsKeptOnceAsData()
        {
            // payload offset 4 is file offset 12: aligned, so the sender doubles it
            byte[] payload = WithTransactionId(new byte[] { 0x41, 0x42, 0x1B, 0x1B, 0x1B, 0x1B, 0x01, 0x01, 0x01, 0x01, 0x43 });
            byte[] file = SmlTestFiles.Build(payload);
            Xunit.Assert.Equal(12, SmlTestFiles.IndexOf(file, new byte[] { 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x01 }, 0));
            var decoder = new SmlDecoder();
            var frames = SmlTestFiles.Feed(decoder, file, 5);
            Xunit.Assert.Single(frames);
            Xunit.Assert.Equal(FrameResult.Valid, frames[0].Result);
            Xunit.Assert.Equal(file.Length - 4, frames[0].Bytes.Length);
            Xunit.Assert.Equal(payload, frames[0].Bytes.Skip(8).Take(payload.Length).ToArray());
            AssertEhz361Values(decoder);
        }

        [Theory]
        [InlineData(new byte[] { 0x41, 0x1B, 0x1B, 0x1B, 0x1B, 0x02, 0x02, 0x42, 0x43, 0x44, 0x45 }, true)]
        [InlineData(new byte[] { 0x41, 0x1B, 0x1B, 0x1B, 0x1B, 0x01, 0x02, 0x42, 0x43, 0x44, 0x45 }, true)]
        [InlineData(new byte[] { 0x41, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x02, 0x45 }, true)]
        [InlineData(new byte[] { 0x41, 0x1B, 0x1B, 0x1B, 0x1B, 0x1A, 0x02, 0x42, 0x43, 0x44, 0x45 }, false)]
        [InlineData(new byte[] { 0x41, 0x1B, 0x1B, 0x1B, 0x1B, 0x01, 0x01, 0x01, 0x01, 0x44, 0x45 }, false)]
        public void A1B1B1B1BOffTheFourByteGridIsData(byte[] id, bool readable)
        {
            // payload offset 3 is file offset 11: not aligned, so the sender does not double what starts there
            byte[] file = SmlTestFiles.Build(WithTransactionId(id));
            var decoder = new SmlDecoder();
            var frames = SmlTestFiles.Feed(decoder, file, file.Length);
            if (readable)
            {
                Xunit.Assert.Single(frames);
                Xunit.Assert.Equal(FrameResult.Valid, frames[0].Result);
                AssertEhz361Values(decoder);
                return;
            }
            // a shifted end or start sequence is taken for one (as in a capture that dropped bytes): the file is lost, never misread
            Xunit.Assert.Equal(FrameResult.Invalid, frames[0].Result);
            Xunit.Assert.DoesNotContain(frames, f => f.Result == FrameResult.Valid);
        }

        [Fact]
        public void GarbageAndHalfFilesBeforeAFileAreSkipped()
        {
            byte[] garbage = { 0x00, 0x1B, 0x1B, 0x1B, 0x01, 0x1B, 0x1B, 0x1B, 0x1B, 0x01, 0x01, 0x02, 0x1B, 0x1B, 0x1B, 0x1B, 0x1B, 0x1A };
            byte[] tailOfAFile = Ehz361.Skip(100).ToArray();
            byte[] headOfAFile = Ehz361.Take(150).ToArray();
            byte[] stream = SmlTestFiles.Concat(garbage, tailOfAFile, garbage, headOfAFile, Ehz361, Ehz361);
            foreach (int chunk in new[] { 1, 13, stream.Length })
            {
                var decoder = new SmlDecoder();
                var frames = SmlTestFiles.Feed(decoder, stream, chunk);
                // the tail ends with an end sequence but has no start: skipped; the head is abandoned when the next start comes
                Xunit.Assert.Equal(new[] { FrameResult.Invalid, FrameResult.Valid, FrameResult.Valid }, frames.Select(f => f.Result));
                Xunit.Assert.Equal(FrameError.Framing, frames[0].Error);
                Xunit.Assert.Equal(headOfAFile, frames[0].Bytes);
                Xunit.Assert.Equal(Ehz361, frames[1].Bytes);
                Xunit.Assert.Equal(Ehz361, frames[2].Bytes);
                AssertEhz361Values(decoder);
            }
        }

        [Fact]
        public void AnUnknownAlignedEscapeIsRejectedAndAShiftedStartAfterItFound()
        {
            // 1B1B1B1B 02 02 02 02 at an aligned place: libsml's "unrecognized sequence"
            byte[] broken = SmlTestFiles.Concat(Ehz361.Take(48).ToArray(), new byte[] { 0x1B, 0x1B, 0x1B, 0x1B, 0x02, 0x02, 0x02, 0x02 });
            // a half file whose last byte, at an aligned place, is 1B, then a start sequence: the 1B and the start's
            // first three look like an aligned escape; the start must still be found
            byte[] ending1B = SmlTestFiles.Concat(Ehz361.Take(48).ToArray(), new byte[] { 0x1B });
            byte[] stream = SmlTestFiles.Concat(broken, Ehz361, ending1B, Ehz361);
            var decoder = new SmlDecoder();
            var frames = SmlTestFiles.Feed(decoder, stream, stream.Length);
            Xunit.Assert.Equal(new[] { FrameResult.Invalid, FrameResult.Valid, FrameResult.Invalid, FrameResult.Valid }, frames.Select(f => f.Result));
            Xunit.Assert.Equal(new[] { FrameError.Framing, FrameError.None, FrameError.Framing, FrameError.None }, frames.Select(f => f.Error));
            Xunit.Assert.Equal("SML escape sequence not recognised", ErrorTextAfter(stream, 1));
            Xunit.Assert.Equal("SML escape sequence not recognised", ErrorTextAfter(stream, 3));
        }

        private static string? ErrorTextAfter(byte[] stream, int frames)
        {
            var decoder = new SmlDecoder();
            int used = 0, seen = 0;
            while (used < stream.Length)
            {
                used += decoder.Feed(stream, used, stream.Length - used);
                if (decoder.Result != FrameResult.None && ++seen == frames) return decoder.ErrorText;
            }
            return null;
        }

        [Fact]
        public void AFileLongerThanTheMaximumIsRejectedAndTheNextReadEvenWhenItsStartOverlaps()
        {
            // a 36-byte file: one SML_PublicClose.Res message
            byte[] close = { 0x76, 0x05, 0x01, 0x02, 0x03, 0x04, 0x62, 0x00, 0x62, 0x00, 0x72, 0x63, 0x02, 0x01, 0x71, 0x01, 0x63, 0x00, 0x00, 0x00 };
            SmlTestFiles.ResealMessages(close, false);
            byte[] small = SmlTestFiles.Build(close);
            Xunit.Assert.Equal(36, small.Length);
            var options = new SmlOptions { MaxFileSize = 64 };
            // an endless file whose 64th byte is the third byte of the next start sequence
            byte[] endless = SmlTestFiles.Concat(small.Take(8).ToArray(), new byte[64 - 8 - 3]);
            byte[] stream = SmlTestFiles.Concat(endless, small, Ehz361, small);
            var decoder = new SmlDecoder(options);
            var frames = SmlTestFiles.Feed(decoder, stream, 7);
            Xunit.Assert.Equal(new[] { FrameResult.Invalid, FrameResult.Valid, FrameResult.Invalid, FrameResult.Valid }, frames.Select(f => f.Result));
            Xunit.Assert.Equal(FrameError.TooLong, frames[0].Error);
            Xunit.Assert.Equal(64, frames[0].Bytes.Length);
            Xunit.Assert.Equal(small, frames[1].Bytes);
            Xunit.Assert.Equal(FrameError.TooLong, frames[2].Error);
            Xunit.Assert.Equal(small, frames[3].Bytes);
            var set = new ReadingSet();
            Xunit.Assert.True(decoder.Parse(set));
            Xunit.Assert.Equal(0, set.ReadingCount);
            Xunit.Assert.Throws<ArgumentException>(() => new SmlDecoder(new SmlOptions { MaxFileSize = 15 }));
        }

        [Fact]
        public void PaddingThatDoesNotFitIsRejected()
        {
            byte[] file = (byte[])Ehz361.Clone();
            file[^3] = 0x05;
            int crc = SmlTestFiles.X25(file, 0, file.Length - 2);
            file[^2] = (byte)crc;
            file[^1] = (byte)(crc >> 8);
            var frames = SmlTestFiles.Feed(new SmlDecoder(), file, file.Length);
            Xunit.Assert.Equal(FrameResult.Invalid, frames.Single().Result);
            Xunit.Assert.Equal(FrameError.Framing, frames.Single().Error);
        }

        [Fact]
        public void ResetDropsAPartialFileAndParseNeedsAValidOne()
        {
            var decoder = new SmlDecoder();
            var set = new ReadingSet();
            Xunit.Assert.False(decoder.Parse(set));
            Xunit.Assert.Equal(FrameError.Parse, decoder.Error);
            Xunit.Assert.Equal(100, decoder.Feed(Ehz361, 0, 100));
            decoder.Reset();
            Xunit.Assert.Equal(Ehz361.Length - 100, decoder.Feed(Ehz361, 100, Ehz361.Length - 100));
            Xunit.Assert.Equal(FrameResult.None, decoder.Result);
            Xunit.Assert.False(decoder.Parse(set));
            Xunit.Assert.Equal(0, decoder.Feed(Ehz361, 0, 0));
            Xunit.Assert.Equal(Ehz361.Length, decoder.Feed(Ehz361, 0, Ehz361.Length));
            Xunit.Assert.Equal(FrameResult.Valid, decoder.Result);
            AssertEhz361Values(decoder);
            // the frame stays parseable until the next Feed; a feed that starts a new file ends that
            Xunit.Assert.Equal(8, decoder.Feed(Ehz361, 0, 8));
            Xunit.Assert.False(decoder.Parse(set));
        }

        [Fact]
        public void TimestampsBecomeCaptureAndFrameTimes()
        {
            // EMH mME40 sends actSensorTime and valTimes as secIndex 72 62 01 65 ...; make them timestamps (choice 2)
            byte[] payload = SmlTestFiles.Payload(SmlTestFiles.ValidFiles(SmlTestFiles.Load("EMH_mME40-AE6AKF0K0.bin"))[0]);
            byte[] secIndex = { 0x72, 0x62, 0x01, 0x65 };
            int changed = 0;
            for (int at = SmlTestFiles.IndexOf(payload, secIndex, 0); at >= 0; at = SmlTestFiles.IndexOf(payload, secIndex, at + 1))
            {
                payload[at + 2] = 0x02;
                changed++;
            }
            Xunit.Assert.Equal(7, changed); // refTime of the open response, actSensorTime, five valTimes
            SmlTestFiles.ResealMessages(payload, false);
            var decoder = new SmlDecoder();
            SmlTestFiles.Feed(decoder, SmlTestFiles.Build(payload), 4096);
            var set = new ReadingSet();
            Xunit.Assert.True(decoder.Parse(set), decoder.ErrorText);
            const long seconds = 0x001E9BD2;
            Xunit.Assert.Equal(seconds, set.FrameTime);
            int r = set.Find(Obis.FromText("1-0:16.7.0"));
            int t = set.CaptureTime[r];
            Xunit.Assert.Equal(ValueKind.Timestamp, set.Kind[t]);
            Xunit.Assert.Equal(seconds, set.TimeOf(t));
            Xunit.Assert.Equal(UnixTime.ToIso(seconds), set.GetText(set.TextOffset[t], set.TextLength[t]));
            Xunit.Assert.Equal(2623L, set.Mantissa[set.Primary[r]]);
            // an entry without valTime has no capture time
            Xunit.Assert.Equal(-1, set.CaptureTime[set.Find(Obis.FromText("1-0:96.50.1*1"))]);
        }
    }
}
