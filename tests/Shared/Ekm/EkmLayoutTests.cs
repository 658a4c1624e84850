using nanoFramework.TestFramework;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Ekm
{
    /// <summary>
    /// The three field tables byte for byte: sizes sum to 255, offsets equal the offset column of PROTOCOLS.md §4
    /// (transcribed here apart from the code), and a reply built by hand at those literal offsets parses to the
    /// values written, with the table's scaling.
    /// </summary>
    [TestClass]
    public class EkmLayoutTests
    {
        [TestMethod]
        public void EveryReadSumsTo255AndHasTheTablesOffsets()
        {
            Assert.AreEqual(255, EkmLayouts.V3A.Total);
            Assert.AreEqual(255, EkmLayouts.V4A.Total);
            Assert.AreEqual(255, EkmLayouts.V4B.Total);
            Offsets(EkmLayouts.V3A, new int[] { 0, 1, 3, 4, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 100, 104, 108, 113, 118, 123, 130, 137, 144, 151, 155, 159, 163, 171, 172, 186, 190, 198, 206, 214, 218, 222, 226, 229, 248, 249, 253 });
            Offsets(EkmLayouts.V4A, new int[] { 0, 1, 3, 4, 16, 24, 32, 40, 48, 56, 64, 72, 80, 88, 96, 104, 108, 112, 116, 121, 126, 131, 138, 145, 152, 159, 163, 167, 171, 178, 185, 192, 199, 203, 211, 219, 227, 228, 229, 230, 231, 233, 247, 249, 253 });
            Offsets(EkmLayouts.V4B, new int[] { 0, 1, 3, 4, 16, 24, 32, 40, 48, 56, 64, 72, 80, 84, 88, 92, 97, 102, 107, 114, 121, 128, 135, 139, 143, 147, 155, 156, 160, 164, 168, 172, 173, 177, 230, 231, 232, 233, 247, 249, 253 });
            Assert.AreEqual(EkmLayouts.V4A.Offset[EkmLayouts.V4A.IndexOf(EkmFieldId.kWh_Scale)], 230);
            Assert.AreEqual(EkmLayouts.V4B.Offset[EkmLayouts.V4B.IndexOf(EkmFieldId.CT_Ratio)], 168);
            Assert.AreEqual(EkmLayouts.V3A.Offset[EkmLayouts.V3A.IndexOf(EkmFieldId.Meter_Time)], 172);
        }

        private static void Offsets(EkmLayout layout, int[] expected)
        {
            Assert.AreEqual(expected.Length, layout.Count, layout.Name);
            int[] actual = new int[layout.Count];
            System.Array.Copy(layout.Offset, actual, layout.Count);
            CollectionAssert.AreEqual(expected, actual);
        }

        private static ReadingSet ParseValid(byte[] reply, EkmLayout layout, string address, int kwhDecimals)
        {
            EkmReplyDecoder decoder = new EkmReplyDecoder();
            decoder.KwhDecimals = kwhDecimals;
            decoder.ExpectRead(layout, EkmRequests.Address(address));
            Assert.AreEqual(255, decoder.Feed(reply, 0, reply.Length));
            Assert.IsTrue(decoder.Result == MeterGateway.Protocols.FrameResult.Valid, decoder.ErrorText);
            ReadingSet set = new ReadingSet();
            Assert.IsTrue(decoder.Parse(set));
            return set;
        }

        /// <summary>A V3 A reply written at the table's literal offsets.</summary>
        public static byte[] HandBuiltV3A()
        {
            byte[] r = EkmTestKit.NewReply();
            r[1] = 0x10; r[2] = 0x17; r[3] = 0x15;
            EkmTestKit.Put(r, 4, "000000000026");
            EkmTestKit.Put(r, 16, "00012345");
            EkmTestKit.Put(r, 24, "00006000");
            EkmTestKit.Put(r, 48, "00000345");
            EkmTestKit.Put(r, 56, "00000123");
            EkmTestKit.Put(r, 88, "00000007");
            EkmTestKit.Put(r, 96, "1201");
            EkmTestKit.Put(r, 104, "1199");
            EkmTestKit.Put(r, 108, "00123");
            EkmTestKit.Put(r, 118, "00007");
            EkmTestKit.Put(r, 123, "0001476");
            EkmTestKit.Put(r, 137, "0000024");
            EkmTestKit.Put(r, 144, "0001500");
            EkmTestKit.Put(r, 151, "L087");
            EkmTestKit.Put(r, 155, "C090");
            EkmTestKit.Put(r, 159, " 100");
            EkmTestKit.Put(r, 163, "00004321");
            EkmTestKit.Put(r, 171, "2");
            EkmTestKit.Put(r, 172, "16040805123000");
            EkmTestKit.Put(r, 186, "0400");
            EkmTestKit.Put(r, 190, "00000042");
            EkmTestKit.Put(r, 206, "00000003");
            EkmTestKit.Put(r, 214, "0001");
            EkmTestKit.Put(r, 222, "0100");
            EkmTestKit.Put(r, 226, "004");
            r[248] = 0x41;
            return EkmTestKit.Seal(r);
        }

        [TestMethod]
        public void HandBuiltV3AReadParsesAtTheTablesOffsets()
        {
            ReadingSet set = ParseValid(HandBuiltV3A(), EkmLayouts.V3A, "26", 0);
            Assert.AreEqual("000000000026", set.GetText(set.HeaderOffset, set.HeaderLength));
            Assert.AreEqual("1017", EkmTestKit.Value(set, EkmFieldId.Model));
            Assert.AreEqual("15", EkmTestKit.Value(set, "1-0:0.2.0"));
            Assert.AreEqual("000000000026", EkmTestKit.Value(set, "0-0:96.1.0"));
            Assert.AreEqual("1234.5 kWh", EkmTestKit.Value(set, "1-0:1.8.0"));
            Assert.AreEqual("600.0 kWh", EkmTestKit.Value(set, "1-0:1.8.1"));
            Assert.AreEqual("34.5 kWh", EkmTestKit.Value(set, "1-0:1.8.4"));
            Assert.AreEqual("12.3 kWh", EkmTestKit.Value(set, "1-0:2.8.0"));
            Assert.AreEqual("0.7 kWh", EkmTestKit.Value(set, "1-0:2.8.4"));
            Assert.AreEqual("120.1 V", EkmTestKit.Value(set, "1-0:32.7.0"));
            Assert.AreEqual("119.9 V", EkmTestKit.Value(set, "1-0:72.7.0"));
            Assert.AreEqual("12.3 A", EkmTestKit.Value(set, "1-0:31.7.0"));
            Assert.AreEqual("0.7 A", EkmTestKit.Value(set, "1-0:71.7.0"));
            Assert.AreEqual("1476 W", EkmTestKit.Value(set, "1-0:35.7.0"));
            Assert.AreEqual("24 W", EkmTestKit.Value(set, "1-0:75.7.0"));
            Assert.AreEqual("1500 W", EkmTestKit.Value(set, "1-0:15.7.0"));
            Assert.AreEqual("0.87", EkmTestKit.Value(set, "1-0:33.7.0"));
            Assert.AreEqual("0.90", EkmTestKit.Value(set, "1-0:53.7.0"));
            Assert.AreEqual("1.00", EkmTestKit.Value(set, "1-0:73.7.0"));
            Assert.AreEqual("87", EkmTestKit.Value(set, EkmFieldId.Power_Factor_Ln_1));
            Assert.AreEqual("110", EkmTestKit.Value(set, EkmFieldId.Power_Factor_Ln_2));
            Assert.AreEqual("100", EkmTestKit.Value(set, EkmFieldId.Power_Factor_Ln_3));
            Assert.AreEqual("432.1 W", EkmTestKit.Value(set, "1-0:15.6.0"));
            Assert.AreEqual("2", EkmTestKit.Value(set, EkmFieldId.Max_Demand_Period));
            Assert.AreEqual("16040805123000", EkmTestKit.Value(set, "0-0:1.0.0"));
            Assert.AreEqual("400", EkmTestKit.Value(set, "1-0:0.4.2"));
            Assert.AreEqual("42", EkmTestKit.Value(set, EkmFieldId.Pulse_Cnt_1));
            Assert.AreEqual("3", EkmTestKit.Value(set, EkmFieldId.Pulse_Cnt_3));
            Assert.AreEqual("1", EkmTestKit.Value(set, EkmFieldId.Pulse_Ratio_1));
            Assert.AreEqual("100", EkmTestKit.Value(set, EkmFieldId.Pulse_Ratio_3));
            Assert.AreEqual("4", EkmTestKit.Value(set, EkmFieldId.State_Inputs));
            Assert.AreEqual("41", EkmTestKit.Value(set, EkmFieldId.Meter_Status_Code));
            Assert.IsNull(EkmTestKit.Value(set, "1-0:16.7.0"));   // v3 has no direction: no net watts
            int r = set.Find(Obis.FromText("1-0:1.8.0"));
            Assert.AreEqual((int)Units.WattHour, (int)set.UnitCode[set.Primary[r]]);
            Assert.AreEqual(3, (int)set.UnitScale[set.Primary[r]]);
            Assert.IsFalse(set.Overflowed);
        }

        /// <summary>A V4 A reply written at the table's literal offsets (kWh_Scale 2, State_Watts_Dir 6 = RFR).</summary>
        public static byte[] HandBuiltV4A()
        {
            byte[] r = EkmTestKit.NewReply();
            r[1] = 0x10; r[2] = 0x24; r[3] = 0x16;
            EkmTestKit.Put(r, 4, "000300001162");
            EkmTestKit.Put(r, 16, "00123456");
            EkmTestKit.Put(r, 24, "00000789");
            EkmTestKit.Put(r, 32, "00000100");
            EkmTestKit.Put(r, 40, "00041000");
            EkmTestKit.Put(r, 56, "00041001");
            EkmTestKit.Put(r, 64, "00000033");
            EkmTestKit.Put(r, 80, "00000035");
            EkmTestKit.Put(r, 88, "00000500");
            EkmTestKit.Put(r, 96, "00000001");
            EkmTestKit.Put(r, 104, "2301");
            EkmTestKit.Put(r, 112, "2299");
            EkmTestKit.Put(r, 116, "00045");
            EkmTestKit.Put(r, 126, "00011");
            EkmTestKit.Put(r, 131, "0001000");
            EkmTestKit.Put(r, 138, "0000500");
            EkmTestKit.Put(r, 145, "0000250");
            EkmTestKit.Put(r, 152, "0001750");
            EkmTestKit.Put(r, 159, "L099");
            EkmTestKit.Put(r, 163, "C080");
            EkmTestKit.Put(r, 167, "L050");
            EkmTestKit.Put(r, 171, "-000120");
            EkmTestKit.Put(r, 185, "0000033");
            EkmTestKit.Put(r, 192, "-000087");
            EkmTestKit.Put(r, 199, "6001");
            EkmTestKit.Put(r, 203, "00000009");
            EkmTestKit.Put(r, 219, "00000011");
            EkmTestKit.Put(r, 227, "5");
            EkmTestKit.Put(r, 228, "6");
            EkmTestKit.Put(r, 229, "3");
            EkmTestKit.Put(r, 230, "2");
            EkmTestKit.Put(r, 233, "24022904235959");
            EkmTestKit.Put(r, 247, "00");
            return EkmTestKit.Seal(r);
        }

        [TestMethod]
        public void HandBuiltV4AReadParsesWithKwhScaleAndNetWatts()
        {
            ReadingSet set = ParseValid(HandBuiltV4A(), EkmLayouts.V4A, "300001162", 0);
            Assert.AreEqual("1024", EkmTestKit.Value(set, EkmFieldId.Model));
            Assert.AreEqual("1234.56 kWh", EkmTestKit.Value(set, "1-0:1.8.0"));
            Assert.AreEqual("7.89 kvarh", EkmTestKit.Value(set, EkmFieldId.Reactive_Energy_Tot));
            Assert.AreEqual("1.00 kWh", EkmTestKit.Value(set, "1-0:2.8.0"));
            Assert.AreEqual("410.00 kWh", EkmTestKit.Value(set, "1-0:21.8.0"));
            Assert.AreEqual("410.01 kWh", EkmTestKit.Value(set, "1-0:61.8.0"));
            Assert.AreEqual("0.33 kWh", EkmTestKit.Value(set, "1-0:22.8.0"));
            Assert.AreEqual("0.35 kWh", EkmTestKit.Value(set, "1-0:62.8.0"));
            Assert.AreEqual("5.00 kWh", EkmTestKit.Value(set, EkmFieldId.kWh_Rst));
            Assert.AreEqual("0.01 kWh", EkmTestKit.Value(set, EkmFieldId.Rev_kWh_Rst));
            Assert.AreEqual("230.1 V", EkmTestKit.Value(set, "1-0:32.7.0"));
            Assert.AreEqual("229.9 V", EkmTestKit.Value(set, "1-0:72.7.0"));
            Assert.AreEqual("4.5 A", EkmTestKit.Value(set, "1-0:31.7.0"));
            Assert.AreEqual("1.1 A", EkmTestKit.Value(set, "1-0:71.7.0"));
            Assert.AreEqual("1750 W", EkmTestKit.Value(set, "1-0:15.7.0"));
            Assert.AreEqual("0.99", EkmTestKit.Value(set, "1-0:33.7.0"));
            Assert.AreEqual("120", EkmTestKit.Value(set, EkmFieldId.Power_Factor_Ln_2));
            Assert.AreEqual("50", EkmTestKit.Value(set, EkmFieldId.Power_Factor_Ln_3));
            Assert.AreEqual("-120 var", EkmTestKit.Value(set, EkmFieldId.Reactive_Pwr_Ln_1));
            Assert.AreEqual("33 var", EkmTestKit.Value(set, EkmFieldId.Reactive_Pwr_Ln_3));
            Assert.AreEqual("-87 var", EkmTestKit.Value(set, EkmFieldId.Reactive_Pwr_Tot));
            Assert.AreEqual("60.01 Hz", EkmTestKit.Value(set, "1-0:14.7.0"));
            Assert.AreEqual("9", EkmTestKit.Value(set, EkmFieldId.Pulse_Cnt_1));
            Assert.AreEqual("11", EkmTestKit.Value(set, EkmFieldId.Pulse_Cnt_3));
            Assert.AreEqual("5", EkmTestKit.Value(set, EkmFieldId.State_Inputs));
            Assert.AreEqual("6", EkmTestKit.Value(set, EkmFieldId.State_Watts_Dir));
            Assert.AreEqual("3", EkmTestKit.Value(set, EkmFieldId.State_Out));
            Assert.AreEqual("2", EkmTestKit.Value(set, EkmFieldId.kWh_Scale));
            Assert.AreEqual("24022904235959", EkmTestKit.Value(set, "0-0:1.0.0"));
            // State_Watts_Dir 6 = ReverseForwardReverse: lines 1 and 3 negative.
            Assert.AreEqual("-1000 W", EkmTestKit.Value(set, "1-0:36.7.0"));
            Assert.AreEqual("500 W", EkmTestKit.Value(set, "1-0:56.7.0"));
            Assert.AreEqual("-250 W", EkmTestKit.Value(set, "1-0:76.7.0"));
            Assert.AreEqual("-750 W", EkmTestKit.Value(set, "1-0:16.7.0"));
            Assert.AreEqual("1-0:128.0.72", Obis.ToText(EkmFields.ObisCode(EkmFieldId.State_Watts_Dir)));
            Assert.AreEqual("State_Watts_Dir", EkmFields.Name((EkmFieldId)EkmFields.FromObis(Obis.FromText("1-0:128.0.72"))));
        }

        /// <summary>A V4 B reply written at the table's literal offsets.</summary>
        public static byte[] HandBuiltV4B()
        {
            byte[] r = EkmTestKit.NewReply();
            r[1] = 0x10; r[2] = 0x24; r[3] = 0x16;
            EkmTestKit.Put(r, 4, "000300001162");
            EkmTestKit.Put(r, 16, "00010000");
            EkmTestKit.Put(r, 40, "00000004");
            EkmTestKit.Put(r, 48, "00000100");
            EkmTestKit.Put(r, 72, "00000022");
            EkmTestKit.Put(r, 80, "2302");
            EkmTestKit.Put(r, 92, "00046");
            EkmTestKit.Put(r, 107, "0001001");
            EkmTestKit.Put(r, 128, "0001751");
            EkmTestKit.Put(r, 135, "L098");
            EkmTestKit.Put(r, 147, "00012345");
            EkmTestKit.Put(r, 155, "3");
            EkmTestKit.Put(r, 156, "0010");
            EkmTestKit.Put(r, 164, "0030");
            EkmTestKit.Put(r, 168, "1000");
            EkmTestKit.Put(r, 172, "2");
            EkmTestKit.Put(r, 173, "0400");
            r[230] = 0x01; r[231] = 0x02; r[232] = 0x03;
            EkmTestKit.Put(r, 233, "24022904235959");
            EkmTestKit.Put(r, 247, "01");
            return EkmTestKit.Seal(r);
        }

        [TestMethod]
        public void HandBuiltV4BReadParsesAloneAndAfterItsARead()
        {
            ReadingSet set = ParseValid(HandBuiltV4B(), EkmLayouts.V4B, "300001162", 2);
            Assert.AreEqual("100.00 kWh", EkmTestKit.Value(set, "1-0:1.8.1"));
            Assert.AreEqual("0.04 kWh", EkmTestKit.Value(set, "1-0:1.8.4"));
            Assert.AreEqual("1.00 kWh", EkmTestKit.Value(set, "1-0:2.8.1"));
            Assert.AreEqual("0.22 kWh", EkmTestKit.Value(set, "1-0:2.8.4"));
            Assert.AreEqual("230.2 V", EkmTestKit.Value(set, "1-0:32.7.0"));
            Assert.AreEqual("4.6 A", EkmTestKit.Value(set, "1-0:31.7.0"));
            Assert.AreEqual("1001 W", EkmTestKit.Value(set, "1-0:35.7.0"));
            Assert.AreEqual("1751 W", EkmTestKit.Value(set, "1-0:15.7.0"));
            Assert.AreEqual("0.98", EkmTestKit.Value(set, "1-0:33.7.0"));
            Assert.AreEqual("1234.5 W", EkmTestKit.Value(set, "1-0:15.6.0"));
            Assert.AreEqual("3", EkmTestKit.Value(set, EkmFieldId.Max_Demand_Period));
            Assert.AreEqual("10", EkmTestKit.Value(set, EkmFieldId.Pulse_Ratio_1));
            Assert.AreEqual("30", EkmTestKit.Value(set, EkmFieldId.Pulse_Ratio_3));
            Assert.AreEqual("1000", EkmTestKit.Value(set, "1-0:0.4.2"));
            Assert.AreEqual("2", EkmTestKit.Value(set, EkmFieldId.Max_Demand_Rst));
            Assert.AreEqual("400", EkmTestKit.Value(set, EkmFieldId.Pulse_Output_Ratio));
            Assert.AreEqual("01", EkmTestKit.Value(set, EkmFieldId.Meter_Status_Code_A));
            Assert.AreEqual("03", EkmTestKit.Value(set, EkmFieldId.Meter_Status_Code_C));

            // A then B: the B read adds its own fields; the shared ones stay as the A read had them.
            EkmReplyDecoder decoder = new EkmReplyDecoder();
            byte[] address = EkmRequests.Address("300001162");
            ReadingSet ab = new ReadingSet();
            decoder.ExpectRead(EkmLayouts.V4A, address);
            decoder.Feed(HandBuiltV4A(), 0, 255);
            Assert.IsTrue(decoder.Parse(ab));
            Assert.AreEqual(2, decoder.KwhDecimals);
            decoder.ExpectRead(EkmLayouts.V4B, address);
            decoder.Feed(HandBuiltV4B(), 0, 255);
            Assert.IsTrue(decoder.Append(ab));
            Assert.AreEqual("230.1 V", EkmTestKit.Value(ab, "1-0:32.7.0"));
            Assert.AreEqual("100.00 kWh", EkmTestKit.Value(ab, "1-0:1.8.1"));
            Assert.AreEqual("1000", EkmTestKit.Value(ab, "1-0:0.4.2"));
            Assert.AreEqual("-750 W", EkmTestKit.Value(ab, "1-0:16.7.0"));
            for (int i = 0; i < ab.ReadingCount; i++)
            {
                for (int j = i + 1; j < ab.ReadingCount; j++) Assert.IsFalse(ab.ObisCode[i] == ab.ObisCode[j], Obis.ToText(ab.ObisCode[i]) + " twice");
            }
        }

        [TestMethod]
        public void EveryFieldHasANameAndOneCode()
        {
            for (int i = 0; i < EkmFields.Published.Length; i++)
            {
                EkmFieldId id = EkmFields.Published[i];
                Assert.IsNotNull(EkmFields.Name(id));
                Assert.AreEqual((int)id, EkmFields.FromName(EkmFields.Name(id)));
                Assert.AreEqual((int)id, EkmFields.FromObis(EkmFields.ObisCode(id)));
            }
            Assert.AreEqual(Obis.None, EkmFields.ObisCode(EkmFieldId.Reserved));
            Assert.AreEqual(-1, EkmFields.FromName("reserved_7"));
        }
    }
}
