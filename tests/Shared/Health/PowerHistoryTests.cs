// Portable (nanoFramework) source: no nullable annotations.
#nullable disable
using System.Threading;
using MeterGateway.Config;
using MeterGateway.Gateway;
using MeterGateway.Health;
using MeterGateway.Link;
using MeterGateway.Protocols;
using MeterGateway.Protocols.Dsmr;
using MeterGateway.Publishing;
using MeterGateway.Readings;
using MeterGateway.Tests.Shared.Dsmr;
using MeterGateway.Tests.Shared.Gateway;
using nanoFramework.TestFramework;

namespace MeterGateway.Tests.Shared.Health
{
    /// <summary>
    /// The power ring of the status page (<see cref="PowerHistory"/>) and its chart (<see cref="PowerChart"/>): one-minute
    /// averages, gaps, wrap-around after the ring's span, a clock set back, the quantities read from a reading set, and
    /// the exact points of the SVG.
    /// </summary>
    [TestClass]
    public class PowerHistoryTests
    {
        // 2023-11-14T22:13:00Z, the start of a minute (1700000000 s = 22:13:20, ScriptedLink's clock).
        private const long M0 = 1699999980 / 60;
        private const int None = PowerHistory.NoValue;

        private static string Chart(PowerHistory history)
        {
            ChartWriter w = new ChartWriter();
            w.Reset(new byte[PowerChart.MaxLength(history != null ? history.Minutes : PowerHistory.DefaultMinutes)], 0, null);
            PowerChart.Write(history, w);
            Assert.IsTrue(w.Whole, "the chart fits MaxLength");
            return Utf8.GetString(w.Buffer, w.Start, w.Length);
        }

        private static void AssertContains(string expected, string text)
        {
            Assert.IsTrue(text.IndexOf(expected) >= 0, "expected " + expected + " in " + text);
        }

        /// <summary>A bucket holds 0..65,534 W (16 bits): a larger average is kept as the top, a negative one as 0.</summary>
        [TestMethod]
        public void AveragesAreKeptWithinSixteenBits()
        {
            PowerHistory h = new PowerHistory(10);
            h.Add(M0 * 60, 65534, 70000);
            h.Add((M0 + 1) * 60, 65535, -5);
            h.Add((M0 + 2) * 60, 2000000000, 1);
            h.Add((M0 + 2) * 60 + 1, 2000000000, -2);
            Assert.AreEqual(65534, h.Import(M0), "the largest exact average");
            Assert.AreEqual(PowerHistory.MaxWatts, h.Export(M0));
            Assert.AreEqual(PowerHistory.MaxWatts, h.Import(M0 + 1));
            Assert.AreEqual(0, h.Export(M0 + 1));
            Assert.AreEqual(PowerHistory.MaxWatts, h.Import(M0 + 2), "the sum of two samples of 2 GW");
            Assert.AreEqual(0, h.Export(M0 + 2), "(1 - 2) / 2");
            Assert.AreEqual(None, h.Import(M0 + 3));
        }

        [TestMethod]
        public void SamplesOfAMinuteAreAveraged()
        {
            PowerHistory h = new PowerHistory(10);
            h.Add(M0 * 60, 1000, 0);
            h.Add(M0 * 60 + 10, 2001, 0);
            h.Add(M0 * 60 + 59, 3000, None); // export missing in this sample: the export average is of the two others
            Assert.AreEqual(2000, h.Import(M0), "(1000 + 2001 + 3000) / 3 = 2000.33");
            Assert.AreEqual(0, h.Export(M0));
            h.Add(M0 * 60 + 60, 1, 7);
            h.Add(M0 * 60 + 61, 2, 8);
            Assert.AreEqual(2, h.Import(M0 + 1), "1.5 rounds half away from zero");
            Assert.AreEqual(8, h.Export(M0 + 1), "7.5");
            Assert.AreEqual(2000, h.Import(M0), "the minute before keeps its average");
            Assert.AreEqual(M0 + 1, h.Newest);
        }

