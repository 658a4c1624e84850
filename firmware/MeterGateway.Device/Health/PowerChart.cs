using MeterGateway.Gateway;

namespace MeterGateway.Health
{
    /// <summary>
    /// The status page's chart (<c>/power.svg</c>, <c>image/svg+xml</c>, docs/status-page.md): the
    /// <see cref="PowerHistory"/> as a small SVG drawn on the server, so both the box and the host serve the same bytes
    /// and the browser needs no script for it. One pixel column pair per minute: the plot is
    /// 2 × (<see cref="PowerHistory.Minutes"/> − 1) px wide and <see cref="PlotHeight"/> px high, the newest minute at
    /// the right edge; the y axis from 0 to a round top (4 steps of 1, 2, 2.5 or 5 × 10ⁿ W, at least 100 W) labelled in
    /// W, or in kW from 1 kW up; the x axis labelled with UTC <c>hh:mm</c> every 10 minutes to 24 hours so that at most
    /// six labels show; import (<c>path id="import"</c>, red) and export (<c>path id="export"</c>, green) as lines
    /// broken where minutes have no value, a dot on the newest minute's value, with a legend. With no value in the ring (nothing read yet, or a meter that
    /// sends no active power) the frame says "no power readings yet". Coordinates are integers:
    /// x = <see cref="Left"/> + 2 × (minute − first minute), y = <see cref="Top"/> + <see cref="PlotHeight"/> −
    /// round(value × <see cref="PlotHeight"/> / top), values clamped to 0…top.
    /// <para>
    /// Written through a <see cref="ChartWriter"/>, at most <see cref="MaxLength"/> bytes; nothing is allocated: whole into
    /// a caller's buffer (<see cref="Write"/>, the host), or in parts through a shorter one (<see cref="Send"/>, the box:
    /// through the loop's status buffer to the socket).
    /// </para>
    /// </summary>
    public static class PowerChart
    {
        /// <summary>x of the plot's left edge (the first minute), in px.</summary>
        public const int Left = 52;
        /// <summary>y of the plot's top edge, in px.</summary>
        public const int Top = 28;
        /// <summary>Height of the plot, in px.</summary>
        public const int PlotHeight = 160;
        /// <summary>Height of the whole image, in px.</summary>
        public const int Height = Top + PlotHeight + 22;
        private const int Right = 20;
        private const string ImportColour = "#c62828";
        private const string ExportColour = "#2e7d32";
        private static readonly int[] TimeSteps = { 10, 15, 30, 60, 120, 180, 360, 720, 1440 };
        private static readonly int[] StepFactors = { 10, 20, 25, 50 };

        /// <summary>Most bytes the chart of a ring of <paramref name="minutes"/> takes.</summary>
        public static int MaxLength(int minutes)
        {
            return 2800 + 22 * minutes;
        }

        /// <summary>Width of the image of a ring of <paramref name="minutes"/>, in px.</summary>
        public static int Width(int minutes)
        {
            return Left + 2 * (minutes - 1) + Right;
        }

        /// <summary>
        /// Writes the chart of <paramref name="history"/> (null: the empty chart of <see cref="PowerHistory.DefaultMinutes"/>)
        /// under the ring's <see cref="PowerHistory.SyncRoot"/>; with a buffer of <see cref="MaxLength"/> bytes and no sink
        /// it is whole in <paramref name="w"/>'s buffer.
        /// </summary>
        public static void Write(PowerHistory history, ChartWriter w)
        {
            if (history == null)
            {
                Draw(null, w);
                return;
            }
            lock (history.SyncRoot)
            {
                Draw(history, w);
            }
        }

        /// <summary>
        /// Sends the chart of <paramref name="history"/> (null: the empty chart) to <paramref name="sink"/> through
        /// <paramref name="buffer"/>, which may be shorter than the chart: draws it once to measure it, hands the sink its
        /// length (<see cref="IPartSink.Begin"/>; false: no body, as for HEAD), then draws it again, handing each full
        /// buffer (<see cref="IPartSink.Part"/>). Meanwhile the ring is held (<see cref="PowerHistory.Hold"/>): both
        /// drawings are of the same samples, and the gateway loop is not held up by a slow client (its samples wait
        /// aside). Returns the chart's length; the bytes sent are those <see cref="Write"/> writes whole.
        /// </summary>
        public static int Send(PowerHistory history, byte[] buffer, ChartWriter w, IPartSink sink)
        {
            if (history != null) history.Hold();
            try
            {
                w.Reset(buffer, 0, null);
                Draw(history, w);
                int length = w.Length;
                if (!sink.Begin(length)) return length;
                w.Reset(buffer, 0, sink);
                Draw(history, w);
                w.Finish();
                return length;
            }
            finally
            {
                if (history != null) history.Release();
            }
        }

