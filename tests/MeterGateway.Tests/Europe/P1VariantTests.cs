using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MeterGateway.Config;
using MeterGateway.Readings;
using MeterGateway.Host.Cli;
using Xunit;

namespace MeterGateway.Tests.Europe;

/// <summary>
/// Each country variant's captures through <c>dry-run</c> (decoder → reading set → message builder → the exact MQTT
/// messages <c>run</c> publishes): the quantities listed here, and only these, are published, with the listed VSCP type,
/// unit, digits and time. Independently of that list, every published value is checked against the telegram's own line:
/// the meter's number and unit text, converted with a unit table written here (kW → W × 1000, Wh → kWh ÷ 1000, GJ → J,
/// …), must equal the published value, and the unit text must give the published VSCP type and unit. So no value is
/// published with a wrong type or unit.
/// </summary>
public class P1VariantTests
{
    // unit text → VSCP type, VSCP unit, decimal shift from the meter's number to the published one
    private static readonly Dictionary<string, (int Type, int Unit, int Shift)> UnitTable = new()
    {
        ["kWh"] = (13, 1, 0), ["Wh"] = (13, 1, -3), ["GJ"] = (13, 0, 9),
        ["kW"] = (14, 0, 3), ["W"] = (14, 0, 0),
        ["kvarh"] = (65, 0, 0), ["varh"] = (65, 0, -3),
        ["kvar"] = (64, 0, 3), ["var"] = (64, 0, 0),
        ["V"] = (16, 0, 0), ["A"] = (5, 0, 0), ["Hz"] = (9, 0, 0), ["m3"] = (28, 0, 0),
        [""] = (63, 0, 0), // a number without unit on a power factor line (Hungary)
    };

    /// <summary>
    /// One expected message: the OBIS line it comes from ("" for the derived tariff total, or a value not on its own line),
    /// note, VSCP type, unit, digits, vscpDateTime ("F" = the frame's; "?" = the gateway's clock, unchecked).
    /// </summary>
    public sealed record Expected(string Obis, string Note, int Type, int Unit, string Digits, string Time = "F");

    // Belgium, e-MUCS 1.7.1 (Fluvius): 0-0:1.0.0(200512135409S) = 2020-05-12 13:54:09 Europe/Brussels = 11:54:09Z.
    private static readonly Expected[] Fluvius =
    {
        new("", "Meter reading active energy out", 13, 1, "15.792"), // no 1.8.0: 0.034 + 15.758
        new("1-0:1.8.1", "Meter reading active energy out tariff 1", 13, 1, "0.034"),
        new("1-0:1.8.2", "Meter reading active energy out tariff 2", 13, 1, "15.758"),
        new("", "Meter reading active energy in", 13, 1, "0.011"),
        new("1-0:2.8.1", "Meter reading active energy in tariff 1", 13, 1, "0.000"),
        new("1-0:2.8.2", "Meter reading active energy in tariff 2", 13, 1, "0.011"),
        new("1-0:1.4.0", "Average demand out", 14, 0, "2351"),
        new("1-0:1.6.0", "Maximum demand out this month", 14, 0, "2589", "2020-05-09T11:45:58Z"), // 200509134558S
        new("1-0:1.7.0", "Active effect out", 14, 0, "0"),
        new("1-0:2.7.0", "Active effect in", 14, 0, "0"),
        new("1-0:21.7.0", "Active effect L1 out", 14, 0, "0"),
        new("1-0:41.7.0", "Active effect L2 out", 14, 0, "0"),
        new("1-0:61.7.0", "Active effect L3 out", 14, 0, "0"),
        new("1-0:22.7.0", "Active effect L1 in", 14, 0, "0"),
        new("1-0:42.7.0", "Active effect L2 in", 14, 0, "0"),
        new("1-0:62.7.0", "Active effect L3 in", 14, 0, "0"),
        new("1-0:32.7.0", "Voltage L1", 16, 0, "234.7"),
        new("1-0:52.7.0", "Voltage L2", 16, 0, "234.7"),
        new("1-0:72.7.0", "Voltage L3", 16, 0, "234.7"),
        new("1-0:31.7.0", "Current L1", 5, 0, "0.00"),
        new("1-0:51.7.0", "Current L2", 5, 0, "0.00"),
        new("1-0:71.7.0", "Current L3", 5, 0, "0.00"),
        new("0-1:24.2.3", "Gas/water volume M-Bus 1", 28, 0, "112.384", "2020-05-12T11:45:58Z"), // gas on 24.2.3
        new("0-2:24.2.1", "Gas/water volume M-Bus 2", 28, 0, "872.234", "2020-05-12T11:45:58Z"), // water (device type 7)
    };

