using SaeLab.Analysis;

namespace SaeLab.Figures;

/// <summary>The PNG figures of a feature analysis.</summary>
public static class AnalysisFigures
{
    /// <summary>The heatmap's file name.</summary>
    public const string SelectivePositionsPng = "selective_positions.png";

    /// <summary>
    /// Writes into <paramref name="directory"/> (created if needed) the (layer × token) heatmap of where
    /// <paramref name="sae"/>'s label-selective features prefer to fire, when the data has positions and some feature
    /// is selective (an all-zero heatmap says nothing a sentence would not: <see cref="HasPositionFigure"/>); returns the paths written.
    /// </summary>
    public static IReadOnlyList<string> Write(string directory, string sae, FeatureAnalysis analysis)
    {
        Directory.CreateDirectory(directory);
        if (!HasPositionFigure(analysis))
        {
            return [];
        }

        PositionEnrichment position = analysis.Position!;
        string path = Path.Combine(directory, SelectivePositionsPng);
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
            HeatmapCells.Formatted(cells, [.. position.Layers.Select(l => $"L{l}")], [.. position.Tokens.Select(t => $"T{t}")], "0"),
            $"{sae}: preferred position of its {analysis.LabelSelectiveFeatures} label-selective features",
            "token",
            "layer",
            new ColourScale(0, position.TopCount, "features"));
        return [path];
    }

    /// <summary>Whether <see cref="Write"/> draws the heatmap: the data has layer and token columns and some label-selective feature has a preferred position (the largest cell count is above 0).</summary>
    public static bool HasPositionFigure(FeatureAnalysis analysis) => analysis.Position is { TopCount: > 0 };
}