        // The whole chart; the ring is locked or held by the caller.
        private static void Draw(PowerHistory history, ChartWriter w)
        {
            int minutes = history == null ? PowerHistory.DefaultMinutes : history.Minutes;
            Frame(w, minutes);
            long newest = history == null ? -1 : history.Newest;
            long first = newest - minutes + 1;
            long max = -1;
            for (long m = first; newest >= 0 && m <= newest; m++)
            {
                max = Max(max, history.Import(m));
                max = Max(max, history.Export(m));
            }
            if (max < 0)
            {
                Empty(w, minutes);
                return;
            }
            long step = StepFor(max);
            Grid(w, minutes, step);
            Times(w, minutes, first);
            Legend(w, minutes);
            Series(w, history, true, first, step * 4);
            Series(w, history, false, first, step * 4);
            w.Raw("</svg>\n");
        }

        private static long Max(long max, int value)
        {
            return value != PowerHistory.NoValue && value > max ? value : max;
        }

        // The smallest step of 1, 2, 2.5 or 5 × 10^n W (at least 25 W) whose four steps reach max.
        private static long StepFor(long max)
        {
            for (long b = 1; ; b *= 10)
            {
                for (int i = 0; i < StepFactors.Length; i++)
                {
                    long step = b * StepFactors[i]; // 10, 20, 25, 50, 100, 200, 250, 500, …
                    if (step >= 25 && step * 4 >= max) return step;
                }
            }
        }

        private static void Frame(ChartWriter w, int minutes)
        {
            int width = Width(minutes);
            w.Raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\""); w.Number(width);
            w.Raw("\" height=\""); w.Number(Height);
            w.Raw("\" viewBox=\"0 0 "); w.Number(width); w.Raw(' '); w.Number(Height);
            w.Raw("\" font-family=\"sans-serif\" font-size=\"11\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
        }

        private static void Empty(ChartWriter w, int minutes)
        {
            int plot = 2 * (minutes - 1);
            w.Raw("<rect x=\""); w.Number(Left); w.Raw("\" y=\""); w.Number(Top); w.Raw("\" width=\""); w.Number(plot);
            w.Raw("\" height=\""); w.Number(PlotHeight); w.Raw("\" fill=\"none\" stroke=\"#ccc\"/><text x=\"");
            w.Number(Left + plot / 2); w.Raw("\" y=\""); w.Number(Top + PlotHeight / 2);
            w.Raw("\" text-anchor=\"middle\" fill=\"#666\">no power readings yet</text></svg>\n");
        }

        // Horizontal lines at 0, 1, 2, 3, 4 steps with their labels; the unit above the labels.
        private static void Grid(ChartWriter w, int minutes, long step)
        {
            int plot = 2 * (minutes - 1);
            bool kw = step * 4 >= 1000;
            w.Raw("<text x=\""); w.Number(Left - 4); w.Raw("\" y=\""); w.Number(Top - 8); w.Raw("\" text-anchor=\"end\">");
            w.Raw(kw ? "kW" : "W"); w.Raw("</text>");
            for (int k = 0; k <= 4; k++)
            {
                int y = Top + PlotHeight - k * PlotHeight / 4;
                w.Raw("<line x1=\""); w.Number(Left); w.Raw("\" y1=\""); w.Number(y); w.Raw("\" x2=\""); w.Number(Left + plot);
                w.Raw("\" y2=\""); w.Number(y); w.Raw(k == 0 ? "\" stroke=\"#888\"/>" : "\" stroke=\"#ddd\"/>");
                w.Raw("<text x=\""); w.Number(Left - 4); w.Raw("\" y=\""); w.Number(y + 4); w.Raw("\" text-anchor=\"end\">");
                long value = k * step;
                if (kw) Kilowatts(w, value);
                else w.Number(value);
                w.Raw("</text>");
            }
        }

