using nanoFramework.TestFramework;
using MeterGateway.Link;
using MeterGateway.Protocols.Ekm;
using MeterGateway.Readings;
using MeterGateway.Simulators;

namespace MeterGateway.Tests.Shared.Ekm
{
    /// <summary>
    /// The client against simulated meters on one bus (a v4 at 000300001162 and a v3 at 000000000026): reads,
    /// every setting written and read back, refusals and damaged replies.
    /// </summary>
    [TestClass]
    public class EkmClientTests
    {
        private static byte[] V4Address() { return EkmRequests.Address("300001162"); }
        private static byte[] V3Address() { return EkmRequests.Address("26"); }

        private static string Read(EkmClient client, EkmMeterVersion version, string obis)
        {
            ReadingSet set = new ReadingSet();
            Assert.IsTrue(client.Read(version == EkmMeterVersion.V4 ? V4Address() : V3Address(), version, set) == EkmStatus.Ok);
            return EkmTestKit.Value(set, obis);
        }

        private static string Read(EkmClient client, EkmFieldId field)
        {
            return Read(client, EkmMeterVersion.V4, Obis.ToText(EkmFields.ObisCode(field)));
        }

        private static EkmStatus Write(EkmClient client, EkmMeterVersion version, byte[] command, int count)
        {
            return client.Write(version == EkmMeterVersion.V4 ? V4Address() : V3Address(), version, "00000000", command, 0, count);
        }

        [TestMethod]
        public void ReadsEachMeterOnTheBusByAddress()
        {
            EkmMeterSimulator v4, v3;
            EkmClient client = EkmTestKit.Bus(out v4, out v3);
            ReadingSet set = new ReadingSet();
            Assert.IsTrue(client.Read(V4Address(), EkmMeterVersion.V4, set) == EkmStatus.Ok);
            Assert.IsTrue(client.HasRawB);
            Assert.AreEqual("000300001162", set.GetText(set.HeaderOffset, set.HeaderLength));
            Assert.AreEqual("12345.6 kWh", EkmTestKit.Value(set, "1-0:1.8.0"));
            Assert.AreEqual("5000.0 kWh", EkmTestKit.Value(set, "1-0:1.8.1"));
            Assert.AreEqual("-140 var", EkmTestKit.Value(set, EkmFieldId.Reactive_Pwr_Ln_2));
            Assert.AreEqual("50.02 Hz", EkmTestKit.Value(set, "1-0:14.7.0"));
            Assert.AreEqual("0.95", EkmTestKit.Value(set, "1-0:33.7.0"));
            Assert.AreEqual("102", EkmTestKit.Value(set, EkmFieldId.Power_Factor_Ln_2));
            Assert.AreEqual("-690 W", EkmTestKit.Value(set, "1-0:56.7.0"));
            Assert.AreEqual("2870 W", EkmTestKit.Value(set, "1-0:16.7.0"));
            Assert.AreEqual("5250.0 W", EkmTestKit.Value(set, "1-0:15.6.0"));
            Assert.AreEqual("200", EkmTestKit.Value(set, "1-0:0.4.2"));
            Assert.AreEqual((byte)'0', client.RawA[248]);
            Assert.AreEqual((byte)'1', client.RawB[248]);

            Assert.IsTrue(client.Read(V3Address(), EkmMeterVersion.V3, set) == EkmStatus.Ok);
            Assert.IsFalse(client.HasRawB);
            Assert.AreEqual("000000000026", EkmTestKit.Value(set, "0-0:96.1.0"));
            Assert.AreEqual("1017", EkmTestKit.Value(set, EkmFieldId.Model));
            Assert.AreEqual("12345.6 kWh", EkmTestKit.Value(set, "1-0:1.8.0"));
            Assert.IsNull(EkmTestKit.Value(set, "1-0:16.7.0"));

            // Nobody answers another address; a v3 meter read as a v4 answers its V3 A read, whose bytes 247..248 are not "00".
            Assert.IsTrue(client.Read(EkmRequests.Address("27"), EkmMeterVersion.V3, set) == EkmStatus.NoReply);
            Assert.AreEqual(0, set.ReadingCount);
            Assert.IsTrue(client.Read(V3Address(), EkmMeterVersion.V4, set) == EkmStatus.WrongRequestType);
        }

