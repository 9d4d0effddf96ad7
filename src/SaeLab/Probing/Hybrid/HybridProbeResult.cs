using SaeLab.Probing.Sparse;
using SaeLab.Statistics;

namespace SaeLab.Probing.Hybrid;

/// <summary>A hybrid probe and its baselines, all on the same split; written as JSON by <c>saelab probe --hybrid --out</c>.</summary>
/// <param name="Aggregation">The aggregation, canonical form.</param>
/// <param name="LabelKey">The label column.</param>
/// <param name="K">Directions, components or dimensions kept.</param>
/// <param name="Ranking"><c>anova_f</c> (see <see cref="FeatureRanking.AnovaF"/>), on the training split.</param>
/// <param name="SaeFeatures">The k SAE features whose decoder directions were used, best first (indices into the aggregated codes).</param>
/// <param name="RawDimensions">The k raw dimensions kept, best first.</param>
/// <param name="PcaExplainedVariance">Variance along each of the k principal components (training split).</param>
/// <param name="SaeDirections">The hybrid: raw activations projected onto the k SAE decoder directions.</param>
/// <param name="Pca">Raw activations projected onto the top k principal components.</param>
/// <param name="RawTopDimensions">The k best raw dimensions.</param>
/// <param name="SaeTopCodes">The k best SAE codes themselves.</param>
/// <param name="RawAll">All raw dimensions: the usual raw baseline.</param>
/// <param name="Comparisons">The hybrid against each of the other four, paired on the test problems.</param>
public sealed record HybridProbeResult(
    string Aggregation,
    string LabelKey,
    int K,
    string Ranking,
    int[] SaeFeatures,
    int[] RawDimensions,
    double[] PcaExplainedVariance,
    ProbeResult SaeDirections,
    ProbeResult Pca,
    ProbeResult RawTopDimensions,
    ProbeResult SaeTopCodes,
    ProbeResult RawAll,
    IReadOnlyList<PairedComparison> Comparisons);
