using System.Globalization;
using SaeLab.IO;
using ScottPlot;

namespace SaeLab.Figures;

/// <summary>
/// The PNG figures SaeLab draws, one small function per kind of chart, all through ScottPlot and all
/// written atomically. Sizes are fixed so reports look alike from run to run.
/// </summary>
public static class Chart
{
    private const int Width = 800;
    private const int Height = 500;

    // Text on heatmap cells and beside lines: large enough to read when the PNG is shown at half size in a report,
    // smaller where many columns share the width.
    private const float CellFontSize = 15;
    private const float DenseCellFontSize = 12;
    private const int DenseColumns = 4;
    private const float NoteFontSize = 13;

    /// <summary>
    /// A histogram of <paramref name="bins"/>; with <paramref name="logCounts"/> bar heights are log10(count + 1) on an
    /// axis labelled in counts (1, 10, 100, …), so one large bin does not flatten the rest and a bin of one still shows.
    /// </summary>
    public static void Histogram(string path, HistogramBins bins, string title, string xLabel, string yLabel, bool logCounts = false)
    {
        var plot = new Plot();
        double[] heights = [.. bins.Counts.Select(c => logCounts ? Math.Log10(c + 1) : c)];
        var bars = plot.Add.Bars(Enumerable.Range(0, heights.Length).Select(bins.Centre).ToArray(), heights);
        foreach (Bar bar in bars.Bars)
        {
            bar.Size = bins.Width;
            bar.LineWidth = 0;
        }

        if (logCounts)
        {
            int largest = bins.Counts.DefaultIfEmpty(0).Max();
            double[] counts = [0, .. LogTicks(1, Math.Max(1, largest))];
            plot.Axes.Left.SetTicks([.. counts.Select(c => Math.Log10(c + 1))], [.. counts.Select(c => c.ToString("N0", CultureInfo.InvariantCulture))]);
            plot.Axes.SetLimitsY(0, Math.Log10(largest + 1) * 1.08);
            yLabel += " (log scale)";
        }
        else
        {
            plot.Axes.Margins(bottom: 0);
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        Save(plot, path);
    }

    /// <summary>Vertical bars, each labelled with its value, and each with its own threshold lines drawn across it alone and labelled.</summary>
    public static void Bars(string path, IReadOnlyList<ChartBar> items, string title, string yLabel)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(items.Select(item => item.Value).ToArray());
        for (int i = 0; i < items.Count; i++)
        {
            bars.Bars[i].Label = items[i].Value.ToString("0.###", CultureInfo.InvariantCulture);
            bars.Bars[i].FillColor = plot.Add.Palette.GetColor(i);
            foreach (ThresholdLine threshold in items[i].Thresholds)
            {
                AddThreshold(plot, i, threshold);
            }
        }

        bars.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, items.Count).Select(i => (double)i)], [.. items.Select(item => item.Label)]);
        double low = Math.Min(0, items.Select(item => item.Value).Where(double.IsFinite).DefaultIfEmpty(0).Min());
        double high = Math.Max(1, items.SelectMany(item => item.Thresholds.Select(t => t.Value).Append(item.Value)).Where(double.IsFinite).DefaultIfEmpty(1).Max());
        // Room below a negative bar and above the tallest for the value labels.
        plot.Axes.SetLimits(-0.6, items.Count - 0.4, low * 1.15, high * 1.1);
        plot.Title(title);
        plot.YLabel(yLabel);
        Save(plot, path);
    }

    /// <summary>
    /// A heatmap of <paramref name="cells"/> (confusion matrices, token × layer accuracy grids), coloured on the fixed
    /// <paramref name="scale"/> so that heatmaps of one kind compare, with each cell's text written on it. Row 0 is drawn at the top.
    /// </summary>
    public static void Heatmap(string path, HeatmapCells cells, string title, string xLabel, string yLabel, ColourScale scale)
    {
        var plot = new Plot();
        int rows = cells.Values.GetLength(0), columns = cells.Values.GetLength(1);
        var heatmap = plot.Add.Heatmap(cells.Values);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(scale.Min, scale.Max);
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                // ScottPlot draws row 0 at the top, centred on y = rows - 1 - r.
                var text = plot.Add.Text(cells.Texts[r, c], c, rows - 1 - r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = columns > DenseColumns ? DenseCellFontSize : CellFontSize;
                text.LabelBold = true;
                // Viridis is dark below about 0.6 of its range and light above.
                text.LabelFontColor = scale.Fraction(cells.Values[r, c]) > 0.6 ? Colors.Black : Colors.White;
            }
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, columns).Select(i => (double)i)], [.. cells.ColumnLabels]);
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i))], [.. cells.RowLabels]);
        plot.Axes.Bottom.TickLabelStyle.FontSize = NoteFontSize;
        plot.Axes.Left.TickLabelStyle.FontSize = NoteFontSize;
        var colourBar = plot.Add.ColorBar(new MarkedColourAxis(heatmap.Colormap, scale));
        colourBar.Label = scale.Marker is null ? scale.Label : $"{scale.Label} (black line: {scale.MarkerLabel})";
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        Save(plot, path);
    }

    /// <summary>Points with labels, with an optional line through the subset flagged in <paramref name="highlighted"/> (e.g. a Pareto frontier).</summary>
    public static void Scatter(string path, IReadOnlyList<double> xs, IReadOnlyList<double> ys, IReadOnlyList<string> pointLabels, string title, string xLabel, string yLabel, IReadOnlyList<bool>? highlighted = null)
    {
        var plot = new Plot();
        var points = plot.Add.ScatterPoints(xs.ToArray(), ys.ToArray());
        points.MarkerSize = 9;
        for (int i = 0; i < xs.Count; i++)
        {
            var label = plot.Add.Text(pointLabels[i], xs[i], ys[i]);
            label.LabelFontSize = 11;
            label.LabelAlignment = Alignment.LowerLeft;
            label.OffsetX = 6;
            label.OffsetY = -4;
        }

        // Room on the right and top for the labels of the outermost points.
        plot.Axes.Margins(left: 0.05, right: 0.2, bottom: 0.08, top: 0.12);

        if (highlighted is not null)
        {
            var frontier = Enumerable.Range(0, xs.Count).Where(i => highlighted[i]).OrderBy(i => xs[i]).ToArray();
            if (frontier.Length > 0)
            {
                var line = plot.Add.ScatterLine(frontier.Select(i => xs[i]).ToArray(), frontier.Select(i => ys[i]).ToArray());
                line.LinePattern = LinePattern.Dashed;
                line.LegendText = "frontier";
            }
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        Save(plot, path);
    }

    /// <summary>
    /// One or more named series against their index (per-epoch curves), the legend beside the plot rather than over
    /// the data; with <paramref name="logY"/> the axis is logarithmic, labelled in the values themselves.
    /// </summary>
    public static void Lines(string path, IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>> series, string title, string xLabel, string yLabel, bool logY = false)
    {
        var plot = new Plot();
        foreach (var (name, values) in series)
        {
            double[] ys = [.. values.Select(v => logY ? Math.Log10(Math.Max(v, 1e-12)) : v)];
            var line = plot.Add.ScatterLine(Enumerable.Range(1, ys.Length).Select(i => (double)i).ToArray(), ys);
            line.LegendText = name;
            line.LineWidth = 2;
        }

        if (logY)
        {
            double[] values = [.. series.SelectMany(s => s.Value).Where(v => v > 0 && double.IsFinite(v))];
            double[] ticks = values.Length == 0 ? [] : LogTicks(values.Min(), values.Max());
            plot.Axes.Left.SetTicks([.. ticks.Select(Math.Log10)], [.. ticks.Select(t => t.ToString("G3", CultureInfo.InvariantCulture))]);
            yLabel += " (log scale)";
        }

        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };

        plot.ShowLegend(Edge.Right);
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        Save(plot, path);
    }

    /// <summary>
    /// Tick values 1, 2, 5 × 10^k (and 3 where the range spans less than a decade) covering [<paramref name="min"/>,
    /// <paramref name="max"/>], one below and one above, for a log axis labelled in the values themselves.
    /// </summary>
    internal static double[] LogTicks(double min, double max)
    {
        double[] mantissas = max / min < 10 ? [1, 2, 3, 5] : [1, 2, 5];
        var ticks = new List<double>();
        for (int power = (int)Math.Floor(Math.Log10(min)); power <= (int)Math.Ceiling(Math.Log10(max)); power++)
        {
            // Dividing for negative powers keeps 0.3 exact (3 × 0.1 is 0.30000000000000004).
            ticks.AddRange(mantissas.Select(m => power >= 0 ? m * Math.Pow(10, power) : m / Math.Pow(10, -power)));
        }

        double below = ticks.Where(t => t <= min).DefaultIfEmpty(min).Max(), above = ticks.Where(t => t >= max).DefaultIfEmpty(max).Min();
        return [.. ticks.Where(t => t >= below && t <= above)];
    }

    // The line spans the bar; its label sits on a white ground just above the line at the bar's right end.
    private static void AddThreshold(Plot plot, int bar, ThresholdLine threshold)
    {
        var line = plot.Add.Line(bar - 0.4, threshold.Value, bar + 0.4, threshold.Value);
        line.LinePattern = LinePattern.Dashed;
        line.LineColor = Colors.Black;
        line.LineWidth = 1.5f;
        var label = plot.Add.Text(threshold.Label, bar + 0.4, threshold.Value);
        label.LabelAlignment = Alignment.LowerRight;
        label.LabelFontSize = NoteFontSize;
        label.LabelFontColor = Colors.Black;
        label.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
    }

    private static void Save(Plot plot, string path)
    {
        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.WriteAllBytes(path, png);
    }
}
