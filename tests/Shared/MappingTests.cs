using nanoFramework.TestFramework;
using MeterGateway.Config;
using MeterGateway.Mapping;
using MeterGateway.Readings;
using MeterGateway.Vscp;

namespace MeterGateway.Tests.Shared
{
    /// <summary>OBIS → quantity mapping, exact unit scaling, unit checks and the tariff total.</summary>
    [TestClass]
    public class MappingTests
    {
        [TestMethod]
        public void TableHasEveryRowAndTheSeedDefaults()
        {
            Assert.AreEqual(0, Quantities.Find("sum_active_energy_out"));
            Assert.AreEqual(25, Quantities.Find("current_l3"));
            Assert.AreEqual(42, Quantities.Find("mbus4_heat"));
            Assert.AreEqual(-1, Quantities.Find("nonsense"));
            for (int q = 0; q < Quantities.Count; q++)
            {
                Assert.IsNotNull(Quantities.Name(q));
                Assert.AreEqual(q, Quantities.Find(Quantities.Name(q)));
            }
            // codes to rows, through the mapper with every quantity switched on
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:42.7.0", "0.5", "kW");
            TestReadings.Add(set, "1-0:63.7.0", "0.5", "kvar");
            TestReadings.Add(set, "1-0:52.7.0", "230", "V");
            TestReadings.Add(set, "1-0:71.7.0", "5", "A");
            TestReadings.Add(set, "1-0:33.7.0", "0.998", "");
            TestReadings.Add(set, "0-2:24.2.3", "00112.384", "m3");
            TestReadings.Add(set, "1-0:1.8.0*01", "1234.5", "kWh");
            string[] rows = { "momentan_active_effect_l2_in", "momentan_reactive_effect_l3_out", "voltage_l2", "current_l3", "power_factor_l1", "mbus2_volume" };
            QuantityMapper mapper = new QuantityMapper(new GatewayConfig().Messages.Send);
            for (int r = 0; r < rows.Length; r++)
            {
                Assert.AreEqual(MapResult.Mapped, mapper.Map(set, r));
                Assert.AreEqual(Quantities.Find(rows[r]), mapper.Quantity);
            }
            Assert.AreEqual(MapResult.NotMapped, mapper.Map(set, rows.Length));
            // the mapper indexes the table's codes and rows with bytes
            Assert.IsTrue(Quantities.Count + Quantities.OtherCodeCount <= 255);
            Assert.AreEqual("Voltage L3", Quantities.DefaultNote(Quantities.Find("voltage_l3")));
            Assert.AreEqual(21, Quantities.DefaultSensorIndex(Quantities.Find("voltage_l1")));
        }

        [TestMethod]
        public void RowsKeepTheirCodesRulesSwitchesAndOtherCodes()
        {
            // the switches of constants give each row its code, unit rule and send switch
            Assert.AreEqual(Obis.FromText("1-0:1.8.0"), Quantities.Code(0));
            Assert.AreEqual(Obis.FromText("1-0:72.7.0"), Quantities.Code(22));
            Assert.AreEqual(Obis.FromText("0-3:24.2.1"), Quantities.Code(Quantities.Find("mbus3_heat")));
            Assert.AreEqual(Obis.FromText("1-0:62.8.0"), Quantities.Code(75));
            Assert.AreEqual((int)UnitRule.ActiveEnergy, (int)Quantities.Rule[0]);
            Assert.AreEqual((int)UnitRule.Voltage, (int)Quantities.Rule[22]);
            Assert.AreEqual((int)UnitRule.Heat, (int)Quantities.Rule[41]);
            Assert.AreEqual((int)UnitRule.ActiveEnergy, (int)Quantities.Rule[75]);
            Assert.AreEqual((int)SendGroup.Energy, (int)Quantities.Group(0));
            Assert.AreEqual((int)SendGroup.Voltage, (int)Quantities.Group(22));
            Assert.AreEqual((int)SendGroup.Demand, (int)Quantities.Group(Quantities.Find("max_demand_active_effect_out")));
            Assert.AreEqual((int)SendGroup.PhaseEnergy, (int)Quantities.Group(75));
            Assert.AreEqual("sum_active_energy_l3_in", Quantities.Name(75));
            // the M-Bus volumes' Belgian and DSMR 2.2/3 codes, in row order
            Assert.AreEqual(Obis.FromText("0-1:24.2.3"), Quantities.OtherCode(0));
            Assert.AreEqual(Obis.FromText("0-1:24.3.0"), Quantities.OtherCode(1));
            Assert.AreEqual(Obis.FromText("0-4:24.3.0"), Quantities.OtherCode(7));
            Assert.AreEqual(Quantities.Find("mbus1_volume"), Quantities.OtherCodeRow(1));
            Assert.AreEqual(Quantities.Find("mbus4_volume"), Quantities.OtherCodeRow(6));
        }