        [TestMethod]
        public void MinutesWithoutSamplesAreGaps()
        {
            PowerHistory h = new PowerHistory(10);
            h.Add(M0 * 60, 400, 0);
            h.Add((M0 + 3) * 60, 250, 300);
            Assert.AreEqual(400, h.Import(M0));
            Assert.AreEqual(None, h.Import(M0 + 1));
            Assert.AreEqual(None, h.Export(M0 + 2));
            Assert.AreEqual(250, h.Import(M0 + 3));
            Assert.AreEqual(None, h.Import(M0 + 4), "after the newest minute");
            Assert.AreEqual(None, h.Import(M0 - 1), "before the first sample");
        }

        [TestMethod]
        public void TheRingWrapsAfterItsSpan()
        {
            PowerHistory h = new PowerHistory(10);
            for (int i = 0; i < 25; i++) h.Add((M0 + i) * 60 + 30, i * 10, None);
            Assert.AreEqual(M0 + 24, h.Newest);
            for (int i = 15; i < 25; i++) Assert.AreEqual(i * 10, h.Import(M0 + i), "minute " + i);
            Assert.AreEqual(None, h.Import(M0 + 14), "older than the span");
            Assert.AreEqual(None, h.Export(M0 + 20), "no export sampled");

            // A bucket reused after a gap shows nothing of the minute it held a span earlier.
            PowerHistory g = new PowerHistory(10);
            g.Add(M0 * 60, 5, 5);
            g.Add((M0 + 12) * 60, 6, 6);
            Assert.AreEqual(None, g.Import(M0 + 10), "same bucket as M0");
            Assert.AreEqual(None, g.Import(M0 + 2 + 9), "cleared in passing");
            Assert.AreEqual(6, g.Import(M0 + 12));

            // A gap longer than the span clears the whole ring.
            g.Add((M0 + 40) * 60, 9, None);
            for (long m = M0 + 31; m < M0 + 40; m++) Assert.AreEqual(None, g.Import(m));
            Assert.AreEqual(9, g.Import(M0 + 40));
        }

        [TestMethod]
        public void LateSamplesAreIgnoredAndAClockSetBackRestarts()
        {
            PowerHistory h = new PowerHistory(10);
            h.Add((M0 + 100) * 60, 100, 0);
            h.Add((M0 + 95) * 60, 999, 999);
            Assert.AreEqual(None, h.Import(M0 + 95), "a minute already passed");
            Assert.AreEqual(M0 + 100, h.Newest);
            h.Add(M0 * 60, 50, 0);
            Assert.AreEqual(M0, h.Newest, "more than the span back: a new start");
            Assert.AreEqual(50, h.Import(M0));
            Assert.AreEqual(None, h.Import(M0 + 100));
            h.Add(0, 1, 1);
            h.Add(M0 * 60, None, None);
            Assert.AreEqual(M0, h.Newest, "no time, or no value: nothing");
            Assert.AreEqual(50, h.Import(M0));
        }

