using System.Linq;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Sml;
using MeterGateway.Readings;
using Xunit;

namespace MeterGateway.Tests.Sml
{
    /// <summary>
    /// The meter quirks of PROTOCOLS.md §3 ("Meter bugs"), each with its <see cref="SmlOptions"/> switch, on real
    /// captures (and, for the KERMIT CRC, which no capture shows, a real file resealed that way).
    /// </summary>
    public class SmlQuirkTests
    {
        private static ReadingSet ParseFile(SmlDecoder decoder, byte[] file, bool expectParsed = true)
        {
            var frames = SmlTestFiles.Feed(decoder, file, file.Length);
            Xunit.Assert.Single(frames);
            Xunit.Assert.Equal(FrameResult.Valid, frames[0].Result);
            var set = new ReadingSet();
            Xunit.Assert.Equal(expectParsed, decoder.Parse(set));
            return set;
        }

        private static (long Mantissa, int Exponent, byte Unit) Number(ReadingSet set, string obis)
        {
            int r = set.Find(Obis.FromText(obis));
            Xunit.Assert.True(r >= 0, "no reading " + obis);
            int v = set.Primary[r];
            Xunit.Assert.Equal(ValueKind.Number, set.Kind[v]);
            return (set.Mantissa[v], set.Exponent[v], set.UnitCode[v]);
        }

        private static byte[] FirstFile(string capture) => SmlTestFiles.ValidFiles(SmlTestFiles.Load(capture))[0];

        [Fact]
        public void DzgDvs74PowerIsUnsignedOnlyForTheAffectedSerials()
        {
            // serial 42 083 934: affected, -29912 is really 35624 (356.24 W; libsml-testing FILES)
            byte[] jmberg = FirstFile("DZG_DVS-7412.2_jmberg.bin");
            Xunit.Assert.Equal((35624L, -2, Units.Watt), Number(ParseFile(new SmlDecoder(), jmberg), "1-0:16.7.0*255"));
            var off = new SmlOptions { DzgDvs74UnsignedPower = false };
            Xunit.Assert.Equal((-29912L, -2, Units.Watt), Number(ParseFile(new SmlDecoder(off), jmberg), "1-0:16.7.0*255"));

            // serial 60 694 611 (fixed firmware) sends a genuine negative; serial 40 051 478 (DWSB20) too
            Xunit.Assert.Equal((-10550L, -2, Units.Watt),
                Number(ParseFile(new SmlDecoder(), FirstFile("DZG_DVS-7420.2V.G2_mtr2_neg.bin")), "1-0:16.7.0*255"));
            Xunit.Assert.Equal((-31064L, -2, Units.Watt),
                Number(ParseFile(new SmlDecoder(), FirstFile("dzg_dwsb20_2th_2byte.bin")), "1-0:16.7.0*255"));
            Xunit.Assert.Equal((-78851L, -2, Units.Watt),
                Number(ParseFile(new SmlDecoder(), FirstFile("dzg_dwsb20_2th_3byte.bin")), "1-0:16.7.0*255"));
        }

        [Fact]
        public void DzgDvs74IsAlsoRecognisedFromTheSerialNumberEntryAlone()
        {
            // give the server ids (open response, list header) an unaffected serial; the 1-0:96.1.0 entry keeps 42 083 934
            byte[] payload = SmlTestFiles.Payload(FirstFile("DZG_DVS-7412.2_jmberg.bin"));
            byte[] id = { 0x0B, 0x0A, 0x01, 0x44, 0x5A, 0x47, 0x00, 0x02, 0x82, 0x22, 0x5E };
            int first = SmlTestFiles.IndexOf(payload, id, 0);
            int second = SmlTestFiles.IndexOf(payload, id, first + 1);
            int third = SmlTestFiles.IndexOf(payload, id, second + 1);
            Xunit.Assert.True(first >= 0 && second > first && third > second);
            payload[first + 7] = 0x04; // serial 00 04 82 22 5E = 75 637 342: not affected
            payload[second + 7] = 0x04;
            SmlTestFiles.ResealMessages(payload, false);
            var set = ParseFile(new SmlDecoder(), SmlTestFiles.Build(payload));
            Xunit.Assert.Equal((35624L, -2, Units.Watt), Number(set, "1-0:16.7.0*255"));

            // and with no affected serial anywhere the value stays as sent
            payload[third + 7] = 0x04;
            SmlTestFiles.ResealMessages(payload, false);
            set = ParseFile(new SmlDecoder(), SmlTestFiles.Build(payload));
            Xunit.Assert.Equal((-29912L, -2, Units.Watt), Number(set, "1-0:16.7.0*255"));
        }

