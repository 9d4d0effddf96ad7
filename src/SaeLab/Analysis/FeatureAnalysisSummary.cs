namespace SaeLab.Analysis;

/// <summary>
/// The few numbers of a <see cref="FeatureAnalysis"/> that fit one table row (a sweep's grid point): how many
/// features are live, how many are label-selective, and where those prefer to fire on each analysed dimension.
/// </summary>
/// <param name="UsedFeatures">Features used by at least one vector (live).</param>
/// <param name="LabelSelectiveFeatures">Features with label selectivity ≥ <paramref name="MinSelectivity"/> used by ≥ <paramref name="MinUsage"/> vectors.</param>
/// <param name="MinSelectivity">The analysis's <see cref="AnalysisOptions.MinSelectivity"/>.</param>
/// <param name="MinUsage">The analysis's <see cref="AnalysisOptions.MinUsage"/>.</param>
/// <param name="Dimensions">Per analysed dimension (the label, then layers and tokens where the data vary them): label-selective features preferring each value.</param>
public sealed record FeatureAnalysisSummary(
    int UsedFeatures,
    int LabelSelectiveFeatures,
    double MinSelectivity,
    int MinUsage,
    IReadOnlyList<DimensionSummary> Dimensions)
{
    /// <summary>The summary of <paramref name="analysis"/>.</summary>
    public static FeatureAnalysisSummary Of(FeatureAnalysis analysis) =>
        new(analysis.UsedFeatures, analysis.LabelSelectiveFeatures, analysis.Options.MinSelectivity, analysis.Options.MinUsage, analysis.Dimensions);
}
