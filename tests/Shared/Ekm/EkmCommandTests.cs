using nanoFramework.TestFramework;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;

namespace MeterGateway.Tests.Shared.Ekm
{
    /// <summary>
    /// EKM CRC, request and command bytes. The expected commands are ekmmeters' <c>req_str</c> templates (@ 3933c34)
    /// filled by hand with a bit-wise CRC-16/MODBUS + swap + mask written apart from the code; three of them
    /// (R1 0011, password, CT ratio 1000) are in the corpus (ekm_command_vectors.txt).
    /// </summary>
    [TestClass]
    public class EkmCommandTests
    {
        private static void Same(string expectedHex, byte[] buffer, int count)
        {
            CollectionAssert.AreEqual(EkmTestKit.Hex(expectedHex), EkmTestKit.Head(buffer, count));
        }

        [TestMethod]
        public void CrcMatchesCheckValueAndThePublishedCommand()
        {
            Assert.AreEqual(0x374B, EkmCrc.Compute(Ascii.GetBytes("123456789"), 0, 9));
            byte[] r1 = EkmTestKit.Hex("01523102303031312829031316");
            Assert.AreEqual(0x1316, EkmCrc.Compute(r1, 1, 10));
            Assert.IsTrue(EkmCrc.Check(r1, 1, 10));
            r1[6] ^= 1;
            Assert.IsFalse(EkmCrc.Check(r1, 1, 10));
        }

        [TestMethod]
        public void ReadRequestsAndCloseString()
        {
            byte[] b = new byte[32];
            Same("2f3f303030303030303030303236210d0a", b, EkmRequests.Read(EkmLayouts.V3A, EkmRequests.Address("26"), b, 0));
            Same("2f3f3030303330303030313436333030210d0a", b, EkmRequests.Read(EkmLayouts.V4A, EkmRequests.Address("000300001463"), b, 0));
            Same("2f3f3030303330303030313436333031210d0a", b, EkmRequests.Read(EkmLayouts.V4B, EkmRequests.Address("300001463"), b, 0));
            Same("0142300375", b, EkmRequests.Close(b, 0));
            Same("0150310228303030303030303029033244", b, EkmRequests.Password("00000000", b, 0));
        }

        [TestMethod]
        public void SettingsReadCommands()
        {
            byte[] b = new byte[32];
            Same("01523102303037302829031a6a", b, EkmRequests.ReadBlock(EkmBlock.Schedules1To4, b, 0));
            Same("01523102303037312829031b16", b, EkmRequests.ReadBlock(EkmBlock.Schedules5To8, b, 0));
            Same("01523102303031312829031316", b, EkmRequests.ReadBlock(EkmBlock.MonthsForward, b, 0));
            Same("01523102303031322829031352", b, EkmRequests.ReadBlock(EkmBlock.MonthsReverse, b, 0));
            Same("01523102303042302829031721", b, EkmRequests.ReadBlock(EkmBlock.Holidays, b, 0));
        }

        [TestMethod]
        public void EveryWriteCommand()
        {
            byte[] b = new byte[EkmRequests.MaxCommandLength];
            Same("0157310230304430283130303029030471", b, EkmCommands.CtRatio(1000, b, 0));
            Same("0157310230303530283129032403", b, EkmCommands.MaxDemandPeriod(15, b, 0));
            Same("0157310230304435283329034322", b, EkmCommands.MaxDemandResetInterval(3, b, 0));
            Same("0157310230303430283030303030302903012b", b, EkmCommands.MaxDemandResetNow(b, 0));
            Same("0157310230304130283030353529032a3d", b, EkmCommands.PulseInputRatio(1, 55, b, 0));
            Same("0157310230304434283030303529031452", b, EkmCommands.PulseOutputRatio(5, b, 0));
            Same("015731023030383128313030303229031021", b, EkmCommands.Relay(1, true, 2, b, 0));
            Same("015731023030383228303030303029033551", b, EkmCommands.Relay(2, false, 0, b, 0));
            // 2023-11-22 is a Wednesday: ISO weekday 03.
            Same("015731023030363028323331313232303331353339303229035b51", b, EkmCommands.MeterTime(2023, 11, 22, 15, 39, 2, b, 0));
            Same("01573102303038302830313031303130333231303230363230303330393231303430303030303030303030303030303030303030303030303029030857",
                b, EkmCommands.SeasonSchedules(new int[] { 1, 3, 6, 9 }, new int[] { 1, 21, 20, 21 }, new int[] { 1, 2, 3, 4 }, b, 0));
            Same("01573102303037302830303030303130353330303231323030303331373330303130303030303030303030303030303030303030303030303029037b78",
                b, EkmCommands.ScheduleTariffs(1, new int[] { 0, 5, 12, 17 }, new int[] { 0, 30, 0, 30 }, new int[] { 1, 2, 3, 1 }, b, 0));
            Same("01573102303037372830363330303430303030303030303030303030303030303030303030303030303030303030303030303030303030303029031812",
                b, EkmCommands.ScheduleTariffs(8, new int[] { 6 }, new int[] { 30 }, new int[] { 4 }, b, 0));
            Same("015731023030423028303130313032303330343034303430353035303430303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303029037024",
                b, EkmCommands.HolidayDates(new int[] { 1, 2, 4, 4, 5 }, new int[] { 1, 3, 4, 5, 4 }, b, 0));
            Same("0157310230304330283031303229033f10", b, EkmCommands.WeekendHolidaySchedules(1, 2, b, 0));
            Same("01573102303044322830333238303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030302903580a",
                b, EkmCommands.LcdItems(new int[] { EkmLcdItems.Find("RMS_Volts_Ln_1"), EkmLcdItems.Find("Line_Freq") }, b, 0));
            Same("01573102303044332829030f75", b, EkmCommands.ZeroResettableKwh(b, 0));
            Same("015731023030323028313233343536373829032518", b, EkmCommands.MeterPassword("12345678", b, 0));
        }