    // Belgium, second capture: winter time (231102121548W = 11:15:48Z); the history holds the placeholder 632525252525W.
    private static readonly Expected[] FluviusAlt =
    {
        new("", "Meter reading active energy out", 13, 1, "571.562"),
        new("1-0:1.8.1", "Meter reading active energy out tariff 1", 13, 1, "301.548"),
        new("1-0:1.8.2", "Meter reading active energy out tariff 2", 13, 1, "270.014"),
        new("", "Meter reading active energy in", 13, 1, "0.005"),
        new("1-0:2.8.1", "Meter reading active energy in tariff 1", 13, 1, "0.005"),
        new("1-0:2.8.2", "Meter reading active energy in tariff 2", 13, 1, "0.000"),
        new("1-0:1.4.0", "Average demand out", 14, 0, "52"),
        new("1-0:1.6.0", "Maximum demand out this month", 14, 0, "3064", "2023-11-02T10:45:00Z"),
        new("1-0:1.7.0", "Active effect out", 14, 0, "338"),
        new("1-0:2.7.0", "Active effect in", 14, 0, "0"),
        new("1-0:21.7.0", "Active effect L1 out", 14, 0, "47"),
        new("1-0:41.7.0", "Active effect L2 out", 14, 0, "179"),
        new("1-0:61.7.0", "Active effect L3 out", 14, 0, "111"),
        new("1-0:22.7.0", "Active effect L1 in", 14, 0, "0"),
        new("1-0:42.7.0", "Active effect L2 in", 14, 0, "0"),
        new("1-0:62.7.0", "Active effect L3 in", 14, 0, "0"),
        new("1-0:32.7.0", "Voltage L1", 16, 0, "232.9"),
        new("1-0:52.7.0", "Voltage L2", 16, 0, "228.1"),
        new("1-0:72.7.0", "Voltage L3", 16, 0, "228.1"),
        new("1-0:31.7.0", "Current L1", 5, 0, "0.27"),
        new("1-0:51.7.0", "Current L2", 5, 0, "0.88"),
        new("1-0:71.7.0", "Current L3", 5, 0, "0.52"),
        new("0-1:24.2.3", "Gas/water volume M-Bus 1", 28, 0, "92.287", "2023-11-02T11:10:02Z"),
        new("0-2:24.2.1", "Gas/water volume M-Bus 2", 28, 0, "8.579", "2023-11-02T11:15:32Z"),
    };

    // Belgium, early Fluvius firmware: units without '*' (000123.456kWh); 191128000000W = 2019-11-27T23:00:00Z.
    private static readonly Expected[] FluviusEarly =
    {
        new("", "Meter reading active energy out", 13, 1, "358.023"),
        new("1-0:1.8.1", "Meter reading active energy out tariff 1", 13, 1, "123.456"),
        new("1-0:1.8.2", "Meter reading active energy out tariff 2", 13, 1, "234.567"),
        new("", "Meter reading active energy in", 13, 1, "802.467"),
        new("1-0:2.8.1", "Meter reading active energy in tariff 1", 13, 1, "345.678"),
        new("1-0:2.8.2", "Meter reading active energy in tariff 2", 13, 1, "456.789"),
        new("1-0:1.7.0", "Active effect out", 14, 0, "1234"),
        new("1-0:2.7.0", "Active effect in", 14, 0, "0"),
        new("1-0:32.7.0", "Voltage L1", 16, 0, "234.5"),
        new("1-0:31.7.0", "Current L1", 5, 0, "5"),
        new("0-1:24.2.3", "Gas/water volume M-Bus 1", 28, 0, "99.999"),
    };

