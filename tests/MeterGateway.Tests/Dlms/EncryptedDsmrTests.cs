using MeterGateway.Crypto;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dlms;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Readings;
using MeterGateway.Tests.Dsmr;
using Xunit;

namespace MeterGateway.Tests.Dlms
{
    /// <summary>The encrypted corpus frames through <see cref="DlmsCipherDecoder"/> in front of the real <see cref="DsmrDecoder"/>.</summary>
    public class EncryptedDsmrTests
    {
        private static (DlmsCipherDecoder Decoder, FrameResult Result) Decode(string file, string key, bool lenientCrc)
        {
            byte[] frame = Corpus.Bytes("dsmr", file);
            var decoder = new DlmsCipherDecoder(new DsmrDecoder(DsmrFramer.DefaultMaxSize, lenientCrc), HexText.ToBytes(key));
            int used = 0;
            while (used < frame.Length)
            {
                used += decoder.Feed(frame, used, frame.Length - used);
                if (decoder.Result != FrameResult.None)
                {
                    Xunit.Assert.Equal(frame.Length, used);
                    return (decoder, decoder.Result);
                }
            }
            throw new Xunit.Sdk.XunitException("no frame reported");
        }

        [Fact]
        public void RealSmartyFrameFailsTheTelegramCrcUnlessLenient()
        {
            // The decrypted telegram's own CRC (CFDE) does not match its content (99BD): INDEX.md quirk.
            var (strict, result) = Decode("lux_smarty_real_encrypted_openhab.bin", "D491470F47126332B07D1923B3504188", false);
            Xunit.Assert.Equal(FrameResult.Invalid, result);
            Xunit.Assert.Equal(FrameError.Crc, strict.Error);
            Xunit.Assert.Equal(0x0005A8E3u, strict.FrameCounter); // authentic: the counter moved on

            var (lenient, lenientResult) = Decode("lux_smarty_real_encrypted_openhab.bin", "D491470F47126332B07D1923B3504188", true);
            Xunit.Assert.Equal(FrameResult.Valid, lenientResult);
            var set = new ReadingSet();
            Xunit.Assert.True(lenient.Parse(set));
            int v = set.Primary[DsmrDecoding.Reading(set, "1-0:1.8.0")];
            Xunit.Assert.Equal("6.695", DsmrDecoding.ValueText(set, v));
            Xunit.Assert.Equal("kWh", DsmrDecoding.UnitText(set, v));
            v = set.Primary[DsmrDecoding.Reading(set, "1-0:4.8.0")];
            Xunit.Assert.Equal("2.745", DsmrDecoding.ValueText(set, v));
            Xunit.Assert.Equal(28, set.ReadingCount);
        }

        [Fact]
        public void SyntheticT210FrameGivesTheEighteenObjectsDsmrParserAsserts()
        {
            var (decoder, result) = Decode("lux_smarty_synthetic_encrypted_polargoose.bin", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false);
            Xunit.Assert.Equal(FrameResult.Valid, result);
            var set = new ReadingSet();
            Xunit.Assert.True(decoder.Parse(set));
            Xunit.Assert.Equal(18, set.ReadingCount);
            int v = set.Primary[DsmrDecoding.Reading(set, "1-0:1.8.0")];
            Xunit.Assert.Equal("6545766", DsmrDecoding.ValueText(set, v));
            Xunit.Assert.Equal("Wh", DsmrDecoding.UnitText(set, v));
            v = set.Primary[DsmrDecoding.Reading(set, "1-0:4.7.0")];
            Xunit.Assert.Equal("166", DsmrDecoding.ValueText(set, v));
            Xunit.Assert.Equal("var", DsmrDecoding.UnitText(set, v));
        }
    }
}