        [TestMethod]
        public void TypesFollowTheUnitRulesAndEveryRowHasItsNote()
        {
            // VSCP class 10 types (class1.measurement.md): the unit rule decides them, heat is energy
            Assert.AreEqual(13, Quantities.TypeOf(Quantities.Find("sum_active_energy_out")));
            Assert.AreEqual(65, Quantities.TypeOf(Quantities.Find("tariff1_reactive_energy_in")));
            Assert.AreEqual(14, Quantities.TypeOf(Quantities.Find("momentan_active_effect_l3_net")));
            Assert.AreEqual(64, Quantities.TypeOf(Quantities.Find("momentan_reactive_effect_q4")));
            Assert.AreEqual(16, Quantities.TypeOf(Quantities.Find("voltage_l3")));
            Assert.AreEqual(5, Quantities.TypeOf(Quantities.Find("current_l1")));
            Assert.AreEqual(63, Quantities.TypeOf(Quantities.Find("power_factor")));
            Assert.AreEqual(9, Quantities.TypeOf(Quantities.Find("frequency")));
            Assert.AreEqual(28, Quantities.TypeOf(Quantities.Find("mbus4_volume")));
            Assert.AreEqual(13, Quantities.TypeOf(Quantities.Find("mbus1_heat")));
            // the reference script's first and last notes, and this project's last row
            Assert.AreEqual("Meter reading active energy out", Quantities.DefaultNote(0));
            Assert.AreEqual("Current L3", Quantities.DefaultNote(Quantities.SeedCount - 1));
            Assert.AreEqual("Meter reading active energy L3 in", Quantities.DefaultNote(Quantities.Count - 1));
            for (int q = 0; q < Quantities.Count; q++) Assert.IsTrue(Quantities.DefaultNote(q).Length > 0);
            Assert.ThrowsException(typeof(System.ArgumentOutOfRangeException), () => Quantities.DefaultNote(Quantities.Count));
        }

        [TestMethod]
        public void PowerIsScaledToWattExactly()
        {
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:1.7.0", "02.027", "kW");
            TestReadings.Add(set, "1-0:2.7.0", "00.170", "kW");
            TestReadings.Add(set, "1-0:21.7.0", "0000.976", "kW");
            TestReadings.Add(set, "1-0:22.7.0", "1234", "W");
            QuantityMapper mapper = new QuantityMapper(new GatewayConfig().Messages.Send);
            AssertMapped(mapper, set, 0, "momentan_active_effect_out", "2027", 0);
            AssertMapped(mapper, set, 1, "momentan_active_effect_in", "170", 0);
            AssertMapped(mapper, set, 2, "momentan_active_effect_l1_out", "976", 0);
            AssertMapped(mapper, set, 3, "momentan_active_effect_l1_in", "1234", 0);
        }

        [TestMethod]
        public void EnergyAndOtherUnitsAreScaledExactly()
        {
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:1.8.0", "001234.567", "kWh");
            TestReadings.Add(set, "1-0:2.8.0", "1234567", "Wh");
            TestReadings.Add(set, "1-0:3.8.0", "1203621", "varh");
            TestReadings.Add(set, "1-0:3.7.0", "0001.625", "kvar");
            TestReadings.Add(set, "1-0:32.7.0", "233.6", "V");
            TestReadings.Add(set, "1-0:31.7.0", "500", "mA");
            TestReadings.Add(set, "1-0:14.7.0", "49.98", "Hz");
            TestReadings.Add(set, "1-0:13.7.0", "0.998", "");
            QuantityMapper mapper = new QuantityMapper(new GatewayConfig().Messages.Send);
            AssertMapped(mapper, set, 0, "sum_active_energy_out", "1234.567", 1);
            AssertMapped(mapper, set, 1, "sum_active_energy_in", "1234.567", 1);
            AssertMapped(mapper, set, 2, "sum_reactive_energy_out", "1203.621", 0);
            AssertMapped(mapper, set, 3, "momentan_reactive_effect_out", "1625", 0);
            AssertMapped(mapper, set, 4, "voltage_l1", "233.6", 0);
            AssertMapped(mapper, set, 5, "current_l1", "0.500", 0);
            AssertMapped(mapper, set, 6, "frequency", "49.98", 0);
            AssertMapped(mapper, set, 7, "power_factor", "0.998", 0);
        }

        [TestMethod]
        public void MbusVolumeAndHeatAreToldApartByUnit()
        {
            ReadingSet set = new ReadingSet();
            long t = UnixTime.FromCivil(2017, 1, 2, 18, 20, 2);
            TestReadings.AddCaptured(set, "0-1:24.2.1", t, "170102192002W", "00473.789", "m3");
            TestReadings.AddCaptured(set, "0-2:24.2.1", t, "260215200523W", "240.860", "GJ");
            TestReadings.AddCaptured(set, "0-3:24.2.3", t, "200512134558S", "00112.384", "m3");
            TestReadings.AddCaptured(set, "0-4:24.2.1", ReadingSet.NoTime, "632525252525S", "00000.000", "");
            QuantityMapper mapper = new QuantityMapper(new GatewayConfig().Messages.Send);
            AssertMapped(mapper, set, 0, "mbus1_volume", "473.789", 0);
            Assert.AreEqual(t, mapper.Time);
            Assert.AreEqual(VscpType.Volume, Quantities.TypeOf(mapper.Quantity));
            AssertMapped(mapper, set, 1, "mbus2_heat", "240860000000", 0);
            Assert.AreEqual(VscpType.Energy, Quantities.TypeOf(mapper.Quantity));
            AssertMapped(mapper, set, 2, "mbus3_volume", "112.384", 0);
            // the empty slot's placeholder has no unit: not published as a volume nor as heat
            Assert.AreEqual((int)MapResult.UnitMismatch, (int)mapper.Map(set, 3));
        }

