using SaeLab.Evaluation;

namespace SaeLab.Figures;

/// <summary>The PNG figures of an evaluation: three per-feature histograms and two bar charts of the graded metrics.</summary>
public static class EvaluationFigures
{
    /// <summary>Where dead features (density 0) are drawn on the log10 density histogram.</summary>
    public const double DeadLog10DensityFloor = -10;

    /// <summary>Writes the figures into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, EvaluationResult result)
    {
        Directory.CreateDirectory(directory);
        FeatureStatistics features = result.Features;
        EvaluationMetrics metrics = result.Metrics;
        VerdictThresholds thresholds = result.Verdict.Thresholds;
        string threshold = $"|z| > {features.ActiveThreshold:G3}";
        string Output(string name) => Path.Combine(directory, name);
        string[] paths =
        [
            Output("feature_usage.png"),
            Output("max_activation.png"),
            Output("feature_density.png"),
            Output("reconstruction.png"),
            Output("sparsity.png"),
        ];
        Chart.Histogram(paths[0], features.Usage.Select(u => (double)u).ToArray(), $"Feature usage ({metrics.DSae} features)", $"vectors with {threshold}", logCounts: true);
        Chart.Histogram(paths[1], features.MaxActivation.Select(m => (double)m).ToArray(), "Max activation per feature", "max z over all vectors", logCounts: true);
        Chart.Histogram(paths[2], features.Log10Density(DeadLog10DensityFloor), $"Feature density (dead features at {DeadLog10DensityFloor})", $"log10 fraction of vectors with {threshold}");
        Chart.Bars(paths[3], ["explained variance", "cosine similarity"], [metrics.ExplainedVariance, metrics.CosineSimilarity], $"Reconstruction: {EvaluationText.Grade(result.Verdict.Reconstruction)}", "fraction", [thresholds.ExplainedVarianceFair, thresholds.ExplainedVarianceGood]);
        Chart.Bars(paths[4], ["dead fraction", "L0 fraction"], [metrics.DeadFraction, metrics.L0Fraction], $"Sparsity: {EvaluationText.Grade(result.Verdict.Sparsity)}", "fraction", [thresholds.DeadFractionGood, thresholds.DeadFractionFair]);
        return paths;
    }
}