        [TestMethod]
        public void PowerIsReadFromTheMappedQuantities()
        {
            ReadingSet dsmr = new ReadingSet();
            TestReadings.Add(dsmr, "1-0:1.8.0", "000671.578", "kWh");
            TestReadings.Add(dsmr, "1-0:1.7.0", "01.193", "kW");
            TestReadings.Add(dsmr, "1-0:2.7.0", "00.0005", "kW");
            PowerHistory h = new PowerHistory(10);
            h.Add(dsmr, M0 * 60);
            Assert.AreEqual(1193, h.Import(M0), "1.193 kW");
            Assert.AreEqual(1, h.Export(M0), "0.5 W rounds to 1");

            ReadingSet sml = new ReadingSet();
            TestReadings.Add(sml, "1-0:16.7.0", "-523.5", "W");
            h.Add(sml, (M0 + 1) * 60);
            Assert.AreEqual(0, h.Import(M0 + 1), "import − export below 0: nothing imported");
            Assert.AreEqual(524, h.Export(M0 + 1));

            ReadingSet ekm = new ReadingSet();
            TestReadings.Add(ekm, "1-0:15.7.0", "1250", "W");
            TestReadings.Add(ekm, "1-0:35.7.0", "400", "W");
            h.Add(ekm, (M0 + 2) * 60);
            Assert.AreEqual(1250, h.Import(M0 + 2), "an EKM v3 total (absolute) as import");
            Assert.AreEqual(None, h.Export(M0 + 2));

            ReadingSet energyOnly = new ReadingSet();
            TestReadings.Add(energyOnly, "1-0:1.8.0", "12.5", "kWh");
            TestReadings.Add(energyOnly, "1-0:3.7.0", "0.2", "kvar");
            PowerHistory e = new PowerHistory(10);
            e.Add(energyOnly, M0 * 60);
            Assert.AreEqual(-1L, e.Newest, "no active power: nothing added");

            ReadingSet wrongUnit = new ReadingSet();
            TestReadings.Add(wrongUnit, "1-0:1.7.0", "12", "V");
            e.Add(wrongUnit, M0 * 60);
            Assert.AreEqual(-1L, e.Newest, "not in W: not charted");
        }

        [TestMethod]
        public void ChartHasTheExactPoints()
        {
            PowerHistory h = new PowerHistory(10);
            h.Add(M0 * 60, 400, None);           // 22:13
            h.Add((M0 + 1) * 60, 1000, 100);     // 22:14
            h.Add((M0 + 3) * 60 + 5, 250, 300);  // 22:16; 22:15 is a gap
            string svg = Chart(h);
            AssertContains("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"90\" height=\"210\" viewBox=\"0 0 90 210\"", svg);
            // first minute 22:07 at x 52, 2 px a minute; top 1000 W (4 × 250 W): y = 188 − round(W × 160 / 1000)
            AssertContains("id=\"import\" fill=\"none\" stroke=\"#c62828\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"M64,124L66,28M70,148h1\"", svg);
            AssertContains("id=\"export\" fill=\"none\" stroke=\"#2e7d32\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"M66,172h1M70,140h1\"", svg);
            AssertContains("<circle cx=\"70\" cy=\"148\" r=\"3\" fill=\"#c62828\"/>", svg); // the newest minute, 22:16
            AssertContains("<circle cx=\"70\" cy=\"140\" r=\"3\" fill=\"#2e7d32\"/>", svg);
            AssertContains(">kW</text>", svg);
            AssertContains("<text x=\"48\" y=\"192\" text-anchor=\"end\">0</text>", svg);
            AssertContains("<text x=\"48\" y=\"152\" text-anchor=\"end\">0.25</text>", svg);
            AssertContains("<text x=\"48\" y=\"72\" text-anchor=\"end\">0.75</text>", svg);
            AssertContains("<text x=\"48\" y=\"32\" text-anchor=\"end\">1</text>", svg);
            AssertContains("<text x=\"58\" y=\"204\" text-anchor=\"middle\">22:10</text>", svg); // UTC, every 10 minutes
            AssertContains(">import</text>", svg);
            AssertContains(">export</text>", svg);
            Assert.IsTrue(svg.IndexOf("no power readings yet") < 0);
            Assert.AreEqual("</svg>\n", svg.Substring(svg.Length - 7));
        }

