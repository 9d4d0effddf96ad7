using System.Globalization;
using SaeLab.Evaluation;
using SaeLab.Reports;

namespace SaeLab.Figures;

/// <summary>
/// The PNG figures of an evaluation: three per-feature histograms and two bar charts of the graded metrics, each
/// metric with its own verdict thresholds. Every title names the SAE.
/// </summary>
public static class EvaluationFigures
{
    // Usage counts are integers: bins hold whole numbers of vectors, at most this many bins.
    private const int UsageBins = 50;
    private const int ValueBins = 50;

    /// <summary>Writes the figures of <paramref name="sae"/>'s evaluation into <paramref name="directory"/> (created if needed); returns their paths.</summary>
    public static IReadOnlyList<string> Write(string directory, string sae, EvaluationResult result)
    {
        Directory.CreateDirectory(directory);
        FeatureStatistics features = result.Features;
        EvaluationMetrics metrics = result.Metrics;
        VerdictThresholds thresholds = result.Verdict.Thresholds;
        string active = $"|z| > {features.ActiveThreshold.ToString("G3", CultureInfo.InvariantCulture)}";
        string dead = features.DeadCount == 0 ? "no dead features" : $"{features.DeadCount} dead features not drawn";
        string Output(string name) => Path.Combine(directory, name);
        string[] paths = [Output("feature_usage.png"), Output("max_activation.png"), Output("feature_density.png"), Output("reconstruction.png"), Output("sparsity.png")];
        Chart.Histogram(
            paths[0], HistogramBins.IntegerAligned([.. features.Usage.Select(u => (double)u)], UsageBins),
            $"{sae}: feature usage ({metrics.DSae} features, {metrics.Vectors} vectors)", $"vectors with {active}", "features", logCounts: true);
        Chart.Histogram(
            paths[1], HistogramBins.Equal([.. features.MaxActivation.Select(m => (double)m)], ValueBins),
            $"{sae}: largest activation of each feature", "max z over all vectors", "features", logCounts: true);
        Chart.Histogram(
            paths[2], HistogramBins.Equal(features.LiveLog10Density(), ValueBins),
            $"{sae}: density of the {metrics.ActiveFeatures} live features ({dead})", $"log10 fraction of vectors with {active}", "features", logCounts: true);
        Chart.Bars(
            paths[3],
            [
                new("explained variance", metrics.ExplainedVariance, [Above("GOOD", thresholds.ExplainedVarianceGood), Above("FAIR", thresholds.ExplainedVarianceFair)]),
                new("cosine similarity", metrics.CosineSimilarity, []),
            ],
            $"{sae}: reconstruction {EvaluationReport.Grade(result.Verdict.Reconstruction)} (graded on explained variance)", "fraction");
        Chart.Bars(
            paths[4],
            [
                new("dead fraction", metrics.DeadFraction, [Below("GOOD", thresholds.DeadFractionGood), Below("FAIR", thresholds.DeadFractionFair)]),
                new("L0 / d_in", metrics.L0PerInput, [Below("GOOD", thresholds.L0PerInputGood), Below("FAIR", thresholds.L0PerInputFair)]),
            ],
            $"{sae}: sparsity {EvaluationReport.Grade(result.Verdict.Sparsity)} (the worse of the two grades)", "fraction");
        return paths;
    }

    private static ThresholdLine Above(string grade, double value) => new(value, $"{grade} > {value.ToString("0.###", CultureInfo.InvariantCulture)}");

    private static ThresholdLine Below(string grade, double value) => new(value, $"{grade} < {value.ToString("0.###", CultureInfo.InvariantCulture)}");
}