        [Fact]
        public void HolleyBareValTimeIsAcceptedOnlyWithItsOption()
        {
            // HOLLEY_DTZ541-ZDBA writes valTime as 65 00 14 8E 03 instead of 72 62 01 65 ...
            byte[] file = FirstFile("HOLLEY_DTZ541-ZDBA.bin");
            var set = ParseFile(new SmlDecoder(), file);
            Xunit.Assert.Equal((1773601L, -1, Units.WattHour), Number(set, "1-0:1.8.2*255"));
            Xunit.Assert.Equal(-1, set.CaptureTime[set.Find(Obis.FromText("1-0:1.8.2*255"))]); // a seconds index is not a time

            var strict = new SmlDecoder(new SmlOptions { HolleyBareValTime = false });
            set = ParseFile(strict, file, expectParsed: false);
            Xunit.Assert.Equal(FrameError.Parse, strict.Error);
            Xunit.Assert.Equal("SML_Time malformed", strict.ErrorText);
            Xunit.Assert.Equal(0, set.ReadingCount);
        }

        [Fact]
        public void HolleyKermitMessageCrcIsAcceptedOnlyWithItsOption()
        {
            byte[] original = SmlTestFiles.Payload(FirstFile("HOLLEY_DTZ541-BDBA_with_PIN.bin"));
            byte[] payload = (byte[])original.Clone();
            Xunit.Assert.Equal(3, SmlTestFiles.ResealMessages(payload, kermit: true));
            Xunit.Assert.NotEqual(original, payload);
            byte[] file = SmlTestFiles.Build(payload);

            var set = ParseFile(new SmlDecoder(), file);
            Xunit.Assert.Equal((23559290L, -1, Units.WattHour), Number(set, "1-0:1.8.0*255"));
            Xunit.Assert.Equal((376L, 0, Units.Watt), Number(set, "1-0:16.7.0*255"));

            var strict = new SmlDecoder(new SmlOptions { AcceptKermitMessageCrc = false });
            ParseFile(strict, file, expectParsed: false);
            Xunit.Assert.Equal(FrameError.Crc, strict.Error);
            Xunit.Assert.Equal("SML message CRC mismatch", strict.ErrorText);
        }

        [Fact]
        public void AShortenedOneByteMessageCrcIsAccepted()
        {
            // ISKRA_MT691 file 9 (offset 1944) ends a message with crc16 = 62 E0 (PROTOCOLS.md §3)
            byte[] file = SmlTestFiles.ValidFiles(SmlTestFiles.Load("ISKRA_MT691_eHZ-MS2020.bin"))[9];
            Xunit.Assert.True(SmlTestFiles.IndexOf(file, new byte[] { 0x62, 0xE0, 0x00 }, 0) > 0);
            var set = ParseFile(new SmlDecoder(), file);
            Xunit.Assert.Equal(Units.WattHour, Number(set, "1-0:1.8.0*255").Unit);

            // the same field one off is a mismatch
            byte[] payload = SmlTestFiles.Payload(file);
            int at = SmlTestFiles.IndexOf(payload, new byte[] { 0x62, 0xE0, 0x00 }, 0);
            payload[at + 1] = 0xE1;
            var decoder = new SmlDecoder();
            ParseFile(decoder, SmlTestFiles.Build(payload), expectParsed: false);
            Xunit.Assert.Equal(FrameError.Crc, decoder.Error);
        }

        [Theory]
        [InlineData("HOLLEY_DTZ541-BDBA_without_PIN.bin", "1-0:1.8.0*255", 2324L)]
        [InlineData("ISKRA_MT631-D1A52-K0z-H01_without_PIN.bin", "1-0:1.8.0*255", 2043L)]
        [InlineData("ISKRA_MT631-D2A51-V22-K0z_without_PIN.bin", "1-0:1.8.1*255", 4L)]
        [InlineData("ITRON_OpenWay-3.HZ_without_PIN.bin", "1-0:1.8.0*255", 25688L)]
        [InlineData("eBZ_DD3_DD3BZ06DTA-SMZ1_without_PIN.bin", "1-0:1.8.0*255", 4469L)]
        [InlineData("eBZ_DD3_DD32R06DTA-SMZ1.bin", "1-0:1.8.2*255", 1L)]
        public void WholeKwhWithoutPinIsFlaggedAndKeptAsSent(string capture, string obis, long kwh)
        {
            var decoder = new SmlDecoder();
            var set = ParseFile(decoder, FirstFile(capture));
            Xunit.Assert.True(decoder.WholeKwhEnergy);
            // kept as sent: whole kWh as a mantissa with exponent 3, no invented decimals
            Xunit.Assert.Equal((kwh, 3, Units.WattHour), Number(set, obis));
        }

        [Theory]
        [InlineData("HOLLEY_DTZ541-BDBA_with_PIN.bin")]
        [InlineData("ISKRA_MT631-D1A52-K0z-H01_with_PIN.bin")]
        [InlineData("ISKRA_MT631-D2A51-V22-K0z_with_PIN.bin")]
        [InlineData("ITRON_OpenWay-3.HZ_with_PIN.bin")]
        [InlineData("EMH_eHZ361L5R.bin")]
        public void FullResolutionIsNotFlagged(string capture)
        {
            var decoder = new SmlDecoder();
            var set = ParseFile(decoder, FirstFile(capture));
            Xunit.Assert.False(decoder.WholeKwhEnergy);
            Xunit.Assert.Contains(Enumerable.Range(0, set.ReadingCount), r => set.UnitCode[set.Primary[r]] == Units.WattHour);
        }
    }
}
