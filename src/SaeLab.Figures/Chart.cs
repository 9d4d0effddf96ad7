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

    /// <summary>A histogram of <paramref name="values"/> in <paramref name="bins"/> equal bins; log-scaled counts optional.</summary>
    public static void Histogram(string path, IReadOnlyList<double> values, string title, string xLabel, int bins = 50, bool logCounts = false)
    {
        var plot = new Plot();
        double[] finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length > 0)
        {
            double min = finite.Min(), max = finite.Max();
            if (max <= min)
            {
                max = min + 1;
            }

            var histogram = ScottPlot.Statistics.Histogram.WithBinCount(bins, min, max);
            histogram.AddRange(finite);
            double[] counts = histogram.Counts.Select(c => logCounts ? Math.Log10(c + 1) : c).ToArray();
            var bars = plot.Add.Bars(histogram.Bins, counts);
            foreach (Bar bar in bars.Bars)
            {
                bar.Size = histogram.FirstBinSize;
                bar.LineWidth = 0;
            }
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(logCounts ? "log10(count + 1)" : "count");
        Save(plot, path);
    }

    /// <summary>Vertical bars, one per label, with optional horizontal reference lines (e.g. verdict thresholds).</summary>
    public static void Bars(string path, IReadOnlyList<string> labels, IReadOnlyList<double> values, string title, string yLabel, IReadOnlyList<double>? referenceLines = null)
    {
        var plot = new Plot();
        var bars = plot.Add.Bars(values.ToArray());
        for (int i = 0; i < bars.Bars.Count; i++)
        {
            bars.Bars[i].Label = values[i].ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            bars.Bars[i].FillColor = plot.Add.Palette.GetColor(i);
        }

        bars.ValueLabelStyle.FontSize = 14;
        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, labels.Count).Select(i => (double)i).ToArray(), labels.ToArray());
        foreach (double line in referenceLines ?? [])
        {
            plot.Add.HorizontalLine(line, 1, Colors.Gray, LinePattern.Dashed);
        }

        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel(yLabel);
        Save(plot, path);
    }

    /// <summary>
    /// A heatmap of <paramref name="cells"/> [rows, columns] with each cell's value written on it
    /// (confusion matrices, token × layer accuracy grids). Row 0 is drawn at the top.
    /// </summary>
    public static void Heatmap(string path, double[,] cells, IReadOnlyList<string> rowLabels, IReadOnlyList<string> columnLabels, string title, string xLabel, string yLabel, string valueFormat = "0.###")
    {
        var plot = new Plot();
        int rows = cells.GetLength(0), columns = cells.GetLength(1);
        var heatmap = plot.Add.Heatmap(cells);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        double max = cells.Cast<double>().Where(double.IsFinite).DefaultIfEmpty(0).Max();
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++)
            {
                // ScottPlot draws row 0 at the top, centred on y = rows - 1 - r.
                var text = plot.Add.Text(cells[r, c].ToString(valueFormat, System.Globalization.CultureInfo.InvariantCulture), c, rows - 1 - r);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = 14;
                text.LabelFontColor = cells[r, c] > max * 0.6 ? Colors.Black : Colors.White;
            }
        }

        plot.Axes.Bottom.SetTicks(Enumerable.Range(0, columns).Select(i => (double)i).ToArray(), columnLabels.ToArray());
        plot.Axes.Left.SetTicks(Enumerable.Range(0, rows).Select(i => (double)(rows - 1 - i)).ToArray(), rowLabels.ToArray());
        plot.Add.ColorBar(heatmap);
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

    /// <summary>One or more named series against their index (loss curves per epoch).</summary>
    public static void Lines(string path, IReadOnlyList<KeyValuePair<string, IReadOnlyList<double>>> series, string title, string xLabel, string yLabel, bool logY = false)
    {
        var plot = new Plot();
        foreach (var (name, values) in series)
        {
            double[] ys = values.Select(v => logY ? Math.Log10(Math.Max(v, 1e-12)) : v).ToArray();
            var line = plot.Add.ScatterLine(Enumerable.Range(1, ys.Length).Select(i => (double)i).ToArray(), ys);
            line.LegendText = name;
        }

        plot.ShowLegend();
        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(logY ? $"log10 {yLabel}" : yLabel);
        Save(plot, path);
    }

    private static void Save(Plot plot, string path)
    {
        byte[] png = plot.GetImageBytes(Width, Height, ImageFormat.Png);
        AtomicFile.WriteAllBytes(path, png);
    }
}