    // Sweden, Landis+Gyr E360: totals 1.8.0…4.8.0, per-phase reactive power, kvar/kvarh. With timestamp_dst = flag,
    // 210407111627W is Swedish normal time (UTC+1): 10:16:27Z.
    private static readonly Expected[] Sweden =
    {
        new("1-0:1.8.0", "Meter reading active energy out", 13, 1, "4788.631"),
        new("1-0:2.8.0", "Meter reading active energy in", 13, 1, "0.000"),
        new("1-0:3.8.0", "Meter reading reactive energy out", 65, 0, "1203.621"),
        new("1-0:4.8.0", "Meter reading reactive energy in", 65, 0, "150.940"),
        new("1-0:1.7.0", "Active effect out", 14, 0, "4905"),
        new("1-0:2.7.0", "Active effect in", 14, 0, "0"),
        new("1-0:3.7.0", "Reactive effect out", 64, 0, "1625"),
        new("1-0:4.7.0", "Reactive effect in", 64, 0, "0"),
        new("1-0:21.7.0", "Active effect L1 out", 14, 0, "976"),
        new("1-0:41.7.0", "Active effect L2 out", 14, 0, "1882"),
        new("1-0:61.7.0", "Active effect L3 out", 14, 0, "2045"),
        new("1-0:22.7.0", "Active effect L1 in", 14, 0, "0"),
        new("1-0:42.7.0", "Active effect L2 in", 14, 0, "0"),
        new("1-0:62.7.0", "Active effect L3 in", 14, 0, "0"),
        new("1-0:23.7.0", "Reactive effect L1 out", 64, 0, "574"),
        new("1-0:43.7.0", "Reactive effect L2 out", 64, 0, "553"),
        new("1-0:63.7.0", "Reactive effect L3 out", 64, 0, "498"),
        new("1-0:24.7.0", "Reactive effect L1 in", 64, 0, "0"),
        new("1-0:44.7.0", "Reactive effect L2 in", 64, 0, "0"),
        new("1-0:64.7.0", "Reactive effect L3 in", 64, 0, "0"),
        new("1-0:32.7.0", "Voltage L1", 16, 0, "233.6"),
        new("1-0:52.7.0", "Voltage L2", 16, 0, "234.7"),
        new("1-0:72.7.0", "Voltage L3", 16, 0, "233.7"),
        new("1-0:31.7.0", "Current L1", 5, 0, "4.8"),
        new("1-0:51.7.0", "Current L2", 5, 0, "8.3"),
        new("1-0:71.7.0", "Current L3", 5, 0, "9.0"),
    };

