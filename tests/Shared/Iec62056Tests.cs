using nanoFramework.TestFramework;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Iec62056;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared
{
    /// <summary>IEC 62056-21 pieces with inline vectors: BCC, baud characters, identification, addresses, data sets, framing, names.</summary>
    [TestClass]
    public class Iec62056Tests
    {
        private static byte[] B(string s) { return Ascii.GetBytes(s); }

        private static byte[] Concat(byte[] a, byte[] b)
        {
            byte[] r = new byte[a.Length + b.Length];
            System.Array.Copy(a, 0, r, 0, a.Length);
            System.Array.Copy(b, 0, r, a.Length, b.Length);
            return r;
        }

        // STX data ETX BCC
        private static byte[] Framed(string data)
        {
            byte[] d = B(data);
            byte[] buffer = new byte[d.Length + 3];
            int n = Iec62056Messages.DataMessage(d, 0, d.Length, buffer, 0);
            Assert.AreEqual(buffer.Length, n);
            return buffer;
        }

        private static string ObisOf(string address, int medium)
        {
            byte[] a = B(address);
            long code;
            if (!Iec62056Address.TryParse(a, 0, a.Length, medium, out code)) return "none";
            return Obis.ToText(code);
        }

        [TestMethod]
        public void BreakIsSohB0EtxWithBccQ()
        {
            byte[] buffer = new byte[8];
            int n = Iec62056Messages.Break(buffer, 0);
            Assert.AreEqual(5, n);
            CollectionAssert.AreEqual(new byte[] { 0x01, 0x42, 0x30, 0x03, 0x71 }, new byte[] { buffer[0], buffer[1], buffer[2], buffer[3], buffer[4] });
            Assert.AreEqual(0x71, Iec62056Bcc.Compute(buffer, 1, 3));
            Assert.IsFalse(Iec62056Bcc.Matches(0x71, 0xF1)); // a 7-bit link never delivers bit 7
        }

        [TestMethod]
        public void BaudCharactersOfModesBAndC()
        {
            Assert.AreEqual(300, Iec62056BaudRate.ModeC('0'));
            Assert.AreEqual(9600, Iec62056BaudRate.ModeC('5'));
            Assert.AreEqual(19200, Iec62056BaudRate.ModeC('6'));
            Assert.AreEqual(0, Iec62056BaudRate.ModeC('7'));
            Assert.AreEqual(600, Iec62056BaudRate.ModeB('A'));
            Assert.AreEqual(2400, Iec62056BaudRate.ModeB('C'));
            Assert.AreEqual(19200, Iec62056BaudRate.ModeB('F'));
            Assert.AreEqual(0, Iec62056BaudRate.ModeB('G'));
            Assert.IsTrue(Iec62056BaudRate.IsModeB('I'));
            Assert.IsFalse(Iec62056BaudRate.IsModeB('J'));
            Assert.AreEqual((int)'5', (int)Iec62056BaudRate.ModeCCharacter(9600));
            Assert.AreEqual((int)'4', (int)Iec62056BaudRate.ModeCCharacter(5000));
            Assert.AreEqual((int)'0', (int)Iec62056BaudRate.ModeCCharacter(100));
            Assert.AreEqual((int)'6', (int)Iec62056BaudRate.ModeCCharacter(115200));
            Assert.AreEqual(200, Iec62056BaudRate.TransmitMs(6, 300));
            Assert.AreEqual(1, Iec62056BaudRate.TransmitMs(1, 19200));
        }

        [TestMethod]
        public void IdentificationsGiveManufacturerBaudModeAndIdent()
        {
            Iec62056Identification id = new Iec62056Identification();
            byte[] line = B("/ISk5MT174-0001");
            Assert.IsTrue(id.TryParse(line, 0, line.Length));
            Assert.AreEqual("Iskraemeco", id.ManufacturerName);
            Assert.AreEqual(9600, id.AnnouncedBaudRate);
            Assert.AreEqual((int)Iec62056Mode.C, (int)id.ImpliedMode);
            Assert.IsTrue(id.ShortReactionTime);
            Assert.AreEqual(0, id.EnhancedCount);
            Assert.AreEqual("MT174-0001", Ascii.ToString(id.Line, id.IdentOffset, id.IdentLength));

            line = B("/SIEC2WR5");
            Assert.IsTrue(id.TryParse(line, 0, line.Length));
            Assert.AreEqual((int)Iec62056Mode.B, (int)id.ImpliedMode);
            Assert.AreEqual(2400, id.AnnouncedBaudRate);
            Assert.IsFalse(id.ShortReactionTime);

            line = B("/LGZ5\\2ZMD4104407.B31");
            Assert.IsTrue(id.TryParse(line, 0, line.Length));
            Assert.AreEqual(1, id.EnhancedCount);
            Assert.AreEqual((int)'2', id.Enhanced(0));
            Assert.AreEqual("ZMD4104407.B31", Ascii.ToString(id.Line, id.IdentOffset, id.IdentLength));

            line = B("/ABC:meter");
            Assert.IsTrue(id.TryParse(line, 0, line.Length));
            Assert.AreEqual((int)Iec62056Mode.A, (int)id.ImpliedMode);
            Assert.IsNull(id.ManufacturerName);

            line = B("/AB1");
            Assert.IsFalse(id.TryParse(line, 0, line.Length));
            line = B("/A2C5meter");
            Assert.IsFalse(id.TryParse(line, 0, line.Length));
            line = B("/ABC5me\u0001ter");
            Assert.IsFalse(id.TryParse(line, 0, line.Length));
            Assert.IsFalse(id.IsValid);
        }

        [TestMethod]
        public void AddressesBecomeObisCodesWithMissingGroupsFilled()
        {
            Assert.AreEqual("1-0:1.8.1", ObisOf("1-0:1.8.1*255", 1));
            Assert.AreEqual("1-0:1.8.1", ObisOf("1.8.1", 1));
            Assert.AreEqual("1-0:1.8.1*7", ObisOf("1-0:1.8.1*07", 1));
            Assert.AreEqual("1-0:1.8.0*1", ObisOf("1.8.0*01", 1));
            Assert.AreEqual("1-0:1.8.0*1", ObisOf("1.8.0&01", 1));
            Assert.AreEqual("1-0:31.7.0", ObisOf("1-0:31.7.0.255", 1));
            Assert.AreEqual("1-0:96.1.0", ObisOf("C.1.0", 1));
            Assert.AreEqual("1-0:96.1.0", ObisOf("C.1", 1));
            Assert.AreEqual("0-0:96.1.0", ObisOf("0-0:C.1.0*255", 1));
            Assert.AreEqual("1-0:97.97.0", ObisOf("F.F", 1));
            Assert.AreEqual("0-0:97.97.0", ObisOf("0-0:F.F.0*255", 1));
            Assert.AreEqual("1-0:97.0.0", ObisOf("F", 1));
            Assert.AreEqual("1-0:99.1.0", ObisOf("P.01", 1));
            Assert.AreEqual("6-0:9.20.0", ObisOf("9.20", 6));
            Assert.AreEqual("6-0:6.8.0*1", ObisOf("6.8*01", 6));
            Assert.AreEqual("1-3:171.0.0", ObisOf("3:171.0", 1));
            Assert.AreEqual("1-0:0.0.0", ObisOf(" 0.0.0 ", 1));
            Assert.AreEqual("none", ObisOf("", 1));
            Assert.AreEqual("none", ObisOf("abc", 1));
            Assert.AreEqual("none", ObisOf("1-0:", 1));
            Assert.AreEqual("none", ObisOf("1.2.3.4.5", 1));
            Assert.AreEqual("none", ObisOf("256.1.0", 1));
            Assert.AreEqual("none", ObisOf("1.8.0*", 1));
            Assert.AreEqual("none", ObisOf("X.1", 1));
            Assert.AreEqual("none", ObisOf("1-0:1.8.C", 1));
            Assert.AreEqual("none", ObisOf("1.8.0*1*2", 1));
        }

        [TestMethod]
        public void DataSetsBecomeReadingsWithExactValuesAndUnitsAsWritten()
        {
            byte[] block = B("1-0:1.6.0*255(02.468*kW)(1703100930)\r\n9.4(088*C&082*C)0.2.0(V01.69#EEA3546C)81.7.6(  80*Deg)\r\n6.8.1()C.5.0(L1-L2-L3)\r\n!");
            Iec62056Parser parser = new Iec62056Parser();
            ReadingSet set = new ReadingSet(16, 32, 512);
            Assert.AreEqual(6, parser.Parse(block, 0, block.Length, Obis.None, set));
            Assert.AreEqual(0, parser.MalformedDataSets);

            int r = set.Find(Obis.FromText("1-0:1.6.0"));
            Assert.AreEqual(2, (int)set.ValueCount[r]);
            int v = set.First[r];
            Assert.AreEqual(v, (int)set.Primary[r]);
            Assert.AreEqual(2468L, set.Mantissa[v]);
            Assert.AreEqual(-3, (int)set.Exponent[v]);
            Assert.AreEqual("kW", set.GetText(set.UnitOffset[v], set.UnitLength[v]));
            Assert.AreEqual((int)Units.Watt, (int)set.UnitCode[v]);
            Assert.AreEqual(3, (int)set.UnitScale[v]);
            Assert.AreEqual(1703100930L, set.Mantissa[v + 1]);
            Assert.AreEqual(-1, (int)set.CaptureTime[r]);

            r = set.Find(Obis.FromText("1-0:9.4.0"));
            Assert.AreEqual(2, (int)set.ValueCount[r]);
            Assert.AreEqual(82L, set.Mantissa[set.First[r] + 1]);

            r = set.Find(Obis.FromText("1-0:0.2.0"));
            Assert.AreEqual("V01.69", set.GetText(set.TextOffset[set.First[r]], set.TextLength[set.First[r]]));
            Assert.AreEqual("EEA3546C", set.GetText(set.TextOffset[set.First[r] + 1], set.TextLength[set.First[r] + 1]));
            Assert.AreEqual(-1, (int)set.Primary[r]);

            r = set.Find(Obis.FromText("1-0:81.7.6"));
            Assert.AreEqual(80L, set.Mantissa[set.First[r]]);
            Assert.AreEqual("Deg", set.GetText(set.UnitOffset[set.First[r]], set.UnitLength[set.First[r]]));

            r = set.Find(Obis.FromText("1-0:6.8.1"));
            Assert.AreEqual((int)ValueKind.Empty, (int)set.Kind[set.First[r]]);
            Assert.AreEqual(-1, (int)set.Primary[r]);

            r = set.Find(Obis.FromText("1-0:96.5.0"));
            Assert.AreEqual((int)ValueKind.Text, (int)set.Kind[set.First[r]]);
            Assert.AreEqual((int)set.First[r], (int)set.Primary[r]);
        }

        [TestMethod]
        public void MalformedDataSetsAreSkippedAndCounted()
        {
            byte[] block = B("garbage\r\n1.8.0(1*kWh)\r\n2.8.0(12\r\nX.9(1)\r\n3.8.0(3)\r\n");
            Iec62056Parser parser = new Iec62056Parser();
            ReadingSet set = new ReadingSet(16, 32, 512);
            Assert.AreEqual(2, parser.Parse(block, 0, block.Length, Obis.None, set));
            Assert.AreEqual(3, parser.MalformedDataSets);
            Assert.IsTrue(set.Find(Obis.FromText("1-0:1.8.0")) >= 0);
            Assert.IsTrue(set.Find(Obis.FromText("1-0:3.8.0")) >= 0);

            byte[] bare = B("(0000285.4*kWh)");
            set.Clear();
            long code = Obis.FromText("1-0:1.8.0");
            Assert.AreEqual(1, parser.Parse(bare, 0, bare.Length, code, set));
            Assert.AreEqual(code, set.ObisCode[0]);
            Assert.AreEqual(2854L, set.Mantissa[0]);
            set.Clear();
            Assert.AreEqual(0, parser.Parse(bare, 0, bare.Length, Obis.None, set));
            Assert.AreEqual(1, parser.MalformedDataSets);
        }

        [TestMethod]
        public void FindLocatesARegistersDataSet()
        {
            byte[] block = B("F.F(00)\r\n1.8.0(000285.4*kWh)\r\n2.8.0(000120.1*kWh)\r\n!\r\n");
            int start, length;
            Assert.IsTrue(Iec62056Parser.Find(block, 0, block.Length, Obis.FromText("1-0:2.8.0"), 1, out start, out length));
            Assert.AreEqual("2.8.0(000120.1*kWh)", Ascii.ToString(block, start, length));
            Assert.IsFalse(Iec62056Parser.Find(block, 0, block.Length, Obis.FromText("1-0:3.8.0"), 1, out start, out length));
        }

        [TestMethod]
        public void PushesRunTogetherAreCutAndBccChecked()
        {
            byte[] framed = Concat(B("/ABC5meter\r\n"), Framed("1.8.0(1*kWh)\r\n!\r\n"));
            byte[] bare = B("/EMH5----eHZ\r\n\r\n1-0:1.8.1*255(032942.0231)\r\n!\r\n");
            byte[] data = Concat(Concat(new byte[] { (byte)'j', (byte)'u', (byte)'n', (byte)'k', 0x00 }, framed), bare);
            Iec62056Decoder decoder = new Iec62056Decoder(1024, Iec62056FramerMode.Push);
            ReadingSet set = new ReadingSet(16, 32, 512);

            int used = decoder.Feed(data, 0, data.Length);
            Assert.AreEqual((int)FrameResult.Valid, (int)decoder.Result);
            Assert.IsTrue(decoder.Framer.HasBcc);
            Assert.AreEqual(5 + framed.Length, used);
            Assert.IsTrue(decoder.Parse(set));
            Assert.AreEqual("ABC5meter", set.GetText(set.HeaderOffset, set.HeaderLength));
            Assert.AreEqual(1L, set.Mantissa[0]);

            used += decoder.Feed(data, used, data.Length - used);
            Assert.AreEqual((int)FrameResult.Valid, (int)decoder.Result);
            Assert.IsFalse(decoder.Framer.HasBcc);
            Assert.AreEqual(data.Length, used);
            Assert.IsTrue(decoder.Parse(set));
            Assert.AreEqual("EMH5----eHZ", set.GetText(set.HeaderOffset, set.HeaderLength));
            Assert.AreEqual(329420231L, set.Mantissa[0]);

            byte[] damaged = Concat(B("/ABC5meter\r\n"), Framed("1.8.0(2*kWh)\r\n!\r\n"));
            damaged[20] = (byte)'3';
            decoder.Feed(damaged, 0, damaged.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)decoder.Result);
            Assert.AreEqual((int)FrameError.Bcc, (int)decoder.Error);
            Assert.IsFalse(decoder.Parse(set));
            Assert.AreEqual(0, set.ReadingCount);
        }

        [TestMethod]
        public void ExclamationInsideParenthesesIsDataAndStxRestartsTheData()
        {
            byte[] data = Concat(B("0.0(\u0002garbage"), Framed("C.1(a!b)\r\n!\r\n"));
            Iec62056Decoder decoder = new Iec62056Decoder(1024, Iec62056FramerMode.Readout);
            ReadingSet set = new ReadingSet(16, 32, 512);
            int used = decoder.Feed(data, 0, data.Length);
            Assert.AreEqual(data.Length, used);
            Assert.AreEqual((int)FrameResult.Valid, (int)decoder.Result);
            Assert.IsTrue(decoder.Parse(set));
            Assert.AreEqual(1, set.ReadingCount);
            Assert.AreEqual("a!b", set.GetText(set.TextOffset[0], set.TextLength[0]));
        }

        [TestMethod]
        public void PushCutShortByTheNextIdentificationIsReportedAndTheNextOneRead()
        {
            byte[] data = B("/ABC5one\r\n1.8.0(1)\r\n/ABC5two\r\n1.8.0(2)\r\n!\r\n");
            Iec62056Decoder decoder = new Iec62056Decoder(1024, Iec62056FramerMode.Push);
            ReadingSet set = new ReadingSet(16, 32, 512);
            int used = decoder.Feed(data, 0, data.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)decoder.Result);
            Assert.AreEqual((int)FrameError.Framing, (int)decoder.Error);
            Assert.IsTrue(used >= 1);
            used += decoder.Feed(data, used, data.Length - used);
            Assert.AreEqual((int)FrameResult.Valid, (int)decoder.Result);
            Assert.AreEqual(data.Length, used);
            Assert.IsTrue(decoder.Parse(set));
            Assert.AreEqual("ABC5two", set.GetText(set.HeaderOffset, set.HeaderLength));
            Assert.AreEqual(2L, set.Mantissa[0]);
        }

        [TestMethod]
        public void BareReadoutEndsOnSilenceOrIsCheckedByATrailingBcc()
        {
            Iec62056Framer framer = new Iec62056Framer(256, Iec62056FramerMode.Readout);
            byte[] bare = B("1.8.0(1)\r\n!\r\n");
            Assert.AreEqual(bare.Length, framer.Feed(bare, 0, bare.Length));
            Assert.AreEqual((int)FrameResult.None, (int)framer.Result);
            Assert.AreEqual((int)FrameResult.Valid, (int)framer.Flush());
            Assert.IsFalse(framer.HasBcc);
            Assert.AreEqual("1.8.0(1)\r\n", Ascii.ToString(framer.Buffer, framer.DataOffset, framer.DataLength));

            // ETX and BCC after a bare readout: checked from its first byte, as if its STX had been there.
            byte[] framed = Framed("1.8.0(1)\r\n!\r\n");
            framer.Feed(framed, 1, framed.Length - 1);
            Assert.AreEqual((int)FrameResult.Valid, (int)framer.Result);
            Assert.IsTrue(framer.HasBcc);
            framed[3] = (byte)'9';
            framer.Feed(framed, 1, framed.Length - 1);
            Assert.AreEqual((int)FrameError.Bcc, (int)framer.Error);

            // Silence in the middle of a message.
            framer.Feed(bare, 0, 5);
            Assert.AreEqual((int)FrameResult.Invalid, (int)framer.Flush());
            Assert.AreEqual((int)FrameError.Timeout, (int)framer.Error);
            Assert.AreEqual((int)FrameResult.None, (int)framer.Flush());
        }

        [TestMethod]
        public void AByteWithBit7SetIsAnErrorOnA7BitLink()
        {
            // A digit with bit 7 set ('0' as 0xB0 shows as a degree sign) passes a BCC computed in 7 bits: the message is refused.
            Iec62056Framer framer = new Iec62056Framer(256, Iec62056FramerMode.Readout);
            byte[] framed = Framed("1-0:1.8.0(000848.375*kWh)\r\n!\r\n");
            framed[15] = (byte)(framed[15] | 0x80);
            framer.Feed(framed, 0, framed.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)framer.Result);
            Assert.AreEqual((int)FrameError.Framing, (int)framer.Error);
            Assert.AreEqual("byte with bit 7 set on a 7-bit link", framer.ErrorText);

            // Two such bytes cancel in any XOR: still refused.
            framed = Framed("1-0:1.8.0(000848.375*kWh)\r\n!\r\n");
            framed[15] = (byte)(framed[15] | 0x80);
            framed[16] = (byte)(framed[16] | 0x80);
            framer.Feed(framed, 0, framed.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)framer.Result);

            // A BCC byte with bit 7 set.
            framed = Framed("1-0:1.8.0(000848.375*kWh)\r\n!\r\n");
            framed[framed.Length - 1] = (byte)(framed[framed.Length - 1] | 0x80);
            framer.Feed(framed, 0, framed.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)framer.Result);

            // A bare push, without BCC, with such a byte; and the next clean message reads.
            framer.Mode = Iec62056FramerMode.Push;
            byte[] bare = B("/EMH5----eHZ\r\n\r\n1-0:1.8.1*255(032942.0231)\r\n!\r\n");
            bare[35] = (byte)(bare[35] | 0x80);
            framer.Feed(bare, 0, bare.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)framer.Result);
            Assert.AreEqual((int)FrameError.Framing, (int)framer.Error);
            bare[35] = (byte)(bare[35] & 0x7F);
            framer.Feed(bare, 0, bare.Length);
            Assert.AreEqual((int)FrameResult.Valid, (int)framer.Result);
        }

        [TestMethod]
        public void FramedReadoutWithoutEtxNeedsAcceptMissingBcc()
        {
            byte[] data = B("\u0002F.F(00)\r\n1.8.0(000285.4*kWh)\r\n!\r\n");
            Iec62056Framer framer = new Iec62056Framer(256, Iec62056FramerMode.Readout);
            framer.Feed(data, 0, data.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)framer.Flush());
            Assert.AreEqual((int)FrameError.Framing, (int)framer.Error);
            framer.AcceptMissingBcc = true;
            framer.Feed(data, 0, data.Length);
            Assert.AreEqual((int)FrameResult.Valid, (int)framer.Flush());
            Assert.IsFalse(framer.HasBcc);
        }

        [TestMethod]
        public void OverlongMessageIsReportedAndTheNextOneRead()
        {
            Iec62056Framer framer = new Iec62056Framer(64, Iec62056FramerMode.Readout);
            byte[] data = new byte[100];
            for (int i = 0; i < data.Length; i++) data[i] = (byte)'1';
            int used = framer.Feed(data, 0, data.Length);
            Assert.AreEqual((int)FrameResult.Invalid, (int)framer.Result);
            Assert.AreEqual((int)FrameError.TooLong, (int)framer.Error);
            Assert.IsTrue(used <= 65);
            byte[] good = Framed("1.8.0(1)\r\n!\r\n");
            framer.Reset();
            framer.Feed(good, 0, good.Length);
            Assert.AreEqual((int)FrameResult.Valid, (int)framer.Result);
        }

        [TestMethod]
        public void AnswerModeDeliversAckNakAndCommands()
        {
            Iec62056Framer framer = new Iec62056Framer(128, Iec62056FramerMode.Answer);
            byte[] data = new byte[] { 0x7F, 0x06, 0x15 };
            Assert.AreEqual(2, framer.Feed(data, 0, 3));
            Assert.AreEqual((int)Iec62056FrameKind.Acknowledge, (int)framer.Kind);
            Assert.AreEqual(1, framer.Feed(data, 2, 1));
            Assert.AreEqual((int)Iec62056FrameKind.NegativeAcknowledge, (int)framer.Kind);
        }

        [TestMethod]
        public void ManufacturerFlagIdsIgnoreCase()
        {
            Assert.AreEqual("Iskraemeco", Iec62056Manufacturers.Name(B("ISK"), 0));
            Assert.AreEqual("Iskraemeco", Iec62056Manufacturers.Name(B("ISk"), 0));
            Assert.AreEqual("Landis+Gyr", Iec62056Manufacturers.Name(B("LGZ"), 0));
            Assert.AreEqual("Shenzhen Kaifa Technology", Iec62056Manufacturers.Name(B("KFM"), 0));
            Assert.AreEqual("Sagemcom Energy & Telecom", Iec62056Manufacturers.Name(B("SAG"), 0));
            Assert.AreEqual("EMH metering", Iec62056Manufacturers.Name(B("xEMH"), 1));
            Assert.IsNull(Iec62056Manufacturers.Name(B("ZZZ"), 0));
        }

        [TestMethod]
        public void ObisNamesInThreeLanguages()
        {
            long t1 = Obis.FromText("1-0:1.8.1");
            Assert.AreEqual("Active energy import tariff 1", ObisNames.Get(t1, NameLanguage.English));
            Assert.AreEqual("Afgenomen energie tarief 1", ObisNames.Get(t1, NameLanguage.Dutch));
            Assert.AreEqual("Wirkenergie Bezug Tarif 1", ObisNames.Get(t1, NameLanguage.German));
            Assert.AreEqual("Wirkenergie Bezug gesamt", ObisNames.Get(Obis.FromText("1-0:1.8.0*1"), NameLanguage.German));
            Assert.AreEqual("Spanning L2", ObisNames.Get(Obis.FromText("1-0:52.7.0"), NameLanguage.Dutch));
            Assert.AreEqual("Error register", ObisNames.Get(Obis.FromText("1-0:97.97.0"), NameLanguage.English));
            Assert.AreEqual("Meter serial number", ObisNames.Get(Obis.FromText("0-0:96.1.0"), NameLanguage.English));
            Assert.IsNull(ObisNames.Get(Obis.FromText("6-0:9.20.0"), NameLanguage.English));
            Assert.IsNull(ObisNames.Get(Obis.FromText("1-0:199.1.0"), NameLanguage.English));
        }
    }
}