        [TestMethod]
        public void ChartOfSmallPowerIsInWattsAndOfFourHoursHasHourLabels()
        {
            PowerHistory h = new PowerHistory(PowerHistory.DefaultMinutes);
            h.Add(M0 * 60, 0, 0);
            h.Add((M0 + 239) * 60, 90, 10);
            string svg = Chart(h);
            // top 100 W: steps of 25 W; minutes 22:13 … 02:12 the next day, labels at the full hours
            AssertContains(">W</text>", svg);
            AssertContains("text-anchor=\"end\">25</text>", svg);
            AssertContains("text-anchor=\"end\">100</text>", svg);
            AssertContains("d=\"M52,188h1M530,44h1\"", svg);
            AssertContains("d=\"M52,188h1M530,172h1\"", svg);
            AssertContains("<text x=\"146\" y=\"204\" text-anchor=\"middle\">23:00</text>", svg);
            AssertContains(">00:00</text>", svg);
            AssertContains(">01:00</text>", svg);
            AssertContains("<text x=\"506\" y=\"204\" text-anchor=\"middle\">02:00</text>", svg);

            PowerHistory importOnly = new PowerHistory(10);
            importOnly.Add(M0 * 60, 100, None);
            string one = Chart(importOnly);
            AssertContains("id=\"export\" fill=\"none\" stroke=\"#2e7d32\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"\"/>", one);
            AssertContains("<circle cx=\"70\" cy=\"28\" r=\"3\" fill=\"#c62828\"/>", one);
            Assert.AreEqual(-1, one.IndexOf("<circle cx=\"70\" cy=\"28\" r=\"3\" fill=\"#2e7d32\""), "no export: no dot");
        }

        [TestMethod]
        public void EmptyChartSaysSo()
        {
            string none = Chart(null);
            AssertContains("no power readings yet", none);
            AssertContains("width=\"550\" height=\"210\"", none);
            PowerHistory h = new PowerHistory(PowerHistory.DefaultMinutes);
            Assert.AreEqual(none, Chart(h), "an empty ring");
            h.Add(M0 * 60, 5, 5);
            h.Add((M0 + 300) * 60, None, None);
            Assert.IsTrue(Chart(h).IndexOf("no power readings yet") < 0);
        }

        // Every other minute a value (every point its own run: "M" + "h1"), values that make the longest numbers (a bucket
        // holds at most PowerHistory.MaxWatts).
        private static PowerHistory Longest()
        {
            PowerHistory h = new PowerHistory(PowerHistory.DefaultMinutes);
            for (int i = 0; i < PowerHistory.DefaultMinutes; i += 2) h.Add((M0 + i) * 60, PowerHistory.MaxWatts - i, 12345 + i);
            return h;
        }

        // Four hours of a household: every minute a value, import and export crossing over.
        private static PowerHistory FourHours()
        {
            PowerHistory h = new PowerHistory(PowerHistory.DefaultMinutes);
            for (int i = 0; i < PowerHistory.DefaultMinutes; i++) h.Add((M0 + i) * 60 + 7, 150 + (i * 37) % 4200, (i * 53) % 2900);
            return h;
        }

        // The chart as the box sends it: through a buffer of bufferBytes, to a collecting sink.
        private static string Sent(PowerHistory history, int bufferBytes, PartCollector sink)
        {
            int length = PowerChart.Send(history, new byte[bufferBytes], new ChartWriter(), sink);
            Assert.AreEqual(length, sink.Length, "the head's length is the body's");
            Assert.AreEqual(length, sink.Announced);
            return Utf8.GetString(sink.Bytes, 0, sink.Length);
        }

        [TestMethod]
        public void ChartsFitMaxLength()
        {
            Assert.AreEqual(4062, Chart(Longest()).Length);
            Assert.AreEqual(5595, Chart(FourHours()).Length, "a point a minute in both series");
            Assert.AreEqual(8080, PowerChart.MaxLength(PowerHistory.DefaultMinutes));
        }