    // Hungary, E.ON (Sagemcom): tariffs 1-4, reactive per quadrant, 15.8.0, unit-less power factors, Hz. 230724150730S = 13:07:30Z.
    private static readonly Expected[] Hungary =
    {
        new("1-0:1.8.0", "Meter reading active energy out", 13, 1, "173.640"),
        new("1-0:1.8.1", "Meter reading active energy out tariff 1", 13, 1, "47.719"),
        new("1-0:1.8.2", "Meter reading active energy out tariff 2", 13, 1, "125.921"),
        new("1-0:1.8.3", "Meter reading active energy out tariff 3", 13, 1, "0.000"),
        new("1-0:1.8.4", "Meter reading active energy out tariff 4", 13, 1, "0.000"),
        new("1-0:2.8.0", "Meter reading active energy in", 13, 1, "627.177"),
        new("1-0:2.8.1", "Meter reading active energy in tariff 1", 13, 1, "401.829"),
        new("1-0:2.8.2", "Meter reading active energy in tariff 2", 13, 1, "225.348"),
        new("1-0:2.8.3", "Meter reading active energy in tariff 3", 13, 1, "0.000"),
        new("1-0:2.8.4", "Meter reading active energy in tariff 4", 13, 1, "0.000"),
        new("1-0:3.8.0", "Meter reading reactive energy out", 65, 0, "0.123"),
        new("1-0:4.8.0", "Meter reading reactive energy in", 65, 0, "303.131"),
        new("1-0:5.8.0", "Meter reading reactive energy Q1", 65, 0, "0.668"),
        new("1-0:6.8.0", "Meter reading reactive energy Q2", 65, 0, "0.071"),
        new("1-0:7.8.0", "Meter reading reactive energy Q3", 65, 0, "160.487"),
        new("1-0:8.8.0", "Meter reading reactive energy Q4", 65, 0, "143.346"),
        new("1-0:15.8.0", "Meter reading active energy absolute", 13, 1, "800.817"),
        new("1-0:32.7.0", "Voltage L1", 16, 0, "240.4"),
        new("1-0:52.7.0", "Voltage L2", 16, 0, "239.1"),
        new("1-0:72.7.0", "Voltage L3", 16, 0, "241.2"),
        new("1-0:31.7.0", "Current L1", 5, 0, "3"),
        new("1-0:51.7.0", "Current L2", 5, 0, "4"),
        new("1-0:71.7.0", "Current L3", 5, 0, "3"),
        new("1-0:13.7.0", "Power factor", 63, 0, "4.556"),
        new("1-0:33.7.0", "Power factor L1", 63, 0, "4.591"),
        new("1-0:53.7.0", "Power factor L2", 63, 0, "4.542"),
        new("1-0:73.7.0", "Power factor L3", 63, 0, "4.552"),
        new("1-0:14.7.0", "Frequency", 9, 0, "50.00"),
        new("1-0:1.7.0", "Active effect out", 14, 0, "0"),
        new("1-0:2.7.0", "Active effect in", 14, 0, "2601"),
        new("1-0:5.7.0", "Reactive effect Q1", 64, 0, "0"),
        new("1-0:6.7.0", "Reactive effect Q2", 64, 0, "0"),
        new("1-0:7.7.0", "Reactive effect Q3", 64, 0, "504"),
        new("1-0:8.7.0", "Reactive effect Q4", 64, 0, "0"),
    };

    // Ireland, Iskra: tariff registers only, per-phase power. 230202132747S: 12:27:47Z (2 February is winter: the S flag is ignored).
    private static readonly Expected[] Ireland =
    {
        new("", "Meter reading active energy out", 13, 1, "20.363"),
        new("1-0:1.8.1", "Meter reading active energy out tariff 1", 13, 1, "10.181"),
        new("1-0:1.8.2", "Meter reading active energy out tariff 2", 13, 1, "10.182"),
        new("", "Meter reading active energy in", 13, 1, "20.563"),
        new("1-0:2.8.1", "Meter reading active energy in tariff 1", 13, 1, "10.281"),
        new("1-0:2.8.2", "Meter reading active energy in tariff 2", 13, 1, "10.282"),
        new("1-0:1.7.0", "Active effect out", 14, 0, "170"),
        new("1-0:2.7.0", "Active effect in", 14, 0, "270"),
        new("1-0:21.7.0", "Active effect L1 out", 14, 0, "217"),
        new("1-0:41.7.0", "Active effect L2 out", 14, 0, "417"),
        new("1-0:61.7.0", "Active effect L3 out", 14, 0, "617"),
        new("1-0:22.7.0", "Active effect L1 in", 14, 0, "227"),
        new("1-0:42.7.0", "Active effect L2 in", 14, 0, "427"),
        new("1-0:62.7.0", "Active effect L3 in", 14, 0, "627"),
        new("1-0:32.7.0", "Voltage L1", 16, 0, "242.5"),
        new("1-0:52.7.0", "Voltage L2", 16, 0, "241.7"),
        new("1-0:72.7.0", "Voltage L3", 16, 0, "243.3"),
        new("1-0:31.7.0", "Current L1", 5, 0, "0"),
        new("1-0:51.7.0", "Current L2", 5, 0, "0"),
        new("1-0:71.7.0", "Current L3", 5, 0, "0"),
    };