        [TestMethod]
        public void EverySettingIsWrittenAndReadBack()
        {
            EkmMeterSimulator v4, v3;
            EkmClient client = EkmTestKit.Bus(out v4, out v3);
            byte[] b = new byte[EkmRequests.MaxCommandLength];
            EkmMeterVersion four = EkmMeterVersion.V4;

            Assert.IsTrue(Write(client, four, b, EkmCommands.CtRatio(800, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("800", Read(client, four, "1-0:0.4.2"));
            Assert.IsTrue(Write(client, EkmMeterVersion.V3, b, EkmCommands.CtRatio(1500, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("1500", Read(client, EkmMeterVersion.V3, "1-0:0.4.2"));
            Assert.AreEqual("800", Read(client, four, "1-0:0.4.2"));

            Assert.IsTrue(Write(client, four, b, EkmCommands.MaxDemandPeriod(30, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("2", Read(client, EkmFieldId.Max_Demand_Period));
            Assert.IsTrue(Write(client, four, b, EkmCommands.MaxDemandResetInterval(3, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("3", Read(client, EkmFieldId.Max_Demand_Rst));
            Assert.IsTrue(Write(client, four, b, EkmCommands.MaxDemandResetNow(b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("0.0 W", Read(client, four, "1-0:15.6.0"));
            Assert.IsTrue(Write(client, four, b, EkmCommands.PulseInputRatio(2, 55, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("55", Read(client, EkmFieldId.Pulse_Ratio_2));
            Assert.IsTrue(Write(client, four, b, EkmCommands.PulseOutputRatio(1600, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("1600", Read(client, EkmFieldId.Pulse_Output_Ratio));

            Assert.IsTrue(Write(client, four, b, EkmCommands.Relay(1, true, 5, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("3", Read(client, EkmFieldId.State_Out));
            Assert.AreEqual(5, v4.RelaySeconds[0]);
            Assert.IsTrue(Write(client, four, b, EkmCommands.Relay(2, true, 0, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("4", Read(client, EkmFieldId.State_Out));
            Assert.IsTrue(Write(client, four, b, EkmCommands.Relay(1, false, 0, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("2", Read(client, EkmFieldId.State_Out));

            Assert.IsTrue(Write(client, four, b, EkmCommands.MeterTime(2023, 11, 22, 15, 39, 2, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("23112203153902", Read(client, four, "0-0:1.0.0"));

            Assert.IsTrue(Write(client, four, b, EkmCommands.SeasonSchedules(new int[] { 1, 6 }, new int[] { 1, 20 }, new int[] { 1, 3 }, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("010101062003000000000000000000000000000000000000", Ascii.ToString(v4.SeasonTable, 0, 48));
            Assert.IsTrue(Write(client, four, b, EkmCommands.LcdItems(new int[] { 1, 28, 42 }, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("012842000000", Ascii.ToString(v4.LcdTable, 0, 12));

            Assert.AreEqual("78.9 kWh", Read(client, EkmFieldId.kWh_Rst));
            Assert.IsTrue(Write(client, four, b, EkmCommands.ZeroResettableKwh(b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("0.0 kWh", Read(client, EkmFieldId.kWh_Rst));
            Assert.AreEqual("0.0 kWh", Read(client, EkmFieldId.Rev_kWh_Rst));

            Assert.IsTrue(Write(client, four, b, EkmCommands.ScheduleTariffs(2, new int[] { 0, 7 }, new int[] { 0, 30 }, new int[] { 1, 2 }, b, 0)) == EkmStatus.Ok);
            Assert.IsTrue(Write(client, four, b, EkmCommands.ScheduleTariffs(6, new int[] { 22 }, new int[] { 15 }, new int[] { 4 }, b, 0)) == EkmStatus.Ok);
            Assert.IsTrue(Write(client, four, b, EkmCommands.HolidayDates(new int[] { 12, 1 }, new int[] { 25, 1 }, b, 0)) == EkmStatus.Ok);
            Assert.IsTrue(Write(client, four, b, EkmCommands.WeekendHolidaySchedules(7, 8, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual(17, v4.AppliedWrites);
            Assert.AreEqual(1, v3.AppliedWrites);

            EkmMeterSettings settings = new EkmMeterSettings();
            Assert.IsTrue(client.ReadSettings(V4Address(), four, settings) == EkmStatus.Ok);
            Assert.AreEqual(7, settings.TariffHour[1 * 4 + 1]);
            Assert.AreEqual(30, settings.TariffMinute[1 * 4 + 1]);
            Assert.AreEqual(2, settings.TariffRate[1 * 4 + 1]);
            Assert.AreEqual(22, settings.TariffHour[5 * 4]);
            Assert.AreEqual(4, settings.TariffRate[5 * 4]);
            Assert.AreEqual(0, settings.TariffRate[5 * 4 + 1]);
            Assert.AreEqual(12, settings.HolidayMonth[0]);
            Assert.AreEqual(25, settings.HolidayDay[0]);
            Assert.AreEqual(1, settings.HolidayDay[1]);
            Assert.AreEqual(0, settings.HolidayMonth[2]);
            Assert.AreEqual(7, settings.WeekendSchedule);
            Assert.AreEqual(8, settings.HolidaySchedule);
            Assert.AreEqual(-1, settings.MonthExponent);
            Assert.AreEqual(10000L, settings.MonthForward[0]);
            Assert.AreEqual(12900L, settings.MonthForward[29]);
            Assert.AreEqual(79L, settings.MonthReverse[29]);

            // The password is changed last: the old one is refused from then on.
            Assert.IsTrue(Write(client, four, b, EkmCommands.MeterPassword("12345678", b, 0)) == EkmStatus.Ok);
            Assert.AreEqual("12345678", v4.Password);
            Assert.IsTrue(Write(client, four, b, EkmCommands.CtRatio(100, b, 0)) == EkmStatus.PasswordRefused);
            Assert.IsTrue(client.Write(V4Address(), four, "12345678", b, 0, EkmCommands.CtRatio(100, b, 0)) == EkmStatus.Ok);
            Assert.AreEqual(100L, v4.Get(EkmFieldId.CT_Ratio));
        }

        [TestMethod]
        public void RefusedCommandsChangeNothing()
        {
            EkmMeterSimulator v4, v3;
            EkmClient client = EkmTestKit.Bus(out v4, out v3);
            byte[] b = new byte[EkmRequests.MaxCommandLength];
            Assert.IsTrue(client.Write(V4Address(), EkmMeterVersion.V4, "11111111", b, 0, EkmCommands.CtRatio(400, b, 0)) == EkmStatus.PasswordRefused);
            Assert.AreEqual(200L, v4.Get(EkmFieldId.CT_Ratio));
            // v4-only settings on a v3 meter.
            Assert.IsTrue(Write(client, EkmMeterVersion.V3, b, EkmCommands.Relay(1, true, 0, b, 0)) == EkmStatus.Refused);
            Assert.IsTrue(Write(client, EkmMeterVersion.V3, b, EkmCommands.ZeroResettableKwh(b, 0)) == EkmStatus.Refused);
            // A value the meter refuses, sent past the validation: CT ratio 0150 with a correct CRC.
            int n = EkmCommands.CtRatio(100, b, 0);
            b[10] = (byte)'5'; b[11] = (byte)'0';
            EkmCrc.Append(b, 1, n - 3);
            Assert.IsTrue(Write(client, EkmMeterVersion.V4, b, n) == EkmStatus.Refused);
            Assert.AreEqual(200L, v4.Get(EkmFieldId.CT_Ratio));
            // A command to a meter that is not on the bus is never answered.
            Assert.IsTrue(client.Write(EkmRequests.Address("5"), EkmMeterVersion.V4, "00000000", b, 0, EkmCommands.CtRatio(400, b, 0)) == EkmStatus.NoReply);
            Assert.AreEqual(0, v4.AppliedWrites);
            Assert.AreEqual(0, v3.AppliedWrites);
        }

        [TestMethod]
        public void DamagedAndShortRepliesAreReported()
        {
            EkmBusSimulator bus = new EkmBusSimulator(1);
            EkmMeterSimulator meter = new EkmMeterSimulator(EkmMeterVersion.V4, "300001162");
            bus.Add(meter);
            DamagingLink link = new DamagingLink(new EkmLoopbackLink(bus));
            EkmClient client = new EkmClient(link);
            ReadingSet set = new ReadingSet();

            link.FlipAt = 100;
            Assert.IsTrue(client.Read(V4Address(), EkmMeterVersion.V4, set) == EkmStatus.Crc);
            Assert.AreEqual(EkmReplyDecoder.CrcText, client.Decoder.ErrorText);
            Assert.AreEqual(0, set.ReadingCount);

            link.FlipAt = -1;
            link.StopAfter = 120;
            Assert.IsTrue(client.Read(V4Address(), EkmMeterVersion.V4, set) == EkmStatus.Incomplete);

            link.StopAfter = -1;
            Assert.IsTrue(client.Read(V4Address(), EkmMeterVersion.V4, set) == EkmStatus.Ok);
            Assert.AreEqual("12345.6 kWh", EkmTestKit.Value(set, "1-0:1.8.0"));
        }

        /// <summary>A link that flips one byte of every reply or cuts replies short.</summary>
        private sealed class DamagingLink : IMeterLink
        {
            private readonly IMeterLink _inner;
            private int _position;
            public int FlipAt = -1;
            public int StopAfter = -1;

            public DamagingLink(IMeterLink inner) { _inner = inner; }
            public void Open(int baudRate, LinkParity parity, int dataBits) { _inner.Open(baudRate, parity, dataBits); }
            public void Close() { _inner.Close(); }
            public void Configure(int baudRate, LinkParity parity, int dataBits) { _inner.Configure(baudRate, parity, dataBits); }
            public void SetDataRequest(bool active) { }

            public void Write(byte[] buffer, int offset, int count)
            {
                _position = 0;
                _inner.Write(buffer, offset, count);
            }

            public int Read(byte[] buffer, int offset, int count, int timeoutMs)
            {
                if (StopAfter >= 0 && count > StopAfter - _position) count = StopAfter - _position;
                if (count <= 0) return 0;
                int n = _inner.Read(buffer, offset, count, timeoutMs);
                if (FlipAt >= _position && FlipAt < _position + n) buffer[offset + FlipAt - _position] ^= 0x01;
                _position += n;
                return n;
            }
        }
    }
}