        [TestMethod]
        public void LcdItemNames()
        {
            Assert.AreEqual(1, EkmLcdItems.Find("kWh_Tot"));
            Assert.AreEqual(42, EkmLcdItems.Find("Max_Demand"));
            Assert.AreEqual(0, EkmLcdItems.Find("nonsense"));
            Assert.AreEqual("Line_Freq", EkmLcdItems.Name(28));
            Assert.IsNull(EkmLcdItems.Name(43));
        }

        private static void Refused(string expectedMessage, int which)
        {
            byte[] b = new byte[EkmRequests.MaxCommandLength];
            try
            {
                switch (which)
                {
                    case 0: EkmCommands.CtRatio(150, b, 0); break;
                    case 1: EkmCommands.MaxDemandPeriod(45, b, 0); break;
                    case 2: EkmCommands.MaxDemandResetInterval(5, b, 0); break;
                    case 3: EkmCommands.PulseInputRatio(4, 10, b, 0); break;
                    case 4: EkmCommands.PulseInputRatio(1, 10000, b, 0); break;
                    case 5: EkmCommands.PulseOutputRatio(3, b, 0); break;
                    case 6: EkmCommands.Relay(3, true, 0, b, 0); break;
                    case 7: EkmCommands.Relay(1, true, 10000, b, 0); break;
                    case 8: EkmCommands.MeterTime(2023, 2, 29, 0, 0, 0, b, 0); break;
                    case 9: EkmCommands.SeasonSchedules(new int[] { 2 }, new int[] { 30 }, new int[] { 1 }, b, 0); break;
                    case 10: EkmCommands.SeasonSchedules(new int[] { 1, 2, 3, 4, 5 }, new int[] { 1, 1, 1, 1, 1 }, new int[] { 1, 1, 1, 1, 1 }, b, 0); break;
                    case 11: EkmCommands.ScheduleTariffs(9, new int[] { 0 }, new int[] { 0 }, new int[] { 1 }, b, 0); break;
                    case 12: EkmCommands.ScheduleTariffs(1, new int[] { 0, 24 }, new int[] { 0, 0 }, new int[] { 1, 2 }, b, 0); break;
                    case 13: EkmCommands.ScheduleTariffs(1, new int[] { 7 }, new int[] { 0 }, new int[] { 5 }, b, 0); break;
                    case 14: EkmCommands.HolidayDates(new int[] { 13 }, new int[] { 1 }, b, 0); break;
                    case 15: EkmCommands.WeekendHolidaySchedules(0, 1, b, 0); break;
                    case 16: EkmCommands.LcdItems(new int[] { 43 }, b, 0); break;
                    case 17: EkmCommands.LcdItems(new int[0], b, 0); break;
                    case 18: EkmCommands.MeterPassword("1234", b, 0); break;
                    case 19: EkmRequests.Password("0000000a", b, 0); break;
                    case 20: EkmRequests.Address("1234567890123"); break;
                    case 21: EkmCommands.MeterTime(2023, 1, 1, 24, 0, 0, b, 0); break;
                }
            }
            catch (EkmSettingException e)
            {
                Assert.AreEqual(expectedMessage, e.Message);
                return;
            }
            Assert.IsTrue(false, "no EkmSettingException for case " + which);
        }

        [TestMethod]
        public void AllowedValuesAreValidatedBeforeBuilding()
        {
            Refused("CT ratio 150 is not allowed: 100, 200, 400, 600, 800, 1000, 1200, 1500, 2000, 3000, 4000 or 5000", 0);
            Refused("max demand period 45 is not allowed: 15, 30 or 60 (minutes)", 1);
            Refused("max demand reset interval 5 is not allowed: 0 (off), 1 (monthly), 2 (weekly), 3 (daily) or 4 (hourly)", 2);
            Refused("pulse input 4 is not allowed: 1, 2 or 3", 3);
            Refused("pulse input ratio 10000 is not allowed: 1 to 9999", 4);
            Refused("pulse output ratio 3 is not allowed: 1, 2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 80, 100, 200, 400, 800 or 1600", 5);
            Refused("relay 3 is not allowed: 1 or 2", 6);
            Refused("relay interval 10000 is not allowed: 0 (hold) to 9999 seconds", 7);
            Refused("meter time 2023-2-29 0:0:0 is not allowed: a real date of 2000 to 2099 and a time 00:00:00 to 23:59:59", 8);
            Refused("season 1 start day 30 is not allowed: a day of month 2", 9);
            Refused("number of seasons 5 is not allowed: 1 to 4", 10);
            Refused("schedule 9 is not allowed: 1 to 8", 11);
            Refused("schedule 1 period 2 hour 24 is not allowed: 0 to 23", 12);
            Refused("schedule 1 period 1 tariff 5 is not allowed: 1 to 4", 13);
            Refused("holiday 1 month 13 is not allowed: 1 to 12", 14);
            Refused("weekend schedule 0 is not allowed: 1 to 8", 15);
            Refused("LCD item 1 43 is not allowed: 1 to 42 (LCDItems)", 16);
            Refused("number of LCD items 0 is not allowed: 1 to 40", 17);
            Refused("new meter password 1234 is not allowed: exactly 8 digits", 18);
            Refused("meter password 0000000a is not allowed: exactly 8 digits", 19);
            Refused("meter address 1234567890123 is not allowed: 1 to 12 digits, as printed on the meter", 20);
            Refused("meter time 2023-1-1 24:0:0 is not allowed: a real date of 2000 to 2099 and a time 00:00:00 to 23:59:59", 21);
        }
    }
}