    // Austria, Sagemcom T210-D-r: integer Wh, varh, W and var. 221006155014S = 13:50:14Z.
    private static readonly Expected[] Austria =
    {
        new("1-0:1.8.0", "Meter reading active energy out", 13, 1, "6545.766"),
        new("1-0:1.8.1", "Meter reading active energy out tariff 1", 13, 1, "5017.120"),
        new("1-0:1.8.2", "Meter reading active energy out tariff 2", 13, 1, "1528.646"),
        new("1-0:1.7.0", "Active effect out", 14, 0, "286"),
        new("1-0:2.8.0", "Meter reading active energy in", 13, 1, "0.058"),
        new("1-0:2.8.1", "Meter reading active energy in tariff 1", 13, 1, "0.000"),
        new("1-0:2.8.2", "Meter reading active energy in tariff 2", 13, 1, "0.058"),
        new("1-0:2.7.0", "Active effect in", 14, 0, "0"),
        new("1-0:3.8.0", "Meter reading reactive energy out", 65, 0, "0.747"),
        new("1-0:3.8.1", "Meter reading reactive energy out tariff 1", 65, 0, "0.000"),
        new("1-0:3.8.2", "Meter reading reactive energy out tariff 2", 65, 0, "0.747"),
        new("1-0:3.7.0", "Reactive effect out", 64, 0, "0"),
        new("1-0:4.8.0", "Meter reading reactive energy in", 65, 0, "3897.726"),
        new("1-0:4.8.1", "Meter reading reactive energy in tariff 1", 65, 0, "2692.848"),
        new("1-0:4.8.2", "Meter reading reactive energy in tariff 2", 65, 0, "1204.878"),
        new("1-0:4.7.0", "Reactive effect in", 64, 0, "166"),
    };

    // District heating (Warmtelink, heat in GJ on M-Bus channel 1, device type 4): 240.860 GJ = 240860000000 J.
    private static readonly Expected[] Heat =
    {
        new("0-1:24.2.1", "Heat M-Bus 1", 13, 0, "240860000000", "2026-02-15T19:05:23Z"),
    };

    // DSMR 2.2 (9600 7E1, no CRC, no 0-0:1.0.0): gas on 0-1:24.3.0 with its value on the next line; no meter time is
    // known (the gas capture time has no S/W flag), so events carry the gateway's clock.
    private static readonly Expected[] Dsmr22 =
    {
        new("", "Meter reading active energy out", 13, 1, "2.002", "?"),
        new("1-0:1.8.1", "Meter reading active energy out tariff 1", 13, 1, "1.001", "?"),
        new("1-0:1.8.2", "Meter reading active energy out tariff 2", 13, 1, "1.001", "?"),
        new("", "Meter reading active energy in", 13, 1, "2.002", "?"),
        new("1-0:2.8.1", "Meter reading active energy in tariff 1", 13, 1, "1.001", "?"),
        new("1-0:2.8.2", "Meter reading active energy in tariff 2", 13, 1, "1.001", "?"),
        new("1-0:1.7.0", "Active effect out", 14, 0, "1010", "?"),
        new("1-0:2.7.0", "Active effect in", 14, 0, "0", "?"),
        new("", "Gas/water volume M-Bus 1", 28, 0, "1.001", "?"), // (m3) CR LF (00001.001)
    };

