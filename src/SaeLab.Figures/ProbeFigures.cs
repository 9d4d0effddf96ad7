using System.Globalization;
using SaeLab.Probing;
using SaeLab.Probing.Grid;
using SaeLab.Probing.Metrics;

namespace SaeLab.Figures;

/// <summary>
/// The PNG figures of probing: a probe's confusion matrix and the raw accuracy grid, each on a fixed colour scale from 0
/// so that figures of one kind compare at a glance.
/// </summary>
public static class ProbeFigures
{
    /// <summary>
    /// Writes <paramref name="result"/>'s confusion matrix (rows true, columns predicted) as a PNG heatmap titled
    /// <paramref name="name"/> (the probe, naming its SAE or raw). Cells are coloured by the fraction of their true
    /// class (recall along the diagonal), 0 to 1 for every matrix, and show that fraction and the count.
    /// </summary>
    public static void WriteConfusionMatrix(string path, string name, ProbeResult result)
    {
        ClassificationMetrics m = result.Metrics;
        int k = m.Classes.Count;
        var fractions = new double[k, k];
        var texts = new string[k, k];
        for (int r = 0; r < k; r++)
        {
            int truth = m.ConfusionMatrix[r].Sum();
            for (int c = 0; c < k; c++)
            {
                int count = m.ConfusionMatrix[r][c];
                fractions[r, c] = truth == 0 ? 0 : (double)count / truth;
                texts[r, c] = string.Create(CultureInfo.InvariantCulture, $"{fractions[r, c]:0.00}\n({count})");
            }
        }

        Chart.Heatmap(
            path, new HeatmapCells(fractions, texts, m.Classes, m.Classes),
            string.Create(CultureInfo.InvariantCulture, $"{name} ({result.Aggregation}): accuracy {m.Accuracy:0.000} on {result.TestSize} test problems, majority {result.MajorityAccuracy:0.000}"),
            "predicted", "true", new ColourScale(0, 1, "fraction of the true class"));
    }

    /// <summary>
    /// Writes the grid's layer × token heatmap, <see cref="ProbeOutputs.GridPng"/>, into <paramref name="directory"/>:
    /// accuracy on a fixed 0–1 scale with chance marked on the colour bar, each cell with its 95% interval.
    /// </summary>
    public static void WriteGrid(string directory, AccuracyGrid grid)
    {
        Directory.CreateDirectory(directory);
        double[,] accuracy = grid.AccuracyMatrix();
        var texts = new string[grid.Layers.Length, grid.Tokens.Length];
        foreach (GridCell cell in grid.Cells)
        {
            texts[Array.IndexOf(grid.Layers, cell.Layer), Array.IndexOf(grid.Tokens, cell.Token)] =
                string.Create(CultureInfo.InvariantCulture, $"{cell.Accuracy:0.000}\n{cell.AccuracyCi95.Low:0.00}–{cell.AccuracyCi95.High:0.00}");
        }

        string chance = string.Create(CultureInfo.InvariantCulture, $"chance {grid.ChanceAccuracy:0.000}");
        Chart.Heatmap(
            Path.Combine(directory, ProbeOutputs.GridPng),
            new HeatmapCells(accuracy, texts, [.. grid.Layers.Select(l => $"L{l}")], [.. grid.Tokens.Select(t => $"T{t}")]),
            string.Create(CultureInfo.InvariantCulture, $"Raw probe accuracy, 95% interval below: {chance}, majority {grid.MajorityAccuracy:0.000}"),
            "token", "layer", new ColourScale(0, 1, "test accuracy", grid.ChanceAccuracy, chance));
    }
}
