using nanoFramework.TestFramework;
using MeterGateway.Checksums;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Sml;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>
    /// SML TL fields, CRCs and the DZG DVS74 quirk on two real push files, inline: devZer0/libsml-testing
    /// @ a3c7869fca8ad73c34248f6b4eda115acf7c79dc <c>EMH_eHZ361L5R.bin</c> (220 bytes) and
    /// <c>DZG_DVS-7412.2_jmberg.bin</c> (256 bytes); values from corpus/INDEX.md §3.
    /// </summary>
    [TestClass]
    public class SmlTests
    {
        private static byte[] Ehz361()
        {
            return new byte[]
            {
                0x1B, 0x1B, 0x1B, 0x1B, 0x01, 0x01, 0x01, 0x01, 0x76, 0x05, 0x98, 0xE0, 0xCE, 0x95, 0x62, 0x00, 0x62, 0x00, 0x72, 0x63,
                0x01, 0x01, 0x76, 0x01, 0x01, 0x08, 0x48, 0x61, 0x67, 0x08, 0x42, 0x19, 0xAD, 0x08, 0x31, 0x30, 0x30, 0x31, 0x31, 0x38,
                0x35, 0x01, 0x01, 0x63, 0x5B, 0x20, 0x00, 0x76, 0x05, 0x98, 0xE0, 0xCE, 0x96, 0x62, 0x00, 0x62, 0x00, 0x72, 0x63, 0x07,
                0x01, 0x77, 0x01, 0x08, 0x31, 0x30, 0x30, 0x31, 0x31, 0x38, 0x35, 0x01, 0x01, 0x75, 0x77, 0x07, 0x81, 0x81, 0xC7, 0x82,
                0x03, 0xFF, 0x01, 0x01, 0x01, 0x01, 0x06, 0x48, 0x41, 0x47, 0x45, 0x52, 0x01, 0x77, 0x07, 0x01, 0x00, 0x00, 0x00, 0x00,
                0xFF, 0x01, 0x01, 0x01, 0x01, 0x08, 0x31, 0x30, 0x30, 0x31, 0x31, 0x38, 0x35, 0x01, 0x77, 0x07, 0x01, 0x00, 0x02, 0x08,
                0x01, 0xFF, 0x62, 0x82, 0x01, 0x62, 0x1E, 0x52, 0xFF, 0x69, 0x00, 0x00, 0x00, 0x00, 0x41, 0xC4, 0x98, 0x8F, 0x01, 0x77,
                0x07, 0x00, 0x00, 0x60, 0x01, 0xFF, 0xFF, 0x01, 0x01, 0x01, 0x01, 0x0B, 0x30, 0x30, 0x30, 0x30, 0x31, 0x31, 0x36, 0x39,
                0x31, 0x37, 0x01, 0x77, 0x07, 0x01, 0x00, 0x01, 0x07, 0x01, 0xFF, 0x62, 0x82, 0x01, 0x62, 0x1B, 0x52, 0xFC, 0x55, 0xFC,
                0xA4, 0x98, 0x84, 0x01, 0x01, 0x01, 0x63, 0xFE, 0xDB, 0x00, 0x76, 0x05, 0x98, 0xE0, 0xCE, 0x97, 0x62, 0x00, 0x62, 0x00,
                0x72, 0x63, 0x02, 0x01, 0x71, 0x01, 0x63, 0x1B, 0x00, 0x00, 0x00, 0x00, 0x1B, 0x1B, 0x1B, 0x1B, 0x1A, 0x02, 0xDB, 0x3A,
            };
        }

        private static byte[] DzgJmberg()
        {
            return new byte[]
            {
                0x1B, 0x1B, 0x1B, 0x1B, 0x01, 0x01, 0x01, 0x01, 0x76, 0x05, 0xF1, 0x2C, 0xAD, 0x07, 0x62, 0x00, 0x62, 0x00, 0x72, 0x63,
                0x01, 0x01, 0x76, 0x01, 0x01, 0x02, 0x31, 0x0B, 0x0A, 0x01, 0x44, 0x5A, 0x47, 0x00, 0x02, 0x82, 0x22, 0x5E, 0x72, 0x62,
                0x01, 0x65, 0x05, 0xE7, 0x48, 0xD7, 0x62, 0x02, 0x63, 0x95, 0x5C, 0x00, 0x76, 0x05, 0xF2, 0x2C, 0xAD, 0x07, 0x62, 0x00,
                0x62, 0x00, 0x72, 0x63, 0x07, 0x01, 0x77, 0x01, 0x0B, 0x0A, 0x01, 0x44, 0x5A, 0x47, 0x00, 0x02, 0x82, 0x22, 0x5E, 0x07,
                0x01, 0x00, 0x62, 0x0A, 0xFF, 0xFF, 0x72, 0x62, 0x01, 0x65, 0x05, 0xE7, 0x48, 0xD7, 0x75, 0x77, 0x07, 0x01, 0x00, 0x60,
                0x32, 0x01, 0x01, 0x01, 0x72, 0x62, 0x01, 0x62, 0x00, 0x62, 0x00, 0x52, 0x00, 0x04, 0x44, 0x5A, 0x47, 0x01, 0x77, 0x07,
                0x01, 0x00, 0x60, 0x01, 0x00, 0xFF, 0x01, 0x72, 0x62, 0x01, 0x62, 0x00, 0x62, 0x00, 0x52, 0x00, 0x0B, 0x0A, 0x01, 0x44,
                0x5A, 0x47, 0x00, 0x02, 0x82, 0x22, 0x5E, 0x01, 0x77, 0x07, 0x01, 0x00, 0x01, 0x08, 0x00, 0xFF, 0x64, 0x1C, 0x01, 0x04,
                0x72, 0x62, 0x01, 0x62, 0x00, 0x62, 0x1E, 0x52, 0xFF, 0x65, 0x03, 0x3C, 0x93, 0x89, 0x01, 0x77, 0x07, 0x01, 0x00, 0x02,
                0x08, 0x00, 0xFF, 0x01, 0x72, 0x62, 0x01, 0x62, 0x00, 0x62, 0x1E, 0x52, 0xFF, 0x65, 0x0F, 0xA4, 0x9A, 0x9E, 0x01, 0x77,
                0x07, 0x01, 0x00, 0x10, 0x07, 0x00, 0xFF, 0x01, 0x72, 0x62, 0x01, 0x62, 0x00, 0x62, 0x1B, 0x52, 0xFE, 0x53, 0x8B, 0x28,
                0x01, 0x01, 0x01, 0x63, 0x6B, 0x99, 0x00, 0x76, 0x05, 0xF3, 0x2C, 0xAD, 0x07, 0x62, 0x00, 0x62, 0x00, 0x72, 0x63, 0x02,
                0x01, 0x71, 0x01, 0x63, 0xD9, 0x0C, 0x00, 0x00, 0x1B, 0x1B, 0x1B, 0x1B, 0x1A, 0x01, 0xC3, 0xE1,
            };
        }

        /// <summary>Feeds a whole file and parses it; asserts it was one valid frame.</summary>
        private static ReadingSet Decode(SmlDecoder decoder, byte[] file)
        {
            Assert.AreEqual(file.Length, decoder.Feed(file, 0, file.Length));
            Assert.AreEqual((byte)FrameResult.Valid, (byte)decoder.Result);
            Assert.AreEqual(file.Length, decoder.FrameLength);
            ReadingSet set = new ReadingSet();
            Assert.IsTrue(decoder.Parse(set), decoder.ErrorText);
            return set;
        }

        private static void AssertNumber(ReadingSet set, string obis, long mantissa, int exponent, byte unit)
        {
            int r = set.Find(Obis.FromText(obis));
            Assert.IsTrue(r >= 0, obis);
            int v = set.Primary[r];
            Assert.AreEqual((byte)ValueKind.Number, (byte)set.Kind[v], obis);
            Assert.AreEqual(mantissa, set.Mantissa[v], obis);
            Assert.AreEqual(exponent, (int)set.Exponent[v], obis);
            Assert.AreEqual(unit, set.UnitCode[v], obis);
        }

        private static void AssertText(ReadingSet set, string obis, string text)
        {
            int r = set.Find(Obis.FromText(obis));
            Assert.IsTrue(r >= 0, obis);
            int v = set.Primary[r];
            Assert.AreEqual((byte)ValueKind.Text, (byte)set.Kind[v], obis);
            Assert.AreEqual(text, set.GetText(set.TextOffset[v], set.TextLength[v]), obis);
        }

        [TestMethod]
        public void TlFieldsOfAPushFile()
        {
            byte[] file = Ehz361();
            SmlReader reader = new SmlReader();
            reader.Reset(file, 8, file.Length - 16 - 2); // start escape, end escape, 2 bytes of padding
            // SML_PublicOpen.Res message: 76 05 98E0CE95 62 00 62 00 72 63 0101 76 ...
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((byte)SmlType.List, (byte)reader.Type);
            Assert.AreEqual(6, reader.Length);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((byte)SmlType.OctetString, (byte)reader.Type);
            Assert.AreEqual(4, reader.Length);
            Assert.AreEqual(10, reader.DataOffset);
            Assert.IsTrue(reader.Read());
            long value;
            Assert.IsTrue(reader.GetInteger(out value));
            Assert.AreEqual(0L, value);
            Assert.IsTrue(reader.Skip()); // abortOnError
            Assert.IsTrue(reader.Read());
            Assert.AreEqual(2, reader.Length);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((byte)SmlType.Unsigned, (byte)reader.Type);
            Assert.IsTrue(reader.GetInteger(out value));
            Assert.AreEqual(0x0101L, value);
            Assert.IsTrue(reader.Skip()); // the body, a list(6)
            Assert.IsTrue(reader.Read()); // crc16
            Assert.IsTrue(reader.GetInteger(out value));
            Assert.AreEqual(0x5B20L, value);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((byte)SmlType.EndOfMessage, (byte)reader.Type);
            // the two other messages, whole: list(6) whose sixth element is the endOfSmlMsg
            int messages = 1;
            while (reader.Position < reader.End)
            {
                Assert.IsTrue(reader.Read());
                Assert.AreEqual((byte)SmlType.List, (byte)reader.Type);
                Assert.IsTrue(reader.SkipElements());
                Assert.AreEqual((byte)SmlType.EndOfMessage, (byte)reader.Type);
                messages++;
            }
            Assert.AreEqual(3, messages);
            Assert.AreEqual(reader.End, reader.Position);
            Assert.IsFalse(reader.Read());
        }

        [TestMethod]
        public void TlFieldsWithSeveralTlBytes()
        {
            SmlReader reader = new SmlReader();
            // 81 01: octet string of 0x11 bytes including its 2 TL bytes
            byte[] octets = new byte[17];
            octets[0] = 0x81;
            octets[1] = 0x01;
            reader.Reset(octets, 0, octets.Length);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((byte)SmlType.OctetString, (byte)reader.Type);
            Assert.AreEqual(15, reader.Length);
            Assert.AreEqual(2, reader.TlBytes);
            Assert.AreEqual(17, reader.Position);
            // F1 02: list of 0x12 elements, each an absent field 01
            byte[] list = new byte[20];
            list[0] = 0xF1;
            list[1] = 0x02;
            for (int i = 2; i < list.Length; i++) list[i] = 0x01;
            reader.Reset(list, 0, list.Length);
            Assert.IsTrue(reader.Read());
            Assert.AreEqual((byte)SmlType.List, (byte)reader.Type);
            Assert.AreEqual(18, reader.Length);
            Assert.IsTrue(reader.SkipElements());
            Assert.AreEqual(20, reader.Position);
        }

        [TestMethod]
        public void TlFieldsThatLieAreRefused()
        {
            SmlReader reader = new SmlReader();
            byte[][] lies =
            {
                new byte[] { 0x8F, 0x8F, 0x8F, 0x8F, 0x0F },  // more TL bytes than MaxTlBytes
                new byte[] { 0x8F },                          // TL continues past the end
                new byte[] { 0x0B, 0x01, 0x02 },              // 10 data bytes, 2 present
                new byte[] { 0x7F, 0x01 },                    // list of 15, 1 byte left
                new byte[] { 0xF8, 0x8F, 0x0F, 0x01 },        // list of 0x8FF elements
                new byte[] { 0x50 },                          // signed, shorter than its TL
                new byte[] { 0x81, 0x01 },                    // octet string of length 1 with 2 TL bytes
                new byte[] { 0x12, 0x00 },                    // type 001 does not exist
                new byte[] { 0x31, 0x00 },                    // type 011 does not exist
            };
            for (int i = 0; i < lies.Length; i++)
            {
                reader.Reset(lies[i], 0, lies[i].Length);
                Assert.IsFalse(reader.Read(), "lie " + i);
                Assert.AreEqual(0, reader.Position, "lie " + i);
                Assert.IsFalse(reader.Skip(), "lie " + i);
            }
            // a list whose elements are not there
            byte[] nested = { 0x72, 0x72, 0x72, 0x01 };
            reader.Reset(nested, 0, nested.Length);
            Assert.IsFalse(reader.Skip());
        }

        [TestMethod]
        public void IntegersAreShortenedAndSignExtended()
        {
            SmlReader reader = new SmlReader();
            byte[][] fields =
            {
                new byte[] { 0x52, 0xFF },
                new byte[] { 0x53, 0x8B, 0x28 },
                new byte[] { 0x63, 0x8B, 0x28 },
                new byte[] { 0x55, 0xFC, 0xA4, 0x98, 0x84 },
                new byte[] { 0x69, 0x00, 0x00, 0x00, 0x00, 0x41, 0xC4, 0x98, 0x8F },
                new byte[] { 0x59, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFE },
                new byte[] { 0x54, 0xFE, 0xCB, 0xFD },
                new byte[] { 0x69, 0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF },
            };
            long[] expected = { -1, -29912, 35624, -56321916, 1103403151, -2, -78851, long.MaxValue };
            long value;
            for (int i = 0; i < fields.Length; i++)
            {
                reader.Reset(fields[i], 0, fields[i].Length);
                Assert.IsTrue(reader.Read(), "field " + i);
                Assert.IsTrue(reader.GetInteger(out value), "field " + i);
                Assert.AreEqual(expected[i], value, "field " + i);
            }
            byte[][] notNumbers =
            {
                new byte[] { 0x69, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, // unsigned 2^63
                new byte[] { 0x5A, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01 }, // 9 bytes
                new byte[] { 0x04, 0x44, 0x5A, 0x47 }, // octet string
                new byte[] { 0x61 }, // no data byte
            };
            for (int i = 0; i < notNumbers.Length; i++)
            {
                reader.Reset(notNumbers[i], 0, notNumbers[i].Length);
                Assert.IsTrue(reader.Read(), "field " + i);
                Assert.IsFalse(reader.GetInteger(out value), "field " + i);
            }
        }

        [TestMethod]
        public void CrcsOfAPushFile()
        {
            byte[] check = Ascii.GetBytes("123456789");
            Assert.AreEqual(0x906E, Crc16.X25(check, 0, 9));
            Assert.AreEqual(0x2189, SmlMessageCrc.Kermit(check, 0, 9));

            byte[] file = Ehz361();
            // file CRC: X.25 over everything up to 1A NN, sent low byte first (DB 3A)
            Assert.AreEqual(0x3ADB, Crc16.X25(file, 0, file.Length - 2));

            // message CRCs: the three messages start at 8, 47 and 190; each crc16 field is 63 XX XX before its 00
            int[] starts = { 8, 47, 190 };
            int[] crcAt = { 43, 186, 206 };
            long[] fields = { 0x5B20, 0xFEDB, 0x1B00 };
            for (int i = 0; i < starts.Length; i++)
            {
                Assert.AreEqual((byte)0x63, file[crcAt[i]]);
                Assert.AreEqual(fields[i], (long)SmlMessageCrc.X25Field(file, starts[i], crcAt[i] - starts[i]));
                Assert.IsTrue(SmlMessageCrc.Matches(file, starts[i], crcAt[i] - starts[i], fields[i], false));
                Assert.IsFalse(SmlMessageCrc.Matches(file, starts[i], crcAt[i] - starts[i], fields[i] ^ 1, true));
                long kermit = SmlMessageCrc.Kermit(file, starts[i], crcAt[i] - starts[i]);
                Assert.IsTrue(SmlMessageCrc.Matches(file, starts[i], crcAt[i] - starts[i], kermit, true));
                Assert.IsFalse(SmlMessageCrc.Matches(file, starts[i], crcAt[i] - starts[i], kermit, false));
            }
        }

        [TestMethod]
        public void DecodesAnEhz361PushFile()
        {
            SmlDecoder decoder = new SmlDecoder();
            ReadingSet set = Decode(decoder, Ehz361());
            Assert.AreEqual("1001185", set.GetText(set.HeaderOffset, set.HeaderLength));
            Assert.AreEqual(5, set.ReadingCount);
            AssertText(set, "129-129:199.130.3*255", "HAGER");
            AssertText(set, "1-0:0.0.0*255", "1001185");
            AssertNumber(set, "1-0:2.8.1*255", 1103403151, -1, Units.WattHour);
            AssertText(set, "0-0:96.1.255*255", "0000116917");
            AssertNumber(set, "1-0:1.7.1*255", -56321916, -4, Units.Watt);
            Assert.AreEqual("W", set.GetText(set.UnitOffset[set.Primary[4]], set.UnitLength[set.Primary[4]]));
            Assert.IsFalse(decoder.WholeKwhEnergy);
            Assert.AreEqual(ReadingSet.NoTime, set.FrameTime);
        }

        [TestMethod]
        public void AFileWithABadCrcIsRejectedAndTheNextOneRead()
        {
            SmlDecoder decoder = new SmlDecoder();
            byte[] file = Ehz361();
            file[134] ^= 0x01; // a bit of the 1-0:2.8.1 value
            Assert.AreEqual(file.Length, decoder.Feed(file, 0, file.Length));
            Assert.AreEqual((byte)FrameResult.Invalid, (byte)decoder.Result);
            Assert.AreEqual((byte)FrameError.Crc, (byte)decoder.Error);
            Assert.IsFalse(decoder.Parse(new ReadingSet()));
            ReadingSet set = Decode(decoder, Ehz361());
            AssertNumber(set, "1-0:2.8.1*255", 1103403151, -1, Units.WattHour);
        }

        [TestMethod]
        public void DzgDvs74PowerIsReadUnsignedForAffectedSerials()
        {
            byte[] file = DzgJmberg();
            // server id 0A 01 'DZG' 00 02 82 22 5E: serial 42 083 934, in 42 000 000..48 999 999
            Assert.IsTrue(DzgDvs74.IsAffectedId(file, 28, 10));
            byte[] fixedSerial = { 0x0A, 0x01, 0x44, 0x5A, 0x47, 0x00, 0x03, 0x9E, 0x20, 0x53 }; // 60 694 611
            Assert.IsFalse(DzgDvs74.IsAffectedId(fixedSerial, 0, 10));

            ReadingSet set = Decode(new SmlDecoder(), file);
            AssertNumber(set, "1-0:16.7.0*255", 35624, -2, Units.Watt); // 356.24 W
            AssertNumber(set, "1-0:1.8.0*255", 54301577, -1, Units.WattHour);
            AssertNumber(set, "1-0:2.8.0*255", 262445726, -1, Units.WattHour);
            AssertText(set, "1-0:96.50.1*1", "DZG");
            Assert.AreEqual("0A01445A47000282225E", set.GetText(set.HeaderOffset, set.HeaderLength));

            SmlOptions raw = new SmlOptions();
            raw.DzgDvs74UnsignedPower = false;
            set = Decode(new SmlDecoder(raw), file);
            AssertNumber(set, "1-0:16.7.0*255", -29912, -2, Units.Watt); // as sent: -299.12 W
        }
    }
}