    // DSMR 3.0: the same shapes; 0-0:17.0.0(016*A) is a threshold, not a current.
    private static readonly Expected[] Dsmr30 =
    {
        new("", "Meter reading active energy out", 13, 1, "24691.356", "?"),
        new("1-0:1.8.1", "Meter reading active energy out tariff 1", 13, 1, "12345.678", "?"),
        new("1-0:1.8.2", "Meter reading active energy out tariff 2", 13, 1, "12345.678", "?"),
        new("", "Meter reading active energy in", 13, 1, "24691.356", "?"),
        new("1-0:2.8.1", "Meter reading active energy in tariff 1", 13, 1, "12345.678", "?"),
        new("1-0:2.8.2", "Meter reading active energy in tariff 2", 13, 1, "12345.678", "?"),
        new("1-0:1.7.0", "Active effect out", 14, 0, "1190", "?"),
        new("1-0:2.7.0", "Active effect in", 14, 0, "0", "?"),
        new("", "Gas/water volume M-Bus 1", 28, 0, "1.001", "?"),
    };

    public static TheoryData<string, string, string, string> Variants => new()
    {
        // capture, expectations, frame time (UTC), extra configuration
        { "emucs171_be_fluvius.txt", nameof(Fluvius), "2020-05-12T11:54:09Z", "" },
        { "emucs171_be_fluvius_alt.txt", nameof(FluviusAlt), "2023-11-02T11:15:48Z", "" },
        { "emucs_be_fluvius_early_openhab.txt", nameof(FluviusEarly), "2019-11-27T23:00:00Z", "" },
        { "se_landisgyr_e360_ell5_a.txt", nameof(Sweden), "2021-04-07T10:16:27Z", "[GENERAL]\ntimestamp_dst = flag\n" },
        { "dsmr50_hu_eon_sagemcom.txt", nameof(Hungary), "2023-07-24T13:07:30Z", "" },
        { "dsmr_ie_iskra_mie5t.txt", nameof(Ireland), "2023-02-02T12:27:47Z", "" },
        { "dsmr50_at_sagemcom_t210dr_plain.txt", nameof(Austria), "2022-10-06T13:50:14Z", "" },
        { "dsmr50_nl_warmtelink_heat_unpadded_crc.txt", nameof(Heat), "2026-02-15T19:05:23Z", "" },
        { "dsmr22_nl_iskra_mt382-1004.txt", nameof(Dsmr22), "", "" },
        { "dsmr30_nl_iskra_mt382-1000.txt", nameof(Dsmr30), "", "" },
    };

