using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using MeterGateway.Tests.EndToEnd;
using MeterGateway.Tests.Fixtures;
using Xunit;

namespace MeterGateway.Tests.Status;

/// <summary>
/// The power chart of the status page through the real program: <c>metergateway run -c config.ini --http</c> reading a
/// DSMR meter (<c>metergateway simulate</c> replaying a capture) through a socat pty, publishing to mosquitto; then
/// <c>/power.svg</c> over HTTP, and the page and the chart as headless Chromium renders them.
/// </summary>
[Collection(RealComponentsCollection.Name)]
public class PowerChartPageTests
{
    // dsmr50_nl_iskra_mt382.txt: 1-0:1.7.0(00.244*kW), 1-0:2.7.0(00.000*kW). One telegram in the ring's newest minute,
    // its right edge (x 530); top 400 W (4 × 100 W): import y = 188 − round(244 × 160 / 400) = 90, export y = 188.
    private const string Capture = "dsmr50_nl_iskra_mt382.txt";
    private const int ImportColour = 0xC62828;
    private const int ExportColour = 0x2E7D32;

    private static async Task<(GatewayHarness? Harness, Uri Page)> StartAsync()
    {
        int port = ExternalTool.FreePort();
        var h = await GatewayHarness.StartAsync("dsmr", 115200, "none", 8, "", "--http", "127.0.0.1:" + port);
        return (h, new Uri($"http://127.0.0.1:{port}/"));
    }

    // Polls status.json until 'valid' frames were read (a guard of 40 s against a gateway that never gets there).
    private static async Task WaitForFramesAsync(GatewayHarness h, HttpClient http, Uri page, long valid)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(page, "status.json"));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                    if (doc.RootElement.GetProperty("frames").GetProperty("valid").GetInt64() >= valid) return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        Assert.Fail($"not {valid} valid frames on the page within 40 s:\n" + h.GatewayLog);
    }

    private static async Task<string> ChartAsync(HttpClient http, Uri page)
    {
        using var response = await http.GetAsync(new Uri(page, "power.svg"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        string svg = await response.Content.ReadAsStringAsync();
        XDocument.Parse(svg); // well-formed XML
        return svg;
    }

    [SkippableFact]
    public async Task ChartShowsTheTelegramsPower()
    {
        var (h, page) = await StartAsync();
        Skip.If(h == null, GatewayHarness.Missing);
        await using var harness = h!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await WaitForFramesAsync(harness, http, page, 0);
        string empty = await ChartAsync(http, page);
        Assert.Contains(">no power readings yet</text>", empty);
        Assert.DoesNotContain("<path", empty);

        DateTime sent = DateTime.UtcNow;
        using var meter = harness.StartMeter("--protocol", "dsmr", "--count", "1", Corpus.File("dsmr", Capture));
        await WaitForFramesAsync(harness, http, page, 1);
        string svg = await ChartAsync(http, page);
        DateTime drawn = DateTime.UtcNow;
        Assert.Contains("<path id=\"import\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"M530,90h1\"/><circle cx=\"530\" cy=\"90\" r=\"3\" fill=\"#c62828\"/>", svg);
        Assert.Contains("<path id=\"export\" fill=\"none\" stroke=\"#2e7d32\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"M530,188h1\"/><circle cx=\"530\" cy=\"188\" r=\"3\" fill=\"#2e7d32\"/>", svg);
        Assert.Contains(">W</text>", svg);
        foreach (var (label, y) in new[] { ("0", 192), ("100", 152), ("200", 112), ("300", 72), ("400", 32) })
            Assert.Contains($"<text x=\"48\" y=\"{y}\" text-anchor=\"end\">{label}</text>", svg);
        // 4 hours, a UTC hh:mm label at each full hour: 4 of them, the last the hour of the telegram's minute
        var times = Regex.Matches(svg, "text-anchor=\"middle\">(\\d\\d):(\\d\\d)</text>").Select(m => m.Groups[1].Value + ":" + m.Groups[2].Value).ToList();
        Assert.Equal(4, times.Count);
        Assert.All(times, t => Assert.EndsWith(":00", t));
        Assert.Contains(times[3], new[] { sent.ToString("HH:00"), drawn.ToString("HH:00") });

        string html = await http.GetStringAsync(page);
        Assert.Contains("<img id=\"power\" src=\"power.svg\"", html);
        Assert.True(meter.WaitForExit(10000));
    }

    [SkippableFact]
    public async Task ChromiumRendersTheChartAndTheValues()
    {
        using var chromium = HeadlessChromium.Find();
        Skip.If(chromium == null, "chromium is not installed (apt-get install chromium)");
        var (h, page) = await StartAsync();
        Skip.If(h == null, GatewayHarness.Missing);
        await using var harness = h!;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        await WaitForFramesAsync(harness, http, page, 0);
        var chart = new Uri(page, "power.svg");

        // Before any telegram: the empty chart has neither line's colour in it.
        PngImage before = chromium!.Screenshot(chart, 550, 210, 1000, harness.TempPath("empty.png"));
        Assert.Equal(0, before.Count(ImportColour, 40, 0, 0, 550, 210));

        using var meter = harness.StartMeter("--protocol", "dsmr", "--count", "1", Corpus.File("dsmr", Capture));
        await WaitForFramesAsync(harness, http, page, 1);

        // The SVG alone at scale 1: pixels are its coordinates. The dots of the newest minute, the legend's lines.
        PngImage svg = chromium.Screenshot(chart, 550, 210, 1000, harness.TempPath("chart.png"));
        Assert.True(PngImage.Near(svg.At(530, 90), ImportColour, 12), $"import dot at 530,90: {svg.At(530, 90)}");
        Assert.True(PngImage.Near(svg.At(530, 187), ExportColour, 12), $"export dot at 530,187: {svg.At(530, 187)}");
        Assert.True(svg.Count(ImportColour, 12, 526, 86, 535, 95) >= 16, "the import dot is drawn");
        Assert.True(svg.Count(ImportColour, 12, 52, 7, 68, 9) >= 30, "the import legend line (16 × 2 px)");
        Assert.True(svg.Count(ExportColour, 12, 132, 7, 148, 9) >= 30, "the export legend line");
        Assert.Equal(0, svg.Count(ImportColour, 40, 52, 28, 520, 188)); // nothing in the plot before the newest minute

        // The page after its script ran: the values table with names and units, the chart reloaded by the script.
        string dom = chromium.DumpDom(page, 3000);
        Assert.Contains("<td>Active effect out</td><td class=\"n\">244</td><td>W</td>", dom);
        Assert.Contains("<td>Meter reading active energy out</td><td class=\"n\">6.825</td><td>kWh</td>", dom);
        Assert.Matches("<img id=\"power\" src=\"power\\.svg\\?t=\\d+\"", dom);
        PngImage shown = chromium.Screenshot(page, 900, 1400, 3000, harness.TempPath("page.png"));
        Assert.True(shown.Count(ImportColour, 12, 0, 0, 900, 1400) >= 30 + 16, "the chart (legend and dot) on the page");
        Assert.True(meter.WaitForExit(10000));
    }
}