        [TestMethod]
        public void ChartSentInPartsIsTheChartDrawnWhole()
        {
            PowerHistory[] rings = { Longest(), FourHours(), new PowerHistory(PowerHistory.DefaultMinutes), null };
            for (int r = 0; r < rings.Length; r++)
            {
                string whole = Chart(rings[r]);
                // the box's status buffer (StatusHttpServer sends the chart through it), and small odd sizes
                int[] sizes = { GatewayLoop.StatusCapacity, 4096, 97, 20 };
                for (int k = 0; k < sizes.Length; k++)
                {
                    PartCollector sink = new PartCollector(true);
                    Assert.AreEqual(whole, Sent(rings[r], sizes[k], sink), "ring " + r + " through " + sizes[k] + " bytes");
                    Assert.IsTrue(sink.Parts >= (whole.Length + sizes[k] - 1) / sizes[k], "parts: " + sink.Parts);
                    Assert.IsTrue(sink.Largest <= sizes[k]);
                }
            }
            PartCollector box = new PartCollector(true);
            Sent(FourHours(), 4096, box);
            Assert.AreEqual(2, box.Parts, "two parts through 4 KB");
            Assert.AreEqual(4078, box.Largest, "a part ends before the text or number that no longer fits");
        }

        [TestMethod]
        public void HeadGetsTheLengthAndNoParts()
        {
            PartCollector head = new PartCollector(false);
            Assert.AreEqual(Chart(FourHours()).Length, PowerChart.Send(FourHours(), new byte[512], new ChartWriter(), head));
            Assert.AreEqual(0, head.Parts);

            PartCollector gone = new PartCollector(true);
            gone.RefuseAfter = 2;
            PowerHistory h = FourHours();
            PowerChart.Send(h, new byte[512], new ChartWriter(), gone);
            Assert.AreEqual(2, gone.Parts, "a client gone: no parts after the refused one");
            h.Add((M0 + 240) * 60, 5, 5);
            Assert.AreEqual(5, h.Import(M0 + 240), "released after a client went away");
        }

        /// <summary>
        /// While the chart is sent the ring is held: samples of the newest minute and of the next one arriving meanwhile
        /// (here from the sink, between two parts) change neither drawing, and are in the ring after it exactly as if
        /// they had come when it was not held.
        /// </summary>
        [TestMethod]
        public void SamplesWhileTheChartIsSentWaitAndCountAfter()
        {
            PowerHistory held = FourHours();
            PowerHistory free = FourHours();
            long newest = M0 + PowerHistory.DefaultMinutes - 1;
            string before = Chart(held);
            PartCollector sink = new PartCollector(true);
            sink.During = held;
            sink.Samples = new long[] { newest * 60 + 30, 1000, 10, newest * 60 + 40, None, 20, (newest + 1) * 60, 3001, None, (newest + 1) * 60 + 5, 3002, 40, (newest - 5) * 60, 77, 77 };
            Assert.AreEqual(before, Sent(held, 300, sink), "the chart of the ring when it was taken");
            for (int i = 0; i < sink.Samples.Length; i += 3) free.Add(sink.Samples[i], (int)sink.Samples[i + 1], (int)sink.Samples[i + 2]);
            Assert.AreEqual(newest + 1, held.Newest);
            for (long m = newest - PowerHistory.DefaultMinutes; m <= newest + 1; m++)
            {
                Assert.AreEqual(free.Import(m), held.Import(m), "import, minute " + m);
                Assert.AreEqual(free.Export(m), held.Export(m), "export, minute " + m);
            }
            // import (150 + 239·37 mod 4200 = 593, 1000) → 796.5 → 797; export (239·53 mod 2900 = 1067, 10, 20) → 365.67 →
            // 366; the next minute (3001, 3002) → 3002 and 40; the sample of a minute already passed is ignored
            Assert.AreEqual(797, held.Import(newest));
            Assert.AreEqual(366, held.Export(newest));
            Assert.AreEqual(3002, held.Import(newest + 1));
            Assert.AreEqual(40, held.Export(newest + 1));
            Assert.AreEqual(Chart(free), Chart(held));
        }