    private static Expected[] Table(string name) => (Expected[])typeof(P1VariantTests)
        .GetField(name, System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!.GetValue(null)!;

    [Theory]
    [MemberData(nameof(Variants))]
    public void PublishesExactlyItsQuantitiesWithTheRightTypesUnitsAndDigits(string capture, string table, string frameTime, string config)
    {
        Expected[] expected = Table(table);
        var messages = DryRun(capture, config);
        Assert.Equal(expected.Select(e => e.Note), messages.Select(m => m.Note)); // these, in this order, and nothing else
        string telegram = Encoding.Latin1.GetString(Corpus.Bytes("dsmr", capture));
        for (int i = 0; i < expected.Length; i++)
        {
            var (e, m) = (expected[i], messages[i]);
            Assert.True(e.Type == m.Type && e.Unit == m.Unit && e.Digits == m.Digits,
                $"{capture} {e.Note}: expected type {e.Type} unit {e.Unit} {e.Digits}, published type {m.Type} unit {m.Unit} {m.Digits}");
            if (e.Time != "?") Assert.Equal(e.Time == "F" ? frameTime : e.Time, m.Time);
            if (e.Obis.Length == 0) continue;
            // independently of the table above: the telegram's own number and unit give the published type, unit and value
            var (number, unit) = LastValue(telegram, e.Obis);
            Assert.True(UnitTable.TryGetValue(unit, out var rule), $"{capture} {e.Obis}: unit '{unit}' is not in the test's table");
            Assert.Equal((rule.Type, rule.Unit), (m.Type, m.Unit));
            decimal meter = decimal.Parse(number, CultureInfo.InvariantCulture);
            decimal published = decimal.Parse(m.Digits, NumberStyles.Float, CultureInfo.InvariantCulture);
            Assert.Equal(rule.Shift >= 0 ? meter * Pow10(rule.Shift) : meter / Pow10(-rule.Shift), published);
        }
    }

    [Fact]
    public void SwedishTimeNeedsTheFlagRule()
    {
        // By the calendar, 2021-04-07 11:16:27 would be summer time (09:16:27Z); the meter means normal time, UTC+1.
        Assert.All(DryRun("se_landisgyr_e360_ell5_a.txt", ""), m => Assert.Equal("2021-04-07T09:16:27Z", m.Time));
        Assert.All(DryRun("se_landisgyr_e360_ell5_a.txt", "[GENERAL]\ntimestamp_dst = flag\n"), m => Assert.Equal("2021-04-07T10:16:27Z", m.Time));
        // The Belgian meter's S flag on a winter history entry does not move it: the calendar rule places it (default).
        Assert.Contains(DryRun("emucs171_be_fluvius.txt", ""), m => m.Note == "Maximum demand out this month" && m.Time == "2020-05-09T11:45:58Z");
    }

    [Fact]
    public void SwitchingDemandOffLeavesTheBelgianPeaksOut()
    {
        var messages = DryRun("emucs171_be_fluvius.txt", "[GENERAL]\nsend_demand = false\n");
        Assert.DoesNotContain(messages, m => m.Type == 14 && m.Note.Contains("demand"));
        Assert.Equal(Fluvius.Length - 2, messages.Count);
    }

    /// <summary>One published VSCP event, decoded.</summary>
    public sealed record Message(string Topic, string Note, int Type, int Unit, string Digits, string Time);

    /// <summary>The VSCP events <c>dry-run</c> prints for a capture with the default configuration plus <paramref name="config"/>.</summary>
    public static List<Message> DryRun(string capture, string config)
    {
        GatewayConfig cfg = GatewayConfig.Load(config);
        var output = new StringWriter();
        var errors = new StringWriter();
        int exit = DryRunCommand.Run(cfg, ProtocolCatalog.CreateDecoder(ProtocolCatalog.Dsmr, ProtocolCatalog.OptionsFrom(cfg)), Corpus.Bytes("dsmr", capture), output, errors);
        Assert.True(exit == ExitCodes.Ok, errors.ToString());
        var result = new List<Message>();
        foreach (string line in output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var outer = JsonDocument.Parse(line);
            string topic = outer.RootElement.GetProperty("topic").GetString()!;
            string payload = outer.RootElement.GetProperty("payload").GetString()!;
            if (!topic.StartsWith("vscp/")) continue;
            using var doc = JsonDocument.Parse(payload);
            var root = doc.RootElement;
            var measurement = root.GetProperty("measurement");
            result.Add(new Message(topic, root.GetProperty("vscpNote").GetString()!, root.GetProperty("vscpType").GetInt32(),
                measurement.GetProperty("unit").GetInt32(), measurement.GetProperty("value").GetRawText(), root.GetProperty("vscpDateTime").GetString()!));
        }
        return result;
    }

    // The number and unit text of the last "(…)" group of the line of 'obis' ("000123.456kWh" and "02.589*kW" alike).
    private static (string Number, string Unit) LastValue(string telegram, string obis)
    {
        var line = Regex.Match(telegram, "^" + Regex.Escape(obis) + @"(\(.*\))\r?$", RegexOptions.Multiline);
        Assert.True(line.Success, obis + " is not in the telegram");
        string group = Regex.Matches(line.Groups[1].Value, @"\(([^)]*)\)")[^1].Groups[1].Value;
        var value = Regex.Match(group, @"^(-?[0-9.]+)\*?(.*)$");
        Assert.True(value.Success, $"{obis}: ({group}) is not a number");
        return (value.Groups[1].Value, value.Groups[2].Value);
    }

    private static decimal Pow10(int n)
    {
        decimal r = 1;
        for (int i = 0; i < n; i++) r *= 10;
        return r;
    }
}