        // value W as kW with the digits needed: 2500 → 2.5, 250 → 0.25, 3000 → 3.
        private static void Kilowatts(ChartWriter w, long watts)
        {
            w.Number(watts / 1000);
            long fraction = watts % 1000;
            if (fraction == 0) return;
            w.Raw('.');
            for (long digit = 100; fraction != 0; digit /= 10)
            {
                w.Raw((char)('0' + fraction / digit));
                fraction %= digit;
            }
        }

        // A vertical line and a UTC hh:mm label at each multiple of the time step within the span.
        private static void Times(ChartWriter w, int minutes, long first)
        {
            int every = TimeSteps[TimeSteps.Length - 1];
            for (int i = 0; i < TimeSteps.Length; i++)
            {
                if (minutes / TimeSteps[i] <= 6) { every = TimeSteps[i]; break; }
            }
            long m = (first + every - 1) / every * every;
            for (; m < first + minutes; m += every)
            {
                long x = Left + 2 * (m - first);
                w.Raw("<line x1=\""); w.Number(x); w.Raw("\" y1=\""); w.Number(Top); w.Raw("\" x2=\""); w.Number(x);
                w.Raw("\" y2=\""); w.Number(Top + PlotHeight + 4); w.Raw("\" stroke=\"#eee\"/><text x=\""); w.Number(x);
                w.Raw("\" y=\""); w.Number(Top + PlotHeight + 16); w.Raw("\" text-anchor=\"middle\">");
                int ofDay = (int)(m % 1440);
                TwoDigits(w, ofDay / 60);
                w.Raw(':');
                TwoDigits(w, ofDay % 60);
                w.Raw("</text>");
            }
        }

        private static void TwoDigits(ChartWriter w, int value)
        {
            w.Raw((char)('0' + value / 10));
            w.Raw((char)('0' + value % 10));
        }

        private static void Legend(ChartWriter w, int minutes)
        {
            LegendEntry(w, Left, ImportColour, "import");
            LegendEntry(w, Left + 80, ExportColour, "export");
            w.Raw("<text x=\""); w.Number(Left + 2 * (minutes - 1)); w.Raw("\" y=\"12\" text-anchor=\"end\" fill=\"#666\">one-minute averages, UTC</text>");
        }

        private static void LegendEntry(ChartWriter w, int x, string colour, string name)
        {
            w.Raw("<line x1=\""); w.Number(x); w.Raw("\" y1=\"8\" x2=\""); w.Number(x + 16); w.Raw("\" y2=\"8\" stroke=\"");
            w.Raw(colour); w.Raw("\" stroke-width=\"2\"/><text x=\""); w.Number(x + 20); w.Raw("\" y=\"12\">"); w.Raw(name); w.Raw("</text>");
        }

        // One path per series: M at the first minute of each run of values, L for the next ones; a run of one minute
        // gets a 1 px stroke (h1) so that it shows; a dot (circle of radius 3) marks the newest minute's value.
        private static void Series(ChartWriter w, PowerHistory history, bool import, long first, long top)
        {
            w.Raw("<path id=\""); w.Raw(import ? "import" : "export");
            w.Raw("\" fill=\"none\" stroke=\""); w.Raw(import ? ImportColour : ExportColour);
            w.Raw("\" stroke-width=\"2\" stroke-linecap=\"round\" stroke-linejoin=\"round\" d=\"");
            int minutes = history.Minutes;
            int run = 0;
            long y = 0;
            for (int i = 0; i < minutes; i++)
            {
                long m = first + i;
                int value = import ? history.Import(m) : history.Export(m);
                if (value == PowerHistory.NoValue)
                {
                    if (run == 1) w.Raw("h1");
                    run = 0;
                    continue;
                }
                long v = value < 0 ? 0 : value > top ? top : value;
                w.Raw(run == 0 ? 'M' : 'L');
                w.Number(Left + 2 * i);
                w.Raw(',');
                y = Top + PlotHeight - (v * PlotHeight + top / 2) / top;
                w.Number(y);
                run++;
            }
            if (run == 1) w.Raw("h1");
            w.Raw("\"/>");
            if (run == 0) return;
            // the newest minute's value as a dot, so that a lone minute shows too
            w.Raw("<circle cx=\""); w.Number(Left + 2 * (minutes - 1)); w.Raw("\" cy=\""); w.Number(y);
            w.Raw("\" r=\"3\" fill=\""); w.Raw(import ? ImportColour : ExportColour); w.Raw("\"/>");
        }
    }
}