        [TestMethod]
        public void WrongOrMissingUnitsAreNotPublished()
        {
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:1.7.0", "1.000", "kWh");
            TestReadings.Add(set, "1-0:3.7.0", "00.000", "");
            TestReadings.Add(set, "1-0:32.7.0", "230", "furlong");
            TestReadings.AddText(set, "1-0:1.8.0", "garbage");
            TestReadings.Add(set, "0-0:96.7.21", "00004", "");
            QuantityMapper mapper = new QuantityMapper(new GatewayConfig().Messages.Send);
            Assert.AreEqual((int)MapResult.UnitMismatch, (int)mapper.Map(set, 0));
            Assert.AreEqual((int)MapResult.UnitMismatch, (int)mapper.Map(set, 1));
            Assert.AreEqual((int)MapResult.UnitMismatch, (int)mapper.Map(set, 2));
            Assert.AreEqual((int)MapResult.NotNumber, (int)mapper.Map(set, 3));
            Assert.AreEqual((int)MapResult.NotMapped, (int)mapper.Map(set, 4));
        }

        [TestMethod]
        public void SendSwitchesTurnQuantitiesOff()
        {
            GatewayConfig config = new GatewayConfig();
            config.Set("GENERAL", "send_voltage", "false");
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:32.7.0", "233.6", "V");
            QuantityMapper mapper = new QuantityMapper(config.Messages.Send);
            Assert.AreEqual((int)MapResult.NotMapped, (int)mapper.Map(set, 0));
        }

        [TestMethod]
        public void TariffRegistersMakeTheTotalExactly()
        {
            ReadingSet set = new ReadingSet();
            TestReadings.AddText(set, "0-0:96.1.1", "4B384547303034303436333935353037");
            TestReadings.Add(set, "1-0:1.8.1", "000671.578", "kWh");
            TestReadings.Add(set, "1-0:1.8.2", "000842.472", "kWh");
            TestReadings.Add(set, "1-0:2.8.1", "000123.45", "kWh");
            TestReadings.Add(set, "1-0:2.8.2", "1000", "Wh");
            QuantityMapper mapper = new QuantityMapper(new GatewayConfig().Messages.Send);
            mapper.FindTariffTotals(set);
            Assert.AreEqual(1, mapper.TariffTotal(1));
            Assert.AreEqual(Quantities.SumActiveEnergyOut, mapper.Quantity);
            Assert.AreEqual("1514.050", FixedPoint.ToText(mapper.Mantissa, mapper.Exponent));
            Assert.AreEqual(1, mapper.Unit);
            Assert.AreEqual(3, mapper.TariffTotal(2));
            Assert.AreEqual(Quantities.SumActiveEnergyIn, mapper.Quantity);
            Assert.AreEqual("124.450", FixedPoint.ToText(mapper.Mantissa, mapper.Exponent));
        }

        [TestMethod]
        public void NoTariffTotalWhenTheMeterSendsOneOrARegisterIsBad()
        {
            ReadingSet set = new ReadingSet();
            TestReadings.Add(set, "1-0:1.8.0", "00004788.631", "kWh");
            TestReadings.Add(set, "1-0:1.8.1", "000671.578", "kWh");
            TestReadings.Add(set, "1-0:2.8.1", "000671.578", "kWh");
            TestReadings.Add(set, "1-0:2.8.2", "000842.472", "kvarh");
            QuantityMapper mapper = new QuantityMapper(new GatewayConfig().Messages.Send);
            mapper.FindTariffTotals(set);
            Assert.AreEqual(-1, mapper.TariffTotal(1));
            Assert.AreEqual(-1, mapper.TariffTotal(2));
            GatewayConfig noEnergy = new GatewayConfig();
            noEnergy.Set("general", "SEND_ENERGY", "no");
            ReadingSet tariffs = new ReadingSet();
            TestReadings.Add(tariffs, "1-0:1.8.1", "000671.578", "kWh");
            QuantityMapper noEnergyMapper = new QuantityMapper(noEnergy.Messages.Send);
            noEnergyMapper.FindTariffTotals(tariffs);
            Assert.AreEqual(-1, noEnergyMapper.TariffTotal(1));
        }

        private static void AssertMapped(QuantityMapper mapper, ReadingSet set, int r, string quantity, string digits, int unit)
        {
            Assert.AreEqual((int)MapResult.Mapped, (int)mapper.Map(set, r), quantity);
            Assert.AreEqual(Quantities.Find(quantity), mapper.Quantity, quantity);
            Assert.AreEqual(digits, FixedPoint.ToText(mapper.Mantissa, mapper.Exponent), quantity);
            Assert.AreEqual(unit, mapper.Unit, quantity);
        }
    }
}
