using SaeLab.Analysis;

namespace SaeLab.Figures;

/// <summary>The PNG figures of a feature analysis.</summary>
public static class AnalysisFigures
{
    /// <summary>
    /// Writes into <paramref name="directory"/> (created if needed) the (layer × token) heatmap of where the
    /// label-selective features prefer to fire, when the data has positions; returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, FeatureAnalysis analysis)
    {
        Directory.CreateDirectory(directory);
        if (analysis.Position is not { } position)
        {
            return [];
        }

        string path = Path.Combine(directory, "selective_positions.png");
        var cells = new double[position.Layers.Count, position.Tokens.Count];
        for (int l = 0; l < position.Layers.Count; l++)
        {
            for (int t = 0; t < position.Tokens.Count; t++)
            {
                cells[l, t] = position.Counts[l][t];
            }
        }

        Chart.Heatmap(
            path,
            cells,
            position.Layers.Select(l => $"L{l}").ToArray(),
            position.Tokens.Select(t => $"T{t}").ToArray(),
            $"Preferred position of {analysis.LabelSelectiveFeatures} label-selective features",
            "token",
            "layer",
            "0");
        return [path];
    }
}
