using SaeLab.Probing;

namespace SaeLab.Figures;

/// <summary>The PNG figures of probing: a probe's confusion matrix and the raw accuracy grid.</summary>
public static class ProbeFigures
{
    /// <summary>Writes <paramref name="result"/>'s confusion matrix (rows true, columns predicted) as a PNG heatmap.</summary>
    public static void WriteConfusionMatrix(string path, ProbeResult result)
    {
        ClassificationMetrics m = result.Metrics;
        int k = m.Classes.Count;
        double[,] cells = new double[k, k];
        for (int r = 0; r < k; r++)
        {
            for (int c = 0; c < k; c++)
            {
                cells[r, c] = m.ConfusionMatrix[r][c];
            }
        }

        Chart.Heatmap(
            path, cells, m.Classes, m.Classes,
            $"{result.Source} {result.Aggregation}: accuracy {m.Accuracy:0.000} ({result.TestSize} test problems)",
            "predicted", "true", "0");
    }

    /// <summary>Writes the grid's layer × token heatmap, <see cref="ProbeOutputs.GridPng"/>, into <paramref name="directory"/>.</summary>
    public static void WriteGrid(string directory, AccuracyGrid grid)
    {
        Directory.CreateDirectory(directory);
        Chart.Heatmap(
            Path.Combine(directory, ProbeOutputs.GridPng), grid.AccuracyMatrix(),
            grid.Layers.Select(l => $"L{l}").ToArray(), grid.Tokens.Select(t => $"T{t}").ToArray(),
            $"Raw-activation probe accuracy ({grid.LabelKey})", "token", "layer", "0.000");
    }
}