        /// <summary>A sample that would change the ring at once (two minutes on) waits for the holder's release.</summary>
        [TestMethod]
        public void ASampleTwoMinutesOnWaitsForTheRelease()
        {
            PowerHistory h = FourHours();
            long newest = h.Newest;
            h.Hold();
            h.Add((newest + 1) * 60, 11, 12);
            Thread adder = new Thread(() => h.Add((newest + 2) * 60, 21, 22));
            adder.Start();
            Thread.Sleep(50); // a chance for it to run: it must not change the ring while it is held
            Assert.AreEqual(newest, h.Newest);
            Assert.AreEqual(None, h.Import(newest + 1));
            h.Release();
            adder.Join();
            Assert.AreEqual(newest + 2, h.Newest);
            Assert.AreEqual(11, h.Import(newest + 1));
            Assert.AreEqual(22, h.Export(newest + 2));
        }

        [TestMethod]
        public void TheLoopFeedsEveryValidFrame()
        {
            GatewayConfig config = new GatewayConfig();
            ScriptedLink line = new ScriptedLink();
            PushMeterSource meter = new PushMeterSource(line, new DsmrDecoder(), 115200, LinkParity.None, 8, false, line, config.SerialTimeout * 1000);
            GatewayLoop loop = new GatewayLoop(config.Gateway, meter, new BrokerSession(), new MessageBuilder(config.Messages, TestReadings.Mac(), line), line, "metergateway/t/status");
            loop.Power = new PowerHistory(PowerHistory.DefaultMinutes);
            loop.Start();
            line.Queue(DsmrVectors.Bytes(DsmrVectors.Kaifa));
            for (int i = 0; i < 20; i++) loop.Step(0);
            line.Now = 60000; // the next minute of the loop's clock (the telegram's own time is 2015: the clock wins)
            line.Queue(DsmrVectors.Bytes(DsmrVectors.Kaifa));
            for (int i = 0; i < 20; i++) loop.Step(0);
            Assert.AreEqual(2L, loop.Status.FramesValid);
            Assert.AreEqual(M0 + 1, loop.Power.Newest);
            Assert.AreEqual(333, loop.Power.Import(M0), "1-0:1.7.0(00.333*kW)");
            Assert.AreEqual(0, loop.Power.Export(M0));
            Assert.AreEqual(333, loop.Power.Import(M0 + 1));
        }
    }

    /// <summary>An HTTP client as <see cref="PowerChart.Send"/> sees it: keeps the head's length and the parts.</summary>
    internal sealed class PartCollector : IPartSink
    {
        private readonly bool _wantBody;

        /// <summary>The bytes handed so far.</summary>
        public byte[] Bytes = new byte[16384];
        /// <summary>How many of <see cref="Bytes"/>.</summary>
        public int Length;
        /// <summary>Parts taken, and the largest.</summary>
        public int Parts, Largest;
        /// <summary>The length of <see cref="Begin"/>.</summary>
        public int Announced = -1;
        /// <summary>Refuses the part after this many (the client goes away); 0: never.</summary>
        public int RefuseAfter;
        /// <summary>A ring to add <see cref="Samples"/> to after the first part (seconds, import, export, …).</summary>
        public PowerHistory During;
        /// <summary>Samples to add meanwhile.</summary>
        public long[] Samples;

        /// <summary>A client of a GET (<paramref name="wantBody"/>) or a HEAD.</summary>
        public PartCollector(bool wantBody)
        {
            _wantBody = wantBody;
        }

        /// <inheritdoc/>
        public bool Begin(int length)
        {
            Announced = length;
            return _wantBody;
        }

        /// <inheritdoc/>
        public bool Part(byte[] buffer, int offset, int count)
        {
            if (RefuseAfter > 0 && Parts == RefuseAfter) return false;
            System.Array.Copy(buffer, offset, Bytes, Length, count);
            Length += count;
            Parts++;
            if (count > Largest) Largest = count;
            if (Parts == 1 && During != null)
            {
                for (int i = 0; i < Samples.Length; i += 3) During.Add(Samples[i], (int)Samples[i + 1], (int)Samples[i + 2]);
            }
            return true;
        }
    }
}
